package io.github.lstmdynamics.sweep;

import io.github.lstmdynamics.examples.LrSchedule;
import io.github.lstmdynamics.examples.OptimizerChoice;
import io.github.lstmdynamics.examples.TutorialConfig;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The settings of one point of a sweep's grid: a canonical value for every {@link Axis}.
 *
 * @param values one canonical value per axis ({@link Axis#canonical})
 */
public record RunSettings(Map<Axis, String> values) implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * Checks that every axis has a value and copies the map.
     *
     * @param values one canonical value per axis
     */
    public RunSettings {
        EnumMap<Axis, String> copy = new EnumMap<>(Axis.class);
        copy.putAll(values);
        for (Axis axis : Axis.values()) {
            if (copy.get(axis) == null) {
                throw new IllegalArgumentException("no value for " + axis.key());
            }
        }
        values = Collections.unmodifiableMap(copy);
    }

    /**
     * The value of a setting.
     *
     * @param axis the setting
     * @return its canonical text
     */
    public String get(Axis axis) {
        return values.get(axis);
    }

    /**
     * The values in {@link Axis} order, comma-separated: the identity of a point of the grid.
     *
     * @return for example {@code "20,0.05,20,2000,0.1,2.0,0.1,sgd,none"}
     */
    public String key() {
        StringBuilder key = new StringBuilder();
        for (Axis axis : Axis.values()) {
            key.append(key.length() == 0 ? "" : ",").append(values.get(axis));
        }
        return key.toString();
    }

    /**
     * The value of an integer setting.
     *
     * @param axis an axis of kind {@link Axis.Kind#INTEGER}
     * @return its value
     */
    public int intValue(Axis axis) {
        return Integer.parseInt(values.get(axis));
    }

    /**
     * The value of a number setting.
     *
     * @param axis an axis of kind {@link Axis.Kind#NUMBER}
     * @return its value
     */
    public double doubleValue(Axis axis) {
        return Double.parseDouble(values.get(axis));
    }

    /**
     * The tutorial's settings for these values and a seed; this is where each axis reaches the
     * tutorial.
     *
     * @param seed the seed of the data and the initial weights
     * @return the configuration (its output directory is unused by the sweep)
     * @throws IllegalArgumentException naming the option, the value and what is expected, as the
     *                                  tutorial checks them
     */
    public TutorialConfig config(long seed) {
        return new TutorialConfig(intValue(Axis.BATCHES), intValue(Axis.BATCH_SIZE), intValue(Axis.HIDDEN),
                doubleValue(Axis.LR), doubleValue(Axis.MU), doubleValue(Axis.T_END), doubleValue(Axis.DT), seed,
                Path.of("unused"), OptimizerChoice.parse(get(Axis.OPTIMIZER)), new LrSchedule(get(Axis.LR_SCHEDULE)),
                0);
    }
}
