package io.github.lstmdynamics.lstm;

import java.util.Objects;

/**
 * What every {@link LrScheduler} keeps, as PyTorch's {@code LRScheduler} base does: the optimizer it
 * drives, the epochs stepped ({@code last_epoch}) and the learning rate it set last ({@code _last_lr}).
 * The schedules extend it and implement {@link LrScheduler}; its accessors are theirs.
 */
abstract class ScheduleClock {

    final Optimizer optimizer;
    long lastEpoch;
    double lastLr;

    /** Starts at epoch 0 with the optimizer's current learning rate. */
    ScheduleClock(Optimizer optimizer) {
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        this.lastLr = optimizer.learningRate();
    }

    /** Gives the optimizer the next epoch's learning rate and records it as the last one. */
    final void setLearningRate(double lr) {
        optimizer.setLearningRate(lr);
        lastLr = optimizer.learningRate();
    }

    /**
     * Returns the optimizer whose learning rate this schedule sets.
     *
     * @return the optimizer whose learning rate this schedule sets
     */
    public final Optimizer optimizer() {
        return optimizer;
    }

    /**
     * Returns the learning rate set by the last step, as {@code get_last_lr()[0]} (the optimizer's before any).
     *
     * @return the learning rate set by the last step, as {@code get_last_lr()[0]} (the optimizer's before any)
     */
    public final double lastLr() {
        return lastLr;
    }

    /**
     * Returns the steps taken since the schedule was built, PyTorch's {@code last_epoch}.
     *
     * @return the steps taken since the schedule was built, PyTorch's {@code last_epoch}
     */
    public final long lastEpoch() {
        return lastEpoch;
    }
}
