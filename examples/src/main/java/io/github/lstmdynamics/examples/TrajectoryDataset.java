package io.github.lstmdynamics.examples;

import io.github.lstmdynamics.lstm.SequenceBatch;
import io.github.lstmdynamics.ode.IvpOptions;
import io.github.lstmdynamics.ode.IvpResult;
import io.github.lstmdynamics.ode.OdeSystem;
import io.github.lstmdynamics.ode.SolveIvp;
import java.util.SplittableRandom;

/**
 * An endless dataset of trajectories of an {@link OdeSystem}: each batch draws its initial states
 * uniformly in a box and integrates them with RK45, sampling each trajectory on a {@link SamplingGrid}
 * through the solver's dense output ({@code t_eval}).
 *
 * <p>Batch {@code k} is a pure function of the seed and {@code k}: its initial states come from a
 * random generator seeded by mixing the two, so batches can be made in any order, on any thread, and
 * still be the same. Instances are immutable and thread-safe as long as the system is (a system that
 * keeps no state between calls, as most do).
 */
public final class TrajectoryDataset {

    private final OdeSystem system;
    private final double[] lower;
    private final double[] upper;
    private final SamplingGrid grid;
    private final double[] times;
    private final IvpOptions options;
    private final long seed;

    /**
     * A dataset of trajectories of {@code system} from initial states in the box [lower, upper].
     *
     * @param system  the system to integrate (autonomous or not; time starts at 0)
     * @param lower   lower corner of the box of initial states, length n, finite
     * @param upper   upper corner, length n, finite, each component above lower's
     * @param grid    the sample times
     * @param options solver options (tolerances, max step); the sample times are added as t_eval
     * @param seed    any value; the same seed gives the same batches
     */
    public TrajectoryDataset(OdeSystem system, double[] lower, double[] upper, SamplingGrid grid,
                             IvpOptions options, long seed) {
        if (system == null || lower == null || upper == null || grid == null || options == null) {
            throw new IllegalArgumentException("system, lower, upper, grid and options must not be null");
        }
        if (lower.length == 0 || lower.length != upper.length) {
            throw new IllegalArgumentException("lower and upper must have the same length n >= 1; got "
                    + lower.length + " and " + upper.length);
        }
        for (int i = 0; i < lower.length; i++) {
            if (!(Double.isFinite(lower[i]) && Double.isFinite(upper[i]) && lower[i] < upper[i])) {
                throw new IllegalArgumentException("box component " + i + " must be finite with lower < upper; got ["
                        + lower[i] + ", " + upper[i] + "]");
            }
        }
        this.system = system;
        this.lower = lower.clone();
        this.upper = upper.clone();
        this.grid = grid;
        this.times = grid.times();
        this.options = options.withTEval(times);
        this.seed = seed;
    }

    /**
     * The dimension of the system's state.
     *
     * @return n
     */
    public int dimension() {
        return lower.length;
    }

    /**
     * The sampling grid.
     *
     * @return the grid given to the constructor
     */
    public SamplingGrid grid() {
        return grid;
    }

    /**
     * The sample times.
     *
     * @return a copy of the grid's times
     */
    public double[] times() {
        return times.clone();
    }

    /**
     * The initial states of batch {@code index}, uniform in the box.
     *
     * @param index     the batch's index, any value
     * @param batchSize the number of states, at least 1
     * @return batchSize x n initial states
     */
    public double[][] initialStates(long index, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1; got " + batchSize);
        }
        SplittableRandom random = new SplittableRandom(mix(seed, index));
        double[][] x0 = new double[batchSize][lower.length];
        for (int b = 0; b < batchSize; b++) {
            for (int i = 0; i < lower.length; i++) {
                x0[b][i] = lower[i] + (upper[i] - lower[i]) * random.nextDouble();
            }
        }
        return x0;
    }

    /**
     * Integrates one trajectory from x0 and returns its samples.
     *
     * @param x0 the initial state, length n
     * @return samples x n: the state at each time of the grid
     * @throws IllegalStateException if the solver fails (the message says why)
     */
    public double[][] trajectory(double[] x0) {
        IvpResult result = SolveIvp.solve(system, 0.0, grid.tEnd(), x0, options);
        if (!result.success() || result.y().length != times.length) {
            throw new IllegalStateException("RK45 from " + java.util.Arrays.toString(x0)
                    + " did not reach t = " + grid.tEnd() + ": " + result.message());
        }
        return result.y();
    }

    /**
     * Batch {@code index}: its initial states ({@link #initialStates}) and their trajectories.
     *
     * @param index     the batch's index, any value
     * @param batchSize the number of trajectories, at least 1
     * @return the batch, input and target of shape samples x batchSize x n
     */
    public TrajectoryBatch batch(long index, int batchSize) {
        double[][] x0 = initialStates(index, batchSize);
        int n = lower.length;
        SequenceBatch input = SequenceBatch.zeros(times.length, batchSize, n);
        SequenceBatch target = SequenceBatch.zeros(times.length, batchSize, n);
        for (int b = 0; b < batchSize; b++) {
            double[][] samples = trajectory(x0[b]);
            for (int i = 0; i < n; i++) {
                input.set(0, b, i, x0[b][i]);
            }
            for (int t = 0; t < times.length; t++) {
                for (int i = 0; i < n; i++) {
                    target.set(t, b, i, samples[t][i]);
                }
            }
        }
        return new TrajectoryBatch(index, x0, input, target);
    }

    /** A well-mixed 64-bit seed for batch index (SplitMix64's finaliser over seed and index). */
    private static long mix(long seed, long index) {
        long z = seed * 0x9E3779B97F4A7C15L + index + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
