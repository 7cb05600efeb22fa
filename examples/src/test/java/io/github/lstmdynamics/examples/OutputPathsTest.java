package io.github.lstmdynamics.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.lstmdynamics.lstm.LstmRegressor;
import io.github.lstmdynamics.lstm.io.ModelFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every file a run writes is checked before training starts: no output may overwrite another, and every
 * directory must take a new file. A run refused for its outputs exits with status 2 at once, with one line
 * naming the option, the path and the reason, and leaves the disk as it was.
 */
class OutputPathsTest {

    private static final String[] SMALL = {"--batches", "3", "--batch-size", "2", "--hidden", "4"};

    @TempDir
    Path temp;

    private static TutorialCli.Run refused(String... args) {
        List<String> all = new ArrayList<>(List.of(SMALL));
        all.addAll(List.of(args));
        TutorialCli.Run run = TutorialCli.run(all.toArray(new String[0]));
        assertEquals(2, run.status(), run.out() + run.err());
        assertEquals(List.of(), run.batchLines(), "refused before training");
        assertTrue(!run.err().contains("\tat "), "no stack trace: " + run.err());
        return run;
    }

    /** --save-model on one of the files the run writes used to save the model and then overwrite it. */
    @ParameterizedTest(name = "--save-model OUT/{0}")
    @ValueSource(strings = {"loss.csv", "predictions.png", "flow-field.png", "loss.png", "predictions.csv",
        "checkpoint.safetensors"})
    void theModelIsNotSavedOverAnotherOutput(String name) {
        Path out = temp.resolve("out");
        Path model = out.resolve(name);
        TutorialCli.Run run = refused("--out", out.toString(), "--save-model", model.toString(),
                "--checkpoint-every", "2");
        String by = name.equals("checkpoint.safetensors") ? "--checkpoint-every (in --out " + out + ")" : "--out " + out;
        assertTrue(run.err().contains("--save-model " + model + ": " + model + " is the same file as " + model
                + " that " + by + " writes; each output needs its own file"), run.err());
        assertTrue(Files.notExists(out), "nothing written");
    }

    @Test
    void pathsAreComparedAfterNormalizingThemAndResolvingLinks() throws Exception {
        Path out = Files.createDirectories(temp.resolve("out"));
        Path roundabout = temp.resolve("elsewhere/../out/./loss.csv");
        assertTrue(refused("--out", out.toString(), "--save-model", roundabout.toString()).err()
                .contains("is the same file as"));
        Path link = Files.createSymbolicLink(temp.resolve("link"), out);
        assertTrue(refused("--out", out.toString(), "--save-model", link.resolve("loss.png").toString()).err()
                .contains("is the same file as"));
    }

    /** A checkpoint resumed into its own directory keeps checkpointing there: --save-model may not take its place. */
    @Test
    void aResumedRunsCheckpointIsAnOutputToo() {
        Path out = temp.resolve("first");
        TutorialCli.succeed("--batches", "2", "--batch-size", "2", "--hidden", "4", "--checkpoint-every", "1",
                "--out", out.toString());
        Path checkpoint = out.resolve("checkpoint.safetensors");
        TutorialCli.Run run = TutorialCli.run("--resume", checkpoint.toString(), "--batches", "4",
                "--save-model", checkpoint.toString(), "--out", out.toString());
        assertEquals(2, run.status(), run.err());
        assertTrue(run.err().contains("is the same file as"), run.err());
    }

    /** /proc takes no new files, not even from root: the error gives the operating system's reason. */
    @ParameterizedTest(name = "{0} /proc/...")
    @ValueSource(strings = {"--out", "--save-model"})
    void aDirectoryThatTakesNoFilesIsFoundBeforeTraining(String option) {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "a Linux /proc");
        Path path = Path.of(option.equals("--out") ? "/proc/lstm-dynamics-out" : "/proc/lstm-dynamics.safetensors");
        Path out = temp.resolve("out");
        TutorialCli.Run run = option.equals("--out") ? refused("--out", path.toString())
                : refused("--out", out.toString(), "--save-model", path.toString());
        assertTrue(run.err().contains(option + " " + path + ": cannot write "), run.err());
        assertTrue(run.err().contains("cannot create a file in /proc"), run.err());
        assertTrue(run.err().strip().lines().findFirst().orElseThrow().endsWith(": No such file or directory"),
                "the reason: " + run.err());
        assertTrue(Files.notExists(out), "nothing written");
    }

    /** A file where a directory is needed, whatever the user's privileges. */
    @Test
    void aPathUnderARegularFileIsRefused() throws Exception {
        Path file = Files.writeString(temp.resolve("file"), "x");
        Path model = file.resolve("sub/model.safetensors");
        TutorialCli.Run run = refused("--out", temp.resolve("out").toString(), "--save-model", model.toString());
        assertTrue(run.err().contains("--save-model " + model + ": cannot write " + model + ": " + file
                + " is not a directory"), run.err());
    }

    /** An output that is an existing directory would fail only when it is written. */
    @Test
    void anOutputThatIsADirectoryIsRefused() throws Exception {
        Path out = Files.createDirectories(temp.resolve("out/loss.csv")).getParent();
        TutorialCli.Run run = refused("--out", out.toString());
        assertTrue(run.err().contains("--out " + out + ": " + out.resolve("loss.csv")
                + " is a directory; expected the path of a file"), run.err());
    }

    /** Where the file system reports no permission (sysfs, even for root; run as a user, any read-only directory). */
    @Test
    void aDirectoryWithoutWritePermissionIsRefusedWithTheReason() throws Exception {
        Path sys = Path.of("/sys/kernel");
        assumeTrue(Files.isDirectory(sys), "a Linux /sys");
        Path out = sys.resolve("lstm-dynamics-out");
        TutorialCli.Run run = refused("--out", out.toString());
        assertTrue(run.err().contains("--out " + out + ": cannot write " + out.resolve("flow-field.png")
                + ": cannot create a file in " + sys + " (to create " + out + "): "), run.err());
        assertTrue(run.err().contains("Permission denied") || run.err().contains("Operation not permitted")
                || run.err().contains("Read-only file system"), run.err());
    }

    @Test
    void aWritableRunStillWritesEverything() throws Exception {
        Path out = temp.resolve("a/b/out");
        Path model = temp.resolve("models/m.safetensors");
        TutorialCli.succeed("--batches", "2", "--batch-size", "2", "--hidden", "4", "--out", out.toString(),
                "--save-model", model.toString());
        for (String name : OutputPaths.FILES) {
            assertTrue(Files.size(out.resolve(name)) > 0, name);
        }
        assertEquals(4, ModelFiles.load(model).lstm().hiddenSize());
        try (Stream<Path> left = Files.list(out)) {
            assertEquals(5, left.count(), "no probe files left behind");
        }
    }

    @Test
    void theModelFileOfAnotherRunIsLeftAloneWhenARunIsRefused() throws Exception {
        Path out = Files.createDirectories(temp.resolve("out"));
        Path model = out.resolve("loss.csv");
        ModelFiles.save(new LstmRegressor(2, 4, 2, 1), model);
        byte[] before = Files.readAllBytes(model);
        refused("--out", out.toString(), "--save-model", model.toString());
        assertArrayEquals(before, Files.readAllBytes(model));
    }
}
