package io.github.lstmdynamics.lstm;

import java.util.List;

/** Gradient clipping by global norm, as PyTorch's {@code torch.nn.utils.clip_grad_norm_}. */
public final class GradientClipping {

    private GradientClipping() {
    }

    /**
     * Scales all gradients together so that their global L2 norm is at most about {@code maxNorm}: with
     * {@code total = sqrt(sum of |grad_p|^2)}, every gradient is multiplied by
     * {@code min(1, maxNorm / (total + 1e-6))}, as {@code clip_grad_norm_(params, maxNorm, norm_type=2)}.
     *
     * @param parameters the parameters whose gradients are clipped
     * @param maxNorm    the largest allowed norm, at least 0 ({@code +infinity} leaves gradients as they are)
     * @return the total norm before clipping (NaN or infinite if a gradient is)
     * @throws IllegalArgumentException if {@code maxNorm} is negative or NaN
     */
    public static double clipGradNorm(List<Parameter> parameters, double maxNorm) {
        if (!(maxNorm >= 0.0)) {
            throw new IllegalArgumentException("maxNorm must be >= 0, got " + maxNorm);
        }
        double sumOfSquaredNorms = 0.0;
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            double[] g = p.grad().data;
            double sum = 0.0;
            for (int k = 0; k < p.size(); k++) {
                sum += g[k] * g[k];
            }
            double norm = Math.sqrt(sum);
            sumOfSquaredNorms += norm * norm;
        }
        double total = Math.sqrt(sumOfSquaredNorms);
        double coef = Math.min(maxNorm / (total + 1e-6), 1.0);
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            double[] g = p.grad().data;
            for (int k = 0; k < p.size(); k++) {
                g[k] *= coef;
            }
        }
        return total;
    }
}
