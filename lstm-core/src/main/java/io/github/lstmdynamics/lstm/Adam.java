package io.github.lstmdynamics.lstm;

import java.util.List;
import java.util.Objects;

/**
 * Adam exactly as {@code torch.optim.Adam} (PyTorch 1.13, single-tensor path, {@code maximize=False}):
 * bias-corrected moment estimates, optionally AMSGrad; the weight decay adds the L2 penalty
 * {@code weightDecay * p} to the gradient before the moments.
 * One {@link #step()}, per parameter {@code p} with gradient {@code grad}, at step {@code t} counted from 1:
 * <pre>
 *   g = grad + weightDecay * p
 *   m = beta1 * m + (1 - beta1) * g                       exp_avg
 *   v = beta2 * v + (1 - beta2) * g * g                   exp_avg_sq
 *   vmax = max(vmax, v) with amsgrad                      max_exp_avg_sq
 *   denom = sqrt(amsgrad ? vmax : v) / sqrt(1 - beta2^t) + eps
 *   p = p - (lr / (1 - beta1^t)) * m / denom
 * </pre>
 * (in PyTorch's order of operations). Defaults as PyTorch's: {@link AdamOptions#of(double)}.
 *
 * <p>State: the step count and, per parameter, {@code exp_avg}, {@code exp_avg_sq} and (with amsgrad)
 * {@code max_exp_avg_sq}, zero before the first step, allocated once; read and restore them with
 * {@link #stepCount()}, {@link #expAvg(int)} and their setters, as lstm-io's checkpoints do. Not
 * thread-safe.
 */
public sealed class Adam implements Optimizer permits AdamW {

    private final AdamState state;

    /**
     * Builds an optimizer over the parameters, its state zero.
     *
     * @param parameters the parameters to update, for example {@link LstmRegressor#parameters()}
     * @param options    the hyper-parameters
     * @throws IllegalArgumentException if the list is empty
     * @throws NullPointerException     if an argument or element is null
     */
    public Adam(List<Parameter> parameters, AdamOptions options) {
        this(parameters, options, false);
    }

    /** Adam, or with {@code decoupled} AdamW's weight decay. */
    Adam(List<Parameter> parameters, AdamOptions options, boolean decoupled) {
        this.state = new AdamState(parameters, options, decoupled);
    }

    /**
     * The hyper-parameters the optimizer was built with; the learning rate in use is {@link #learningRate()}.
     *
     * @return the options given to the constructor
     */
    public AdamOptions options() {
        return state.options;
    }

    @Override
    public List<Parameter> parameters() {
        return state.parameterList;
    }

    @Override
    public void zeroGrad() {
        for (Parameter p : state.parameters) {
            p.zeroGrad();
        }
    }

    @Override
    public void step() {
        state.step();
    }

    @Override
    public double learningRate() {
        return state.learningRate;
    }

    @Override
    public void setLearningRate(double value) {
        state.learningRate = OptimizerChecks.learningRate(value);
    }

    /**
     * Returns the steps taken so far ({@code state[p]["step"]}), 0 before the first.
     *
     * @return the steps taken so far ({@code state[p]["step"]}), 0 before the first
     */
    public long stepCount() {
        return state.step;
    }

    /**
     * Sets the step count, which the next step's bias correction continues from (for example from a
     * checkpoint).
     *
     * @param value at least 0
     * @throws IllegalArgumentException if the value is negative
     */
    public void setStepCount(long value) {
        state.setStep(value);
    }

    /**
     * A copy of one state buffer of a parameter.
     *
     * @param index the parameter's position in {@link #parameters()}
     * @return a copy of its {@code exp_avg}, row-major like the parameter
     * @throws IndexOutOfBoundsException if the index is not that of a parameter
     */
    public double[] expAvg(int index) {
        Objects.checkIndex(index, state.parameters.length);
        return state.copyOf(state.expAvg, index);
    }

    /**
     * A copy of one state buffer of a parameter.
     *
     * @param index the parameter's position in {@link #parameters()}
     * @return a copy of its {@code exp_avg_sq}, row-major like the parameter
     * @throws IndexOutOfBoundsException if the index is not that of a parameter
     */
    public double[] expAvgSq(int index) {
        Objects.checkIndex(index, state.parameters.length);
        return state.copyOf(state.expAvgSq, index);
    }

    /**
     * A copy of one state buffer of a parameter.
     *
     * @param index the parameter's position in {@link #parameters()}
     * @return a copy of its {@code max_exp_avg_sq}; empty without amsgrad
     * @throws IndexOutOfBoundsException if the index is not that of a parameter
     */
    public double[] maxExpAvgSq(int index) {
        Objects.checkIndex(index, state.parameters.length);
        return state.copyOf(state.maxExpAvgSq, index);
    }

    /**
     * A copy of one state buffer of a parameter.
     *
     * @param index  the parameter's position in {@link #parameters()}
     * @param values its new {@code exp_avg}, as many values as the parameter has elements (copied)
     * @throws IndexOutOfBoundsException if the index is not that of a parameter
     * @throws IllegalArgumentException  if the length does not fit the parameter
     */
    public void setExpAvg(int index, double[] values) {
        Objects.checkIndex(index, state.parameters.length);
        state.set("exp_avg", state.expAvg, index, values);
    }

    /**
     * A copy of one state buffer of a parameter.
     *
     * @param index  the parameter's position in {@link #parameters()}
     * @param values its new {@code exp_avg_sq}, as many values as the parameter has elements (copied)
     * @throws IndexOutOfBoundsException if the index is not that of a parameter
     * @throws IllegalArgumentException  if the length does not fit the parameter
     */
    public void setExpAvgSq(int index, double[] values) {
        Objects.checkIndex(index, state.parameters.length);
        state.set("exp_avg_sq", state.expAvgSq, index, values);
    }

    /**
     * A copy of one state buffer of a parameter.
     *
     * @param index  the parameter's position in {@link #parameters()}
     * @param values its new {@code max_exp_avg_sq}, as many values as the parameter has elements (copied)
     * @throws IndexOutOfBoundsException if the index is not that of a parameter
     * @throws IllegalArgumentException  if the length does not fit the parameter
     * @throws IllegalStateException     if the optimizer does not use amsgrad
     */
    public void setMaxExpAvgSq(int index, double[] values) {
        Objects.checkIndex(index, state.parameters.length);
        state.set("max_exp_avg_sq", state.maxExpAvgSq, index, values);
    }

    /** Copies the parameter values and the state, to be put back by {@link #undoStep()}. */
    void backUpBeforeStep() {
        state.backUpBeforeStep();
    }

    /** Puts back what the last {@link #backUpBeforeStep()} copied. */
    void undoStep() {
        state.undoStep();
    }
}
