package io.github.lstmdynamics.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lstmdynamics.examples.LrSchedule;
import io.github.lstmdynamics.examples.OptimizerChoice;
import io.github.lstmdynamics.examples.Tutorial;
import io.github.lstmdynamics.examples.TutorialConfig;
import io.github.lstmdynamics.examples.TutorialResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sweeps on an embedded Spark with two executor threads, {@code local[2,4]} (a failed task tried up to
 * four times). The runs are tiny (a few batches of a few trajectories) so that Spark's own costs set
 * the time.
 */
class SweepOnSparkTest {

    private static JavaSparkContext spark;

    @TempDir
    Path temp;

    @BeforeAll
    static void startSpark() {
        spark = new JavaSparkContext(SweepMain.sparkConf("local[2]"));
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    /** A 2 x 2 grid (hidden x lr) with two seeds; a few batches of four trajectories each. */
    private static SweepPlan grid(String lrs) throws BadSweepInput {
        return SweepArguments.parse("--hidden", "3,4", "--lr", lrs, "--seeds", "1-2", "--batches", "6",
                "--batch-size", "4", "--horizon", "2").plan();
    }

    @Test
    void everyRunEqualsBitForBitTheSameRunTrainedInProcessWithoutSpark() throws Exception {
        SweepPlan plan = grid("0.05,0.1");
        assertEquals("local[2,4]", spark.master());
        SweepOutcome outcome = Sweep.run(spark, plan, temp, new TutorialRun(), new SweepListener() { });

        assertEquals(8, outcome.results().size());
        List<String> rows = Files.readAllLines(temp.resolve(Sweep.RUNS));
        assertEquals(9, rows.size());
        for (RunSpec spec : plan.runs()) {
            RunResult inProcess = TutorialRun.run(spec);
            RunResult onSpark = outcome.results().get(spec.index());
            assertEquals(spec, onSpark.spec());
            assertEquals(RunStatus.OK, onSpark.status());
            assertBits(inProcess.finalRunningLoss(), onSpark.finalRunningLoss(), spec);
            assertBits(inProcess.heldOutLoss(), onSpark.heldOutLoss(), spec);
            assertBits(inProcess.closedLoopError(), onSpark.closedLoopError(), spec);
            // runs.csv holds the same bits, in the sweep's order
            String[] cells = rows.get(1 + spec.index()).split(",");
            int results = Axis.values().length + 4; // after the settings, seed, horizon, status, diverged_at_batch
            assertTrue(rows.get(1 + spec.index()).startsWith(spec.key() + ",ok,0,"), rows.get(1 + spec.index()));
            assertBits(inProcess.finalRunningLoss(), Double.parseDouble(cells[results]), spec);
            assertBits(inProcess.heldOutLoss(), Double.parseDouble(cells[results + 1]), spec);
            assertBits(inProcess.closedLoopError(), Double.parseDouble(cells[results + 2]), spec);
        }
        assertTrue(Files.size(temp.resolve(Sweep.BEST_MODEL)) > 0);
        assertEquals(5, Files.readAllLines(temp.resolve(Sweep.SUMMARY)).size(), "a header and one row per setting");
        assertTrue(Files.size(temp.resolve(Sweep.CHART)) > 0);
    }

    @Test
    void anAdamOrAdamWRunOnASweepEqualsBitForBitTheTutorialRunInProcessWithTheSameSettings() throws Exception {
        SweepPlan plan = SweepArguments.parse("--optimizer", "sgd,adam,adamw", "--lr", "0.01", "--lr-schedule",
                "none,cosine:4", "--hidden", "3", "--batches", "6", "--batch-size", "4", "--horizon", "2").plan();
        assertEquals(List.of(Axis.OPTIMIZER, Axis.LR_SCHEDULE), plan.sweptAxes());
        SweepOutcome outcome = Sweep.run(spark, plan, temp.resolve("sweep"), new TutorialRun(), new SweepListener() { });

        assertEquals(6, outcome.results().size());
        List<String> rows = Files.readAllLines(temp.resolve("sweep").resolve(Sweep.RUNS));
        assertTrue(rows.get(0).startsWith("hidden,lr,batch_size,batches,mu,t_end,dt,optimizer,lr_schedule,seed,"),
                rows.get(0));
        List<Double> heldOut = new ArrayList<>();
        for (RunResult onSpark : outcome.results()) {
            RunSpec spec = onSpark.spec();
            // the same settings written out by hand for the tutorial, which trains them on its own thread pair
            TutorialConfig config = new TutorialConfig(6, 4, 3, 0.01, 0.1, 2.0, 0.1, 1, temp.resolve("t" + spec.index()),
                    OptimizerChoice.parse(spec.settings().get(Axis.OPTIMIZER)),
                    new LrSchedule(spec.settings().get(Axis.LR_SCHEDULE)), 0);
            TutorialResult tutorial = Tutorial.run(config, new PrintWriter(new StringWriter()));
            assertEquals(RunStatus.OK, onSpark.status());
            assertBits(tutorial.finalRunningLoss(), onSpark.finalRunningLoss(), spec);
            assertBits(tutorial.evaluationLoss(), onSpark.heldOutLoss(), spec);
            assertTrue(rows.get(1 + spec.index()).startsWith("3,0.01,4,6,0.1,2.0,0.1," + config.optimizer().optionName()
                    + "," + config.schedule() + ",1,2,ok,"), rows.get(1 + spec.index()));
            heldOut.add(onSpark.heldOutLoss());
        }
        assertEquals(6, heldOut.stream().distinct().count(), "each optimizer and schedule trains otherwise: " + heldOut);
        assertTrue(Files.size(temp.resolve("sweep").resolve(Sweep.CHART)) > 0);
    }

    private static void assertBits(double expected, double actual, RunSpec spec) {
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
                spec.key() + ": " + expected + " vs " + actual);
    }

