package io.github.lstmdynamics.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lstmdynamics.lstm.Adam;
import io.github.lstmdynamics.lstm.AdamW;
import io.github.lstmdynamics.lstm.CosineAnnealingLR;
import io.github.lstmdynamics.lstm.ReduceLROnPlateau;
import io.github.lstmdynamics.lstm.io.Checkpoint;
import io.github.lstmdynamics.lstm.io.Checkpoints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The command line's --optimizer, --lr-schedule and --predict-steps: what they run, what they write, how a
 * checkpoint keeps them, and how bad values are refused.
 */
class TrainingOptionsTest {

    private static final String[] SMALL = {"--hidden", "6", "--batch-size", "3", "--seed", "5"};

    @TempDir
    Path temp;

    private static String[] args(String... more) {
        List<String> args = new ArrayList<>(List.of(SMALL));
        args.addAll(List.of(more));
        return args.toArray(new String[0]);
    }

    @Test
    void adamWithACosineScheduleTrainsAndSaysSo() throws Exception {
        Path out = temp.resolve("adam");
        TutorialCli.Run run = TutorialCli.succeed(args("--optimizer", "adam", "--lr-schedule", "cosine:60:0.001",
                "--batches", "60", "--checkpoint-every", "60", "--out", out.toString()));
        assertTrue(run.out().contains("MSE, Adam lr 0.01 (schedule cosine:60:0.001), 60 batches of 3"), run.out());
        Checkpoint checkpoint = Checkpoints.load(out.resolve("checkpoint.safetensors"));
        assertInstanceOf(Adam.class, checkpoint.optimizer());
        assertInstanceOf(CosineAnnealingLR.class, checkpoint.scheduler());
        assertEquals(60, checkpoint.scheduler().lastEpoch());
        assertEquals(0.001, checkpoint.optimizer().learningRate(), 1e-15, "annealed to ETA_MIN after T_MAX batches");
        assertEquals("adam", checkpoint.state().get("optimizer"));
        assertEquals("cosine:60:0.001", checkpoint.state().get("lr_schedule"));
    }

    /** Interrupted after 35 of 70 batches and resumed: the same lines and files as one run. */
    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource({"adamw, plateau:3:0.5", "adam, step:10:0.5", "sgd, exponential:0.99"})
    void aResumedRunWithAnyOptimizerAndScheduleIsTheUninterruptedRun(String optimizer, String schedule)
            throws Exception {
        Path whole = temp.resolve("whole");
        TutorialCli.Run uninterrupted = TutorialCli.succeed(args("--optimizer", optimizer, "--lr-schedule", schedule,
                "--batches", "100", "--out", whole.toString()));
        Path part = temp.resolve("part");
        TutorialCli.Run first = TutorialCli.succeed(args("--optimizer", optimizer, "--lr-schedule", schedule,
                "--batches", "35", "--checkpoint-every", "20", "--out", part.toString()));
        TutorialCli.Run resumed = TutorialCli.succeed("--resume", part.resolve("checkpoint.safetensors").toString(),
                "--batches", "100", "--out", part.toString());
        List<String> lines = new ArrayList<>(first.batchLines());
        lines.addAll(resumed.batchLines());
        assertEquals(uninterrupted.batchLines(), lines);
        for (String name : List.of("loss.csv", "predictions.csv")) {
            assertArrayEquals(Files.readAllBytes(whole.resolve(name)), Files.readAllBytes(part.resolve(name)), name);
        }
        if (optimizer.equals("adamw")) {
            Checkpoint checkpoint = Checkpoints.load(part.resolve("checkpoint.safetensors"));
            assertInstanceOf(AdamW.class, checkpoint.optimizer());
            assertInstanceOf(ReduceLROnPlateau.class, checkpoint.scheduler());
        }
    }

    @Test
    void aResumeThatChangesTheOptimizerOrScheduleIsRefused() {
        Path part = temp.resolve("part");
        TutorialCli.succeed(args("--optimizer", "adam", "--batches", "5", "--checkpoint-every", "5", "--out",
                part.toString()));
        String checkpoint = part.resolve("checkpoint.safetensors").toString();
        TutorialCli.Run other = TutorialCli.run("--resume", checkpoint, "--optimizer", "sgd", "--out", part.toString());
        assertEquals(2, other.status());
        assertTrue(other.err().contains("--optimizer sgd conflicts with --resume " + checkpoint
                + ", which was trained with --optimizer adam"), other.err());
        TutorialCli.Run schedule = TutorialCli.run("--resume", checkpoint, "--lr-schedule", "exponential:0.9", "--out",
                part.toString());
        assertEquals(2, schedule.status());
        assertTrue(schedule.err().contains("--lr-schedule exponential:0.9 conflicts with"), schedule.err());
    }

    @Test
    void predictStepsBeyondTheTrainedHorizonCoverTheWholeHorizonInTheCsv() throws Exception {
        Path out = temp.resolve("long");
        TutorialCli.Run run = TutorialCli.succeed(args("--batches", "20", "--predict-steps", "61", "--out",
                out.toString()));
        assertTrue(run.out().contains("Closed-loop prediction over 61 steps (t in [0, 6.0], trained on [0, 2.0]): loss "),
                run.out());
        List<String> csv = Files.readAllLines(out.resolve("predictions.csv"));
        assertEquals(1 + 3 * 61, csv.size());
        assertTrue(csv.get(61).startsWith("0,60,6.0"), csv.get(61));
        assertTrue(Files.size(out.resolve("predictions.png")) > 0);
        // the first 21 steps of the closed loop are the predictions of the trained horizon, bit for bit
        Path shortOut = temp.resolve("short");
        TutorialCli.succeed(args("--batches", "20", "--out", shortOut.toString()));
        List<String> shortCsv = Files.readAllLines(shortOut.resolve("predictions.csv"));
        for (int t = 0; t < 21; t++) {
            String[] a = shortCsv.get(1 + t).split(",");
            String[] b = csv.get(1 + t).split(",");
            assertEquals(a[5] + "," + a[6], b[5] + "," + b[6], "prediction at step " + t);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "--optimizer     | rmsprop        | --optimizer must be sgd, adam or adamw; got 'rmsprop'",
        "--lr-schedule   | cosine         | --lr-schedule 'cosine': 'cosine' takes 1 or 2 value(s) after it, separated by ':'",
        "--lr-schedule   | step:0:0.5     | --lr-schedule 'step:0:0.5': N must be an integer from 1 to 2147483647; got '0'",
        "--lr-schedule   | plateau:3:1.5  | --lr-schedule 'plateau:3:1.5': FACTOR must be below 1; got 1.5",
        "--lr-schedule   | warmup:5       | --lr-schedule 'warmup:5': unknown schedule 'warmup'",
        "--predict-steps | 0              | --predict-steps must be in [1, 100000]; got 0",
    })
    void badValuesAreRefusedNamingTheOptionAndWhatIsExpected(String option, String value, String message) {
        TutorialCli.Run run = TutorialCli.run(option, value, "--out", temp.resolve("bad").toString());
        assertEquals(2, run.status());
        assertTrue(run.err().contains(message), run.err());
        assertTrue(!Files.exists(temp.resolve("bad")), "nothing written");
    }
}
