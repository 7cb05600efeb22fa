package io.github.lstmdynamics.bench;

import io.github.lstmdynamics.lstm.Adam;
import io.github.lstmdynamics.lstm.AdamOptions;
import io.github.lstmdynamics.lstm.AdamW;
import io.github.lstmdynamics.lstm.LstmRegressor;
import io.github.lstmdynamics.lstm.Optimizer;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the optimizer adds to a training step: the optimizer's {@code step()} alone and the whole
 * {@code LstmRegressor.trainStep} (which also copies the parameters and the optimizer's state before the step,
 * to undo a step that leaves a parameter non-finite) with SGD, Adam and AdamW with AMSGrad, at the tutorial's
 * size and a larger one ({@code I:H:B:T} as in {@link LstmBenchmark}). Compare the optimizers within one run.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class OptimizerBenchmark {

    /** I:H:B:T: the tutorial's, then a larger model. */
    @Param({"2:20:20:21", "2:64:64:50"})
    public String shape;

    /** sgd, adam or adamw-amsgrad. */
    @Param({"sgd", "adam", "adamw-amsgrad"})
    public String optimizer;

    private LstmRegressor model;
    private Optimizer opt;
    private SequenceBatch input;
    private SequenceBatch target;

    @Setup
    public void setUp() {
        String[] parts = shape.split(":");
        int inputSize = Integer.parseInt(parts[0]);
        int hidden = Integer.parseInt(parts[1]);
        int batch = Integer.parseInt(parts[2]);
        int steps = Integer.parseInt(parts[3]);
        model = new LstmRegressor(inputSize, hidden, inputSize, 42);
        opt = switch (optimizer) {
            case "sgd" -> new Sgd(model.parameters(), SgdOptions.of(1e-6));
            case "adam" -> new Adam(model.parameters(), AdamOptions.of(1e-6));
            default -> new AdamW(model.parameters(), AdamOptions.adamW(1e-6).withAmsgrad(true));
        };
        SplittableRandom random = new SplittableRandom(7);
        input = LstmBenchmark.random(steps, batch, inputSize, random);
        target = LstmBenchmark.random(steps, batch, inputSize, random);
        model.computeGradients(input, target);
    }

    @Benchmark
    public Optimizer optimizerStep() {
        opt.step();
        return opt;
    }

    @Benchmark
    public double trainStep() {
        return model.trainStep(input, target, opt);
    }
}
