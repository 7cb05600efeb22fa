package io.github.lstmdynamics.lstm;

import io.github.lstmdynamics.lstm.kernels.ArrayKernels;
import io.github.lstmdynamics.lstm.kernels.KernelProvider;
import io.github.lstmdynamics.lstm.kernels.Kernels;
import java.util.List;
import java.util.Objects;

/**
 * Stochastic gradient descent exactly as {@code torch.optim.SGD} (PyTorch 1.13, {@code maximize=False}).
 * For every parameter {@code p} with gradient {@code grad}, one {@link #step()} does
 * <pre>
 *   g = grad + weightDecay * p
 *   if momentum != 0:
 *       buf = g                                         on the first step
 *       buf = momentum * buf + (1 - dampening) * g      afterwards
 *       g = nesterov ? g + momentum * buf : buf
 *   p = p - lr * g
 * </pre>
 * Momentum buffers are allocated on the first step and reused; {@link #momentumBuffer(int)} and
 * {@link #setMomentumBuffer(int, double[])} read and restore them, so that training saved in a checkpoint
 * resumes bit-identically. The learning rate starts at the options' and can be changed between steps
 * ({@link #setLearningRate(double)}, what a schedule does). Not thread-safe.
 */
public final class Sgd implements Optimizer {

    private final Parameter[] parameters;
    private final List<Parameter> parameterList;
    private final SgdOptions options;
    /** The kernels of the parameters' precision; {@code Object} stands for {@code double[]} or {@code float[]}. */
    private final ArrayKernels<Object, Object> kernels;
    /** The kernel's view of the hyper-parameters with the current learning rate; rebuilt when it changes. */
    private Kernels.SgdHyper hyper;
    /** The momentum buffers in the parameters' precision, null until the first step. */
    private final Object[] momentumBuffers;
    private double learningRate;
    /** The values and momentum buffers before the last step, for {@link #undoStep()}; allocated once. */
    private Object[] valuesBackup;
    private Object[] buffersBackup;
    private boolean[] hadBuffer;

    /**
     * Builds an optimizer over the parameters, without momentum buffers yet.
     *
     * @param parameters the parameters to update, for example {@link LstmRegressor#parameters()}
     * @param options    the hyper-parameters
     * @throws IllegalArgumentException if the list is empty
     * @throws NullPointerException     if an argument or element is null
     */
    public Sgd(List<Parameter> parameters, SgdOptions options) {
        this(parameters, options, KernelProvider.kernels());
    }

    /** As {@link #Sgd(List, SgdOptions)} on the given kernels. */
    Sgd(List<Parameter> parameters, SgdOptions options, Kernels kernels) {
        if (options == null) {
            throw new NullPointerException("options");
        }
        this.parameters = OptimizerChecks.parameters(parameters);
        this.parameterList = List.of(this.parameters);
        this.options = options;
        this.kernels = OptimizerChecks.kernels(this.parameters, kernels);
        this.learningRate = options.learningRate();
        this.hyper = hyperWith(learningRate);
        this.momentumBuffers = new Object[this.parameters.length];
    }

    /**
     * The hyper-parameters the optimizer was built with (as PyTorch's {@code defaults}); the learning rate
     * in use is {@link #learningRate()}.
     *
     * @return the options given to the constructor
     */
    public SgdOptions options() {
        return options;
    }

