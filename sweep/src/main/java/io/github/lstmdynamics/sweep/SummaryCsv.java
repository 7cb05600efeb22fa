package io.github.lstmdynamics.sweep;

import io.github.lstmdynamics.lstm.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * {@code summary.csv}: one row per point of the grid, with how many of its seeds ran, how many
 * diverged, and the median, minimum and maximum over the seeds of each metric.
 *
 * <pre>
 *   hidden,lr,batch_size,batches,mu,t_end,dt,horizon,runs,diverged,
 *   final_running_loss_median,final_running_loss_min,final_running_loss_max,
 *   held_out_loss_median,...,closed_loop_mse_median,...,train_seconds_median,...
 * </pre>
 *
 * <p>The losses are summarised over the runs that did not diverge (NaN if all did); the training time
 * over all runs. The median of an even number of values is the mean of the middle two (as numpy's).
 */
final class SummaryCsv {

    private record Metric(String name, ToDoubleFunction<RunResult> value, boolean okOnly) {
    }

    private static final List<Metric> METRICS = List.of(
            new Metric("final_running_loss", RunResult::finalRunningLoss, true),
            new Metric("held_out_loss", RunResult::heldOutLoss, true),
            new Metric("closed_loop_mse", RunResult::closedLoopError, true),
            new Metric("train_seconds", RunResult::trainSeconds, false));

    private SummaryCsv() {
    }

    /** Writes the summary of the results (all runs of the plan) atomically. */
    static void write(Path file, SweepPlan plan, List<RunResult> results) throws IOException {
        Map<String, List<RunResult>> byPoint = new LinkedHashMap<>();
        for (RunSettings point : plan.points()) {
            byPoint.put(point.key(), new ArrayList<>());
        }
        for (RunResult result : results) {
            byPoint.get(result.spec().settings().key()).add(result);
        }
        StringBuilder text = new StringBuilder();
        List<String> header = new ArrayList<>();
        for (Axis axis : Axis.values()) {
            header.add(axis.column());
        }
        header.addAll(List.of("horizon", "runs", "diverged"));
        for (Metric metric : METRICS) {
            for (String statistic : List.of("median", "min", "max")) {
                header.add(metric.name() + "_" + statistic);
            }
        }
        text.append(String.join(",", header)).append('\n');
        for (Map.Entry<String, List<RunResult>> point : byPoint.entrySet()) {
            List<RunResult> runs = point.getValue();
            long diverged = runs.stream().filter(r -> r.status() == RunStatus.DIVERGED).count();
            text.append(point.getKey()).append(',').append(plan.horizon()).append(',').append(runs.size())
                    .append(',').append(diverged);
            for (Metric metric : METRICS) {
                double[] values = runs.stream().filter(r -> !metric.okOnly() || r.status() == RunStatus.OK)
                        .mapToDouble(metric.value()).sorted().toArray();
                text.append(',').append(median(values)).append(',')
                        .append(values.length == 0 ? Double.NaN : values[0]).append(',')
                        .append(values.length == 0 ? Double.NaN : values[values.length - 1]);
            }
            text.append('\n');
        }
        AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The median of values.
     *
     * @param values the values, any order
     * @return the middle value, the mean of the middle two for an even count, NaN for none
     */
    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
