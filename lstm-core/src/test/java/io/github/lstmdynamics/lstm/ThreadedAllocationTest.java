package io.github.lstmdynamics.lstm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * With two threads the steady-state training step still allocates nothing, counted over ALL threads of
 * the JVM (the helper thread included): a dispatch to the worker pool hands over a long-lived task.
 */
class ThreadedAllocationTest {

    /** Bytes per step allowed for noise (JIT and class-loading bookkeeping), far below one buffer. */
    private static final long BYTES_PER_STEP_BOUND = 64;

    @Test
    void twoThreadTrainStepAllocatesNothing() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        LstmRegressor model = new LstmRegressor(3, 48, 2, 2, true, 4L);
        model.setThreads(2);
        Sgd sgd = new Sgd(model.parameters(), SgdOptions.of(0.01).withMomentum(0.9));
        SplittableRandom rnd = new SplittableRandom(6L);
        SequenceBatch input = SequenceBatch.zeros(30, 21, 3);
        SequenceBatch target = SequenceBatch.zeros(30, 21, 2);
        for (double[] d : new double[][] {input.matrix().data, target.matrix().data}) {
            for (int k = 0; k < d.length; k++) {
                d[k] = rnd.nextDouble(-1, 1);
            }
        }
        assertTrue(30L * 21 * 4 * 48 * (3 + 48) >= Lstm.PARALLEL_THRESHOLD, "the model must use its threads");
        for (int i = 0; i < 150; i++) {
            model.trainStep(input, target, sgd);
        }
        long[] ids = threads.getAllThreadIds();
        long before = allocated(threads, ids);
        int steps = 40;
        for (int i = 0; i < steps; i++) {
            model.trainStep(input, target, sgd);
        }
        long bytes = allocated(threads, ids) - before;
        model.setThreads(1);
        assertTrue(bytes <= BYTES_PER_STEP_BOUND * steps,
                bytes + " bytes over " + steps + " steps (" + (double) bytes / steps + " per step, all threads)");
    }

    private static long allocated(com.sun.management.ThreadMXBean threads, long[] ids) {
        long sum = 0;
        for (long id : ids) {
            sum += Math.max(0, threads.getThreadAllocatedBytes(id));
        }
        return sum;
    }
}
