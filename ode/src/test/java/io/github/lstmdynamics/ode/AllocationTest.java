package io.github.lstmdynamics.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** The step loop allocates nothing once warmed up (checked with HotSpot's per-thread counter). */
class AllocationTest {

    private static final int WARM_UP_STEPS = 30_000;
    private static final int MEASURED_STEPS = 30_000;
    /** Slack for the measurement itself; a single allocation per step would be &gt; 400 KB. */
    private static final long ALLOWED_BYTES = 1024;

    @Test
    void stepAllocatesNothing() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "HotSpot allocation counter");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported());
        threads.setThreadAllocatedMemoryEnabled(true);

        OdeSystem oscillator = ReferenceSystems.harmonic(1);
        Rk45 solver = new Rk45(oscillator, 0, new double[] {1, 0}, 1e9,
                IvpOptions.defaults().withRtol(1e-8).withAtol(1e-10));
        for (int i = 0; i < WARM_UP_STEPS; i++) {
            solver.step();
        }
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < MEASURED_STEPS; i++) {
            solver.step();
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;

        assertEquals(SolverStatus.RUNNING, solver.status());
        assertTrue(allocated < ALLOWED_BYTES, allocated + " bytes allocated in " + MEASURED_STEPS
                + " steps");
    }
}
