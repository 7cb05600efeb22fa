package io.github.lstmdynamics.sweep;

import io.github.lstmdynamics.examples.TutorialConfig;
import java.util.Locale;

/**
 * A setting of the tutorial that a sweep can vary, with its name (the command-line option without the
 * dashes, the sweep file's key and the CSV column), the kind of its values and the tutorial's default.
 *
 * <p>This enum is the one place that lists the sweepable settings: the command line, the sweep file,
 * the CSV columns, the summary and the chart all follow it, and {@link RunSettings#config} hands the
 * values to the tutorial. A new setting (for example the optimizer: sgd, adam, adamw) is a new constant
 * here (a {@link Kind#WORD} for names) and its place in {@link RunSettings#config}.
 */
public enum Axis {
    /** LSTM hidden units. */
    HIDDEN("hidden", Kind.INTEGER, Integer.toString(TutorialConfig.defaults().hidden())),
    /** SGD learning rate. */
    LR("lr", Kind.NUMBER, Double.toString(TutorialConfig.defaults().lr())),
    /** Trajectories per batch. */
    BATCH_SIZE("batch-size", Kind.INTEGER, Integer.toString(TutorialConfig.defaults().batchSize())),
    /** Training batches. */
    BATCHES("batches", Kind.INTEGER, Integer.toString(TutorialConfig.defaults().batches())),
    /** Van der Pol damping. */
    MU("mu", Kind.NUMBER, Double.toString(TutorialConfig.defaults().mu())),
    /** Length of each training trajectory (time units). */
    T_END("t-end", Kind.NUMBER, Double.toString(TutorialConfig.defaults().tEnd())),
    /** Spacing of the samples (time units). */
    DT("dt", Kind.NUMBER, Double.toString(TutorialConfig.defaults().dt()));

    /** The kind of an axis's values, which decides how a value is read and written. */
    public enum Kind {
        /** A whole number, written in decimal. */
        INTEGER,
        /** A finite double, written as {@link Double#toString(double)} writes it (exact round trip). */
        NUMBER,
        /** A name: letters, digits, '-' and '_', written in lower case. */
        WORD
    }

    private final String key;
    private final Kind kind;
    private final String defaultValue;

    Axis(String key, Kind kind, String defaultValue) {
        this.key = key;
        this.kind = kind;
        this.defaultValue = defaultValue;
    }

    /**
     * The setting's name: the option is {@code --key}, the sweep file's line {@code key = ...}, the CSV
     * column {@code key}.
     *
     * @return for example {@code "batch-size"}
     */
    public String key() {
        return key;
    }

    /**
     * The setting's column in the CSV files: the key with '_' for '-'.
     *
     * @return for example {@code "batch_size"}
     */
    public String column() {
        return key.replace('-', '_');
    }

    /**
     * The kind of the values.
     *
     * @return integer, number or word
     */
    public Kind kind() {
        return kind;
    }

    /**
     * The tutorial's value, used when a sweep does not list this setting.
     *
     * @return the canonical text of the default
     */
    public String defaultValue() {
        return defaultValue;
    }

    /**
     * Reads one value and returns its canonical text (so that {@code 0.050}, {@code 5e-2} and
     * {@code 0.05} are the same setting).
     *
     * @param text the value as written
     * @return the canonical text
     * @throws IllegalArgumentException naming the setting, the value and what is expected
     */
    public String canonical(String text) {
        String value = text.strip();
        try {
            switch (kind) {
                case INTEGER:
                    return Integer.toString(Integer.parseInt(value));
                case NUMBER:
                    double number = Double.parseDouble(value);
                    if (!Double.isFinite(number) || value.endsWith("d") || value.endsWith("D")
                            || value.endsWith("f") || value.endsWith("F")) {
                        throw new NumberFormatException();
                    }
                    return Double.toString(number);
                default:
                    if (!value.matches("[A-Za-z0-9_-]+")) {
                        throw new NumberFormatException();
                    }
                    return value.toLowerCase(Locale.ROOT);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + ": '" + text + "' is not "
                    + (kind == Kind.INTEGER ? "a whole number" : kind == Kind.NUMBER ? "a finite number" : "a name"));
        }
    }

    /**
     * The axis of a name.
     *
     * @param key a name as {@link #key()} gives it
     * @return the axis, or null if there is none of that name
     */
    public static Axis byKey(String key) {
        for (Axis axis : values()) {
            if (axis.key.equals(key)) {
                return axis;
            }
        }
        return null;
    }
}
