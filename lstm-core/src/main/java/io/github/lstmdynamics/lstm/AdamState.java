package io.github.lstmdynamics.lstm;

import java.util.List;

/**
 * The state of {@link Adam} and {@link AdamW} and their shared update, as {@code torch.optim.Adam}'s
 * {@code _single_tensor_adam} and {@code torch.optim.AdamW}'s {@code _single_tensor_adamw} (PyTorch 1.13)
 * compute it, per parameter {@code p} with gradient {@code grad} at step {@code t} (counted from 1):
 * <pre>
 *   Adam:   g = grad + weightDecay * p                 AdamW:  p = p * (1 - lr * weightDecay);  g = grad
 *   m = beta1 * m + (1 - beta1) * g                    (exp_avg)
 *   v = beta2 * v + (1 - beta2) * g * g                (exp_avg_sq)
 *   if amsgrad: vmax = max(vmax, v); v' = vmax else v' = v      (max_exp_avg_sq)
 *   denom = sqrt(v') / sqrt(1 - beta2^t) + eps
 *   p = p + (-(lr / (1 - beta1^t)) * m) / denom
 * </pre>
 * in PyTorch's order of operations ({@code addcmul_} and {@code addcdiv_} multiply by their value first).
 * One step count serves all parameters (PyTorch keeps one per parameter; here every parameter is stepped
 * every time, so they are equal). The buffers are allocated once, zero before the first step.
 */
final class AdamState {

    final Parameter[] parameters;
    final List<Parameter> parameterList;
    final AdamOptions options;
    final boolean decoupled;
    double learningRate;
    long step;
    final double[][] expAvg;
    final double[][] expAvgSq;
    final double[][] maxExpAvgSq;
    /** Copies before the last step, for {@link #undoStep()}; allocated on first use. */
    private double[][] backup;
    private long stepBackup;

    AdamState(List<Parameter> parameters, AdamOptions options, boolean decoupled) {
        if (options == null) {
            throw new NullPointerException("options");
        }
        this.parameters = OptimizerChecks.parameters(parameters);
        this.parameterList = List.of(this.parameters);
        this.options = options;
        this.decoupled = decoupled;
        this.learningRate = options.learningRate();
        int n = this.parameters.length;
        expAvg = new double[n][];
        expAvgSq = new double[n][];
        maxExpAvgSq = new double[n][];
        for (int i = 0; i < n; i++) {
            int size = this.parameters[i].size();
            expAvg[i] = new double[size];
            expAvgSq[i] = new double[size];
            maxExpAvgSq[i] = new double[options.amsgrad() ? size : 0];
        }
    }

    void step() {
        final double lr = learningRate;
        final double beta1 = options.beta1();
        final double beta2 = options.beta2();
        final double eps = options.eps();
        final double weightDecay = options.weightDecay();
        final boolean amsgrad = options.amsgrad();
        step++;
        final double biasCorrection1 = 1 - Math.pow(beta1, step);
        final double biasCorrection2 = 1 - Math.pow(beta2, step);
        final double stepSize = lr / biasCorrection1;
        final double biasCorrection2Sqrt = Math.sqrt(biasCorrection2);
        final double decay = 1 - lr * weightDecay;
        for (int i = 0; i < parameters.length; i++) {
            Parameter p = parameters[i];
            int n = p.size();
            double[] value = p.value().data;
            double[] grad = p.grad().data;
            double[] m = expAvg[i];
            double[] v = expAvgSq[i];
            double[] vmax = maxExpAvgSq[i];
            for (int k = 0; k < n; k++) {
                double g = grad[k];
                if (decoupled) {
                    value[k] *= decay;
                } else if (weightDecay != 0.0) {
                    g += weightDecay * value[k];
                }
                double mk = m[k] * beta1 + (1 - beta1) * g;
                double vk = v[k] * beta2 + (1 - beta2) * g * g;
                m[k] = mk;
                v[k] = vk;
                double second = vk;
                if (amsgrad) {
                    second = Math.max(vmax[k], vk);
                    vmax[k] = second;
                }
                double denom = Math.sqrt(second) / biasCorrection2Sqrt + eps;
                value[k] += -stepSize * mk / denom;
            }
        }
    }

    double[] copyOf(double[][] buffers, int index) {
        return buffers[index].clone();
    }

    void set(String what, double[][] buffers, int index, double[] values) {
        if (buffers == maxExpAvgSq && !options.amsgrad()) {
            throw new IllegalStateException("max_exp_avg_sq exists only with amsgrad");
        }
        buffers[index] = OptimizerChecks.buffer(what, index, parameters[index], values);
    }

    void setStep(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("step count must be at least 0, got " + value);
        }
        step = value;
    }

    void backUpBeforeStep() {
        int n = parameters.length;
        if (backup == null) {
            backup = new double[4 * n][];
            for (int i = 0; i < n; i++) {
                backup[i] = new double[parameters[i].size()];
                backup[n + i] = new double[expAvg[i].length];
                backup[2 * n + i] = new double[expAvgSq[i].length];
                backup[3 * n + i] = new double[maxExpAvgSq[i].length];
            }
        }
        for (int i = 0; i < n; i++) {
            System.arraycopy(parameters[i].value().data, 0, backup[i], 0, backup[i].length);
            System.arraycopy(expAvg[i], 0, backup[n + i], 0, expAvg[i].length);
            System.arraycopy(expAvgSq[i], 0, backup[2 * n + i], 0, expAvgSq[i].length);
            System.arraycopy(maxExpAvgSq[i], 0, backup[3 * n + i], 0, maxExpAvgSq[i].length);
        }
        stepBackup = step;
    }

    void undoStep() {
        int n = parameters.length;
        for (int i = 0; i < n; i++) {
            System.arraycopy(backup[i], 0, parameters[i].value().data, 0, backup[i].length);
            System.arraycopy(backup[n + i], 0, expAvg[i], 0, expAvg[i].length);
            System.arraycopy(backup[2 * n + i], 0, expAvgSq[i], 0, expAvgSq[i].length);
            System.arraycopy(backup[3 * n + i], 0, maxExpAvgSq[i], 0, maxExpAvgSq[i].length);
        }
        step = stepBackup;
    }
}
