package io.github.lstmdynamics.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lstmdynamics.lstm.Parameter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tutorial's training as a library: the same numbers as the tutorial's own run, on one thread. */
class TutorialTrainingTest {

    @TempDir
    Path temp;

    @Test
    void trainsAndEvaluatesBitForBitAsTheTutorialRun() throws Exception {
        TutorialConfig config = new TutorialConfig(60, 6, 7, 0.05, 0.1, 2.0, 0.1, 13, temp.resolve("tutorial"));
        TutorialResult tutorial = Tutorial.run(config, new PrintWriter(new StringWriter()));

        StartingPoint start = StartingPoint.fresh(config);
        TrajectoryDataset data = TutorialTraining.dataset(config);
        List<Long> batches = new ArrayList<>();
        List<Double> runningSeen = new ArrayList<>();
        TrainingHistory history = TutorialTraining.train(start, config, data, (done, loss, running) -> {
            batches.add((long) done);
            runningSeen.add(running[done - 1]);
        });
        double heldOut = TutorialTraining.evaluate(start.model(), data, config.batchSize());

        assertTrue(history.finished());
        assertEquals(60, history.loss().length);
        assertEquals(60, batches.size());
        assertEquals(1L, batches.get(0));
        assertEquals(60L, batches.get(59));
        assertEquals(history.running()[59], runningSeen.get(59), 0.0);
        assertEquals(tutorial.finalRunningLoss(), history.finalRunningLoss(), 0.0);
        assertEquals(tutorial.evaluationLoss(), heldOut, 0.0);
    }

    @Test
    void aDivergingRunIsReportedWithItsBatchAndKeepsTheWeightsFromBeforeIt() {
        TutorialConfig config = new TutorialConfig(50, 4, 3, 1e9, 0.1, 2.0, 0.1, 1, temp);
        StartingPoint start = StartingPoint.fresh(config);
        TrainingHistory history = TutorialTraining.train(start, config, TutorialTraining.dataset(config), null);

        assertTrue(history.divergedAt() >= 1 && history.divergedAt() <= 50, "diverged at " + history.divergedAt());
        assertEquals(history.divergedAt() - 1, history.loss().length);
        assertNotNull(history.divergence());
        for (Parameter p : start.model().parameters()) {
            for (double v : p.toArray()) {
                assertTrue(Double.isFinite(v), p.name());
            }
        }
    }

    @Test
    void theLongerHorizonStartsFromTheSameInitialStates() {
        TutorialConfig config = TutorialConfig.defaults();
        TrajectoryDataset training = TutorialTraining.dataset(config);
        TrajectoryDataset longer = TutorialTraining.dataset(config, new SamplingGrid(10.0, 100));
        assertArrayEquals(training.initialStates(-2, 3)[2], longer.initialStates(-2, 3)[2], 0.0);
        assertEquals(101, longer.batch(-2, 2).target().steps());
    }
}
