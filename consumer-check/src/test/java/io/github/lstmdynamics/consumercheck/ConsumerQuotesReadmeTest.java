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
 * The consumer project runs the README's three library examples, not look-alikes: the region between its
 * {@code README-BEGIN} / {@code README-END} markers (indentation removed) is the first Java block
 * under the README heading. The library's own {@code ReadmeExampleTest}s tie the same blocks to the
 * modules' tests, so the three copies cannot drift apart.
 */
class ConsumerQuotesReadmeTest {

    private static final Path CONSUMER_TESTS = Path.of("src/it/consumer/src/test/java/com/example/consumer");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "SolveOdeTest.java  | ## Solve an ODE (`ode`)",
        "TrainLstmTest.java | ## Train an LSTM (`lstm-core`)",
        "SaveModelTest.java | ## Save, load and resume (`lstm-io`)",
    })
    void consumerRunsTheReadmeExample(String consumerSource, String readmeHeading) throws IOException {
        List<String> source = Files.readAllLines(CONSUMER_TESTS.resolve(consumerSource));
        String region = source.subList(
                        source.indexOf("        // README-BEGIN") + 1, source.indexOf("        // README-END"))
                .stream()
                .map(line -> line.isBlank() ? "" : line.substring(8))
                .collect(Collectors.joining("\n"));

        String readme = Files.readString(Path.of("..", "README.md"));
        int heading = readme.indexOf("\n" + readmeHeading + "\n");
        assertTrue(heading >= 0, "README.md has no heading " + readmeHeading);
        int begin = readme.indexOf("```java\n", heading) + "```java\n".length();
        int end = readme.indexOf("\n```", begin);
        assertEquals(readme.substring(begin, end), region,
                consumerSource + " must run the code block under \"" + readmeHeading + "\" of README.md verbatim");
    }
}
