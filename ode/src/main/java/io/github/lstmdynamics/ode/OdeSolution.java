package io.github.lstmdynamics.ode;

import java.util.Arrays;

/**
 * The continuous solution y(t) of a whole run: the steps' interpolants joined end to end, as
 * scipy's {@code OdeSolution}.
 *
 * <p>A time on a boundary between two steps is evaluated by the step that ends there (the segment
 * with the lower index). Times outside [{@link #tMin()}, {@link #tMax()}] are evaluated by the first or
 * last step's polynomial, which is not accurate there. Immutable.
 */
public final class OdeSolution {

    private final double[] ts;
    private final StepInterpolant[] interpolants;
    private final boolean ascending;

    /**
     * @param ts           step boundaries, strictly monotonic (or two equal values for an empty
     *                     interval), length interpolants.length + 1; taken over
     * @param interpolants one per step
     */
    OdeSolution(double[] ts, StepInterpolant[] interpolants) {
        this.ts = ts;
        this.interpolants = interpolants;
        this.ascending = ts[ts.length - 1] >= ts[0];
    }

    /**
     * Evaluates the solution.
     *
     * @param t the time, normally inside [{@link #tMin()}, {@link #tMax()}]
     * @return y(t), a new array of length n
     */
    public double[] at(double t) {
        return segmentAt(t).at(t);
    }

    /**
     * Writes y(t) into out without allocating.
     *
     * @param t   the time
     * @param out length n
     * @throws IllegalArgumentException if out has the wrong length
     */
    public void at(double t, double[] out) {
        segmentAt(t).at(t, out);
    }

    /** {@return the smallest time covered} */
    public double tMin() {
        return ascending ? ts[0] : ts[ts.length - 1];
    }

    /** {@return the largest time covered} */
    public double tMax() {
        return ascending ? ts[ts.length - 1] : ts[0];
    }

    /** {@return the number of steps (interpolants)} */
    public int segmentCount() {
        return interpolants.length;
    }

    /**
     * One step's interpolant.
     *
     * @param i step index in [0, {@link #segmentCount()}), in the order the steps were taken
     * @return the interpolant of step i
     */
    public StepInterpolant segment(int i) {
        return interpolants[i];
    }

    /** {@return the step boundaries t_0, ..., t_m in the order of integration (a copy)} */
    public double[] breakpoints() {
        return ts.clone();
    }

    private StepInterpolant segmentAt(double t) {
        int segments = interpolants.length;
        int index;
        if (ascending) {
            // number of boundaries strictly below t: a boundary value goes to the step ending there
            index = firstIndexAscending(t) - 1;
        } else {
            // same rule on the reversed (ascending) boundaries, counting those <= t
            int countAtMost = ts.length - firstIndexDescending(t);
            index = countAtMost - 1;
        }
        index = Math.min(Math.max(index, 0), segments - 1);
        return interpolants[ascending ? index : segments - 1 - index];
    }

    /** In ascending ts: the first index with ts[i] >= t. */
    private int firstIndexAscending(double t) {
        int lo = 0;
        int hi = ts.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ts[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** In descending ts: the first index with ts[i] <= t. */
    private int firstIndexDescending(double t) {
        int lo = 0;
        int hi = ts.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ts[mid] > t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    @Override
    public String toString() {
        return "OdeSolution[" + interpolants.length + " steps over " + Arrays.toString(
                new double[] {ts[0], ts[ts.length - 1]}) + "]";
    }
}
