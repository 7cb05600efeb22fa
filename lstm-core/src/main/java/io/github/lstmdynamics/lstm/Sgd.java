package io.github.lstmdynamics.lstm;

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
 * resumes bit-identically. Not thread-safe.
 */
public final class Sgd {

    private final Parameter[] parameters;
    private final SgdOptions options;
    private final Kernels kernels;
    private final Kernels.SgdHyper hyper;
    private final double[][] momentumBuffers;

    /**
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
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException("optimizer got an empty parameter list");
        }
        this.parameters = parameters.toArray(new Parameter[0]);
        for (Parameter p : this.parameters) {
            if (p == null) {
                throw new NullPointerException("parameter");
            }
        }
        this.options = options;
        this.kernels = kernels;
        this.hyper = new Kernels.SgdHyper(options.learningRate(), options.momentum(), options.dampening(),
                options.weightDecay(), options.nesterov());
        this.momentumBuffers = new double[this.parameters.length][];
    }

    /** @return the hyper-parameters */
    public SgdOptions options() {
        return options;
    }

    /** @return the parameters this optimizer updates, in order (a new unmodifiable list) */
    public List<Parameter> parameters() {
        return List.of(parameters);
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
        double[] buf = momentumBuffers[index];
        return buf == null ? null : buf.clone();
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
        Parameter p = parameters[index];
        if (values.length != p.size()) {
            throw new IllegalArgumentException("momentum buffer of " + p.name() + " (parameter " + index + "): "
                    + values.length + " values do not fit shape " + p.shapeString() + " (" + p.size()
                    + " elements)");
        }
        momentumBuffers[index] = values.clone();
    }

    /** Sets the gradients of all parameters to zero, as {@code optimizer.zero_grad(set_to_none=False)}. */
    public void zeroGrad() {
        for (Parameter p : parameters) {
            p.zeroGrad();
        }
    }

    /** Updates every parameter from its current gradient (see the class comment). */
    public void step() {
        final double momentum = options.momentum();
        for (int i = 0; i < parameters.length; i++) {
            Parameter p = parameters[i];
            int n = p.size();
            double[] buf = momentumBuffers[i];
            boolean firstStep = buf == null;
            if (momentum != 0.0 && firstStep) {
                buf = new double[n];
                momentumBuffers[i] = buf;
            }
            kernels.sgdUpdate(hyper, firstStep, p.grad().data, n, buf, p.value().data);
        }
    }
}
