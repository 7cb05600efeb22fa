package io.github.lstmdynamics.sweep;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A sweep: a grid over the tutorial's settings (every {@link Axis} has one or more values), times a
 * list of seeds, and the closed-loop horizon that every run is evaluated over.
 *
 * @param grid    the values of each axis, canonical ({@link Axis#canonical}), distinct, at least one
 * @param seeds   the seeds, distinct, at least one
 * @param horizon the closed-loop horizon in training windows, at least 2
 */
public record SweepPlan(Map<Axis, List<String>> grid, List<Long> seeds, int horizon) {

    /** The default closed-loop horizon: five training windows (10 time units at the tutorial's t_end). */
    public static final int DEFAULT_HORIZON = 5;

    /**
     * Checks and copies the lists.
     *
     * @param grid    see the record's description
     * @param seeds   see the record's description
     * @param horizon see the record's description
     */
    public SweepPlan {
        EnumMap<Axis, List<String>> copy = new EnumMap<>(Axis.class);
        for (Axis axis : Axis.values()) {
            List<String> values = grid.get(axis);
            if (values == null || values.isEmpty()) {
                throw new IllegalArgumentException("--" + axis.key() + " needs at least one value");
            }
            copy.put(axis, List.copyOf(values));
        }
        grid = Collections.unmodifiableMap(copy);
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("--seeds needs at least one seed");
        }
        seeds = List.copyOf(seeds);
        if (horizon < 2 || horizon > 1000) {
            throw new IllegalArgumentException("--horizon must be a whole number of training windows in [2, 1000]; got "
                    + horizon);
        }
    }

    /**
     * The axes with more than one value: the settings this sweep compares.
     *
     * @return in {@link Axis} order
     */
    public List<Axis> sweptAxes() {
        List<Axis> swept = new ArrayList<>();
        for (Axis axis : Axis.values()) {
            if (grid.get(axis).size() > 1) {
                swept.add(axis);
            }
        }
        return swept;
    }

    /**
     * The points of the grid, the first axis varying slowest, each axis's values in the order given.
     *
     * @return one settings per point
     */
    public List<RunSettings> points() {
        List<RunSettings> points = new ArrayList<>();
        Axis[] axes = Axis.values();
        int[] position = new int[axes.length];
        while (true) {
            EnumMap<Axis, String> values = new EnumMap<>(Axis.class);
            for (int a = 0; a < axes.length; a++) {
                values.put(axes[a], grid.get(axes[a]).get(position[a]));
            }
            points.add(new RunSettings(values));
            int a = axes.length - 1;
            while (a >= 0 && ++position[a] == grid.get(axes[a]).size()) {
                position[a] = 0;
                a--;
            }
            if (a < 0) {
                return points;
            }
        }
    }

    /**
     * Every run of the sweep: each point of the grid ({@link #points()}) with each seed, seeds
     * innermost, numbered in that order.
     *
     * @return the runs
     */
    public List<RunSpec> runs() {
        List<RunSpec> runs = new ArrayList<>();
        for (RunSettings point : points()) {
            for (long seed : seeds) {
                runs.add(new RunSpec(runs.size(), point, seed, horizon));
            }
        }
        return runs;
    }
}
