package io.github.lstmdynamics.sweep;

import io.github.lstmdynamics.examples.OptimizerChoice;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sweep's command line, and the sweep file it may name.
 *
 * <pre>
 *   --hidden 5,10,20,40 --lr 0.01,0.02,0.05,0.1 --seeds 1-5 [--batch-size ..] [--batches ..] [--mu ..]
 *   [--t-end ..] [--dt ..] [--optimizer sgd,adam] [--lr-schedule none,cosine:2000] [--horizon 5] [--file sweep.txt] [--out sweep-out] [--master local[*]]
 *   [--verbose] [--help]
 * </pre>
 *
 * <p>A list is comma-separated; seeds may also be given as ranges ({@code 1-5,8}). A setting not given
 * keeps the tutorial's value (the learning rate: the optimizer's default, as in the tutorial; a sweep of
 * optimizers whose defaults differ must list {@code --lr}). The sweep file has one
 * {@code key = value, value, ...} line per setting, with the same keys as the options (without the
 * dashes: {@code hidden}, {@code lr}, {@code batch-size}, {@code batches}, {@code mu}, {@code t-end},
 * {@code dt}, {@code optimizer}, {@code lr-schedule}, {@code seeds}, {@code horizon}); blank lines
 * and everything after {@code #} are ignored. An option on the command line replaces the file's line.
 *
 * @param plan    the sweep
 * @param out     the output directory
 * @param master  the Spark master given by {@code --master}, or null
 * @param verbose whether Spark logs at its usual level (INFO) instead of errors only
 * @param help    whether {@code --help} was given (then nothing else is checked)
 */
public record SweepArguments(SweepPlan plan, Path out, String master, boolean verbose, boolean help) {

    /** The default output directory. */
    public static final String DEFAULT_OUT = "sweep-out";
    /** Largest number of runs in one sweep. */
    public static final int MAX_RUNS = 1_000_000;

    /** The usage text of {@code --help}. */
    public static final String USAGE = String.join(System.lineSeparator(),
            "Usage: sweep [--hidden LIST] [--lr LIST] [--batch-size LIST] [--batches LIST] [--mu LIST]",
            "             [--t-end LIST] [--dt LIST] [--optimizer LIST] [--lr-schedule LIST]",
            "             [--seeds LIST] [--horizon N] [--file FILE]",
            "             [--out DIR] [--master URL] [--verbose] [--help]",
            "Trains the van der Pol tutorial for every combination of the listed settings and every seed,",
            "one Spark task per run, and writes runs.csv, summary.csv, sweep.png and best-model.safetensors",
            "into --out (default " + DEFAULT_OUT + "). Runs already in --out/runs.csv are not run again.",
            "  --hidden LIST      LSTM hidden units (default 20), e.g. 5,10,20,40",
            "  --lr LIST          learning rate (default: the optimizer's, 0.05 for sgd, 0.01 for adam",
            "                     and adamw)",
            "  --batch-size LIST  trajectories per batch (default 20)",
            "  --batches LIST     training batches (default 2000)",
            "  --mu LIST          van der Pol damping (default 0.1)",
            "  --t-end LIST       length of each training trajectory (default 2.0)",
            "  --dt LIST          spacing of the samples (default 0.1)",
            "  --optimizer LIST   sgd, adam or adamw (default sgd)",
            "  --lr-schedule LIST learning-rate schedules, stepped once per batch (default none): none,",
            "                     step:N:GAMMA, exponential:GAMMA, cosine:T_MAX[:ETA_MIN] or",
            "                     plateau:PATIENCE:FACTOR",
            "  --seeds LIST       seeds of data and weights, with ranges: 1-5,8 (default 1)",
            "  --horizon N        closed-loop horizon in training windows, 2 to 1000 (default "
                    + SweepPlan.DEFAULT_HORIZON + ")",
            "  --file FILE        a sweep file: lines 'key = v1, v2, ...' with the keys above",
            "                     (hidden, lr, ..., seeds, horizon); '#' starts a comment",
            "  --out DIR          output directory (default " + DEFAULT_OUT + ")",
            "  --master URL       Spark master (default: spark-submit's, else local[*,4]: all cores,",
            "                     a failed task tried up to 4 times)",
            "  --verbose          Spark's own log at INFO (default: errors only)",
            "  --help             this text");

    private static final String SEEDS = "seeds";
    private static final String HORIZON = "horizon";

    /**
     * Parses the command line (and the sweep file it names), and checks every run's settings as the
     * tutorial does, before any training.
     *
     * @param args the arguments
     * @return the sweep and where it goes
     * @throws BadSweepInput naming the option or file line, the value and what is expected
     */
    public static SweepArguments parse(String... args) throws BadSweepInput {
        Map<String, String> options = new LinkedHashMap<>();
        Path file = null;
        Path out = Path.of(DEFAULT_OUT);
        String master = null;
        boolean verbose = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                return new SweepArguments(null, null, null, false, true);
            }
            if (arg.equals("--verbose")) {
                verbose = true;
                continue;
            }
            String name;
            String value;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                name = arg.substring(2, equals);
                value = arg.substring(equals + 1);
            } else if (arg.startsWith("--")) {
                name = arg.substring(2);
                if (i + 1 >= args.length) {
                    throw new BadSweepInput(arg + " needs a value");
                }
                value = args[++i];
            } else {
                throw new BadSweepInput("unexpected argument '" + arg + "': expected options such as --hidden 5,10"
                        + " (see --help)");
            }
            switch (name) {
                case "file":
                    file = Path.of(value);
                    break;
                case "out":
                    if (value.isBlank()) {
                        throw new BadSweepInput("--out must name a directory; got an empty value");
                    }
                    out = Path.of(value);
                    break;
                case "master":
                    if (value.isBlank()) {
                        throw new BadSweepInput("--master must name a Spark master such as local[*] or"
                                + " spark://host:7077; got an empty value");
                    }
                    master = value;
                    break;
                default:
                    if (!isSetting(name)) {
                        throw new BadSweepInput("unknown option --" + name + " (see --help)");
                    }
                    if (options.put(name, value) != null) {
                        throw new BadSweepInput("--" + name + " is given twice: give all values in one list, e.g. --"
                                + name + " 1,2");
                    }
            }
        }
        Map<String, String> settings = new LinkedHashMap<>();
        Map<String, String> sources = new LinkedHashMap<>();
        if (file != null) {
            readFile(file, settings, sources);
        }
        for (Map.Entry<String, String> option : options.entrySet()) {
            settings.put(option.getKey(), option.getValue());
            sources.put(option.getKey(), "--" + option.getKey());
        }
        SweepPlan plan = plan(settings, sources);
        checkRuns(plan);
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new BadSweepInput("--out " + out + " exists and is not a directory");
        }
        return new SweepArguments(plan, out, master, verbose, false);
    }

    /** The keys of the settings: every axis's, then seeds and horizon. */
    private static String keys() {
        StringBuilder keys = new StringBuilder();
        for (Axis axis : Axis.values()) {
            keys.append(axis.key()).append(", ");
        }
        return keys + SEEDS + ", " + HORIZON;
    }

    private static boolean isSetting(String name) {
        return Axis.byKey(name) != null || name.equals(SEEDS) || name.equals(HORIZON);
    }

    private static void readFile(Path file, Map<String, String> settings, Map<String, String> sources)
            throws BadSweepInput {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadSweepInput("--file " + file + " cannot be read: " + e.getMessage());
        }
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            if (line.isBlank()) {
                continue;
            }
            String where = file + " line " + (n + 1);
            int equals = line.indexOf('=');
            if (equals < 0) {
                throw new BadSweepInput(where + ": '" + lines.get(n).strip() + "' is not 'key = value, value, ...'");
            }
            String key = line.substring(0, equals).strip();
            if (!isSetting(key)) {
                throw new BadSweepInput(where + ": unknown key '" + key + "'; expected one of hidden, lr, batch-size,"
                        + " batches, mu, t-end, dt, seeds, horizon");
            }
            if (settings.put(key, line.substring(equals + 1)) != null) {
                throw new BadSweepInput(where + ": '" + key + "' is given twice");
            }
            sources.put(key, where + " (" + key + ")");
        }
    }

    private static SweepPlan plan(Map<String, String> settings, Map<String, String> sources) throws BadSweepInput {
        EnumMap<Axis, List<String>> grid = new EnumMap<>(Axis.class);
        for (Axis axis : Axis.values()) {
            String text = settings.get(axis.key());
            if (text == null) {
                grid.put(axis, List.of(axis.defaultValue()));
                continue;
            }
            String source = sources.get(axis.key());
            Set<String> values = new LinkedHashSet<>();
            for (String item : items(text, source)) {
                String value;
                try {
                    value = axis.canonical(item);
                } catch (IllegalArgumentException e) {
                    throw new BadSweepInput(source + ": '" + item.strip() + "' is not " + axis.kind().expected());
                }
                if (!values.add(value)) {
                    throw new BadSweepInput(source + ": the value " + item.strip() + " is listed twice");
                }
            }
            grid.put(axis, new ArrayList<>(values));
        }
        if (!settings.containsKey(Axis.LR.key())) {
            // as the tutorial: without --lr, the optimizer's own default learning rate
            String lr = Axis.defaultLr(grid.get(Axis.OPTIMIZER));
            if (lr == null) {
                StringBuilder defaults = new StringBuilder();
                for (String name : grid.get(Axis.OPTIMIZER)) {
                    try {
                        defaults.append(defaults.length() == 0 ? "" : ", ").append(name).append(' ')
                                .append(OptimizerChoice.parse(name).defaultLr());
                    } catch (IllegalArgumentException e) {
                        throw new BadSweepInput(sources.get(Axis.OPTIMIZER.key()) + ": '" + name
                                + "' is not an optimizer; expected sgd, adam or adamw");
                    }
                }
                throw new BadSweepInput(sources.get(Axis.OPTIMIZER.key()) + " " + String.join(",",
                        grid.get(Axis.OPTIMIZER)) + " needs --lr: the optimizers' default learning rates differ ("
                        + defaults + ")");
            }
            grid.put(Axis.LR, List.of(lr));
        }
        List<Long> seeds = settings.containsKey(SEEDS) ? seeds(settings.get(SEEDS), sources.get(SEEDS)) : List.of(1L);
        int horizon = SweepPlan.DEFAULT_HORIZON;
        if (settings.containsKey(HORIZON)) {
            String text = settings.get(HORIZON).strip();
            try {
                horizon = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                horizon = -1;
            }
            if (horizon < 2 || horizon > 1000) {
                throw new BadSweepInput(sources.get(HORIZON) + ": '" + text
                        + "' is not a whole number of training windows in [2, 1000]");
            }
        }
        return new SweepPlan(grid, seeds, horizon);
    }

    private static List<String> items(String text, String source) throws BadSweepInput {
        List<String> items = new ArrayList<>();
        for (String item : text.split(",", -1)) {
            if (item.isBlank()) {
                throw new BadSweepInput(source + ": '" + text.strip() + "' has an empty value; expected values"
                        + " separated by commas, e.g. 5,10,20");
            }
            items.add(item);
        }
        return items;
    }

    private static List<Long> seeds(String text, String source) throws BadSweepInput {
        Set<Long> seeds = new LinkedHashSet<>();
        for (String item : items(text, source)) {
            String range = item.strip();
            int dash = range.indexOf('-', 1);
            long first;
            long last;
            try {
                if (dash > 0) {
                    first = Long.parseLong(range.substring(0, dash).strip());
                    last = Long.parseLong(range.substring(dash + 1).strip());
                } else {
                    first = Long.parseLong(range);
                    last = first;
                }
            } catch (NumberFormatException e) {
                throw new BadSweepInput(source + ": '" + range + "' is not a seed (a whole number) or a range of"
                        + " seeds such as 1-5");
            }
            if (last < first || last - first >= MAX_RUNS) {
                throw new BadSweepInput(source + ": '" + range + "' is not a range FIRST-LAST with FIRST <= LAST"
                        + " and at most " + MAX_RUNS + " seeds");
            }
            for (long seed = first; seed <= last; seed++) {
                if (!seeds.add(seed)) {
                    throw new BadSweepInput(source + ": the seed " + seed + " is listed twice");
                }
            }
        }
        return new ArrayList<>(seeds);
    }

    /** Checks the sweep's size and every point's settings as the tutorial would, before any training. */
    private static void checkRuns(SweepPlan plan) throws BadSweepInput {
        long runs = plan.seeds().size();
        for (List<String> values : plan.grid().values()) {
            runs *= values.size();
            if (runs > MAX_RUNS) {
                throw new BadSweepInput("the sweep has more than " + MAX_RUNS + " runs; split it into smaller ones");
            }
        }
        List<RunSettings> points = plan.points();
        for (RunSettings point : points) {
            try {
                point.config(plan.seeds().get(0));
            } catch (IllegalArgumentException e) {
                throw new BadSweepInput(e.getMessage() + (points.size() > 1 ? " (in the grid point "
                        + describe(point) + ")" : ""));
            }
        }
    }

    /**
     * A short description of a point's settings, for messages.
     *
     * @param point the settings
     * @return for example {@code "hidden 20, lr 0.05, batch-size 20, ..."}
     */
    static String describe(RunSettings point) {
        StringBuilder text = new StringBuilder();
        for (Axis axis : Axis.values()) {
            text.append(text.length() == 0 ? "" : ", ").append(axis.key()).append(' ').append(point.get(axis));
        }
        return text.toString();
    }
}