    /**
     * Returns the parameters this optimizer updates, in order (an unmodifiable list).
     *
     * @return the parameters this optimizer updates, in order (an unmodifiable list)
     */
    @Override
    public List<Parameter> parameters() {
        return parameterList;
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public void setLearningRate(double value) {
        learningRate = OptimizerChecks.learningRate(value);
        hyper = hyperWith(learningRate);
    }

    private Kernels.SgdHyper hyperWith(double lr) {
        return new Kernels.SgdHyper(lr, options.momentum(), options.dampening(), options.weightDecay(),
                options.nesterov());
    }

    /**
     * A copy of the momentum buffer of one parameter, as {@code optimizer.state[p]["momentum_buffer"]}.
     *
     * @param index the parameter's position in {@link #parameters()}
     * @return a copy of the buffer, row-major like the parameter's values; null before the first step
     *         with a non-zero momentum (or after it was cleared)
     * @throws IndexOutOfBoundsException if the index is not that of a parameter
     */
    public double[] momentumBuffer(int index) {
        Objects.checkIndex(index, parameters.length);
        Object buf = momentumBuffers[index];
        if (buf == null) {
            return null;
        }
        double[] copy = new double[parameters[index].size()];
        kernels.toDoubles(buf, copy.length, copy);
        return copy;
    }

    /**
     * Restores the momentum buffer of one parameter (a copy is kept), for example from a checkpoint. With
     * a buffer set, the next {@link #step()} treats this parameter as past its first step; with null it
     * starts the buffer afresh ({@code buf = g}). Has no effect on the updates while the momentum is 0.
     *
     * @param index  the parameter's position in {@link #parameters()}
     * @param values as many values as the parameter has elements, or null to clear the buffer
     * @throws IndexOutOfBoundsException if the index is not that of a parameter
     * @throws IllegalArgumentException  if the length does not fit the parameter
     */
    public void setMomentumBuffer(int index, double[] values) {
        Objects.checkIndex(index, parameters.length);
        if (values == null) {
            momentumBuffers[index] = null;
            return;
        }
        double[] checked = OptimizerChecks.buffer("momentum buffer", index, parameters[index], values);
        momentumBuffers[index] = kernels.fromDoubles(checked, checked.length, null);
    }

    /** Sets the gradients of all parameters to zero, as {@code optimizer.zero_grad(set_to_none=False)}. */
    @Override
    public void zeroGrad() {
        for (Parameter p : parameters) {
            p.zeroGrad();
        }
    }

    /** Updates every parameter from its current gradient (see the class comment). */
    @Override
    public void step() {
        final double momentum = options.momentum();
        for (int i = 0; i < parameters.length; i++) {
            Parameter p = parameters[i];
            int n = p.size();
            Object buf = momentumBuffers[i];
            boolean firstStep = buf == null;
            if (momentum != 0.0 && firstStep) {
                buf = kernels.newVector(n);
                momentumBuffers[i] = buf;
            }
            kernels.sgdUpdate(hyper, firstStep, p.gradArray(), n, buf, p.valueArray());
        }
    }

    /** Copies the parameter values and momentum buffers, to be put back by {@link #undoStep()}. */
    void backUpBeforeStep() {
        if (valuesBackup == null) {
            valuesBackup = new Object[parameters.length];
            buffersBackup = new Object[parameters.length];
            hadBuffer = new boolean[parameters.length];
            for (int i = 0; i < parameters.length; i++) {
                valuesBackup[i] = kernels.newVector(parameters[i].size());
            }
        }
        for (int i = 0; i < parameters.length; i++) {
            int n = parameters[i].size();
            System.arraycopy(parameters[i].valueArray(), 0, valuesBackup[i], 0, n);
            Object buf = momentumBuffers[i];
            hadBuffer[i] = buf != null;
            if (buf != null) {
                if (buffersBackup[i] == null) {
                    buffersBackup[i] = kernels.newVector(n);
                }
                System.arraycopy(buf, 0, buffersBackup[i], 0, n);
            }
        }
    }

    /** Restores the parameters and momentum buffers saved by {@link #backUpBeforeStep()}. */
    void undoStep() {
        for (int i = 0; i < parameters.length; i++) {
            int n = parameters[i].size();
            System.arraycopy(valuesBackup[i], 0, parameters[i].valueArray(), 0, n);
            if (!hadBuffer[i]) {
                momentumBuffers[i] = null;
            } else {
                System.arraycopy(buffersBackup[i], 0, momentumBuffers[i], 0, n);
            }
        }
    }
}
