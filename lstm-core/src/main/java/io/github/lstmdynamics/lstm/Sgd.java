package io.github.lstmdynamics.lstm;

import java.util.List;

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
 * Momentum buffers are allocated on the first step and reused. Not thread-safe.
 */
public final class Sgd {

    private final Parameter[] parameters;
    private final SgdOptions options;
    private final double[][] momentumBuffers;

    /**
     * @param parameters the parameters to update, for example {@link LstmRegressor#parameters()}
     * @param options    the hyper-parameters
     * @throws IllegalArgumentException if the list is empty
     * @throws NullPointerException     if an argument or element is null
     */
    public Sgd(List<Parameter> parameters, SgdOptions options) {
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

    /** Sets the gradients of all parameters to zero, as {@code optimizer.zero_grad(set_to_none=False)}. */
    public void zeroGrad() {
        for (Parameter p : parameters) {
            p.zeroGrad();
        }
    }

    /** Updates every parameter from its current gradient (see the class comment). */
    public void step() {
        final double lr = options.learningRate();
        final double momentum = options.momentum();
        final double dampening = options.dampening();
        final double weightDecay = options.weightDecay();
        final boolean nesterov = options.nesterov();
        for (int i = 0; i < parameters.length; i++) {
            Parameter p = parameters[i];
            int n = p.size();
            double[] value = p.value().data;
            double[] grad = p.grad().data;
            double[] buf = momentumBuffers[i];
            boolean firstStep = buf == null;
            if (momentum != 0.0 && firstStep) {
                buf = new double[n];
                momentumBuffers[i] = buf;
            }
            for (int k = 0; k < n; k++) {
                double g = grad[k];
                if (weightDecay != 0.0) {
                    g += weightDecay * value[k];
                }
                if (momentum != 0.0) {
                    double b = firstStep ? g : momentum * buf[k] + (1.0 - dampening) * g;
                    buf[k] = b;
                    g = nesterov ? g + momentum * b : b;
                }
                value[k] -= lr * g;
            }
        }
    }
}
