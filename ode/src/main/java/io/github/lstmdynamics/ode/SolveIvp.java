package io.github.lstmdynamics.ode;

import java.util.ArrayList;
import java.util.List;

/**
 * Solves an initial value problem in one call, as scipy's {@code solve_ivp(method='RK45')}: the same
 * steps, evaluations, output times, events, statuses and messages.
 *
 * <pre>{@code
 * IvpResult r = SolveIvp.solve((t, y, dydt) -> { dydt[0] = y[1]; dydt[1] = -y[0]; },
 *         0, 10, new double[] {1, 0}, IvpOptions.defaults().withRtol(1e-8));
 * }</pre>
 */
public final class SolveIvp {

    /** scipy's message for status 0. */
    public static final String MESSAGE_SUCCESS =
            "The solver successfully reached the end of the integration interval.";
    /** scipy's message for status 1. */
    public static final String MESSAGE_TERMINATED = "A termination event occurred.";

    private SolveIvp() {
    }

    /**
     * Solves with scipy's default options (rtol 1e-3, atol 1e-6).
     *
     * @param system the right-hand side, not null
     * @param t0     initial time, finite
     * @param tBound final time, finite
     * @param y0     initial state, length n &ge; 1, finite
     * @return the trajectory, counts, status and message
     * @throws IllegalArgumentException for invalid input
     * @see #solve(OdeSystem, double, double, double[], IvpOptions)
     */
    public static IvpResult solve(OdeSystem system, double t0, double tBound, double[] y0) {
        return solve(system, t0, tBound, y0, IvpOptions.defaults());
    }

