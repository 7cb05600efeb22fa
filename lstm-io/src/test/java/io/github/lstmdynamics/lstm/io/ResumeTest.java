package io.github.lstmdynamics.lstm.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.lstmdynamics.lstm.LstmRegressor;
import io.github.lstmdynamics.lstm.Optimizer;
import io.github.lstmdynamics.lstm.SequenceBatch;
import io.github.lstmdynamics.lstm.Sgd;
import io.github.lstmdynamics.lstm.SgdOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Training stopped at batch k, saved, loaded (as a new process would) and continued gives exactly the
 * losses, running loss, parameters and momentum buffers of a run that was never interrupted. The data
 * of batch b is drawn from a generator seeded by (dataset seed, b), so the dataset seed and the next
 * batch index are the generator's whole state, as in the example.
 */
class ResumeTest {

    private static final int BATCHES = 12;
    private static final long DATASET_SEED = 77L;

    @TempDir
    Path dir;

    /** Input and target of batch b: a damped rotation from a random start, input x0 then zeros. */
    static SequenceBatch[] batch(long datasetSeed, long b) {
        SplittableRandom random = new SplittableRandom(datasetSeed * 1_000_003L + b);
        int steps = 8;
        int size = 4;
        SequenceBatch x = SequenceBatch.zeros(steps, size, 2);
        SequenceBatch y = SequenceBatch.zeros(steps, size, 2);
        for (int s = 0; s < size; s++) {
            double u = random.nextDouble(-1, 1);
            double v = random.nextDouble(-1, 1);
            x.set(0, s, 0, u);
            x.set(0, s, 1, v);
            for (int t = 0; t < steps; t++) {
                y.set(t, s, 0, u);
                y.set(t, s, 1, v);
                double nu = 0.9 * (Math.cos(0.4) * u - Math.sin(0.4) * v);
                v = 0.9 * (Math.sin(0.4) * u + Math.cos(0.4) * v);
                u = nu;
            }
        }
        return new SequenceBatch[] {x, y};
    }

    /** Trains batches [from, BATCHES), appending to losses; returns the running loss. */
    private static double train(LstmRegressor model, Optimizer sgd, int from, double running, double[] losses) {
        for (int b = from; b < BATCHES; b++) {
            SequenceBatch[] xy = batch(DATASET_SEED, b);
            losses[b] = model.trainStep(xy[0], xy[1], sgd);
            running = b == 0 ? losses[b] : 0.9 * running + 0.1 * losses[b];
        }
        return running;
    }

    @ParameterizedTest(name = "interrupted after batch {0}, {1}")
    @CsvSource({"0, momentum", "1, momentum", "5, momentum", "11, momentum", "5, nesterov", "5, plain"})
    void resumingContinuesBitIdentically(int k, String optimizer) throws IOException {
        SgdOptions options = switch (optimizer) {
            case "momentum" -> SgdOptions.of(0.1).withMomentum(0.9).withDampening(0.1).withWeightDecay(1e-3);
            case "nesterov" -> SgdOptions.of(0.1).withMomentum(0.9).withNesterov(true);
            default -> SgdOptions.of(0.2);
        };
        LstmRegressor reference = new LstmRegressor(2, 6, 2, 2, true, 5L);
        Sgd referenceSgd = new Sgd(reference.parameters(), options);
        double[] referenceLosses = new double[BATCHES];
        double referenceRunning = train(reference, referenceSgd, 0, 0.0, referenceLosses);

        // the interrupted run: k batches, then a checkpoint
        LstmRegressor model = new LstmRegressor(2, 6, 2, 2, true, 5L);
        Sgd sgd = new Sgd(model.parameters(), options);
        double[] losses = new double[BATCHES];
        double running = 0.0;
        for (int b = 0; b < k; b++) {
            SequenceBatch[] xy = batch(DATASET_SEED, b);
            losses[b] = model.trainStep(xy[0], xy[1], sgd);
            running = b == 0 ? losses[b] : 0.9 * running + 0.1 * losses[b];
        }
        Path file = dir.resolve("checkpoint.safetensors");
        Checkpoints.save(file, new Checkpoint(model, sgd, k,
                Map.of("dataset_seed", Long.toString(DATASET_SEED), "next_batch", Integer.toString(k),
                        "running_loss", Double.toString(running)),
                Map.of("losses", Arrays.copyOf(losses, k))));

        // a new process: everything from the file
        Checkpoint resumed = Checkpoints.load(file);
        assertEquals(k, resumed.batchesDone());
        assertEquals(DATASET_SEED, Long.parseLong(resumed.state().get("dataset_seed")));
        int next = Integer.parseInt(resumed.state().get("next_batch"));
        double[] resumedLosses = Arrays.copyOf(resumed.arrays().get("losses"), BATCHES);
        double resumedRunning = train(resumed.model(), resumed.optimizer(), next,
                Double.parseDouble(resumed.state().get("running_loss")), resumedLosses);

        assertArrayEquals(referenceLosses, resumedLosses, "every loss, bit for bit");
        assertEquals(Double.doubleToRawLongBits(referenceRunning), Double.doubleToRawLongBits(resumedRunning),
                "running loss");
        CheckpointsTest.assertSameTrainingState(new Checkpoint(reference, referenceSgd, BATCHES, Map.of(), Map.of()),
                resumed);
    }
}
