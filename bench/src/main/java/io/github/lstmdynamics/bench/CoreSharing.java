package io.github.lstmdynamics.bench;

import java.util.Arrays;

/**
 * What a second thread can add on this machine, measured with the kind of loop the LSTM's kernels are
 * made of: {@code y += a x} over 2,048 doubles per thread (32 KiB, resident in L1; the JIT vectorizes
 * it). Blocks of a few milliseconds alternate between one thread alone and two threads at once (each on
 * its own arrays, so they share no data); a spell of the machine hits both sides of a block alike.
 * Prints the median and quartiles over the blocks of (time of two at once) / (time of one alone): 1.0
 * on two separate cores; above 1 when the two CPUs share a physical core or its budget. Two threads
 * then deliver at most 2 / ratio times the throughput of one, which bounds what the two-thread training
 * step can gain.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.github.lstmdynamics.bench.CoreSharing [seconds, default 20]
 * </pre>
 */
public final class CoreSharing {

    private static final int N = 2048;
    private static final int PASSES = 4000;

    /** Blocks started (written by the main thread) and finished (written by the helper); both spin. */
    private static volatile int started;
    private static volatile int finished;

    private CoreSharing() {
    }

    /** Runs one block on the helper (which spins waiting for it, so no wake-up latency) and one here. */
    private static void both(double[] x0, double[] y0) {
        int block = started + 1;
        started = block;
        work(x0, y0);
        while (finished != block) {
            Thread.onSpinWait();
        }
    }

    private static double seconds(String arg) {
        double seconds;
        try {
            seconds = Double.parseDouble(arg);
        } catch (NumberFormatException e) {
            seconds = Double.NaN;
        }
        if (!(seconds > 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("seconds of measurement must be a positive number, got '" + arg + "'");
        }
        return seconds;
    }

    /** {@code PASSES} passes of {@code y += 1.0000001 x}. */
    static double work(double[] x, double[] y) {
        for (int p = 0; p < PASSES; p++) {
            for (int i = 0; i < N; i++) {
                y[i] += 1.0000001 * x[i];
            }
        }
        return y[0];
    }

    /**
     * Measures for {@code args[0]} seconds (default 20) after a short warm-up and prints the ratio.
     *
     * @param args optional: seconds of measurement, a positive number
     * @throws IllegalArgumentException if the seconds are not a positive number
     */
    public static void main(String[] args) {
        double seconds = args.length > 0 ? seconds(args[0]) : 20;
        double[] x0 = new double[N];
        double[] y0 = new double[N];
        double[] x1 = new double[N];
        double[] y1 = new double[N];
        Arrays.fill(x0, 1e-9);
        Arrays.fill(x1, 1e-9);
        Thread helper = new Thread(() -> {
            int seen = 0;
            while (true) {
                int block = started;
                if (block == seen) {
                    Thread.onSpinWait();
                    continue;
                }
                work(x1, y1);
                seen = block;
                finished = block;
            }
        }, "core-sharing-helper");
        helper.setDaemon(true);
        helper.start();
        for (int i = 0; i < 200; i++) { // warm-up: both code paths compiled
            work(x0, y0);
            both(x0, y0);
        }
        double[] ratios = new double[100_000];
        int blocks = 0;
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while ((System.nanoTime() < end || blocks == 0) && blocks < ratios.length) {
            long t0 = System.nanoTime();
            work(x0, y0);
            long alone = System.nanoTime() - t0;
            t0 = System.nanoTime();
            both(x0, y0);
            long both = System.nanoTime() - t0;
            ratios[blocks++] = (double) both / alone;
        }
        double[] r = Arrays.copyOf(ratios, blocks);
        Arrays.sort(r);
        double median = r[blocks / 2];
        System.out.printf("%d blocks of %d passes over %d doubles: two threads at once / one alone = %.3f"
                + " (quartiles %.3f and %.3f); two threads give at most %.2f times one's throughput%n",
                blocks, PASSES, N, median, r[blocks / 4], r[3 * blocks / 4], 2 / median);
    }
}