    /** Throws on the first attempt of one run, as a task that dies on an executor. */
    private static final class FailsOnce implements RunTrainer {
        private static final long serialVersionUID = 1L;
        private final int failing;

        FailsOnce(int failing) {
            this.failing = failing;
        }

        @Override
        public RunResult train(RunSpec spec) {
            if (spec.index() == failing && TaskContext.get().attemptNumber() == 0) {
                throw new IllegalStateException("injected failure of run " + failing);
            }
            return TutorialRun.run(spec);
        }
    }

    @Test
    void aTaskThatFailsOnceIsRunAgainAndADivergedRunIsARow() throws Exception {
        SweepPlan plan = grid("0.05,1e200");
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        SweepOutcome outcome = Sweep.run(spark, plan, temp, new FailsOnce(2), new SweepListener() {
            @Override
            public void attemptFailed(RunSpec spec, int attempt, String reason) {
                failures.add(spec.index() + " " + attempt + " " + reason);
            }
        });

        assertEquals(8, outcome.results().size());
        assertEquals(9, Files.readAllLines(temp.resolve(Sweep.RUNS)).size());
        assertEquals(1, failures.size(), failures.toString());
        assertTrue(failures.get(0).startsWith("2 1 ") && failures.get(0).contains("injected failure of run 2"),
                failures.get(0));
        for (RunResult result : outcome.results()) {
            boolean huge = result.spec().settings().get(Axis.LR).equals("1.0E200");
            assertEquals(huge ? RunStatus.DIVERGED : RunStatus.OK, result.status(), result.spec().key());
            assertEquals(huge, result.divergedAt() > 0);
            assertEquals(huge, Double.isNaN(result.heldOutLoss()));
        }
        assertEquals("0.05", outcome.best().spec().settings().get(Axis.LR));
    }

    @Test
    void aSweepStoppedAfterThreeRunsAndStartedAgainEndsWithTheSameFiles() throws Exception {
        SweepPlan plan = grid("0.05,0.1");
        Path whole = temp.resolve("whole");
        Path stopped = temp.resolve("stopped");
        Sweep.run(spark, plan, whole, new TutorialRun(), new SweepListener() { });

        RuntimeException stop = new IllegalStateException("stopped after three runs");
        RuntimeException thrown = assertThrows(RuntimeException.class, () ->
                Sweep.run(spark, plan, stopped, new TutorialRun(), new SweepListener() {
                    private int finished;

                    @Override
                    public void finished(RunResult result, int remaining) {
                        if (++finished == 3) {
                            throw stop;
                        }
                    }
                }));
        assertEquals(stop, thrown);
        assertEquals(4, Files.readAllLines(stopped.resolve(Sweep.RUNS)).size(), "a header and three runs");
        assertFalse(Files.exists(stopped.resolve(Sweep.SUMMARY)));

        SweepOutcome restarted = Sweep.run(spark, plan, stopped, new TutorialRun(), new SweepListener() { });
        assertEquals(3, restarted.skipped());
        assertEquals(5, restarted.ran());

        assertEquals(withoutTimes(whole.resolve(Sweep.RUNS), true), withoutTimes(stopped.resolve(Sweep.RUNS), true));
        assertEquals(withoutTimes(whole.resolve(Sweep.SUMMARY), false),
                withoutTimes(stopped.resolve(Sweep.SUMMARY), false));
        assertArrayEquals(Files.readAllBytes(whole.resolve(Sweep.CHART)), Files.readAllBytes(stopped.resolve(Sweep.CHART)));
        assertArrayEquals(Files.readAllBytes(whole.resolve(Sweep.BEST_MODEL)),
                Files.readAllBytes(stopped.resolve(Sweep.BEST_MODEL)));
        try (var listing = Files.list(stopped)) {
            assertEquals(List.of(Sweep.BEST_MODEL, Sweep.RUNS, Sweep.SUMMARY, Sweep.CHART),
                    listing.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList()),
                    "no temporary files left");
        }
    }

    /** The file's lines, sorted if asked, without the columns of training times (which differ run to run). */
    private static List<String> withoutTimes(Path file, boolean sort) throws Exception {
        List<String> lines = Files.readAllLines(file);
        String[] header = lines.get(0).split(",");
        List<String> kept = new ArrayList<>();
        for (String line : lines) {
            String[] cells = line.split(",", -1);
            StringBuilder row = new StringBuilder();
            for (int c = 0; c < cells.length; c++) {
                if (!header[c].startsWith("train_seconds")) {
                    row.append(cells[c]).append(',');
                }
            }
            kept.add(row.toString());
        }
        if (sort) {
            Collections.sort(kept.subList(1, kept.size()));
        }
        return kept;
    }
}
