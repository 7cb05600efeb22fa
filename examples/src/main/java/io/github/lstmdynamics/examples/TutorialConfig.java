package io.github.lstmdynamics.examples;

import java.nio.file.Path;

/**
 * The settings of one tutorial run; the defaults ({@link #defaults()}) are the original tutorial's.
 *
 * @param batches   training batches, 0 to 10,000,000 (a run resumed from a checkpoint counts its batches
 *                  too; 0, or a checkpoint already there, only evaluates the model)
 * @param batchSize trajectories per batch, 1 to 100,000
 * @param hidden    LSTM hidden units, 1 to 4096
 * @param lr        SGD learning rate, finite and positive
 * @param mu        van der Pol damping, finite, 0 to 100 (with negative damping the trajectories from the box
 *                  run off to infinity in finite time, and RK45 cannot follow them)
 * @param tEnd      length of each trajectory, finite and positive
 * @param dt        spacing of the samples; tEnd must be a whole multiple of it, at most 100,000 steps
 * @param seed      seed of the data and of the initial weights
 * @param out       output directory
 */
public record TutorialConfig(int batches, int batchSize, int hidden, double lr, double mu, double tEnd,
                             double dt, long seed, Path out) {

    /** The default seed, printed by every run. */
    public static final long DEFAULT_SEED = 1;
    /** Largest number of batches. */
    public static final int MAX_BATCHES = 10_000_000;
    /** Largest batch size. */
    public static final int MAX_BATCH_SIZE = 100_000;
    /** Largest number of hidden units. */
    public static final int MAX_HIDDEN = 4096;

    /**
     * Validates every setting.
     *
     * @param batches   training batches
     * @param batchSize trajectories per batch
     * @param hidden    LSTM hidden units
     * @param lr        SGD learning rate
     * @param mu        van der Pol damping
     * @param tEnd      length of each trajectory
     * @param dt        spacing of the samples
     * @param seed      seed of the data and of the initial weights
     * @param out       output directory
     * @throws IllegalArgumentException naming the command-line option, the value and what is expected
     */
    public TutorialConfig {
        requireRange("--batches", batches, 0, MAX_BATCHES);
        requireRange("--batch-size", batchSize, 1, MAX_BATCH_SIZE);
        requireRange("--hidden", hidden, 1, MAX_HIDDEN);
        if (!(Double.isFinite(lr) && lr > 0)) {
            throw new IllegalArgumentException("--lr must be a finite number above 0; got " + lr);
        }
        if (!(Double.isFinite(mu) && mu >= 0 && mu <= 100)) {
            throw new IllegalArgumentException("--mu must be a finite number in [0, 100]; got " + mu
                    + (mu < 0 ? " (with negative damping, trajectories from [-5, 5]^2 run off to infinity in"
                    + " finite time)" : ""));
        }
        if (!(Double.isFinite(tEnd) && tEnd > 0)) {
            throw new IllegalArgumentException("--t-end must be a finite number above 0; got " + tEnd);
        }
        if (!(Double.isFinite(dt) && dt > 0)) {
            throw new IllegalArgumentException("--dt must be a finite number above 0; got " + dt);
        }
        double ratio = tEnd / dt;
        if (!(ratio >= 0.5 && ratio <= 100_000.5)) {
            throw new IllegalArgumentException("--t-end / --dt must give 1 to 100000 steps; got --t-end "
                    + tEnd + " and --dt " + dt);
        }
        if (Math.abs(ratio - Math.round(ratio)) > 1e-9 * ratio) {
            throw new IllegalArgumentException("--t-end (" + tEnd + ") must be a whole multiple of --dt ("
                    + dt + ")");
        }
        if (out == null || out.toString().isEmpty()) {
            throw new IllegalArgumentException("--out must name a directory");
        }
    }

    /**
     * The original tutorial's settings.
     *
     * @return 2000 batches of 20, 20 hidden units, lr 0.05, mu 0.1, t in [0, 2] every 0.1, seed 1, out
     */
    public static TutorialConfig defaults() {
        return new TutorialConfig(2000, 20, 20, 0.05, 0.1, 2.0, 0.1, DEFAULT_SEED, Path.of("out"));
    }

    /**
     * The sample times of each trajectory.
     *
     * @return the grid from 0 to tEnd every dt
     */
    public SamplingGrid grid() {
        return SamplingGrid.of(tEnd, dt);
    }

    static void requireRange(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(option + " must be in [" + min + ", " + max + "]; got " + value);
        }
    }
}
