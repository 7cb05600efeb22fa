package io.github.lstmdynamics.docscheck;

import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Compiles a {@link JavaSnippet} with the JDK's compiler against this module's test class path (the
 * libraries it depends on), then runs it in this JVM. A compiler error or anything the snippet throws
 * is an {@link AssertionError} naming the Markdown file and line.
 */
final class SnippetRunner {

    private SnippetRunner() {}

    /**
     * Compiles and runs one snippet.
     *
     * @param snippet the unit
     * @param where the block's file, for messages ("docs/ode.md")
     * @param firstLine the Markdown line of the block's first line of code
     * @throws AssertionError if it does not compile or throws
     */
    static void compileAndRun(JavaSnippet snippet, String where, int firstLine) throws IOException {
        Path work = Files.createTempDirectory("docs-check");
        try {
            Path classes = Files.createDirectory(work.resolve("classes"));
            compile(snippet, classes, where, firstLine);
            Path directory = Files.createDirectory(work.resolve("directory"));
            try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                    SnippetRunner.class.getClassLoader())) {
                Class<?> type = Class.forName(snippet.className(), true, loader);
                Method entry = snippet.fragment() ? type.getMethod("run", Path.class) : type.getMethod("main", String[].class);
                entry.setAccessible(true);
                entry.invoke(null, snippet.fragment() ? directory : (Object) new String[0]);
            } catch (InvocationTargetException e) {
                throw new AssertionError(where + ":" + firstLine + ": the java block throws " + e.getCause(), e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(where + ":" + firstLine + ": cannot run the java block: " + e, e);
            }
        } finally {
            deleteRecursively(work);
        }
    }

    private static void compile(JavaSnippet snippet, Path classes, String where, int firstLine) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new AssertionError("the docs check needs a JDK (javax.tools finds no compiler in " + System.getProperty("java.home") + ")");
        }
        String simpleName = snippet.className().substring(snippet.className().lastIndexOf('.') + 1);
        JavaFileObject source = new SimpleJavaFileObject(URI.create("string:///" + simpleName + ".java"),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return snippet.source();
            }
        };
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StringWriter output = new StringWriter();
        List<String> options = List.of("--release", "17", "-Xlint:all", "-proc:none",
                "-classpath", classPath(), "-d", classes.toString());
        boolean compiled = compiler.getTask(output, null, diagnostics, options, null, List.of(source)).call();
        List<String> messages = diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR || d.getSource() != null
                        && (d.getKind() == Diagnostic.Kind.WARNING || d.getKind() == Diagnostic.Kind.MANDATORY_WARNING))
                .map(d -> where + ":" + markdownLine(snippet, firstLine, d.getLineNumber()) + ": "
                        + d.getKind().toString().toLowerCase(Locale.ROOT) + ": " + d.getMessage(Locale.ROOT))
                .collect(Collectors.toList());
        if (!compiled || !messages.isEmpty()) {
            throw new AssertionError("the java block at " + where + ":" + firstLine + " does not compile cleanly:\n"
                    + String.join("\n", messages) + output + "\n--- as compiled:\n" + snippet.source());
        }
    }

    private static long markdownLine(JavaSnippet snippet, int firstLine, long unitLine) {
        long inBlock = unitLine - snippet.firstCodeLine();
        return inBlock >= 0 ? firstLine + inBlock : firstLine;
    }

    /** Surefire puts the real class path here (its own java.class.path may be a manifest-only jar). */
    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path", "");
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.deleteIfExists(path);
            }
        }
    }
}
