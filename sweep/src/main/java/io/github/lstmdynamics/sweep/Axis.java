package io.github.lstmdynamics.sweep;

import io.github.lstmdynamics.examples.LrSchedule;
import io.github.lstmdynamics.examples.OptimizerChoice;
import io.github.lstmdynamics.examples.TutorialConfig;
import java.util.List;
import java.util.Locale;

/**
 * A setting of the tutorial that a sweep can vary, with its name (the command-line option without the
 * dashes, the sweep file's key and the CSV column), the kind of its values and the tutorial's default.
 *
 * <p>This enum is the one place that lists the sweepable settings: the command line, the sweep file,
 * the CSV columns, the summary and the chart all follow it, and {@link RunSettings#config} hands the
 * values to the tutorial. A new setting is a new constant here and its place in
 * {@link RunSettings#config}.
 */
public enum Axis {
    /** LSTM hidden units. */
    HIDDEN("hidden", Kind.INTEGER, Integer.toString(TutorialConfig.defaults().hidden())),
    /**
     * The optimizer's learning rate. A sweep that does not list it takes the default of its optimizers
     * (0.05 for SGD, 0.01 for Adam and AdamW, as the tutorial does).
     */
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
    DT("dt", Kind.NUMBER, Double.toString(TutorialConfig.defaults().dt())),
    /** The optimizer: sgd (the tutorial's), adam or adamw, with PyTorch's defaults apart from the learning rate. */
    OPTIMIZER("optimizer", Kind.WORD, TutorialConfig.defaults().optimizer().optionName()),
    /** The learning-rate schedule, stepped once per batch, as the tutorial's {@code --lr-schedule}. */
    LR_SCHEDULE("lr-schedule", Kind.TEXT, LrSchedule.NONE.spec());

    /** The kind of an axis's values, which decides how a value is read and written. */
    public enum Kind {
        /** A whole number, written in decimal. */
        INTEGER,
        /** A finite double, written as {@link Double#toString(double)} writes it (exact round trip). */
        NUMBER,
        /** A name: letters, digits, '-' and '_', written in lower case. */
        WORD,
        /**
         * A name with parameters, such as {@code cosine:2000}: letters, digits and {@code _ - + . :},
         * kept as written (the setting's own check says which are valid).
         */
        TEXT;

        /** What a value of this kind is, for messages: "a whole number", "a finite number", ... */
        String expected() {
            switch (this) {
                case INTEGER:
                    return "a whole number";
                case NUMBER:
                    return "a finite number";
                case WORD:
                    return "a name";
                default:
                    return "a name with parameters, such as cosine:2000";
            }
        }
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
     * Whether the values are numbers (an integer or number axis), which a chart can place on a scale.
     *
     * @return false for names
     */
    public boolean numeric() {
        return kind == Kind.INTEGER || kind == Kind.NUMBER;
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
                case WORD:
                    if (!value.matches("[A-Za-z0-9_-]+")) {
                        throw new NumberFormatException();
                    }
                    return value.toLowerCase(Locale.ROOT);
                default:
                    if (!value.matches("[A-Za-z0-9_+.:-]+")) {
                        throw new NumberFormatException();
                    }
                    return value;
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + ": '" + text + "' is not " + kind.expected());
        }
    }

    /**
     * The default learning rate of a list of optimizers, as the tutorial chooses it when {@code --lr}
     * is not given.
     *
     * @param optimizers canonical values of {@link #OPTIMIZER}
     * @return the canonical learning rate they share, or null if it differs between them (or a name is
     *         not an optimizer)
     */
    static String defaultLr(List<String> optimizers) {
        String lr = null;
        for (String name : optimizers) {
            String own;
            try {
                own = Double.toString(OptimizerChoice.parse(name).defaultLr());
            } catch (IllegalArgumentException notAnOptimizer) {
                return null;
            }
            if (lr != null && !lr.equals(own)) {
                return null;
            }
            lr = own;
        }
        return lr;
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
