package io.github.lstmdynamics.sweep;

import io.github.lstmdynamics.lstm.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code runs.csv}: one row per finished run, its settings, seed and horizon, then its results.
 *
 * <pre>
 *   hidden,lr,batch_size,batches,mu,t_end,dt,seed,horizon,status,diverged_at_batch,final_running_loss,
 *   held_out_loss,closed_loop_mse,train_seconds
 * </pre>
 *
 * <p>Numbers are written as {@link Double#toString(double)} writes them, so they read back bit for bit
 * ({@code NaN} where a diverged run has no value). Each finished run is added by replacing the whole
 * file atomically ({@link AtomicFiles}): a sweep killed at any moment leaves a complete file holding the
 * runs finished before. While a sweep runs the rows come in the order the runs finished; at its end the
 * file is rewritten in the sweep's order.
 */
final class RunsCsv {

    /** The columns after the settings. */
    static final List<String> RESULT_COLUMNS = List.of("seed", "horizon", "status", "diverged_at_batch",
            "final_running_loss", "held_out_loss", "closed_loop_mse", "train_seconds");

    private final Path file;
    private final Map<String, RunSpec> specs = new HashMap<>();
    private final Map<String, RunResult> rows = new LinkedHashMap<>();

    private RunsCsv(Path file, SweepPlan plan) {
        this.file = file;
        for (RunSpec spec : plan.runs()) {
            specs.put(spec.key(), spec);
        }
    }

    /**
     * The runs already in the file (none if there is no file).
     *
     * @throws BadSweepInput if the file is not a runs.csv of this sweep (another header, a row that is
     *                       not one of this sweep's runs, a row given twice, a malformed row)
     */
    static RunsCsv open(Path file, SweepPlan plan) throws IOException, BadSweepInput {
        RunsCsv csv = new RunsCsv(file, plan);
        if (!Files.exists(file)) {
            return csv;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals(header())) {
            throw new BadSweepInput(file + " is not a runs.csv of this version of the sweep (its first line is not '"
                    + header() + "'); choose another --out");
        }
        int settings = Axis.values().length;
        for (int n = 1; n < lines.size(); n++) {
            String[] cells = lines.get(n).split(",", -1);
            String where = file + " line " + (n + 1);
            if (cells.length != settings + RESULT_COLUMNS.size()) {
                throw new BadSweepInput(where + " has " + cells.length + " cells; expected "
                        + (settings + RESULT_COLUMNS.size()));
            }
            String key = String.join(",", java.util.Arrays.copyOf(cells, settings + 2));
            RunSpec spec = csv.specs.get(key);
            if (spec == null) {
                throw new BadSweepInput(where + " is a run of another sweep (" + key + "): this sweep's grid, seeds"
                        + " and horizon do not include it; choose another --out or the same settings");
            }
            RunResult result;
            try {
                RunStatus status = RunStatus.valueOf(cells[settings + 2].toUpperCase(java.util.Locale.ROOT));
                result = new RunResult(spec, status, Long.parseLong(cells[settings + 3]),
                        Double.parseDouble(cells[settings + 4]), Double.parseDouble(cells[settings + 5]),
                        Double.parseDouble(cells[settings + 6]), Double.parseDouble(cells[settings + 7]), null);
            } catch (IllegalArgumentException e) {
                throw new BadSweepInput(where + " has a result that cannot be read: '" + lines.get(n) + "'");
            }
            if (csv.rows.put(key, result) != null) {
                throw new BadSweepInput(where + " repeats the run " + key);
            }
        }
        return csv;
    }

    /** The header line. */
    static String header() {
        List<String> columns = new ArrayList<>();
        for (Axis axis : Axis.values()) {
            columns.add(axis.column());
        }
        columns.addAll(RESULT_COLUMNS);
        return String.join(",", columns);
    }

    /** The runs of the file, in the order of its rows. */
    List<RunResult> results() {
        return new ArrayList<>(rows.values());
    }

    /** Whether the run is in the file. */
    boolean contains(RunSpec spec) {
        return rows.containsKey(spec.key());
    }

    /** Adds a finished run: the whole file is replaced atomically with the new row at its end. */
    void append(RunResult result) throws IOException {
        rows.put(result.spec().key(), result.withoutParameters());
        write();
    }

    /** Rewrites the file with the rows in the sweep's order. */
    void sort() throws IOException {
        List<RunResult> sorted = results();
        sorted.sort(Comparator.comparingInt(r -> r.spec().index()));
        rows.clear();
        for (RunResult result : sorted) {
            rows.put(result.spec().key(), result);
        }
        write();
    }

    private void write() throws IOException {
        StringBuilder text = new StringBuilder(header()).append('\n');
        for (RunResult r : rows.values()) {
            text.append(r.spec().key()).append(',').append(r.status().word()).append(',').append(r.divergedAt())
                    .append(',').append(r.finalRunningLoss()).append(',').append(r.heldOutLoss()).append(',')
                    .append(r.closedLoopError()).append(',').append(r.trainSeconds()).append('\n');
        }
        AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
    }
}
