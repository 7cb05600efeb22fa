package io.github.lstmdynamics.lstm;

/**
 * What {@link LstmRegressor#rollout} feeds the model at the steps after the first, in a closed-loop
 * (free-running) prediction from an initial condition.
 */
public enum RolloutMode {
    /**
     * The tutorial's convention: the initial condition {@code x0} at step 0, zeros at every later step; the
     * model runs on its own state alone (one call over the whole horizon).
     */
    INITIAL_CONDITION,
    /**
     * Autoregressive (recursive multi-step) forecasting: the prediction of each step is the input of the
     * next; needs as many outputs as inputs.
     */
    AUTOREGRESSIVE
}
