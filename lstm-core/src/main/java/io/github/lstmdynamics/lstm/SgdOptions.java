package io.github.lstmdynamics.lstm;

/**
 * Hyper-parameters of {@link Sgd}, with the meaning and defaults of {@code torch.optim.SGD}.
 *
 * @param learningRate step size {@code lr}; finite and greater than 0
 * @param momentum     momentum factor, finite and at least 0 (default 0: plain SGD)
 * @param dampening    dampening of the momentum, finite (default 0)
 * @param weightDecay  L2 penalty added to the gradient as {@code weightDecay * p}, finite and at least 0
 *                     (default 0)
 * @param nesterov     Nesterov momentum (default false); needs {@code momentum > 0} and
 *                     {@code dampening == 0}
 */
public record SgdOptions(double learningRate, double momentum, double dampening, double weightDecay,
        boolean nesterov) {

    /**
     * Validates as PyTorch does, and also rejects a zero or non-finite learning rate and non-finite
     * factors.
     *
     * @param learningRate step size, finite and greater than 0
     * @param momentum     momentum factor, finite and at least 0
     * @param dampening    dampening of the momentum, finite
     * @param weightDecay  L2 penalty, finite and at least 0
     * @param nesterov     Nesterov momentum; needs {@code momentum > 0} and {@code dampening == 0}
     * @throws IllegalArgumentException naming the invalid value
     */
    public SgdOptions {
        if (!(learningRate > 0.0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("Invalid learning rate: " + learningRate
                    + " (must be finite and > 0)");
        }
        if (!(momentum >= 0.0) || !Double.isFinite(momentum)) {
            throw new IllegalArgumentException("Invalid momentum value: " + momentum
                    + " (must be finite and >= 0)");
        }
        if (!Double.isFinite(dampening)) {
            throw new IllegalArgumentException("Invalid dampening value: " + dampening + " (must be finite)");
        }
        if (!(weightDecay >= 0.0) || !Double.isFinite(weightDecay)) {
            throw new IllegalArgumentException("Invalid weight_decay value: " + weightDecay
                    + " (must be finite and >= 0)");
        }
        if (nesterov && (momentum <= 0.0 || dampening != 0.0)) {
            throw new IllegalArgumentException("Nesterov momentum requires a momentum and zero dampening (momentum "
                    + momentum + ", dampening " + dampening + ")");
        }
    }

    /**
     * Plain SGD.
     *
     * @param learningRate step size, finite and greater than 0
     * @return options with no momentum, dampening or weight decay
     * @throws IllegalArgumentException if the learning rate is invalid
     */
    public static SgdOptions of(double learningRate) {
        return new SgdOptions(learningRate, 0.0, 0.0, 0.0, false);
    }

    /**
     * Returns these options with another momentum factor.
     *
     * @param value momentum factor, finite and at least 0
     * @return a copy with that momentum
     * @throws IllegalArgumentException if the result is invalid
     */
    public SgdOptions withMomentum(double value) {
        return new SgdOptions(learningRate, value, dampening, weightDecay, nesterov);
    }

    /**
     * Returns these options with another dampening.
     *
     * @param value dampening, finite
     * @return a copy with that dampening
     * @throws IllegalArgumentException if the result is invalid (for example with Nesterov)
     */
    public SgdOptions withDampening(double value) {
        return new SgdOptions(learningRate, momentum, value, weightDecay, nesterov);
    }

    /**
     * Returns these options with another weight decay (L2 penalty).
     *
     * @param value weight decay, finite and at least 0
     * @return a copy with that weight decay
     * @throws IllegalArgumentException if the value is invalid
     */
    public SgdOptions withWeightDecay(double value) {
        return new SgdOptions(learningRate, momentum, dampening, value, nesterov);
    }

    /**
     * Returns these options with Nesterov momentum on or off.
     *
     * @param value whether to use Nesterov momentum
     * @return a copy with that flag
     * @throws IllegalArgumentException if Nesterov is requested without momentum or with dampening
     */
    public SgdOptions withNesterov(boolean value) {
        return new SgdOptions(learningRate, momentum, dampening, weightDecay, value);
    }
}
