package io.github.lstmdynamics.lstm;

import java.util.Map;

/**
 * A learning-rate schedule over an {@link Optimizer}, as PyTorch's {@code torch.optim.lr_scheduler}: the
 * schedule sets the optimizer's learning rate when it steps, and reads the optimizer's current rate back
 * (PyTorch's chainable form), so it works with any optimizer.
 *
 * <p>Call it as PyTorch asks: once per epoch, after the optimizer's steps of that epoch,
 * <pre>
 *   for (int epoch = 0; epoch &lt; epochs; epoch++) {
 *       ... model.trainStep(x, y, optimizer) ...
 *       schedule.step();                 // ReduceLROnPlateau: schedule.step(validationLoss)
 *   }
 * </pre>
 * Building a schedule is PyTorch's initial step: {@code lastEpoch()} is 0 and the learning rate stays as
 * it is (it becomes the schedule's {@code base_lr}).
 *
 * <p>{@link #stateDict()} and {@link #fromStateDict} save and restore a schedule exactly (lstm-io's
 * checkpoints keep it), as PyTorch's {@code state_dict()} and {@code load_state_dict()}. Not thread-safe.
 */
public sealed interface LrScheduler permits StepLR, ExponentialLR, CosineAnnealingLR, ReduceLROnPlateau {

    /**
     * Returns the optimizer whose learning rate this schedule sets.
     *
     * @return the optimizer whose learning rate this schedule sets
     */
    Optimizer optimizer();

    /**
     * Returns the learning rate set by the last step, as {@code get_last_lr()[0]} (the optimizer's before any).
     *
     * @return the learning rate set by the last step, as {@code get_last_lr()[0]} (the optimizer's before any)
     */
    double lastLr();

    /**
     * Returns the steps taken since the schedule was built, PyTorch's {@code last_epoch}.
     *
     * @return the steps taken since the schedule was built, PyTorch's {@code last_epoch}
     */
    long lastEpoch();

    /**
     * The schedule's settings and state under PyTorch's {@code state_dict()} names (plus {@code "type"}, the
     * class name), every number as {@link Double#toString(double)} or {@link Long#toString(long)}, which read
     * back to the same bits.
     *
     * @return a new, unmodifiable, ordered map
     */
    Map<String, String> stateDict();

    /**
     * Rebuilds a schedule saved with {@link #stateDict()} over an optimizer whose learning rate is the one it
     * had when the state was saved; the schedule then goes on exactly as the saved one would have.
     *
     * @param optimizer the optimizer to drive
     * @param stateDict what {@link #stateDict()} returned
     * @return the schedule
     * @throws IllegalArgumentException naming the key and value if the map is not a valid state
     */
    static LrScheduler fromStateDict(Optimizer optimizer, Map<String, String> stateDict) {
        return SchedulerStates.restore(optimizer, stateDict);
    }
}
