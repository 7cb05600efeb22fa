package io.github.lstmdynamics.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line end to end on an embedded Spark: what the driver prints and what it writes. */
class SweepCommandLineTest {

    @TempDir
    Path temp;

    @Test
    void printsALinePerFinishedRunWithHowManyRemainAndWritesTheFourFiles() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path dir = temp.resolve("sweep");
        int status = SweepMain.run(new String[] {"--hidden", "3,4", "--seeds", "1-2", "--batches", "4",
            "--batch-size", "3", "--master", "local[2]", "--out", dir.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String log = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, log + err.toString(StandardCharsets.UTF_8));

        List<String> runLines = log.lines().filter(line -> line.startsWith("run ")).collect(Collectors.toList());
        assertEquals(4, runLines.size(), log);
        for (int k = 0; k < 4; k++) {
            String line = runLines.get(k);
            assertTrue(line.matches("run [1-4]/4 \\(hidden [34], seed [12]\\): running loss .*, held-out .*,"
                    + " closed-loop .* s; " + (3 - k) + " remain"), line);
        }
        assertTrue(log.startsWith("sweep: 4 runs (2 settings x 2 seeds) on local[2,4]"), log);
        assertTrue(log.contains("sweep: 4 runs done in "), log);
        assertTrue(log.contains("sweep: best held-out loss "), log);
        try (var listing = Files.list(dir)) {
            assertEquals(List.of(Sweep.BEST_MODEL, Sweep.RUNS, Sweep.SUMMARY, Sweep.CHART),
                    listing.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList()));
        }
        assertEquals("", err.toString(StandardCharsets.UTF_8), "no error message");
    }
}
