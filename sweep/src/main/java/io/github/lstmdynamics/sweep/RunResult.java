package io.github.lstmdynamics.sweep;

import java.io.Serializable;
import java.util.Map;

/**
 * What one run of a sweep gives: one row of {@code runs.csv} and the trained weights.
 *
 * @param spec              the run
 * @param status            ok, or diverged
 * @param divergedAt        the batch (counted from 1) whose loss or gradient was not finite; 0 if ok
 * @param finalRunningLoss  the running loss r = 0.9 r + 0.1 loss after the last batch (MSE); NaN if
 *                          diverged
 * @param heldOutLoss       the MSE on the held-out batch (the tutorial's evaluation); NaN if diverged
 * @param closedLoopError   the MSE of the closed-loop prediction over {@code spec.horizon()} windows
 *                          from fresh initial states ({@link ClosedLoop}); NaN if diverged, +infinity
 *                          if the prediction overflowed
 * @param trainSeconds      wall-clock seconds of the training loop on its one thread, data included
 * @param parameters        the trained model's parameters by PyTorch {@code state_dict} name, row-major;
 *                          null when not kept (the driver keeps only the best run's)
 */
public record RunResult(RunSpec spec, RunStatus status, long divergedAt, double finalRunningLoss,
                        double heldOutLoss, double closedLoopError, double trainSeconds,
                        Map<String, double[]> parameters) implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * The same result without the weights.
     *
     * @return a copy whose parameters are null
     */
    public RunResult withoutParameters() {
        return new RunResult(spec, status, divergedAt, finalRunningLoss, heldOutLoss, closedLoopError,
                trainSeconds, null);
    }
}
