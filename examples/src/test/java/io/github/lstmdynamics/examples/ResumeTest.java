package io.github.lstmdynamics.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lstmdynamics.lstm.LstmRegressor;
import io.github.lstmdynamics.lstm.Parameter;
import io.github.lstmdynamics.lstm.io.Checkpoint;
import io.github.lstmdynamics.lstm.io.Checkpoints;
import io.github.lstmdynamics.lstm.io.ModelFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A training interrupted after batch k and resumed from its checkpoint ends exactly, bit for bit, as the
 * same training run without interruption: the same loss and running loss for every batch, the same
 * printed lines, the same final parameters and the same files.
 */
class ResumeTest {

    private static final int TOTAL = 120;
    private static final int EVERY = 25;
    private static final String[] SMALL = {"--hidden", "8", "--batch-size", "4", "--seed", "7"};

    @TempDir
    static Path temp;
    private static TutorialCli.Run uninterrupted;

    @BeforeAll
    static void trainWithoutInterruption() {
        uninterrupted = TutorialCli.succeed(args(TOTAL, "--checkpoint-every", Integer.toString(EVERY),
                "--save-model", temp.resolve("whole/model.safetensors").toString(),
                "--out", temp.resolve("whole").toString()));
    }

    private static String[] args(int batches, String... more) {
        List<String> args = new ArrayList<>(List.of(SMALL));
        args.add("--batches");
        args.add(Integer.toString(batches));
        args.addAll(List.of(more));
        return args.toArray(new String[0]);
    }

    /** Stops after batch k (a multiple of the checkpoint interval or not), then resumes to the end. */
    @ParameterizedTest(name = "interrupted after batch {0}")
    @ValueSource(ints = {50, 73})
    void resumingGivesExactlyTheUninterruptedRun(int k) throws Exception {
        Path out = temp.resolve("interrupted-" + k);
        TutorialCli.Run first = TutorialCli.succeed(args(k, "--checkpoint-every", Integer.toString(EVERY),
                "--out", out.toString()));
        assertEquals(k, Checkpoints.load(out.resolve("checkpoint.safetensors")).batchesDone(),
                "the last checkpoint is the end of the run, whatever the interval");

        // Only --batches changes; the settings come from the checkpoint.
        TutorialCli.Run resumed = TutorialCli.succeed("--resume", out.resolve("checkpoint.safetensors").toString(),
                "--batches", Integer.toString(TOTAL), "--checkpoint-every", Integer.toString(EVERY),
                "--save-model", out.resolve("model.safetensors").toString(), "--out", out.toString());

        assertTrue(resumed.out().contains("Resuming from the checkpoint "), resumed.out());
        List<String> lines = new ArrayList<>(first.batchLines());
        lines.addAll(resumed.batchLines());
        assertEquals(uninterrupted.batchLines(), lines, "the printed lines go on with the numbering");
        assertEquals(List.of("Batch #50", "Batch #100"),
                uninterrupted.batchLines().stream().map(line -> line.split("  ")[0]).toList());
        assertEquals(finalLine(uninterrupted), finalLine(resumed));

        for (String name : List.of("loss.csv", "predictions.csv", "loss.png", "predictions.png")) {
            assertArrayEquals(Files.readAllBytes(temp.resolve("whole").resolve(name)),
                    Files.readAllBytes(out.resolve(name)), name + " as the uninterrupted run's");
        }
        assertSameParameters(ModelFiles.load(temp.resolve("whole/model.safetensors")),
                ModelFiles.load(out.resolve("model.safetensors")));

        Checkpoint whole = Checkpoints.load(temp.resolve("whole/checkpoint.safetensors"));
        Checkpoint again = Checkpoints.load(out.resolve("checkpoint.safetensors"));
        assertEquals(TOTAL, again.batchesDone());
        assertEquals(whole.state(), again.state(), "seed, next batch, running loss and settings");
        assertArrayEquals(whole.arrays().get("loss_history"), again.arrays().get("loss_history"));
        assertArrayEquals(whole.arrays().get("running_loss_history"), again.arrays().get("running_loss_history"));
        assertSameParameters(whole.model(), again.model());
    }

