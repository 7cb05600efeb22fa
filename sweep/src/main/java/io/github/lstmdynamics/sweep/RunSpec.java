package io.github.lstmdynamics.sweep;

import java.io.Serializable;

/**
 * One run of a sweep: a point of the grid and a seed. This is what one Spark task trains.
 *
 * @param index    the run's place in the sweep's order (grid order, seeds innermost), from 0
 * @param settings the settings
 * @param seed     the seed of the data and of the initial weights
 * @param horizon  the closed-loop horizon in training windows (see {@link ClosedLoop}), at least 2
 */
public record RunSpec(int index, RunSettings settings, long seed, int horizon) implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * The identity of the run in {@code runs.csv}: its settings, seed and horizon, the values of the
     * columns that come before the results.
     *
     * @return the setting values in {@link Axis} order, the seed and the horizon, comma-separated
     */
    public String key() {
        return settings.key() + "," + seed + "," + horizon;
    }
}
