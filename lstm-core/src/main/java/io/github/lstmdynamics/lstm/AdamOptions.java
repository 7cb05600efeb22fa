package io.github.lstmdynamics.lstm;

/**
 * Hyper-parameters of {@link Adam} and {@link AdamW}, with the meaning and defaults of
 * {@code torch.optim.Adam} and {@code torch.optim.AdamW} (PyTorch 1.13).
 *
 * @param learningRate step size {@code lr}, finite and at least 0 (PyTorch's default 1e-3)
 * @param beta1        decay of the first-moment average {@code betas[0]}, in [0, 1) (default 0.9)
 * @param beta2        decay of the second-moment average {@code betas[1]}, in [0, 1) (default 0.999)
 * @param eps          added to the denominator, finite and greater than 0 (default 1e-8)
 * @param weightDecay  finite and at least 0: for {@link Adam} the L2 penalty added to the gradient as
 *                     {@code weightDecay * p} (default 0); for {@link AdamW} the decoupled decay
 *                     {@code p *= 1 - lr * weightDecay} (default 0.01)
 * @param amsgrad      keep the running maximum of the second moment and divide by it (default false)
 */
public record AdamOptions(double learningRate, double beta1, double beta2, double eps, double weightDecay,
        boolean amsgrad) {

    /** PyTorch's default learning rate of Adam and AdamW. */
    public static final double DEFAULT_LEARNING_RATE = 1e-3;

    /**
     * Validates as PyTorch does, and also refuses non-finite values and {@code eps <= 0}.
     *
     * @param learningRate step size, finite and at least 0
     * @param beta1        in [0, 1)
     * @param beta2        in [0, 1)
     * @param eps          finite and greater than 0
     * @param weightDecay  finite and at least 0
     * @param amsgrad      the AMSGrad variant
     * @throws IllegalArgumentException naming the invalid value and what was expected
     */
    public AdamOptions {
        OptimizerChecks.learningRate(learningRate);
        if (!(beta1 >= 0.0 && beta1 < 1.0)) {
            throw new IllegalArgumentException("Invalid beta parameter at index 0: " + beta1
                    + " (expected 0 <= beta1 < 1)");
        }
        if (!(beta2 >= 0.0 && beta2 < 1.0)) {
            throw new IllegalArgumentException("Invalid beta parameter at index 1: " + beta2
                    + " (expected 0 <= beta2 < 1)");
        }
        if (!(eps > 0.0) || !Double.isFinite(eps)) {
            throw new IllegalArgumentException("Invalid epsilon value: " + eps + " (must be finite and > 0)");
        }
        if (!(weightDecay >= 0.0) || !Double.isFinite(weightDecay)) {
            throw new IllegalArgumentException("Invalid weight_decay value: " + weightDecay
                    + " (must be finite and >= 0)");
        }
    }

    /**
     * {@code torch.optim.Adam}'s defaults with a learning rate: betas (0.9, 0.999), eps 1e-8, no weight
     * decay, no AMSGrad.
     *
     * @param learningRate step size, finite and at least 0
     * @return the options
     * @throws IllegalArgumentException if the learning rate is invalid
     */
    public static AdamOptions of(double learningRate) {
        return new AdamOptions(learningRate, 0.9, 0.999, 1e-8, 0.0, false);
    }

    /**
     * {@code torch.optim.AdamW}'s defaults with a learning rate: as {@link #of(double)} but weight decay 0.01.
     *
     * @param learningRate step size, finite and at least 0
     * @return the options
     * @throws IllegalArgumentException if the learning rate is invalid
     */
    public static AdamOptions adamW(double learningRate) {
        return new AdamOptions(learningRate, 0.9, 0.999, 1e-8, 0.01, false);
    }

    /**
     * A copy with one setting changed.
     *
     * @param b1 first-moment decay, in [0, 1)
     * @param b2 second-moment decay, in [0, 1)
     * @return a copy with these betas
     * @throws IllegalArgumentException if a beta is outside [0, 1)
     */
    public AdamOptions withBetas(double b1, double b2) {
        return new AdamOptions(learningRate, b1, b2, eps, weightDecay, amsgrad);
    }

    /**
     * A copy with one setting changed.
     *
     * @param value finite and greater than 0
     * @return a copy with this eps
     * @throws IllegalArgumentException if the value is invalid
     */
    public AdamOptions withEps(double value) {
        return new AdamOptions(learningRate, beta1, beta2, value, weightDecay, amsgrad);
    }

    /**
     * A copy with one setting changed.
     *
     * @param value finite and at least 0
     * @return a copy with this weight decay
     * @throws IllegalArgumentException if the value is invalid
     */
    public AdamOptions withWeightDecay(double value) {
        return new AdamOptions(learningRate, beta1, beta2, eps, value, amsgrad);
    }

    /**
     * A copy with one setting changed.
     *
     * @param value whether to use AMSGrad
     * @return a copy with this flag
     */
    public AdamOptions withAmsgrad(boolean value) {
        return new AdamOptions(learningRate, beta1, beta2, eps, weightDecay, value);
    }
}
