package io.github.lstmdynamics.bench;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A/B of two builds of the library (or two thread counts) in ONE JVM, call block by call block.
 *
 * <p>This project's machine has fast and slow spells that last seconds (the same training step runs at
 * 0.52 or 0.78 ms), so two JMH runs one after the other, or even {@code bench/python/ab.py}'s
 * interleaved runs, cannot settle a 10% change: identical jars gave 0.74 to 1.33 there. Here each jar is
 * loaded by its own class loader (so each gets its own JIT-compiled code), and the two sides alternate
 * every {@value #BLOCK} calls; a spell hits both sides of a block alike, so the ratio of each block's
 * times is steady even when the times are not. Identical jars gave a median block ratio of 0.994
 * (quartiles 0.976 and 1.012) over 40 s.
 *
 * <pre>
 * cp bench/target/benchmarks.jar /tmp/before.jar            # before the change
 * (change, then mvn -B -q -pl bench -am package -Dmaven.test.skip=true)
 * java -cp bench/target/benchmarks.jar io.github.lstmdynamics.bench.InProcessAb \
 *     /tmp/before.jar bench/target/benchmarks.jar 2:20:20:21 trainStep 1 1 60
 * </pre>
 *
 * Arguments: jar A, jar B, shape I:H:B:T, operation ({@code trainStep}, {@code forward} or
 * {@code forwardBackward}), threads of A, threads of B, seconds of measurement (after 10 s of warm-up).
 * The same jar twice with threads 1 and 2 measures what the second thread brings. Prints both sides'
 * median and tenth percentile per call, and the median and quartiles of B/A over the blocks.
 */
public final class InProcessAb {

    /** Calls of one side in a row. */
    private static final int BLOCK = 10;
    private static final long WARM_UP_NANOS = 10_000_000_000L;

    private InProcessAb() {
    }

    /** One side: a model of one jar, driven by reflection (the jars' classes are not this class's). */
    private static final class Side {
        private final Object model;
        private final Object lstm;
        private final Object sgd;
        private final Object input;
        private final Object target;
        private final Object dOutput;
        private final Method trainStep;
        private final Method forward;
        private final Method backward;

        Side(String jar, int threads, int[] shape) throws ReflectiveOperationException, java.io.IOException {
            ClassLoader loader = new URLClassLoader(new URL[] {new File(jar).toURI().toURL()},
                    ClassLoader.getPlatformClassLoader());
            Class<?> regressor = loader.loadClass("io.github.lstmdynamics.lstm.LstmRegressor");
            Class<?> batch = loader.loadClass("io.github.lstmdynamics.lstm.SequenceBatch");
            Class<?> sgdClass = loader.loadClass("io.github.lstmdynamics.lstm.Sgd");
            Class<?> options = loader.loadClass("io.github.lstmdynamics.lstm.SgdOptions");
            int in = shape[0];
            model = regressor.getConstructor(int.class, int.class, int.class, long.class)
                    .newInstance(in, shape[1], in, 42L);
            regressor.getMethod("setThreads", int.class).invoke(model, threads);
            sgd = sgdClass.getConstructor(List.class, options).newInstance(
                    regressor.getMethod("parameters").invoke(model),
                    options.getMethod("of", double.class).invoke(null, 1e-6));
            SplittableRandom random = new SplittableRandom(7);
            input = randomBatch(batch, shape[3], shape[2], in, random);
            target = randomBatch(batch, shape[3], shape[2], in, random);
            dOutput = randomBatch(batch, shape[3], shape[2], shape[1], random);
            lstm = regressor.getMethod("lstm").invoke(model);
            trainStep = regressor.getMethod("trainStep", batch, batch, sgdClass);
            forward = lstm.getClass().getMethod("forward", batch);
            backward = lstm.getClass().getMethod("backward", batch);
        }

        private static Object randomBatch(Class<?> batch, int steps, int size, int features,
                SplittableRandom random) throws ReflectiveOperationException {
            Object b = batch.getMethod("zeros", int.class, int.class, int.class).invoke(null, steps, size, features);
            Object matrix = batch.getMethod("matrix").invoke(b);
            double[] data = (double[]) matrix.getClass().getField("data").get(matrix);
            for (int i = 0; i < steps * size * features; i++) {
                data[i] = random.nextDouble(-1, 1);
            }
            return b;
        }

        void call(String op) throws ReflectiveOperationException {
            switch (op) {
                case "trainStep":
                    trainStep.invoke(model, input, target, sgd);
                    break;
                case "forward":
                    forward.invoke(lstm, input);
                    break;
                case "forwardBackward":
                    forward.invoke(lstm, input);
                    backward.invoke(lstm, dOutput);
                    break;
                default:
                    throw new IllegalArgumentException("operation must be trainStep, forward or forwardBackward, got "
                            + op);
            }
        }

        /** Nanoseconds per call over one block. */
        long block(String op) throws ReflectiveOperationException {
            long t0 = System.nanoTime();
            for (int i = 0; i < BLOCK; i++) {
                call(op);
            }
            return (System.nanoTime() - t0) / BLOCK;
        }
    }

    /**
     * @param args jar A, jar B, shape, operation, threads of A, threads of B, seconds
     * @throws Exception when a jar cannot be loaded or a call fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 7) {
            throw new IllegalArgumentException("expected 7 arguments: jarA jarB I:H:B:T operation threadsA threadsB "
                    + "seconds, got " + args.length + ": " + Arrays.toString(args));
        }
        int[] shape = Arrays.stream(args[2].split(":")).mapToInt(Integer::parseInt).toArray();
        if (shape.length != 4) {
            throw new IllegalArgumentException("shape must be I:H:B:T, got " + args[2]);
        }
        String op = args[3];
        Side a = new Side(args[0], Integer.parseInt(args[4]), shape);
        Side b = new Side(args[1], Integer.parseInt(args[5]), shape);
        long measureNanos = (long) (Double.parseDouble(args[6]) * 1e9);
        long warmUpEnd = System.nanoTime() + WARM_UP_NANOS;
        while (System.nanoTime() < warmUpEnd) {
            a.block(op);
            b.block(op);
        }
        List<Long> timesA = new ArrayList<>();
        List<Long> timesB = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        long end = System.nanoTime() + measureNanos;
        do {
            long ta = a.block(op);
            long tb = b.block(op);
            timesA.add(ta);
            timesB.add(tb);
            ratios.add((double) tb / ta);
        } while (System.nanoTime() < end);
        timesA.sort(null);
        timesB.sort(null);
        ratios.sort(null);
        int n = ratios.size();
        System.out.printf("%s %s, threads %s/%s: A %.1f us, B %.1f us per call (10th percentile A %.1f, B %.1f); "
                + "B/A median of %d blocks %.3f (quartiles %.3f, %.3f)%n", op, args[2], args[4], args[5],
                timesA.get(n / 2) / 1e3, timesB.get(n / 2) / 1e3, timesA.get(n / 10) / 1e3, timesB.get(n / 10) / 1e3,
                n, ratios.get(n / 2), ratios.get(n / 4), ratios.get(3 * n / 4));
    }
}