    /**
     * Integrates dy/dt = system(t, y) from (t0, y0) to tBound (forward or backward).
     *
     * <p>Failures of the integration (step size too small, non-finite derivatives, more than
     * {@code maxSteps} steps) do not throw: they end the run with status -1 and a message, and the
     * result holds the steps up to that point.
     *
     * @param system  the right-hand side, not null
     * @param t0      initial time, finite
     * @param tBound  final time, finite; smaller than t0 integrates backward; equal to t0 returns
     *                [t0, t0]
     * @param y0      initial state, length n &ge; 1, finite (copied)
     * @param options tolerances, step limits, output times, dense output, events, listener
     * @return the trajectory, counts, status and message
     * @throws IllegalArgumentException for invalid input: null system or options, non-finite t0,
     *                                  tBound or y0, empty y0, atol of the wrong length, a first step
     *                                  beyond the interval, tEval outside [t0, tBound] or not strictly
     *                                  sorted in the direction of integration
     */
    public static IvpResult solve(OdeSystem system, double t0, double tBound, double[] y0,
            IvpOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("options must not be null; use IvpOptions.defaults()");
        }
        double[] tEval = options.tEval();
        if (tEval != null) {
            requireValidTEval(tEval, t0, tBound);
        }
        Rk45 solver = new Rk45(system, t0, y0, tBound, options);
        return new Run(solver, t0, y0, tEval, options).integrate();
    }

    private static void requireValidTEval(double[] tEval, double t0, double tBound) {
        if (!Double.isFinite(t0) || !Double.isFinite(tBound)) {
            throw new IllegalArgumentException("t0 and tBound must be finite; got t0 = " + t0
                    + ", tBound = " + tBound);
        }
        double lo = Math.min(t0, tBound);
        double hi = Math.max(t0, tBound);
        for (int i = 0; i < tEval.length; i++) {
            if (tEval[i] < lo || tEval[i] > hi) {
                throw new IllegalArgumentException("tEval[" + i + "] = " + tEval[i]
                        + " is outside the span [" + lo + ", " + hi + "]; expected times between t0 and"
                        + " tBound");
            }
        }
        for (int i = 1; i < tEval.length; i++) {
            if (tBound > t0 && !(tEval[i] > tEval[i - 1])) {
                throw new IllegalArgumentException("tEval must be strictly increasing when tBound > t0;"
                        + " got tEval[" + i + "] = " + tEval[i] + " after tEval[" + (i - 1) + "] = "
                        + tEval[i - 1]);
            }
            if (tBound < t0 && !(tEval[i] < tEval[i - 1])) {
                throw new IllegalArgumentException("tEval must be strictly decreasing when tBound < t0;"
                        + " got tEval[" + i + "] = " + tEval[i] + " after tEval[" + (i - 1) + "] = "
                        + tEval[i - 1]);
            }
        }
    }

    /** The state of one call: the driver loop of scipy's solve_ivp. */
    private static final class Run {
        private final Rk45 solver;
        private final int n;
        private final double[] tEval;
        private final boolean dense;
        private final EventLocator events;
        private final GrowableDoubleArray ts;
        private final GrowableDoubleArray ys;
        /** Segment ends of the dense output; null without dense output (nothing to keep per step). */
        private final GrowableDoubleArray breakpoints;
        private final List<StepInterpolant> interpolants = new ArrayList<>();
        private final double[] row;
        private int tEvalIndex;

        Run(Rk45 solver, double t0, double[] y0, double[] tEval, IvpOptions options) {
            this.solver = solver;
            this.n = y0.length;
            this.tEval = tEval;
            this.dense = options.denseOutput();
            this.events = options.events().isEmpty() ? null : new EventLocator(options.events(), t0, y0);
            this.row = new double[n];
            // with t_eval the output size is known: the arrays are the result's size from the start
            this.ts = tEval == null ? new GrowableDoubleArray() : new GrowableDoubleArray(tEval.length);
            this.ys = tEval == null ? new GrowableDoubleArray() : new GrowableDoubleArray(tEval.length * n);
            this.breakpoints = dense ? new GrowableDoubleArray() : null;
            if (tEval == null) {
                ts.add(t0);
                ys.addAll(y0);
            }
            if (dense) {
                breakpoints.add(t0);
            }
        }

        IvpResult integrate() {
            int status;
            while (true) {
                SolverStatus stepStatus = solver.step();
                if (stepStatus == SolverStatus.FAILED) {
                    status = IvpResult.STATUS_FAILED;
                    break;
                }
                double t = solver.t();
                double[] y = solver.yView();
                if (dense) {
                    interpolants.add(solver.denseOutput());
                }
                boolean terminated = false;
                if (events != null) {
                    double terminalTime = events.afterStep(solver);
                    if (!Double.isNaN(terminalTime)) {
                        terminated = true;
                        t = terminalTime;
                        solver.interpolate(t, row);
                        y = row;
                    }
                }
                record(t, y);
                if (terminated) {
                    status = IvpResult.STATUS_TERMINATED;
                    break;
                }
                if (stepStatus == SolverStatus.FINISHED) {
                    status = IvpResult.STATUS_SUCCESS;
                    break;
                }
            }
            String message = switch (status) {
                case IvpResult.STATUS_SUCCESS -> MESSAGE_SUCCESS;
                case IvpResult.STATUS_TERMINATED -> MESSAGE_TERMINATED;
                default -> solver.message();
            };
            OdeSolution sol = dense ? new OdeSolution(breakpoints.toArray(),
                    interpolants.toArray(new StepInterpolant[0])) : null;
            double[][] tEvents = events == null ? new double[0][] : events.eventTimes();
            double[][][] yEvents = events == null ? new double[0][][] : events.eventStates();
            return new IvpResult(ts.toArray(), ys.toRows(n), solver.nfev(), solver.stepsAccepted(),
                    solver.stepsRejected(), status, message, tEvents, yEvents, sol,
                    solver.rtolRaised());
        }

        /** Output of one step ending at t (the step end, or the terminal event time). */
        private void record(double t, double[] y) {
            if (tEval == null) {
                boolean repeated = dense && ts.size() > 1 && ts.last() == t;
                if (repeated) {
                    interpolants.remove(interpolants.size() - 1); // scipy drops a zero-length segment
                } else {
                    ts.add(t);
                    ys.addAll(y);
                    if (dense) {
                        breakpoints.add(t);
                    }
                }
                return;
            }
            boolean forward = solver.direction() > 0;
            while (tEvalIndex < tEval.length
                    && (forward ? tEval[tEvalIndex] <= t : tEval[tEvalIndex] >= t)) {
                double time = tEval[tEvalIndex++];
                solver.interpolate(time, row);
                ts.add(time);
                ys.addAll(row);
            }
            if (dense) {
                breakpoints.add(t);
            }
        }
    }
}
