package io.github.lstmdynamics.lstm.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed at any moment while it saves checkpoints leaves either the old complete checkpoint or
 * the new complete one: a child JVM ({@link CheckpointWriterProcess}) saves two different checkpoints to
 * one file in turn, and is killed ({@link Process#destroyForcibly()}, SIGKILL on Linux) after a random
 * delay, again and again. After every kill the file loads and equals one of the two, completely.
 *
 * <p>What a kill leaves behind: the temporary file of the save it interrupted, if any
 * ({@code .checkpoint.safetensors.PID.N.tmp}). The next save to the same file removes temporary files
 * of processes that are gone, so at most one such file exists at any time, and none after a save by a
 * live process.
 */
class CrashTest {

    private static final int KILLS = 30;

    @TempDir
    Path dir;

    @Test
    void aKilledWriterLeavesTheOldOrTheNewCheckpointComplete() throws Exception {
        Path file = dir.resolve("checkpoint.safetensors");
        Checkpoint[] expected = {CheckpointWriterProcess.contents(1), CheckpointWriterProcess.contents(2)};
        SplittableRandom random = new SplittableRandom(2026L);
        int[] seen = new int[3];
        int killsThatLeftATemporaryFile = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            Process child = startWriter(file);
            try {
                awaitFirstSave(child, kill);
                Thread.sleep(random.nextInt(40));
            } finally {
                child.destroyForcibly();
                assertTrue(child.waitFor(10, TimeUnit.SECONDS), "kill " + kill + ": the child ended");
            }
            Checkpoint loaded = Checkpoints.load(file);
            int number = (int) loaded.batchesDone();
            assertTrue(number == 1 || number == 2, "kill " + kill + ": batches done " + number);
            assertEquals("checkpoint " + number, loaded.state().get("content"), "kill " + kill);
            assertArrayEquals(expected[number - 1].arrays().get("fill"), loaded.arrays().get("fill"), "kill " + kill);
            CheckpointsTest.assertSameTrainingState(expected[number - 1], loaded);
            seen[number]++;
            int temporaries = temporaryFiles().size();
            assertTrue(temporaries <= 1, "kill " + kill + ": at most the interrupted save's temporary file is left, "
                    + "found " + temporaryFiles());
            killsThatLeftATemporaryFile += temporaries;
        }
        assertTrue(killsThatLeftATemporaryFile > 0, "some kills interrupted a save");
        assertTrue(seen[1] + seen[2] == KILLS);

        Checkpoints.save(file, expected[0]); // a live process's save cleans up after the dead ones
        assertEquals(List.of(), temporaryFiles());
    }

    private Process startWriter(Path file) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(java.toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx128m",
                "-cp", System.getProperty("java.class.path"), CheckpointWriterProcess.class.getName(), file.toString())
                .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("child-errors.txt").toFile()))
                .start();
    }

    /** Blocks until the child reports its first complete save (or fails if it ends without one). */
    private void awaitFirstSave(Process child, int kill) throws IOException, InterruptedException {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (!"saved".equals(line)) {
            child.waitFor(5, TimeUnit.SECONDS);
            Path errors = dir.resolve("child-errors.txt");
            throw new AssertionError("kill " + kill + ": the child did not save, it printed " + line + " and "
                    + (Files.exists(errors) ? Files.readString(errors) : "nothing on stderr"));
        }
    }

    private List<Path> temporaryFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList();
        }
    }
}