    @Test
    void aCheckpointKeepsTheRunningLossAndTheHistoryOfEveryBatch() throws Exception {
        Checkpoint checkpoint = Checkpoints.load(temp.resolve("whole/checkpoint.safetensors"));
        List<String> csv = Files.readAllLines(temp.resolve("whole/loss.csv"));
        double[] loss = checkpoint.arrays().get("loss_history");
        double[] running = checkpoint.arrays().get("running_loss_history");
        assertEquals(TOTAL, loss.length);
        for (int k = 0; k < TOTAL; k++) {
            assertEquals((k + 1) + "," + loss[k] + "," + running[k], csv.get(k + 1));
        }
        assertEquals(Double.toString(running[TOTAL - 1]), checkpoint.state().get("running_loss"));
        assertEquals(Integer.toString(TOTAL), checkpoint.state().get("next_batch"));
        assertEquals("7", checkpoint.state().get("seed"));
        assertEquals("8", checkpoint.state().get("hidden"));
        assertEquals("4", checkpoint.state().get("batch_size"));
        assertEquals("0.05", checkpoint.state().get("lr"));
    }

    @Test
    void resumingACheckpointAlreadyAtTheEndOnlyEvaluates() throws Exception {
        Path out = temp.resolve("evaluate-only");
        TutorialCli.Run run = TutorialCli.succeed("--resume", temp.resolve("whole/checkpoint.safetensors").toString(),
                "--batches", Integer.toString(TOTAL), "--out", out.toString());
        assertTrue(run.out().contains("no batches to train (120 done), batch size 4"), run.out());
        assertTrue(run.out().contains("--batches 120: evaluating the model only"), run.out());
        assertEquals(List.of(), run.batchLines());
        for (String name : List.of("loss.csv", "predictions.csv")) {
            assertArrayEquals(Files.readAllBytes(temp.resolve("whole").resolve(name)),
                    Files.readAllBytes(out.resolve(name)), name + ": the whole history, the same predictions");
        }
    }

    @Test
    void fewerBatchesThanTheCheckpointHasDoneAreRefused() {
        Path checkpoint = temp.resolve("whole/checkpoint.safetensors");
        Path out = temp.resolve("fewer");
        TutorialCli.Run run = TutorialCli.run("--resume", checkpoint.toString(), "--batches", "100",
                "--out", out.toString());
        assertEquals(2, run.status(), run.err());
        assertTrue(run.err().contains("--batches 100 is fewer than the 120 batches --resume " + checkpoint
                + " has done"), run.err());
        assertTrue(Files.notExists(out), "nothing written");
    }

    /** The checkpoint keeps --checkpoint-every: a resumed run goes on checkpointing without being told. */
    @Test
    void aResumedRunKeepsCheckpointingAtTheSavedInterval() throws Exception {
        Path out = temp.resolve("keeps-checkpointing");
        TutorialCli.succeed(args(50, "--checkpoint-every", Integer.toString(EVERY), "--out", out.toString()));
        Path checkpoint = out.resolve("checkpoint.safetensors");
        assertEquals(Integer.toString(EVERY), Checkpoints.load(checkpoint).state().get("checkpoint_every"));

        TutorialCli.Run resumed = TutorialCli.succeed("--resume", checkpoint.toString(), "--batches",
                Integer.toString(TOTAL), "--out", out.toString());
        assertEquals(TOTAL, Checkpoints.load(checkpoint).batchesDone(), resumed.out());
        assertArrayEquals(Files.readAllBytes(temp.resolve("whole/checkpoint.safetensors")),
                Files.readAllBytes(checkpoint), "the same checkpoint as the uninterrupted run's");

        // An explicit --checkpoint-every changes the interval, and the new one is recorded.
        Path other = temp.resolve("new-interval");
        TutorialCli.succeed(args(50, "--checkpoint-every", Integer.toString(EVERY), "--out", other.toString()));
        TutorialCli.succeed("--resume", other.resolve("checkpoint.safetensors").toString(), "--batches", "60",
                "--checkpoint-every", "7", "--out", other.toString());
        Checkpoint changed = Checkpoints.load(other.resolve("checkpoint.safetensors"));
        assertEquals(60, changed.batchesDone());
        assertEquals("7", changed.state().get("checkpoint_every"));
    }

    private static String finalLine(TutorialCli.Run run) {
        return run.out().lines().filter(line -> line.startsWith("Final running loss")).findFirst().orElseThrow();
    }

    static void assertSameParameters(LstmRegressor expected, LstmRegressor actual) {
        assertEquals(expected.parameters().size(), actual.parameters().size());
        for (int i = 0; i < expected.parameters().size(); i++) {
            Parameter p = expected.parameters().get(i);
            Parameter q = actual.parameters().get(i);
            assertEquals(p.name(), q.name());
            assertArrayEquals(p.toArray(), q.toArray(), p.name() + " bit for bit");
        }
    }
}
