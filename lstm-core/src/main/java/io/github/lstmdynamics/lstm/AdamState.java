package io.github.lstmdynamics.lstm;

import io.github.lstmdynamics.lstm.kernels.ArrayKernels;
import io.github.lstmdynamics.lstm.kernels.KernelProvider;
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
    /** The kernels of the parameters' precision; {@code Object} stands for {@code double[]} or {@code float[]}. */
    private final ArrayKernels<Object, Object> kernels;
    /** The moments in the parameters' precision. */
    final Object[] expAvg;
    final Object[] expAvgSq;
    final Object[] maxExpAvgSq;
    /** Copies before the last step, for {@link #undoStep()}; allocated on first use. */
    private Object[] backup;
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
        this.kernels = OptimizerChecks.kernels(this.parameters, KernelProvider.kernels());
        int n = this.parameters.length;
        expAvg = new Object[n];
        expAvgSq = new Object[n];
        maxExpAvgSq = new Object[n];
        for (int i = 0; i < n; i++) {
            int size = this.parameters[i].size();
            expAvg[i] = kernels.newVector(size);
            expAvgSq[i] = kernels.newVector(size);
            maxExpAvgSq[i] = kernels.newVector(options.amsgrad() ? size : 0);
        }
    }

    void step() {
        final double lr = learningRate;
        final double beta1 = options.beta1();
        final double beta2 = options.beta2();
        step++;
        final double biasCorrection1 = 1 - Math.pow(beta1, step);
        final double biasCorrection2 = 1 - Math.pow(beta2, step);
        ArrayKernels.AdamHyper h = new ArrayKernels.AdamHyper(beta1, beta2, options.eps(), options.weightDecay(),
                options.amsgrad(), decoupled, lr / biasCorrection1, Math.sqrt(biasCorrection2),
                1 - lr * options.weightDecay());
        for (int i = 0; i < parameters.length; i++) {
            Parameter p = parameters[i];
            kernels.adamUpdate(h, p.gradArray(), p.size(), expAvg[i], expAvgSq[i], maxExpAvgSq[i], p.valueArray());
        }
    }

    double[] copyOf(Object[] buffers, int index) {
        double[] copy = new double[kernels.length(buffers[index])];
        kernels.toDoubles(buffers[index], copy.length, copy);
        return copy;
    }

    void set(String what, Object[] buffers, int index, double[] values) {
        if (buffers == maxExpAvgSq && !options.amsgrad()) {
            throw new IllegalStateException("max_exp_avg_sq exists only with amsgrad");
        }
        double[] checked = OptimizerChecks.buffer(what, index, parameters[index], values);
        buffers[index] = kernels.fromDoubles(checked, checked.length, null);
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
            backup = new Object[4 * n];
            for (int i = 0; i < n; i++) {
                backup[i] = kernels.newVector(parameters[i].size());
                backup[n + i] = kernels.newVector(kernels.length(expAvg[i]));
                backup[2 * n + i] = kernels.newVector(kernels.length(expAvgSq[i]));
                backup[3 * n + i] = kernels.newVector(kernels.length(maxExpAvgSq[i]));
            }
        }
        for (int i = 0; i < n; i++) {
            System.arraycopy(parameters[i].valueArray(), 0, backup[i], 0, parameters[i].size());
            System.arraycopy(expAvg[i], 0, backup[n + i], 0, kernels.length(expAvg[i]));
            System.arraycopy(expAvgSq[i], 0, backup[2 * n + i], 0, kernels.length(expAvgSq[i]));
            System.arraycopy(maxExpAvgSq[i], 0, backup[3 * n + i], 0, kernels.length(maxExpAvgSq[i]));
        }
        stepBackup = step;
    }

    /** Restores what {@link #backUpBeforeStep()} saved. */
    void undoStep() {
        int n = parameters.length;
        for (int i = 0; i < n; i++) {
            System.arraycopy(backup[i], 0, parameters[i].valueArray(), 0, parameters[i].size());
            System.arraycopy(backup[n + i], 0, expAvg[i], 0, kernels.length(expAvg[i]));
            System.arraycopy(backup[2 * n + i], 0, expAvgSq[i], 0, kernels.length(expAvgSq[i]));
            System.arraycopy(backup[3 * n + i], 0, maxExpAvgSq[i], 0, kernels.length(maxExpAvgSq[i]));
        }
        step = stepBackup;
    }
}
