package io.github.lstmdynamics.lstm;

import java.util.Map;

/**
 * Decays the learning rate by {@code gamma} every epoch, as {@code torch.optim.lr_scheduler.ExponentialLR}:
 * each step sets {@code lr * gamma} ({@code lr} being the optimizer's current rate, PyTorch's chainable
 * form). See {@link LrScheduler} for when to call {@link #step()}.
 */
public final class ExponentialLR extends ScheduleClock implements LrScheduler {

    private final double gamma;
    private double baseLr;

    /**
     * Builds the schedule: PyTorch's initial step, which leaves the learning rate as it is.
     *
     * @param optimizer the optimizer to drive; its current learning rate becomes the base rate
     * @param gamma     the factor per epoch, finite and at least 0
     * @throws IllegalArgumentException if gamma is out of range
     */
    public ExponentialLR(Optimizer optimizer, double gamma) {
        super(optimizer);
        this.gamma = SchedulerStates.factor("gamma", gamma);
        this.baseLr = optimizer.learningRate();
    }

    /** Ends an epoch: sets the learning rate of the next one. */
    public void step() {
        lastEpoch++;
        setLearningRate(optimizer.learningRate() * gamma);
    }

    @Override
    public Map<String, String> stateDict() {
        return SchedulerStates.map("ExponentialLR", "gamma", Double.toString(gamma), "base_lr", Double.toString(baseLr),
                "last_epoch", Long.toString(lastEpoch), "last_lr", Double.toString(lastLr));
    }

    void restore(double baseLr, long lastEpoch, double lastLr) {
        this.baseLr = baseLr;
        this.lastEpoch = lastEpoch;
        this.lastLr = lastLr;
    }
}
