package io.github.lstmdynamics.lstm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Training end to end on the tutorial's model: the loss falls, and runs are reproducible bit for bit. */
class TrainingTest {

    @Test
    void tutorialModelLearnsADampedRotation() {
        LstmRegressor model = new LstmRegressor(2, 20, 2, 7L);
        Sgd sgd = new Sgd(model.parameters(), SgdOptions.of(0.2).withMomentum(0.9));
        SplittableRandom data = new SplittableRandom(11L);
        SequenceBatch[] heldOut = DampedRotation.batch(new SplittableRandom(99L), 50);
        double initial = model.loss(heldOut[0], heldOut[1]);
        for (int step = 0; step < 300; step++) {
            SequenceBatch[] b = DampedRotation.batch(data, 20);
            double loss = model.trainStep(b[0], b[1], sgd);
            assertTrue(Double.isFinite(loss), "step " + step);
        }
        double trained = model.loss(heldOut[0], heldOut[1]);
        assertTrue(trained < 0.05 * initial, "held-out loss " + initial + " -> " + trained);
    }

    @Test
    void sameSeedAndDataGiveABitIdenticalRun() {
        double[][] first = train(5L);
        double[][] second = train(5L);
        for (int i = 0; i < first.length; i++) {
            assertArrayEquals(first[i], second[i], "parameter " + i);
        }
        double[][] other = train(6L);
        assertFalse(Arrays.equals(first[0], other[0]), "another seed gives other weights");
    }

    @Test
    void sameSeedGivesBitIdenticalInitialWeightsWithinPyTorchBounds() {
        LstmRegressor a = new LstmRegressor(3, 8, 2, 2, true, 123L);
        LstmRegressor b = new LstmRegressor(3, 8, 2, 2, true, 123L);
        assertEquals(10, a.parameters().size());
        for (int i = 0; i < a.parameters().size(); i++) {
            Parameter p = a.parameters().get(i);
            assertArrayEquals(p.toArray(), b.parameters().get(i).toArray(), p.name());
            double bound = 1 / Math.sqrt(8); // LSTM: 1/sqrt(H); readout: 1/sqrt(fan_in), fan_in = H
            double max = 0;
            for (double v : p.toArray()) {
                max = Math.max(max, Math.abs(v));
            }
            assertTrue(max <= bound, p.name() + " max |w| " + max);
            if (p.size() >= 16) {
                assertTrue(max > 0.5 * bound, p.name() + " spread over its range, max |w| " + max);
            }
        }
    }

    /** 40 steps with momentum, Nesterov and weight decay; returns every parameter afterwards. */
    private static double[][] train(long seed) {
        LstmRegressor model = new LstmRegressor(2, 6, 2, 2, true, seed);
        Sgd sgd = new Sgd(model.parameters(),
                SgdOptions.of(0.05).withMomentum(0.9).withWeightDecay(1e-3).withNesterov(true));
        SplittableRandom data = new SplittableRandom(3L);
        for (int step = 0; step < 40; step++) {
            SequenceBatch[] b = DampedRotation.batch(data, 4);
            model.trainStep(b[0], b[1], sgd);
        }
        double[][] params = new double[model.parameters().size()][];
        for (int i = 0; i < params.length; i++) {
            params[i] = model.parameters().get(i).toArray();
        }
        return params;
    }
}
