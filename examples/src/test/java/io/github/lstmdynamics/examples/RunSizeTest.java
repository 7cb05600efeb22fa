package io.github.lstmdynamics.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Options that are each within range but together need arrays larger than Java allows, or more memory
 * than the JVM may use, are refused before any work, with a message that names the options; the run used
 * to fail in EJML or with an OutOfMemoryError after minutes, leaving files behind.
 */
class RunSizeTest {

    @TempDir
    Path temp;

    @Test
    void arraysBeyondJavasLimitAreRefusedNamingTheOptions() {
        Path out = temp.resolve("never");
        TutorialCli.Run run = TutorialCli.run("--batch-size", "100000", "--t-end", "10000", "--dt", "0.1",
                "--out", out.toString());
        assertEquals(2, run.status(), run.err());
        assertTrue(run.err().contains("--batch-size 100000 and --t-end 10000.0 / --dt 0.1 (100001 samples) give"
                + " 10000100000 rows of training data per batch; with --hidden 20 the hidden states of a batch need"
                + " 200004000000 values in one array"), run.err());
        assertTrue(run.err().contains("lower --batch-size or --t-end, or raise --dt"), run.err());
        assertTrue(Files.notExists(out));
    }

    @Test
    void moreMemoryThanTheJvmMayUseIsRefusedNamingTheOptions() {
        Path out = temp.resolve("never");
        TutorialCli.Run run = TutorialCli.run("--t-end", "10000", "--dt", "0.1", "--batch-size", "200",
                "--out", out.toString());
        assertEquals(2, run.status(), run.err());
        assertTrue(run.err().contains("--batch-size 200 and --t-end 10000.0 / --dt 0.1 (100001 samples) with --hidden 20"
                + " need about "), run.err());
        assertTrue(run.err().contains("this JVM may use (-Xmx)"), run.err());
        assertTrue(!run.err().contains("\tat "), "no stack trace");
        assertTrue(Files.notExists(out), "no flow-field.png or anything else");
    }

    @Test
    void theApiChecksTheSameBeforeAnyWork() {
        TutorialConfig config = new TutorialConfig(10, 200, 20, 0.05, 0.1, 10000, 0.1, 1, temp.resolve("api"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tutorial.run(config, new java.io.PrintWriter(java.io.Writer.nullWriter())));
        assertTrue(e.getMessage().contains("need about"), e.getMessage());
        assertTrue(Files.notExists(temp.resolve("api")));
    }

    @Test
    void theEstimateGrowsWithEverySizeAndFitsTheTutorial() {
        TutorialConfig tutorial = TutorialConfig.defaults();
        long bytes = RunSize.bytes(tutorial, 1);
        assertTrue(bytes < 128L << 20, "the original tutorial needs " + bytes);
        RunSize.check(tutorial, 1, 256L << 20);
        TutorialConfig wider = new TutorialConfig(2000, 20, 200, 0.05, 0.1, 2, 0.1, 1, Path.of("out"));
        assertTrue(RunSize.bytes(wider, 1) > bytes);
        assertTrue(RunSize.bytes(tutorial, 3) > bytes);
    }
}
