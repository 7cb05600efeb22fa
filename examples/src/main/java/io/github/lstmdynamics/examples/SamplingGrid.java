package io.github.lstmdynamics.examples;

/**
 * Equally spaced sample times {@code t_i = i * (tEnd / intervals)}, {@code i = 0..intervals}, from 0
 * to {@code tEnd} inclusive, as numpy's {@code linspace(0, tEnd, intervals + 1)} computes them (the last
 * one is exactly {@code tEnd}).
 *
 * @param tEnd      the last sample time, finite and positive
 * @param intervals the number of intervals between samples, at least 1
 */
public record SamplingGrid(double tEnd, int intervals) {

    /**
     * Checks the arguments.
     *
     * @param tEnd      the last sample time, finite and positive
     * @param intervals the number of intervals between samples, at least 1
     */
    public SamplingGrid {
        if (!(Double.isFinite(tEnd) && tEnd > 0)) {
            throw new IllegalArgumentException("tEnd must be finite and positive; got " + tEnd);
        }
        if (intervals < 1) {
            throw new IllegalArgumentException("intervals must be at least 1; got " + intervals);
        }
    }

    /**
     * The grid from 0 to {@code tEnd} with spacing {@code dt}.
     *
     * @param tEnd the last sample time, finite and positive
     * @param dt   the spacing, finite and positive
     * @return the grid of {@code tEnd / dt + 1} samples
     * @throws IllegalArgumentException unless tEnd is a whole multiple of dt (to 1e-9 relative)
     */
    public static SamplingGrid of(double tEnd, double dt) {
        if (!(Double.isFinite(dt) && dt > 0)) {
            throw new IllegalArgumentException("dt must be finite and positive; got " + dt);
        }
        double ratio = tEnd / dt;
        long intervals = Math.round(ratio);
        if (intervals < 1 || Math.abs(ratio - intervals) > 1e-9 * ratio) {
            throw new IllegalArgumentException("t-end (" + tEnd + ") must be a whole multiple of dt ("
                    + dt + ")");
        }
        if (intervals > 1_000_000) {
            throw new IllegalArgumentException("t-end / dt must be at most 1000000; got " + intervals);
        }
        return new SamplingGrid(tEnd, (int) intervals);
    }

    /**
     * The number of samples.
     *
     * @return {@code intervals + 1}
     */
    public int samples() {
        return intervals + 1;
    }

    /**
     * The spacing between samples.
     *
     * @return {@code tEnd / intervals}
     */
    public double dt() {
        return tEnd / intervals;
    }

    /**
     * The sample times.
     *
     * @return a new array of length {@link #samples()}
     */
    public double[] times() {
        double[] times = new double[samples()];
        double step = dt();
        for (int i = 0; i < intervals; i++) {
            times[i] = i * step;
        }
        times[intervals] = tEnd;
        return times;
    }
}
