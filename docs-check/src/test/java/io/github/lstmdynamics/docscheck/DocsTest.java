package io.github.lstmdynamics.docscheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The docs stay true: every {@code java} block of the repository's Markdown files compiles and runs,
 * and every relative link resolves. The files are {@code *.md} at the root (README.md, CHANGELOG.md)
 * and every {@code *.md} under {@code docs/}, found anew on each run, so a new guide is checked as soon
 * as it exists.
 *
 * <p>How to write a snippet that passes (docs/writing-docs.md says the same for writers):
 * <ul>
 *   <li>Only fences opened with {@code ```java} are compiled and run; {@code sh}, {@code xml},
 *       {@code text} and the others are shown as they are. Each block is compiled on its own, with
 *       {@code --release 17 -Xlint:all}; a warning fails like an error.</li>
 *   <li>Statements (a fragment) become the body of {@code static void run(Path directory) throws
 *       Exception}, with the imports of {@link JavaSnippet#DEFAULT_IMPORTS} ({@code java.io},
 *       {@code java.nio.file}, {@code java.util} and the three library packages). Write files under
 *       {@code directory}, a fresh temporary directory. {@code import} lines at the top of a fragment
 *       add to the imports.</li>
 *   <li>A block with a top-level class, record, interface or enum is a whole program: it must have
 *       {@code public static void main(String[] args)}, which is run.</li>
 *   <li>The snippets see the test class path of this module: {@code ode}, {@code lstm-core},
 *       {@code lstm-io}, {@code examples} and {@code sweep} with Spark's {@code spark-core}; they run
 *       in this JVM, which surefire starts with Spark's JVM options ({@code spark.module.options} of
 *       the root pom.xml). A doc that shows another module's classes needs that module as a test
 *       dependency in docs-check/pom.xml.</li>
 *   <li>Each block has two minutes; keep examples small (a few hundred training steps at most).</li>
 * </ul>
 */
class DocsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    static List<Path> markdownFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> top = Files.list(ROOT)) {
            top.filter(p -> p.getFileName().toString().endsWith(".md") && Files.isRegularFile(p)).forEach(files::add);
        }
        try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
            docs.filter(p -> p.getFileName().toString().endsWith(".md") && Files.isRegularFile(p)).forEach(files::add);
        }
        files.sort(null);
        return files;
    }

    @Test
    void theDocsAreFound() throws IOException {
        List<String> names = markdownFiles().stream().map(p -> ROOT.relativize(p).toString()).collect(Collectors.toList());
        assertTrue(names.contains("README.md") && names.contains("docs/ode.md") && names.contains("docs/lstm.md"),
                "README.md and the guides under docs/ are checked: " + names);
    }

    @TestFactory
    Stream<DynamicTest> everyRelativeLinkResolves() throws IOException {
        return markdownFiles().stream().map(file -> dynamicTest(ROOT.relativize(file) + ": links", () -> {
            List<String> problems = Links.problems(MarkdownDocument.read(file), ROOT);
            assertEquals(List.of(), problems, "broken links in " + ROOT.relativize(file));
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyJavaBlockCompilesAndRuns() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : markdownFiles()) {
            String where = ROOT.relativize(file).toString();
            List<MarkdownDocument.CodeBlock> blocks = MarkdownDocument.read(file).codeBlocks();
            for (int i = 0; i < blocks.size(); i++) {
                MarkdownDocument.CodeBlock block = blocks.get(i);
                if (!block.language().equals("java")) {
                    continue;
                }
                String className = "Snippet_" + where.replaceAll("\\W", "_") + "_" + block.firstLine();
                tests.add(dynamicTest(where + ":" + block.firstLine() + ": java block", () -> {
                    JavaSnippet snippet = JavaSnippet.of(block.code(), className);
                    assertTimeoutPreemptively(Duration.ofMinutes(2),
                            () -> SnippetRunner.compileAndRun(snippet, where, block.firstLine()),
                            where + ":" + block.firstLine() + ": the java block runs for more than two minutes");
                }));
            }
        }
        assertFalse(tests.isEmpty(), "the docs have java blocks");
        return tests.stream();
    }
}
