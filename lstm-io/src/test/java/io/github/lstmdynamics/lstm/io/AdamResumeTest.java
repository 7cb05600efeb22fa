package io.github.lstmdynamics.lstm.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.lstmdynamics.lstm.Adam;
import io.github.lstmdynamics.lstm.AdamOptions;
import io.github.lstmdynamics.lstm.AdamW;
import io.github.lstmdynamics.lstm.CosineAnnealingLR;
import io.github.lstmdynamics.lstm.ExponentialLR;
import io.github.lstmdynamics.lstm.LrScheduler;
import io.github.lstmdynamics.lstm.LstmRegressor;
import io.github.lstmdynamics.lstm.Optimizer;
import io.github.lstmdynamics.lstm.Parameter;
import io.github.lstmdynamics.lstm.PlateauOptions;
import io.github.lstmdynamics.lstm.ReduceLROnPlateau;
import io.github.lstmdynamics.lstm.SequenceBatch;
import io.github.lstmdynamics.lstm.Sgd;
import io.github.lstmdynamics.lstm.SgdOptions;
import io.github.lstmdynamics.lstm.StepLR;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A run with Adam or AdamW and a learning-rate schedule, checkpointed at batch k, loaded as a new process
 * would and continued, is bit-identical to a run that never stopped: losses, parameters, optimizer state,
 * learning rate and schedule state.
 */
class AdamResumeTest {

    private static final int BATCHES = 14;
    private static final long DATASET_SEED = 91L;

    @TempDir
    Path dir;

    private record Run(LstmRegressor model, Optimizer optimizer, LrScheduler scheduler) {
    }

    private static Run start(String optimizer, String schedule) {
        LstmRegressor model = new LstmRegressor(2, 6, 2, 2, true, 5L);
        Optimizer o = switch (optimizer) {
            case "adam" -> new Adam(model.parameters(), AdamOptions.of(0.01).withWeightDecay(1e-3));
            case "adam-amsgrad" -> new Adam(model.parameters(), AdamOptions.of(0.02).withAmsgrad(true));
            case "adamw" -> new AdamW(model.parameters(), AdamOptions.adamW(0.01));
            default -> new Sgd(model.parameters(), SgdOptions.of(0.1).withMomentum(0.9));
        };
        LrScheduler s = switch (schedule) {
            case "cosine" -> new CosineAnnealingLR(o, 5, 1e-4);
            case "step" -> new StepLR(o, 3, 0.5);
            case "exponential" -> new ExponentialLR(o, 0.9);
            default -> new ReduceLROnPlateau(o, PlateauOptions.defaults().withPatience(1).withFactor(0.5)
                    .withCooldown(1));
        };
        return new Run(model, o, s);
    }

    /** Batches from..to-1, the schedule stepped once per batch (the plateau on the batch loss). */
    private static double[] train(Run run, int from, int to) {
        double[] losses = new double[to - from];
        for (int b = from; b < to; b++) {
            SequenceBatch[] xy = ResumeTest.batch(DATASET_SEED, b);
            double loss = run.model().trainStep(xy[0], xy[1], run.optimizer());
            losses[b - from] = loss;
            if (run.scheduler() instanceof ReduceLROnPlateau p) {
                p.step(loss);
            } else if (run.scheduler() instanceof CosineAnnealingLR c) {
                c.step();
            } else if (run.scheduler() instanceof StepLR s) {
                s.step();
            } else {
                ((ExponentialLR) run.scheduler()).step();
            }
        }
        return losses;
    }

    @ParameterizedTest(name = "{0} + {1}, stopped after {2}")
    @CsvSource({"adam, cosine, 7", "adam-amsgrad, plateau, 5", "adamw, step, 4", "adamw, exponential, 11",
        "sgd, cosine, 6", "sgd, plateau, 9"})
    void aResumedRunIsBitIdenticalToAnUninterruptedOne(String optimizer, String schedule, int stop)
            throws IOException {
        Run whole = start(optimizer, schedule);
        double[] wholeLosses = train(whole, 0, BATCHES);

        Run first = start(optimizer, schedule);
        train(first, 0, stop);
        Path file = dir.resolve("checkpoint.safetensors");
        Checkpoints.save(file, new Checkpoint(first.model(), first.optimizer(), first.scheduler(), stop, Map.of(),
                Map.of()));
        Checkpoint loaded = Checkpoints.load(file);
        assertEquals(first.scheduler().stateDict(), loaded.scheduler().stateDict());
        assertEquals(first.optimizer().getClass(), loaded.optimizer().getClass());
        Run resumed = new Run(loaded.model(), loaded.optimizer(), loaded.scheduler());
        double[] resumedLosses = train(resumed, stop, BATCHES);

        for (int b = stop; b < BATCHES; b++) {
            assertEquals(Double.doubleToRawLongBits(wholeLosses[b]), Double.doubleToRawLongBits(resumedLosses[b - stop]),
                    "loss of batch " + b);
        }
        List<Parameter> expected = whole.model().parameters();
        for (int k = 0; k < expected.size(); k++) {
            assertArrayEquals(expected.get(k).toArray(), resumed.model().parameters().get(k).toArray(),
                    expected.get(k).name());
        }
        assertEquals(Double.doubleToRawLongBits(whole.optimizer().learningRate()),
                Double.doubleToRawLongBits(resumed.optimizer().learningRate()));
        assertEquals(whole.scheduler().stateDict(), resumed.scheduler().stateDict());
        assertSameState(whole.optimizer(), resumed.optimizer());
    }

    private static void assertSameState(Optimizer expected, Optimizer actual) {
        for (int k = 0; k < expected.parameters().size(); k++) {
            if (expected instanceof Sgd s) {
                assertArrayEquals(s.momentumBuffer(k), ((Sgd) actual).momentumBuffer(k));
            } else {
                assertArrayEquals(((Adam) expected).expAvg(k), ((Adam) actual).expAvg(k));
                assertArrayEquals(((Adam) expected).expAvgSq(k), ((Adam) actual).expAvgSq(k));
                assertArrayEquals(((Adam) expected).maxExpAvgSq(k), ((Adam) actual).maxExpAvgSq(k));
            }
        }
        if (!(expected instanceof Sgd)) {
            assertEquals(((Adam) expected).stepCount(), ((Adam) actual).stepCount());
        }
    }
}
