package io.github.lstmdynamics.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lstmdynamics.lstm.io.Checkpoints;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tutorial killed with SIGKILL while it trains, resumed, killed again while the resumed run trains,
 * and resumed once more ends with exactly the bytes of a run that was never interrupted: every picture,
 * table and the final checkpoint. The resumed runs are given no --checkpoint-every: the checkpoint keeps
 * the interval, so the resumed run goes on checkpointing and the second kill loses no more than the
 * batches since its last checkpoint.
 */
class KillAndResumeTest {

    private static final int TOTAL = 1000;
    private static final String EVERY = "7";
    private static final List<String> SETTINGS = List.of("--hidden", "8", "--batch-size", "4", "--seed", "11",
            "--batches", Integer.toString(TOTAL));

    @TempDir
    Path temp;

    @Test
    @Timeout(value = 240, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void killedTwiceAndResumedGivesTheBytesOfAnUninterruptedRun() throws Exception {
        Path whole = temp.resolve("whole");
        List<String> uninterrupted = new ArrayList<>(SETTINGS);
        uninterrupted.addAll(List.of("--checkpoint-every", EVERY, "--out", whole.toString()));
        TutorialCli.succeed(uninterrupted.toArray(new String[0]));

        Path out = temp.resolve("killed");
        Path checkpoint = out.resolve("checkpoint.safetensors");
        List<String> first = new ArrayList<>(SETTINGS);
        first.addAll(List.of("--checkpoint-every", EVERY, "--out", out.toString()));
        killAfter(first, 300);
        long firstStop = Checkpoints.load(checkpoint).batchesDone();
        assertTrue(firstStop >= 294 && firstStop < TOTAL, "killed during training, checkpoint at " + firstStop);

        List<String> resume = List.of("--resume", checkpoint.toString(), "--batches", Integer.toString(TOTAL),
                "--out", out.toString());
        int killedAt = killAfter(resume, (int) firstStop + 300);
        long secondStop = Checkpoints.load(checkpoint).batchesDone();
        assertTrue(secondStop >= killedAt - 6 && secondStop < TOTAL, "the resumed run checkpointed every "
                + EVERY + " batches: killed after batch " + killedAt + ", checkpoint at " + secondStop
                + " (the first run stopped at " + firstStop + ")");

        TutorialCli.succeed(resume.toArray(new String[0]));
        for (String name : List.of("flow-field.png", "predictions.png", "loss.png", "loss.csv", "predictions.csv",
                "checkpoint.safetensors")) {
            assertArrayEquals(Files.readAllBytes(whole.resolve(name)), Files.readAllBytes(out.resolve(name)),
                    name + " as the uninterrupted run's");
        }
    }

    /**
     * Runs the tutorial in a child JVM, kills it (SIGKILL) once it has printed a batch line at or after
     * {@code batch}, and returns the number of that line.
     */
    private int killAfter(List<String> args, int batch) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), VanDerPolTutorial.class.getName()));
        command.addAll(args);
        Path errors = temp.resolve("child-errors.txt");
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(errors.toFile()))
                .start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("Batch #")) {
                    int done = Integer.parseInt(line.substring("Batch #".length(), line.indexOf(' ', "Batch #".length())));
                    if (done >= batch) {
                        child.destroyForcibly();
                        assertTrue(child.waitFor(10, TimeUnit.SECONDS));
                        assertEquals(137, child.exitValue(), "killed by SIGKILL");
                        return done;
                    }
                }
            }
            throw new AssertionError("the run ended before batch " + batch + ": " + Files.readString(errors));
        } finally {
            child.destroyForcibly();
        }
    }
}
