package io.github.lstmdynamics.ode;

/**
 * The outcome of {@link SolveIvp#solve}: scipy's {@code OdeResult}, with the states stored
 * time-major.
 *
 * <p>The arrays belong to the caller (the solver keeps no reference) and are returned without
 * copying.
 *
 * @param t             output times, in the order of integration: every step end (starting with t0)
 *                      or the requested {@code tEval} times that were reached; on a terminal event
 *                      the last step end is replaced by the event time
 * @param y             states, time-major: {@code y[i]} (length n) is the state at {@code t[i]}
 *                      (scipy's {@code y} is the transpose)
 * @param nfev          evaluations of the system
 * @param stepsAccepted accepted steps
 * @param stepsRejected rejected step attempts
 * @param status        {@link #STATUS_FAILED}, {@link #STATUS_SUCCESS} or {@link #STATUS_TERMINATED}
 * @param message       scipy's message for status 0 and 1; the reason of the failure for -1
 * @param tEvents       per event (in the order given), the times it occurred; empty without events
 * @param yEvents       per event and occurrence, the state (length n) at that time
 * @param sol           the continuous solution over the steps taken, or null unless dense output was
 *                      requested
 * @param rtolRaised    whether the requested rtol was below 100 eps and was raised to it (scipy
 *                      warns)
 */
public record IvpResult(double[] t, double[][] y, long nfev, long stepsAccepted, long stepsRejected,
        int status, String message, double[][] tEvents, double[][][] yEvents, OdeSolution sol,
        boolean rtolRaised) {

    /** The step size became too small, a non-finite value appeared, or too many steps were needed. */
    public static final int STATUS_FAILED = -1;
    /** The end of the interval was reached. */
    public static final int STATUS_SUCCESS = 0;
    /** A terminal event ended the run. */
    public static final int STATUS_TERMINATED = 1;

    /** {@return whether the run ended normally (status 0 or 1)} */
    public boolean success() {
        return status >= 0;
    }

    /**
     * The trajectory of one component: {@code y[i][component]} for every output time (scipy's
     * {@code y[component]}), as a new array.
     *
     * @param component index in [0, n)
     * @return the values of that component at the output times
     * @throws IllegalArgumentException if component is not in [0, n)
     */
    public double[] component(int component) {
        double[] values = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            if (component < 0 || component >= y[i].length) {
                throw new IllegalArgumentException("component must be in [0, " + y[i].length
                        + "); got " + component);
            }
            values[i] = y[i][component];
        }
        return values;
    }
}
