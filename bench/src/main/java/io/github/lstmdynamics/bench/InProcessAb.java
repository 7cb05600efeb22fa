package io.github.lstmdynamics.bench;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A/B of two builds of the benchmarks (or of two parameter values) in ONE JVM, block of calls by block of
 * calls.
 *
 * <p>This project's machine has fast and slow spells that last seconds (the same training step runs at
 * 0.52 or 0.78 ms), so two JMH runs one after the other, or even {@code bench/python/ab.py}'s
 * interleaved runs, cannot settle a 10% change: identical jars gave 0.74 to 1.33 there. Here each jar is
 * loaded by its own class loader (so each side has its own classes and JIT-compiled code), and the two
 * sides alternate every block of about {@value #BLOCK_MILLIS} ms; a spell hits both sides of a block
 * alike, so the ratio of each block's times is steady even when the times are not. Identical jars gave
 * a median block ratio of 0.994 (quartiles 0.976 and 1.012) for the tutorial-size training step over
 * 40 s.
 *
 * <pre>
 * cp bench/target/benchmarks.jar /tmp/before.jar            # before the change
 * (change, then mvn -B -q -pl bench -am package -Dmaven.test.skip=true)
 * java -cp bench/target/benchmarks.jar io.github.lstmdynamics.bench.InProcessAb \
 *     /tmp/before.jar bench/target/benchmarks.jar LstmBenchmark.trainStep 60 shape=2:20:20:21 threads=1
 * # what a second thread brings, one jar:
 * java -cp bench/target/benchmarks.jar io.github.lstmdynamics.bench.InProcessAb \
 *     bench/target/benchmarks.jar bench/target/benchmarks.jar LstmBenchmark.trainStep 60 \
 *     shape=2:20:20:21 a.threads=1 b.threads=2
 * # Hipparchus against ours, one jar, two methods:
 * java -cp bench/target/benchmarks.jar io.github.lstmdynamics.bench.InProcessAb \
 *     bench/target/benchmarks.jar bench/target/benchmarks.jar OdeBenchmark.arenstorfOurs,arenstorfHipparchus 60
 * </pre>
 *
 * Arguments: jar A, jar B, the benchmark as {@code Class.method} (a class of this package, or a fully
 * qualified one such as {@code io.github.lstmdynamics.lstm.KernelBenchmark}, with a public no-argument
 * constructor and an optional {@code setUp()}) or {@code Class.methodA,methodB}, seconds of measurement (after
 * {@value #WARM_UP_SECONDS} s of warm-up), then {@code field=value} for the benchmark's public
 * {@code @Param} fields on both sides, or {@code a.field=value} / {@code b.field=value} for one side.
 * Prints both sides' median and tenth percentile per call, and the median and quartiles of B/A over
 * the blocks.
 */
public final class InProcessAb {

    private static final long BLOCK_MILLIS = 5;
    private static final int WARM_UP_SECONDS = 10;
    private static final String PACKAGE = "io.github.lstmdynamics.bench.";

    private InProcessAb() {
    }

    /** One side: the benchmark object of one jar, called by reflection (its classes are not this class's). */
    private static final class Side {
        private final Object benchmark;
        private final Method method;
        private int block = 1;

        Side(String jar, String className, String methodName, List<String[]> params)
                throws ReflectiveOperationException, java.io.IOException {
            File file = new File(jar);
            if (!file.isFile()) {
                throw new IllegalArgumentException("jar " + jar + " does not exist");
            }
            ClassLoader loader = new URLClassLoader(new URL[] {file.toURI().toURL()},
                    ClassLoader.getPlatformClassLoader());
            Class<?> type = loader.loadClass(className);
            benchmark = type.getConstructor().newInstance();
            for (String[] p : params) {
                var field = type.getField(p[0]);
                Object value = field.getType() == int.class ? Integer.valueOf(p[1]) : p[1];
                field.set(benchmark, value);
            }
            try {
                type.getMethod("setUp").invoke(benchmark);
            } catch (NoSuchMethodException e) {
                // a benchmark without set-up
            }
            method = type.getMethod(methodName);
        }

        /** Nanoseconds per call over one block. */
        long runBlock() throws ReflectiveOperationException {
            long t0 = System.nanoTime();
            for (int i = 0; i < block; i++) {
                method.invoke(benchmark);
            }
            return (System.nanoTime() - t0) / block;
        }

        /** Sizes the block to about {@link #BLOCK_MILLIS} from the last per-call time. */
        void calibrate(long nanosPerCall) {
            block = (int) Math.max(1, Math.min(100_000, BLOCK_MILLIS * 1_000_000 / Math.max(1, nanosPerCall)));
        }
    }

    /**
     * @param args jar A, jar B, Class.method, seconds, then field=value, a.field=value or b.field=value
     * @throws Exception when a jar cannot be loaded or a call fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            throw new IllegalArgumentException("expected: jarA jarB Class.method seconds [field=value | a.field=value"
                    + " | b.field=value ...], got " + Arrays.toString(args));
        }
        int dot = args[2].lastIndexOf('.');
        if (dot <= 0) {
            throw new IllegalArgumentException("benchmark must be Class.method, got " + args[2]);
        }
        String className = args[2].substring(0, dot);
        String[] target = {className.contains(".") ? className : PACKAGE + className, args[2].substring(dot + 1)};
        List<String[]> paramsA = new ArrayList<>();
        List<String[]> paramsB = new ArrayList<>();
        for (int i = 4; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("parameter must be field=value, got " + args[i]);
            }
            if (kv[0].startsWith("a.")) {
                paramsA.add(new String[] {kv[0].substring(2), kv[1]});
            } else if (kv[0].startsWith("b.")) {
                paramsB.add(new String[] {kv[0].substring(2), kv[1]});
            } else {
                paramsA.add(kv);
                paramsB.add(kv);
            }
        }
        String[] methods = target[1].split(",");
        if (methods.length > 2) {
            throw new IllegalArgumentException("at most two methods, A's and B's, got " + target[1]);
        }
        Side a = new Side(args[0], target[0], methods[0], paramsA);
        Side b = new Side(args[1], target[0], methods[methods.length - 1], paramsB);
        long measureNanos = (long) (Double.parseDouble(args[3]) * 1e9);
        long warmUpEnd = System.nanoTime() + WARM_UP_SECONDS * 1_000_000_000L;
        while (System.nanoTime() < warmUpEnd) {
            a.calibrate(a.runBlock());
            b.calibrate(b.runBlock());
        }
        List<Long> timesA = new ArrayList<>();
        List<Long> timesB = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        long end = System.nanoTime() + measureNanos;
        do {
            long ta = a.runBlock();
            long tb = b.runBlock();
            timesA.add(ta);
            timesB.add(tb);
            ratios.add((double) tb / ta);
        } while (System.nanoTime() < end);
        timesA.sort(null);
        timesB.sort(null);
        ratios.sort(null);
        int n = ratios.size();
        System.out.printf("%s %s: A %.2f us, B %.2f us per call (10th percentile A %.2f, B %.2f); "
                + "B/A median of %d blocks %.3f (quartiles %.3f, %.3f)%n", args[2],
                String.join(" ", Arrays.copyOfRange(args, 4, args.length)), timesA.get(n / 2) / 1e3,
                timesB.get(n / 2) / 1e3, timesA.get(n / 10) / 1e3, timesB.get(n / 10) / 1e3, n, ratios.get(n / 2),
                ratios.get(n / 4), ratios.get(3 * n / 4));
    }
}
