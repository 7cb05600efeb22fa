package io.github.lstmdynamics.bench;

import io.github.lstmdynamics.lstm.SequenceBatch;
import io.github.lstmdynamics.ode.IvpOptions;
import io.github.lstmdynamics.ode.IvpResult;
import io.github.lstmdynamics.ode.SolveIvp;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Generating one training batch of the tutorial: 20 van der Pol trajectories (mu = 0.1) from initial
 * states uniform in [-5, 5]^2, each solved by RK45 over [0, 2] with max step 0.1 and sampled at
 * t = 0, 0.1, ..., 2 ({@code t_eval}), and laid out as the model's input (x0 at step 0, zeros after) and
 * target (the 21 samples) {@code [21, 20, 2]} batches. A new batch of initial states per operation,
 * from a seeded generator (the draws cost nanoseconds).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class DatasetBenchmark {

    static final int BATCH = 20;
    static final int SAMPLES = 21;

    private final IvpOptions options = IvpOptions.defaults().withMaxStep(0.1)
            .withTEval(OdeBenchmark.samples(0, 2, SAMPLES));
    private SplittableRandom random;

    @Setup
    public void setUp() {
        random = new SplittableRandom(2024);
    }

    @Benchmark
    public SequenceBatch[] tutorialBatch() {
        SequenceBatch input = SequenceBatch.zeros(SAMPLES, BATCH, 2);
        SequenceBatch target = SequenceBatch.zeros(SAMPLES, BATCH, 2);
        double[] x0 = new double[2];
        for (int b = 0; b < BATCH; b++) {
            x0[0] = random.nextDouble(-5, 5);
            x0[1] = random.nextDouble(-5, 5);
            IvpResult r = SolveIvp.solve(OdeBenchmark.VAN_DER_POL, 0, 2, x0, options);
            double[][] y = r.y();
            input.set(0, b, 0, x0[0]);
            input.set(0, b, 1, x0[1]);
            for (int t = 0; t < SAMPLES; t++) {
                target.set(t, b, 0, y[t][0]);
                target.set(t, b, 1, y[t][1]);
            }
        }
        return new SequenceBatch[] {input, target};
    }
}
