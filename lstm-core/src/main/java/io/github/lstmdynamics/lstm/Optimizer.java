package io.github.lstmdynamics.lstm;

import java.util.List;

/**
 * What every optimizer of this package offers, as PyTorch's {@code torch.optim.Optimizer} with one
 * parameter group: {@link #zeroGrad()}, {@link #step()} and the learning rate of the group
 * ({@code param_groups[0]["lr"]}), which the learning-rate schedules ({@link StepLR}, {@link ExponentialLR},
 * {@link CosineAnnealingLR}, {@link ReduceLROnPlateau}) read and set.
 *
 * <p>The implementations are {@link Sgd}, {@link Adam} and {@link AdamW}; each keeps its state (momentum
 * buffers, moment estimates) readable and settable, so that {@code lstm-io} checkpoints restore it exactly.
 * {@link LstmRegressor#trainStep} undoes a step that leaves a parameter non-finite, state included, which is
 * why the interface is sealed. Not thread-safe.
 */
public sealed interface Optimizer permits Sgd, Adam {

    /**
     * Returns the parameters this optimizer updates, in order (an unmodifiable list).
     *
     * @return the parameters this optimizer updates, in order (an unmodifiable list)
     */
    List<Parameter> parameters();

    /** Sets the gradients of all parameters to zero, as {@code optimizer.zero_grad(set_to_none=False)}. */
    void zeroGrad();

    /** Updates every parameter from its current gradient, as {@code optimizer.step()}. */
    void step();

    /**
     * Returns the learning rate the next {@link #step()} uses ({@code param_groups[0]["lr"]}).
     *
     * @return the learning rate the next {@link #step()} uses ({@code param_groups[0]["lr"]})
     */
    double learningRate();

    /**
     * Sets the learning rate of the following steps, as {@code param_groups[0]["lr"] = value} (what a
     * schedule does).
     *
     * @param value finite and at least 0
     * @throws IllegalArgumentException if the value is negative or not finite
     */
    void setLearningRate(double value);
}
