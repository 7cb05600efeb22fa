package io.github.lstmdynamics.lstm;

import java.util.List;

/**
 * AdamW exactly as {@code torch.optim.AdamW} (PyTorch 1.13, single-tensor path, {@code maximize=False}):
 * bias-corrected moment estimates, optionally AMSGrad; the weight decay is decoupled
 * (Loshchilov and Hutter): {@code p *= 1 - lr * weightDecay} before the moments.
 * One {@link #step()}, per parameter {@code p} with gradient {@code grad}, at step {@code t} counted from 1:
 * <pre>
 *   p = p * (1 - lr * weightDecay);  g = grad
 *   m = beta1 * m + (1 - beta1) * g                       exp_avg
 *   v = beta2 * v + (1 - beta2) * g * g                   exp_avg_sq
 *   vmax = max(vmax, v) with amsgrad                      max_exp_avg_sq
 *   denom = sqrt(amsgrad ? vmax : v) / sqrt(1 - beta2^t) + eps
 *   p = p - (lr / (1 - beta1^t)) * m / denom
 * </pre>
 * (in PyTorch's order of operations). Defaults as PyTorch's: {@link AdamOptions#adamW(double)}.
 *
 * <p>Everything else (the state and its accessors, the learning rate) is {@link Adam}'s, which this class
 * extends only to change the weight decay. State: the step count and, per parameter, {@code exp_avg}, {@code exp_avg_sq} and (with amsgrad)
 * {@code max_exp_avg_sq}, zero before the first step, allocated once; read and restore them with
 * {@link #stepCount()}, {@link #expAvg(int)} and their setters, as lstm-io's checkpoints do. Not
 * thread-safe.
 */
public final class AdamW extends Adam {

    /**
     * Builds an optimizer over the parameters, its state zero.
     *
     * @param parameters the parameters to update, for example {@link LstmRegressor#parameters()}
     * @param options    the hyper-parameters
     * @throws IllegalArgumentException if the list is empty
     * @throws NullPointerException     if an argument or element is null
     */
    public AdamW(List<Parameter> parameters, AdamOptions options) {
        super(parameters, options, true);
    }
}
