package io.github.lstmdynamics.lstm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The steady-state training step allocates nothing, on either kernel path: buffers are made once per
 * (T, B) shape and reused.
 */
class AllocationTest {

    /** Bytes per step allowed for noise (for example a TLAB bookkeeping rounding), far below one buffer. */
    private static final long BYTES_PER_STEP_BOUND = 16;
    /** Windows of 200 steps tried before the step must have stopped allocating (JIT warm-up). */
    private static final int MAX_WINDOWS = 40;

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

        // the vector kernels allocate (boxed vectors) until C2 has compiled them, which takes a few thousand
        // steps: measure windows of steps until one allocates nothing, at most MAX_WINDOWS of them
        int steps = 200;
        long allocated = Long.MAX_VALUE;
        for (int window = 0; window < MAX_WINDOWS && allocated > BYTES_PER_STEP_BOUND * steps; window++) {
            long before = threads.getThreadAllocatedBytes(thread);
            for (int i = 0; i < steps; i++) {
                model.trainStep(b[0], b[1], sgd);
            }
            allocated = threads.getThreadAllocatedBytes(thread) - before;
        }
        assertTrue(allocated <= BYTES_PER_STEP_BOUND * steps,
                allocated + " bytes over " + steps + " steps (" + (double) allocated / steps + " per step)");
    }
}
