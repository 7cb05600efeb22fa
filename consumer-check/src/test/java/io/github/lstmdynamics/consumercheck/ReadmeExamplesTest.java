package io.github.lstmdynamics.consumercheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The README's library examples are code that runs, twice: the first Java block under each heading
 * is, character for character, the region between the {@code README-BEGIN} / {@code README-END}
 * markers (indentation removed) of the module's own {@code ReadmeExampleTest}, which runs it inside
 * the module, and of the consumer project's test, which runs it from outside the library's packages
 * against the installed artifacts. One check here for all three examples, so none can go stale.
 */
class ReadmeExamplesTest {

    private static final Path ROOT = Path.of("..");
    private static final Path CONSUMER_TESTS = Path.of("src/it/consumer/src/test/java/com/example/consumer");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "## Solve an ODE (`ode`)               | ode/src/test/java/io/github/lstmdynamics/ode/ReadmeExampleTest.java              | SolveOdeTest.java",
        "## Train an LSTM (`lstm-core`)        | lstm-core/src/test/java/io/github/lstmdynamics/lstm/ReadmeExampleTest.java       | TrainLstmTest.java",
        "## Save, load and resume (`lstm-io`)  | lstm-io/src/test/java/io/github/lstmdynamics/lstm/io/ReadmeExampleTest.java   | SaveModelTest.java",
    })
    void readmeBlockIsTheCodeTheTestsRun(String readmeHeading, String moduleTest, String consumerTest)
            throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        int heading = readme.indexOf("\n" + readmeHeading + "\n");
        assertTrue(heading >= 0, "README.md has no heading " + readmeHeading);
        int begin = readme.indexOf("```java\n", heading) + "```java\n".length();
        int end = readme.indexOf("\n```", begin);
        String block = readme.substring(begin, end);

        assertEquals(block, region(ROOT.resolve(moduleTest)),
                moduleTest + " must run the code block under \"" + readmeHeading + "\" of README.md verbatim");
        assertEquals(block, region(CONSUMER_TESTS.resolve(consumerTest)),
                consumerTest + " must run the code block under \"" + readmeHeading + "\" of README.md verbatim");
    }

    /** The lines between the markers, with the eight spaces of a test method's body removed. */
    private static String region(Path source) throws IOException {
        List<String> lines = Files.readAllLines(source);
        int begin = lines.indexOf("        // README-BEGIN");
        int end = lines.indexOf("        // README-END");
        assertTrue(begin >= 0 && end > begin, source + " has no README-BEGIN / README-END region");
        return lines.subList(begin + 1, end).stream()
                .map(line -> line.isBlank() ? "" : line.substring(8))
                .collect(Collectors.joining("\n"));
    }
}
