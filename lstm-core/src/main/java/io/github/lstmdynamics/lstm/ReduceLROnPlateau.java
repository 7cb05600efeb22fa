package io.github.lstmdynamics.lstm;

import java.util.Map;
import java.util.Objects;

/**
 * Drops the learning rate when a metric stops improving, as {@code torch.optim.lr_scheduler.ReduceLROnPlateau}:
 * each {@link #step(double)} compares the metric with the best so far (by the options' threshold); after more
 * than {@code patience} epochs without improvement the rate becomes {@code max(lr * factor, minLr)} (unless
 * that changes it by no more than {@code eps}), and a cooldown of {@code cooldown} epochs follows in which bad
 * epochs are not counted. A NaN metric counts as no improvement, as in PyTorch. See {@link LrScheduler} for
 * when to step.
 */
public final class ReduceLROnPlateau extends ScheduleClock implements LrScheduler {

    private final PlateauOptions options;
    private double best;
    private int numBadEpochs;
    private int cooldownCounter;

    /**
     * Builds the schedule: PyTorch's initial step, which leaves the learning rate as it is.
     *
     * @param optimizer the optimizer to drive
     * @param options   the settings ({@link PlateauOptions#defaults()} for PyTorch's)
     * @throws NullPointerException if an argument is null
     */
    public ReduceLROnPlateau(Optimizer optimizer, PlateauOptions options) {
        super(optimizer);
        this.options = Objects.requireNonNull(options, "options");
        this.best = worst();
    }

    /**
     * Returns the settings.
     *
     * @return the settings
     */
    public PlateauOptions options() {
        return options;
    }

    /**
     * Returns the best metric so far (+infinity in MIN mode, -infinity in MAX mode before the first step).
     *
     * @return the best metric so far (+infinity in MIN mode, -infinity in MAX mode before the first step)
     */
    public double best() {
        return best;
    }

    /**
     * Returns epochs without improvement counted since the best or the last drop.
     *
     * @return epochs without improvement counted since the best or the last drop
     */
    public int numBadEpochs() {
        return numBadEpochs;
    }

    /**
     * Returns epochs of cooldown left.
     *
     * @return epochs of cooldown left
     */
    public int cooldownCounter() {
        return cooldownCounter;
    }

    /**
     * Ends an epoch with its metric (for example the validation loss): may lower the learning rate.
     *
     * @param metric the epoch's metric
     */
    public void step(double metric) {
        lastEpoch++;
        if (isBetter(metric)) {
            best = metric;
            numBadEpochs = 0;
        } else {
            numBadEpochs++;
        }
        if (cooldownCounter > 0) {
            cooldownCounter--;
            numBadEpochs = 0;
        }
        if (numBadEpochs > options.patience()) {
            double oldLr = optimizer.learningRate();
            double newLr = Math.max(oldLr * options.factor(), options.minLr());
            if (oldLr - newLr > options.eps()) {
                optimizer.setLearningRate(newLr);
            }
            cooldownCounter = options.cooldown();
            numBadEpochs = 0;
        }
        lastLr = optimizer.learningRate();
    }

    private boolean isBetter(double a) {
        double threshold = options.threshold();
        boolean rel = options.thresholdMode() == PlateauOptions.ThresholdMode.REL;
        if (options.mode() == PlateauOptions.Mode.MIN) {
            return rel ? a < best * (1. - threshold) : a < best - threshold;
        }
        return rel ? a > best * (threshold + 1.) : a > best + threshold;
    }

    private double worst() {
        return options.mode() == PlateauOptions.Mode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    @Override
    public Map<String, String> stateDict() {
        return SchedulerStates.map("ReduceLROnPlateau", "mode", options.mode().name().toLowerCase(java.util.Locale.ROOT),
                "factor", Double.toString(options.factor()), "patience", Integer.toString(options.patience()),
                "threshold", Double.toString(options.threshold()),
                "threshold_mode", options.thresholdMode().name().toLowerCase(java.util.Locale.ROOT),
                "cooldown", Integer.toString(options.cooldown()), "min_lr", Double.toString(options.minLr()),
                "eps", Double.toString(options.eps()), "best", Double.toString(best),
                "num_bad_epochs", Integer.toString(numBadEpochs), "cooldown_counter", Integer.toString(cooldownCounter),
                "last_epoch", Long.toString(lastEpoch), "last_lr", Double.toString(lastLr));
    }

    void restore(double best, int numBadEpochs, int cooldownCounter, long lastEpoch, double lastLr) {
        this.best = best;
        this.numBadEpochs = numBadEpochs;
        this.cooldownCounter = cooldownCounter;
        this.lastEpoch = lastEpoch;
        this.lastLr = lastLr;
    }
}
