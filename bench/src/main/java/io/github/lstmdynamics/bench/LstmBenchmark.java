package io.github.lstmdynamics.bench;

import io.github.lstmdynamics.lstm.KernelSelection;
import io.github.lstmdynamics.lstm.Lstm;
import io.github.lstmdynamics.lstm.LstmGradients;
import io.github.lstmdynamics.lstm.LstmOutput;
import io.github.lstmdynamics.lstm.LstmRegressor;
import io.github.lstmdynamics.lstm.Precision;
import io.github.lstmdynamics.lstm.SequenceBatch;
import io.github.lstmdynamics.lstm.Sgd;
import io.github.lstmdynamics.lstm.SgdOptions;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The LSTM's forward pass, forward plus backpropagation through time, and the whole training step
 * (forward, Linear readout, MSE, BPTT, SGD) of the tutorial's model shape, at the sizes
 * {@code I,H,B,T} (input features, hidden units, sequences per batch, time steps). The readout has
 * {@code O = I} outputs, as a model that predicts the state it is given.
 *
 * <p>FLOPs per operation (multiply and add counted as two): forward
 * {@code F = 2 B T 4H (I + H) + 2 B T O H}; forward plus BPTT and a training step count {@code 3 F}.
 * GFLOP/s = F (or 3 F) / (time per op in ns). {@code bench/python/compare.py} prints them.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@State(Scope.Thread)
public class LstmBenchmark {

    /** I:H:B:T (colons, since JMH splits {@code -p} values at commas): the tutorial first, then growing sizes. */
    @Param({"2:20:20:21", "2:64:64:50", "32:256:64:50", "64:512:32:100"})
    public String shape;

    /**
     * Threads of the model ({@code LstmRegressor.setThreads}); every size here is above
     * {@code Lstm.PARALLEL_THRESHOLD}, so 2 means two threads.
     */
    @Param({"1", "2"})
    public int threads;

    /**
     * The kernels ({@code scalar} or {@code vector}), set through the system property
     * {@code lstmdynamics.kernels} before the library's first use in this JVM (each JMH fork, and each
     * side of {@link InProcessAb}, has its own); {@link #setUp} fails if the library runs on another.
     */
    @Param({"scalar", "vector"})
    public String kernels;

    /**
     * The model's precision, {@code float64} or {@code float32}; the float32 kernels are scalar whatever
     * {@link #kernels} says (there is no vector float32 path yet). Unset (as {@code InProcessAb} leaves a
     * field it is not given): float64.
     */
    @Param({"float64", "float32"})
    public String dtype;

    private LstmRegressor model;
    private Lstm lstm;
    private Sgd sgd;
    private SequenceBatch input;
    private SequenceBatch target;
    private SequenceBatch dOutput;

    @Setup
    public void setUp() {
        String[] parts = shape.split(":");
        int inputSize = Integer.parseInt(parts[0]);
        int hidden = Integer.parseInt(parts[1]);
        int batch = Integer.parseInt(parts[2]);
        int steps = Integer.parseInt(parts[3]);
        System.setProperty("lstmdynamics.kernels", kernels);
        String inUse = KernelSelection.current().implementation();
        if (!inUse.equals(kernels)) {
            throw new IllegalStateException("asked for the " + kernels + " kernels, but the library runs on "
                    + KernelSelection.current() + " (the path is fixed at the first use in a JVM or class loader)");
        }
        model = new LstmRegressor(inputSize, hidden, inputSize, 1, true, 42, Precision.parse(dtype == null ? "float64" : dtype));
        model.setThreads(threads);
        lstm = model.lstm();
        sgd = new Sgd(model.parameters(), SgdOptions.of(1e-6));
        SplittableRandom random = new SplittableRandom(7);
        input = random(steps, batch, inputSize, random);
        target = random(steps, batch, inputSize, random);
        dOutput = random(steps, batch, hidden, random);
    }

    /** Ends the model's helper threads, so that they do not spin into the next trial. */
    @TearDown
    public void tearDown() {
        model.close();
    }

    @Benchmark
    public LstmOutput forward() {
        return lstm.forward(input);
    }

    @Benchmark
    public LstmGradients forwardBackward() {
        lstm.forward(input);
        return lstm.backward(dOutput);
    }

    @Benchmark
    public double trainStep() {
        return model.trainStep(input, target, sgd);
    }

    static SequenceBatch random(int steps, int batch, int features, SplittableRandom random) {
        SequenceBatch b = SequenceBatch.zeros(steps, batch, features);
        double[] data = b.matrix().data;
        for (int i = 0; i < steps * batch * features; i++) {
            data[i] = random.nextDouble(-1, 1);
        }
        return b;
    }
}
