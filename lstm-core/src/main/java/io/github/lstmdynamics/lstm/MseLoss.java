package io.github.lstmdynamics.lstm;

import io.github.lstmdynamics.lstm.kernels.ArrayKernels;
import io.github.lstmdynamics.lstm.kernels.KernelProvider;
import io.github.lstmdynamics.lstm.kernels.Kernels;

/**
 * Mean squared error, as PyTorch's {@code nn.MSELoss}: with reduction {@link Reduction#MEAN} (the
 * default) the sum of squared differences over all {@code T*B*O} elements divided by {@code T*B*O};
 * with {@link Reduction#SUM} the sum itself. Stateless and thread-safe.
 */
public final class MseLoss {

    /** How the squared differences are reduced to one number. */
    public enum Reduction {
        /** Sum divided by the number of elements (PyTorch's default). */
        MEAN,
        /** Plain sum. */
        SUM
    }

    private final Reduction reduction;
    private final Kernels kernels;
    /** The kernels of the model's precision for {@link #compute(Object, Object, int, Object)}. */
    private final ArrayKernels<Object, Object> arrayKernels;

    /** A loss with reduction {@link Reduction#MEAN}. */
    public MseLoss() {
        this(Reduction.MEAN);
    }

    /**
     * Builds the loss with the given reduction.
     *
     * @param reduction how squared differences are reduced
     * @throws NullPointerException if {@code reduction} is null
     */
    public MseLoss(Reduction reduction) {
        this(reduction, KernelProvider.kernels());
    }

    /** As {@link #MseLoss(Reduction)} on the given kernels. */
    MseLoss(Reduction reduction, Kernels kernels) {
        this(reduction, kernels, kernels);
    }

    /** A loss whose array form computes with {@code arrayKernels} (a model's precision); the public form in float64. */
    @SuppressWarnings("unchecked")
    MseLoss(Reduction reduction, Kernels kernels, ArrayKernels<?, ?> arrayKernels) {
        if (reduction == null) {
            throw new NullPointerException("reduction");
        }
        this.reduction = reduction;
        this.kernels = kernels;
        this.arrayKernels = (ArrayKernels<Object, Object>) arrayKernels;
    }

    /** {@return the reduction} */
    public Reduction reduction() {
        return reduction;
    }

    /**
     * The loss.
     *
     * @param prediction {@code [T, B, O]}
     * @param target     {@code [T, B, O]}, finite
     * @return the reduced squared error
     * @throws IllegalArgumentException if the shapes differ or the target holds a non-finite value
     */
    public double value(SequenceBatch prediction, SequenceBatch target) {
        return compute(prediction, target, null);
    }

    /**
     * The loss and, written into {@code gradient}, its gradient with respect to the prediction:
     * {@code 2 (prediction - target) / N} for MEAN ({@code N = T*B*O}), {@code 2 (prediction - target)} for
     * SUM.
     *
     * @param prediction {@code [T, B, O]}
     * @param target     {@code [T, B, O]}, finite
     * @param gradient   {@code [T, B, O]}, overwritten; or null to skip the gradient
     * @return the reduced squared error
     * @throws IllegalArgumentException if a shape differs or the target holds a non-finite value
     */
    public double compute(SequenceBatch prediction, SequenceBatch target, SequenceBatch gradient) {
        int t = prediction.steps();
        int b = prediction.batchSize();
        int o = prediction.features();
        if (!target.hasShape(t, b, o)) {
            throw new IllegalArgumentException("target " + target.shape() + " does not fit prediction "
                    + prediction.shape());
        }
        if (gradient != null && !gradient.hasShape(t, b, o)) {
            throw new IllegalArgumentException("gradient " + gradient.shape() + " does not fit prediction "
                    + prediction.shape());
        }
        target.requireFinite("target");
        int n = t * b * o;
        double[] p = prediction.matrix().data;
        double[] y = target.matrix().data;
        double sum = kernels.sumSquaredDifferences(p, y, n);
        double scale = reduction == Reduction.MEAN ? 2.0 / n : 2.0;
        if (gradient != null) {
            kernels.scaledDifference(scale, p, y, n, gradient.matrix().data);
        }
        return reduction == Reduction.MEAN ? sum / n : sum;
    }

    /**
     * The loss of {@code n} predictions {@code p} against targets {@code y}, arrays of the model's precision,
     * and when {@code gradient} is not null its gradient written there; the sums in that precision.
     */
    double compute(Object p, Object y, int n, Object gradient) {
        double sum = arrayKernels.sumSquaredDifferences(p, y, n);
        double scale = reduction == Reduction.MEAN ? 2.0 / n : 2.0;
        if (gradient != null) {
            arrayKernels.scaledDifference(scale, p, y, n, gradient);
        }
        return reduction == Reduction.MEAN ? sum / n : sum;
    }
}
