package io.github.lstmdynamics.lstm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The momentum buffers can be read and restored, so that a checkpointed optimizer resumes exactly. */
class SgdMomentumBufferTest {

    private static final SgdOptions OPTIONS = SgdOptions.of(0.1).withMomentum(0.9).withDampening(0.1)
            .withWeightDecay(1e-3);

    @Test
    void buffersAreAbsentBeforeTheFirstStepAndCopiesAfterIt() {
        LstmRegressor model = new LstmRegressor(2, 4, 2, 1L);
        Sgd sgd = new Sgd(model.parameters(), OPTIONS);
        for (int k = 0; k < model.parameters().size(); k++) {
            assertNull(sgd.momentumBuffer(k), "parameter " + k);
        }
        SequenceBatch[] b = DampedRotation.batch(new SplittableRandom(3L), 5);
        model.trainStep(b[0], b[1], sgd);
        double[] buffer = sgd.momentumBuffer(0);
        assertEquals(model.parameters().get(0).size(), buffer.length);
        buffer[0] = 1e9;
        assertTrue(sgd.momentumBuffer(0)[0] != 1e9, "the accessor returns a copy");
        assertNotSame(sgd.momentumBuffer(1), sgd.momentumBuffer(1));
    }

    @Test
    void plainSgdNeverHasBuffers() {
        LstmRegressor model = new LstmRegressor(2, 4, 2, 1L);
        Sgd sgd = new Sgd(model.parameters(), SgdOptions.of(0.1));
        SequenceBatch[] b = DampedRotation.batch(new SplittableRandom(3L), 5);
        model.trainStep(b[0], b[1], sgd);
        assertNull(sgd.momentumBuffer(0));
    }

    @Test
    void restoredBuffersContinueBitIdentically() {
        LstmRegressor uninterrupted = new LstmRegressor(2, 4, 2, 2, true, 5L);
        Sgd sgd = new Sgd(uninterrupted.parameters(), OPTIONS);
        SplittableRandom data = new SplittableRandom(8L);
        for (int step = 0; step < 3; step++) {
            SequenceBatch[] b = DampedRotation.batch(data, 5);
            uninterrupted.trainStep(b[0], b[1], sgd);
        }
        // copy parameters and buffers into a fresh model and optimizer, as a checkpoint does
        LstmRegressor resumed = new LstmRegressor(2, 4, 2, 2, true, 99L);
        Sgd resumedSgd = new Sgd(resumed.parameters(), OPTIONS);
        List<Parameter> params = uninterrupted.parameters();
        for (int k = 0; k < params.size(); k++) {
            resumed.setParameter(params.get(k).name(), params.get(k).toArray());
            resumedSgd.setMomentumBuffer(k, sgd.momentumBuffer(k));
        }
        for (int step = 0; step < 3; step++) {
            SequenceBatch[] b = DampedRotation.batch(data.split(), 5);
            SequenceBatch[] same = new SequenceBatch[] {b[0].copy(), b[1].copy()};
            double expected = uninterrupted.trainStep(b[0], b[1], sgd);
            double actual = resumed.trainStep(same[0], same[1], resumedSgd);
            assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
                    "loss of step " + step);
        }
        for (int k = 0; k < params.size(); k++) {
            assertArrayEquals(params.get(k).toArray(), resumed.parameters().get(k).toArray(), params.get(k).name());
            assertArrayEquals(sgd.momentumBuffer(k), resumedSgd.momentumBuffer(k), "buffer " + k);
        }
    }

    @Test
    void clearingABufferRestartsItAsOnTheFirstStep() {
        LstmRegressor a = new LstmRegressor(2, 4, 2, 1L);
        LstmRegressor b = new LstmRegressor(2, 4, 2, 1L);
        Sgd sgdA = new Sgd(a.parameters(), OPTIONS);
        Sgd sgdB = new Sgd(b.parameters(), OPTIONS);
        SequenceBatch[] batch = DampedRotation.batch(new SplittableRandom(4L), 5);
        a.trainStep(batch[0], batch[1], sgdA);
        for (int k = 0; k < a.parameters().size(); k++) {
            sgdA.setMomentumBuffer(k, null);
            b.setParameter(a.parameters().get(k).name(), a.parameters().get(k).toArray());
        }
        a.trainStep(batch[0], batch[1], sgdA);
        b.trainStep(batch[0], batch[1], sgdB); // a fresh optimizer: first step
        for (int k = 0; k < a.parameters().size(); k++) {
            assertArrayEquals(sgdB.momentumBuffer(k), sgdA.momentumBuffer(k), "buffer " + k);
        }
    }

    @Test
    void aBufferOfTheWrongLengthOrIndexIsRefused() {
        LstmRegressor model = new LstmRegressor(2, 4, 2, 1L);
        Sgd sgd = new Sgd(model.parameters(), OPTIONS);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sgd.setMomentumBuffer(1, new double[3]));
        assertTrue(e.getMessage().contains("lstm.weight_hh_l0") && e.getMessage().contains("3 values"),
                e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> sgd.setMomentumBuffer(6, new double[2]));
        assertThrows(IndexOutOfBoundsException.class, () -> sgd.momentumBuffer(-1));
    }
}
