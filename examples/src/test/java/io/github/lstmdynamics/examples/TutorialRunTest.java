package io.github.lstmdynamics.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A short run (20 batches) through the command line, twice with the same seed. */
class TutorialRunTest {

    private static final List<String> FILES =
            List.of("flow-field.png", "predictions.png", "loss.png", "loss.csv", "predictions.csv");

    @TempDir
    static Path temp;
    private static String firstLog;
    private static String secondLog;

    @BeforeAll
    static void runTwice() {
        firstLog = run(temp.resolve("first"));
        secondLog = run(temp.resolve("second"));
    }

    private static String run(Path out) {
        StringWriter log = new StringWriter();
        var commandLine = VanDerPolTutorial.commandLine();
        commandLine.setOut(new PrintWriter(log, true));
        int status = commandLine.execute("--batches", "100", "--batch-size", "8", "--seed", "11",
                "--out", out.toString());
        assertEquals(0, status, log.toString());
        return log.toString();
    }

    @Test
    void writesTheFiveFilesAndNothingElse() throws Exception {
        try (Stream<Path> listing = Files.list(temp.resolve("first"))) {
            List<String> names = listing.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
            assertEquals(FILES.stream().sorted().collect(Collectors.toList()), names, "no temporary files left");
        }
    }

    @Test
    void csvFilesHaveTheDocumentedHeadersAndRows() throws Exception {
        List<String> loss = Files.readAllLines(temp.resolve("first/loss.csv"));
        assertEquals("batch,loss,running_loss", loss.get(0));
        assertEquals(101, loss.size());
        String[] first = loss.get(1).split(",");
        assertEquals("1", first[0]);
        assertEquals(0.1 * Double.parseDouble(first[1]), Double.parseDouble(first[2]), 1e-15);

        List<String> predictions = Files.readAllLines(temp.resolve("first/predictions.csv"));
        assertEquals("sequence,step,t,x1_true,x2_true,x1_pred,x2_pred", predictions.get(0));
        assertEquals(1 + 8 * 21, predictions.size());
        assertTrue(predictions.get(1).startsWith("0,0,0.0,"), predictions.get(1));
        assertTrue(predictions.get(21).startsWith("0,20,2.0,"), predictions.get(21));
        assertTrue(predictions.get(1 + 8 * 21 - 1).startsWith("7,20,2.0,"));
        for (String line : predictions.subList(1, predictions.size())) {
            assertEquals(7, line.split(",").length, line);
        }
    }

    @Test
    void picturesDecodeAtTheExpectedSizes() throws Exception {
        for (String name : List.of("flow-field.png", "predictions.png")) {
            BufferedImage image = ImageIO.read(temp.resolve("first").resolve(name).toFile());
            assertNotNull(image, name);
            assertEquals(800, image.getWidth(), name);
            // Equal aspect on a square view: the height is the width plus the title's band, give or take.
            assertTrue(image.getHeight() > 780 && image.getHeight() < 900, name + " height " + image.getHeight());
        }
        BufferedImage loss = ImageIO.read(temp.resolve("first/loss.png").toFile());
        assertNotNull(loss);
        assertEquals(900, loss.getWidth());
        assertEquals(560, loss.getHeight());
    }

    @Test
    void printsTheTutorialsLinesAndASummary() {
        assertTrue(firstLog.contains("seed 11"), firstLog);
        assertTrue(firstLog.contains("\nBatch #50  Loss "), firstLog);
        assertTrue(firstLog.contains("\nBatch #100  Loss "), firstLog);
        assertTrue(firstLog.contains("\nFinal running loss "), firstLog);
        assertTrue(firstLog.contains("Time: generating data "), firstLog);
        assertTrue(firstLog.contains("Wrote flow-field.png, predictions.png, loss.png, loss.csv, predictions.csv to "),
                firstLog);
    }

    @Test
    void theSameSeedGivesIdenticalFilesAndLines() throws Exception {
        for (String name : FILES) {
            assertArrayEquals(Files.readAllBytes(temp.resolve("first").resolve(name)),
                    Files.readAllBytes(temp.resolve("second").resolve(name)), name);
        }
        assertEquals(withoutTimingsAndPaths(firstLog), withoutTimingsAndPaths(secondLog));
    }

    private static String withoutTimingsAndPaths(String log) {
        return log.lines().filter(line -> !line.startsWith("Time:") && !line.startsWith("Wrote "))
                .collect(Collectors.joining("\n"));
    }
}
