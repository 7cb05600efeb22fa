package io.github.lstmdynamics.docscheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code java} code block of the docs made into a compilation unit that runs. Two kinds:
 *
 * <ul>
 *   <li><b>A program</b>: the block has a {@code package} or {@code import} line followed by a
 *       top-level type, or a top-level {@code class} / {@code record} / {@code interface} /
 *       {@code enum} declaration at the start of a line. It is compiled as it is written and must
 *       declare {@code public static void main(String[] args)}, which is run with no arguments.</li>
 *   <li><b>A fragment</b>: anything else, that is statements (local classes and records included). It
 *       becomes the body of {@code static void run(Path directory) throws Exception} in a class that
 *       imports {@link #DEFAULT_IMPORTS}; {@code directory} is a fresh temporary directory that is
 *       deleted afterwards, the place for any file the fragment writes. Lines {@code import ...;} at
 *       the top of a fragment are moved to the top of the unit, for anything beyond the defaults.</li>
 * </ul>
 *
 * @param source the compilation unit
 * @param className the binary name of the class to run
 * @param fragment whether the block was a fragment ({@code run(Path)}) or a program ({@code main})
 * @param firstCodeLine the line of the unit that holds the block's first line (1-based), so that a
 *     compiler message maps back to the Markdown file
 */
record JavaSnippet(String source, String className, boolean fragment, int firstCodeLine) {

    /** What every fragment imports. */
    static final List<String> DEFAULT_IMPORTS = List.of(
            "java.io.*", "java.nio.file.*", "java.util.*",
            "io.github.lstmdynamics.ode.*", "io.github.lstmdynamics.lstm.*", "io.github.lstmdynamics.lstm.io.*");

    private static final Pattern TOP_LEVEL_TYPE = Pattern.compile(
            "(?m)^(?:public\\s+|final\\s+|abstract\\s+|sealed\\s+)*(class|record|interface|enum)\\s+(\\w+)");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+)\\s*;");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(static\\s+)?[\\w.]+(\\.\\*)?\\s*;\\s*$");
    private static final Pattern MAIN = Pattern.compile("public\\s+static\\s+void\\s+main\\s*\\(\\s*String");

    /**
     * Makes a block into a unit.
     *
     * @param code the block's code
     * @param fragmentClassName the simple name to give a fragment's class
     * @return the unit
     * @throws IllegalArgumentException if the block is a program without a {@code main}
     */
    static JavaSnippet of(String code, String fragmentClassName) {
        Matcher type = TOP_LEVEL_TYPE.matcher(code);
        if (type.find()) {
            if (!MAIN.matcher(code).find()) {
                throw new IllegalArgumentException("a java block that declares a top-level type is a program and needs "
                        + "'public static void main(String[] args)' (or write statements only: they are wrapped in a method)");
            }
            String mainType = mainType(code).orElse(type.group(2));
            Matcher pkg = PACKAGE.matcher(code);
            String className = pkg.find() ? pkg.group(1) + "." + mainType : mainType;
            return new JavaSnippet(code + "\n", className, false, 1);
        }
        List<String> lines = new ArrayList<>(List.of(code.split("\n", -1)));
        List<String> imports = new ArrayList<>();
        int skipped = 0;
        while (!lines.isEmpty() && (lines.get(0).isBlank() || IMPORT.matcher(lines.get(0).strip()).matches())) {
            if (!lines.get(0).isBlank()) {
                imports.add(lines.get(0).strip());
            }
            lines.remove(0);
            skipped++;
        }
        StringBuilder unit = new StringBuilder();
        for (String defaultImport : DEFAULT_IMPORTS) {
            unit.append("import ").append(defaultImport).append(";\n");
        }
        for (String own : imports) {
            unit.append(own).append('\n');
        }
        unit.append("public final class ").append(fragmentClassName).append(" {\n");
        unit.append("    public static void run(Path directory) throws Exception {\n");
        int firstCodeLine = (int) unit.chars().filter(c -> c == '\n').count() + 1 - skipped;
        unit.append(String.join("\n", lines)).append('\n');
        unit.append("    }\n}\n");
        return new JavaSnippet(unit.toString(), fragmentClassName, true, firstCodeLine);
    }

    /** The simple name of the top-level type whose body declares {@code main}. */
    private static Optional<String> mainType(String code) {
        Matcher main = MAIN.matcher(code);
        if (!main.find()) {
            return Optional.empty();
        }
        String owner = null;
        Matcher type = TOP_LEVEL_TYPE.matcher(code);
        while (type.find() && type.start() < main.start()) {
            owner = type.group(2);
        }
        return Optional.ofNullable(owner);
    }
}
