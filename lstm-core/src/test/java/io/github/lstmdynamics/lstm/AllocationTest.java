package io.github.lstmdynamics.lstm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The steady-state training step allocates nothing: buffers are made once per (T, B) shape and reused. */
class AllocationTest {

    /** Bytes per step allowed for noise (for example a TLAB bookkeeping rounding), far below one buffer. */
    private static final long BYTES_PER_STEP_BOUND = 16;

    @Test
    void steadyStateTrainStepAllocatesNothing() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        LstmRegressor model = new LstmRegressor(2, 20, 2, 2, true, 1L);
        Sgd sgd = new Sgd(model.parameters(), SgdOptions.of(0.01).withMomentum(0.9).withWeightDecay(1e-4));
        SequenceBatch[] b = DampedRotation.batch(new SplittableRandom(2L), 20);
        SequenceBatch other = SequenceBatch.zeros(5, 3, 2);
        SequenceBatch otherTarget = SequenceBatch.zeros(5, 3, 2);
        // warm-up, including a change of shape and back (buffers must be re-fitted, not re-made each step)
        for (int i = 0; i < 300; i++) {
            model.trainStep(b[0], b[1], sgd);
        }
        model.trainStep(other, otherTarget, sgd);
        model.trainStep(b[0], b[1], sgd);

        int steps = 200;
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < steps; i++) {
            model.trainStep(b[0], b[1], sgd);
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertTrue(allocated <= BYTES_PER_STEP_BOUND * steps,
                allocated + " bytes over " + steps + " steps (" + (double) allocated / steps + " per step)");
    }
}
