package io.github.lstmdynamics.examples;

import io.github.lstmdynamics.lstm.Precision;

import java.nio.file.Path;

/**
 * The settings of one tutorial run; the defaults ({@link #defaults()}) are the original tutorial's.
 *
 * @param batches   training batches, 0 to 10,000,000 (a run resumed from a checkpoint counts its batches
 *                  too; 0, or a checkpoint already there, only evaluates the model)
 * @param batchSize trajectories per batch, 1 to 100,000
 * @param hidden    LSTM hidden units, 1 to 4096
 * @param lr        the optimizer's learning rate, finite and positive
 * @param mu        van der Pol damping, finite, 0 to 100 (with negative damping the trajectories from the box
 *                  run off to infinity in finite time, and RK45 cannot follow them)
 * @param tEnd      length of each trajectory, finite and positive
 * @param dt        spacing of the samples; tEnd must be a whole multiple of it, at most 100,000 steps
 * @param seed      seed of the data and of the initial weights
 * @param out       output directory
 * @param optimizer  the optimizer: SGD (the tutorial's), Adam or AdamW
 * @param schedule   the learning-rate schedule, stepped once per batch
 * @param predictSteps steps of the closed-loop prediction in predictions.png and predictions.csv, 1 to
 *                  100,000; 0 for the trained horizon ({@code tEnd / dt + 1} samples)
 */
public record TutorialConfig(int batches, int batchSize, int hidden, double lr, double mu, double tEnd,
                             double dt, long seed, Path out, OptimizerChoice optimizer, LrSchedule schedule,
                             int predictSteps, Precision precision) {

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
     * @param optimizer  the optimizer
     * @param schedule   the learning-rate schedule
     * @param predictSteps steps of the closed-loop prediction, 0 for the trained horizon
     * @param precision  the model's precision ({@code --dtype}): float64 or float32
     * @throws IllegalArgumentException naming the command-line option, the value and what is expected
     */
    public TutorialConfig {
        if (precision == null) {
            throw new IllegalArgumentException("--dtype must be float64 or float32");
        }
        if (optimizer == null) {
            throw new IllegalArgumentException("--optimizer must be sgd, adam or adamw");
        }
        if (schedule == null) {
            throw new IllegalArgumentException("--lr-schedule must be one of " + LrSchedule.FORMS);
        }
        if (predictSteps != 0) {
            requireRange("--predict-steps", predictSteps, 1, 100_000);
        }
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
     * The settings of the original tutorial's kind of run: plain SGD, no schedule, predictions over the
     * trained horizon.
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
    public TutorialConfig(int batches, int batchSize, int hidden, double lr, double mu, double tEnd, double dt,
                          long seed, Path out) {
        this(batches, batchSize, hidden, lr, mu, tEnd, dt, seed, out, OptimizerChoice.SGD, LrSchedule.NONE, 0);
    }

    /**
     * A float64 run with the given optimizer, schedule and prediction steps.
     *
     * @param batches      training batches
     * @param batchSize    trajectories per batch
     * @param hidden       LSTM hidden units
     * @param lr           learning rate
     * @param mu           van der Pol damping
     * @param tEnd         length of each trajectory
     * @param dt           spacing of the samples
     * @param seed         seed of the data and of the initial weights
     * @param out          output directory
     * @param optimizer    the optimizer
     * @param schedule     the learning-rate schedule
     * @param predictSteps steps of the closed-loop prediction, 0 for the trained horizon
     * @throws IllegalArgumentException naming the command-line option, the value and what is expected
     */
    public TutorialConfig(int batches, int batchSize, int hidden, double lr, double mu, double tEnd, double dt,
                          long seed, Path out, OptimizerChoice optimizer, LrSchedule schedule, int predictSteps) {
        this(batches, batchSize, hidden, lr, mu, tEnd, dt, seed, out, optimizer, schedule, predictSteps,
                Precision.FLOAT64);
    }

    /**
     * These settings in another precision.
     *
     * @param value the precision
     * @return the same settings with {@code precision} replaced
     */
    public TutorialConfig withPrecision(Precision value) {
        return new TutorialConfig(batches, batchSize, hidden, lr, mu, tEnd, dt, seed, out, optimizer, schedule,
                predictSteps, value);
    }

    /**
     * The steps of the predictions drawn and written: {@code predictSteps}, or the trained horizon.
     *
     * @return at least 1
     */
    public int horizon() {
        return predictSteps == 0 ? grid().samples() : predictSteps;
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
