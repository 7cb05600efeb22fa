package io.github.lstmdynamics.sweep;

import java.nio.file.Path;
import java.util.List;

/**
 * A finished sweep.
 *
 * @param results   every run's result in the sweep's order (without weights)
 * @param ran       runs trained by this call
 * @param skipped   runs found in {@code runs.csv} and not run again
 * @param best      the run with the smallest held-out loss among those that did not diverge (the first
 *                  in the sweep's order on a tie), null if every run diverged
 * @param bestModel the file holding the best run's model, null if there is none
 */
public record SweepOutcome(List<RunResult> results, int ran, int skipped, RunResult best, Path bestModel) {
}
