package io.github.lstmdynamics.lstm;

import java.util.Map;

/**
 * Decays the learning rate by {@code gamma} every {@code stepSize} epochs, as
 * {@code torch.optim.lr_scheduler.StepLR}: at step {@code e} (1, 2, ...) the rate becomes
 * {@code lr * gamma} when {@code e % stepSize == 0} and stays otherwise ({@code lr} being the optimizer's
 * current rate, PyTorch's chainable form). See {@link LrScheduler} for when to call {@link #step()}.
 */
public final class StepLR extends ScheduleClock implements LrScheduler {

    private final int stepSize;
    private final double gamma;
    private double baseLr;

    /**
     * Builds the schedule: PyTorch's initial step, which leaves the learning rate as it is.
     *
     * @param optimizer the optimizer to drive; its current learning rate becomes the base rate
     * @param stepSize  epochs between decays, at least 1
     * @param gamma     the factor, finite and at least 0 (PyTorch's default 0.1)
     * @throws IllegalArgumentException if a value is out of range
     */
    public StepLR(Optimizer optimizer, int stepSize, double gamma) {
        super(optimizer);
        if (stepSize < 1) {
            throw new IllegalArgumentException("step_size must be at least 1, got " + stepSize);
        }
        this.stepSize = stepSize;
        this.gamma = SchedulerStates.factor("gamma", gamma);
        this.baseLr = optimizer.learningRate();
    }

    /** Ends an epoch: sets the learning rate of the next one. */
    public void step() {
        lastEpoch++;
        double lr = optimizer.learningRate();
        if (lastEpoch % stepSize == 0) {
            lr = lr * gamma;
        }
        setLearningRate(lr);
    }

    @Override
    public Map<String, String> stateDict() {
        return SchedulerStates.map("StepLR", "step_size", Integer.toString(stepSize), "gamma", Double.toString(gamma),
                "base_lr", Double.toString(baseLr), "last_epoch", Long.toString(lastEpoch),
                "last_lr", Double.toString(lastLr));
    }

    void restore(double baseLr, long lastEpoch, double lastLr) {
        this.baseLr = baseLr;
        this.lastEpoch = lastEpoch;
        this.lastLr = lastLr;
    }
}
