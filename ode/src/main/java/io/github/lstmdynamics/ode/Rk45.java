package io.github.lstmdynamics.ode;

/**
 * Explicit Runge-Kutta method of order 5(4) (Dormand-Prince), stepped one accepted step at a time:
 * the counterpart of scipy's {@code scipy.integrate.RK45} class, taking the same steps.
 *
 * <p>Error control assumes the accuracy of the fourth-order embedded method; steps advance with the
 * fifth-order solution (local extrapolation). The error norm is the RMS norm of
 * {@code h K^T E / scale} with {@code scale = atol + max(|y|, |y_new|) rtol}; the step size control,
 * the minimum step of 10 spacings between doubles, the clip to {@code tBound} and the first-step
 * selection are scipy's. A step evaluates the system 6 times (first same as last); the constructor
 * evaluates it once, plus once more when it chooses the first step itself.
 *
 * <p>{@link #step()} allocates nothing: stages and work arrays are allocated once here. Only
 * {@code rtol}, {@code atol}, {@code maxStep}, {@code firstStep}, {@code maxSteps} and
 * {@code stepListener} of the options are used; output times, dense output and events are
 * {@link SolveIvp}'s business. Not thread-safe.
 */
public final class Rk45 {

    /** scipy's message when the step would have to be smaller than the spacing of doubles at t. */
    public static final String MESSAGE_STEP_TOO_SMALL =
            "Required step size is less than spacing between numbers.";

    private final OdeSystem system;
    private final int n;
    private final double tBound;
    private final int direction;
    private final double rtol;
    private final boolean rtolRaised;
    private final double[] atol;
    private final double maxStep;
    private final long maxSteps;
    private final StepListener listener;

    /** Stages K[0..5] and f(t + h, y_new) in K[6]; each of length n. */
    private final double[][] k;
    private final double[] stageState;
    /** A weighted sum of stages, per component. */
    private final double[] combination;
    /** Dense output coefficients of the last accepted step, row-major n x 4. */
    private final double[] q;
    private boolean coefficientsCurrent;

    private double t;
    private double tOld = Double.NaN;
    private double[] y;
    private double[] yOld;
    private double[] yNew;
    /** f(t, y), first same as last. */
    private final double[] f;
    private double hAbs;

    private SolverStatus status = SolverStatus.RUNNING;
    /** The first component whose error scale was found to be exactly zero, or -1. */
    private int zeroScale = -1;
    private String message;
    private long nfev;
    private long stepsAccepted;
    private long stepsRejected;
    private double lastErrorNorm;

    /**
     * Sets up the solver and evaluates f(t0, y0) (and, without a given first step, one probe for
     * the initial step size).
     *
     * @param system  the right-hand side, not null
     * @param t0      initial time, finite
     * @param y0      initial state, length n &ge; 1, finite (copied)
     * @param tBound  the integration stops here, finite; tBound &lt; t0 integrates backward
     * @param options tolerances and step limits, not null
     * @throws IllegalArgumentException if an argument is null, not finite, y0 is empty, atol has the
     *                                  wrong length or the first step exceeds |tBound - t0|
     */
    public Rk45(OdeSystem system, double t0, double[] y0, double tBound, IvpOptions options) {
        if (system == null) {
            throw new IllegalArgumentException("system must not be null");
        }
        if (options == null) {
            throw new IllegalArgumentException("options must not be null; use IvpOptions.defaults()");
        }
        requireFinite("t0", t0);
        requireFinite("tBound", tBound);
        if (y0 == null || y0.length == 0) {
            throw new IllegalArgumentException("y0 must have at least one component; got "
                    + (y0 == null ? "null" : "an empty array"));
        }
        for (int i = 0; i < y0.length; i++) {
            if (!Double.isFinite(y0[i])) {
                throw new IllegalArgumentException("y0[" + i + "] must be finite; got " + y0[i]);
            }
        }
        this.system = system;
        this.n = y0.length;
        this.tBound = tBound;
        this.direction = tBound >= t0 ? 1 : -1;
        this.rtolRaised = options.rtol() < IvpOptions.MIN_RTOL;
        this.rtol = rtolRaised ? IvpOptions.MIN_RTOL : options.rtol();
        this.atol = options.atolFor(n);
        this.maxStep = options.maxStep();
        this.maxSteps = options.maxSteps();
        this.listener = options.stepListener();
        double interval = Math.abs(tBound - t0);
        if (options.firstStep().isPresent() && options.firstStep().getAsDouble() > interval) {
            throw new IllegalArgumentException("firstStep " + options.firstStep().getAsDouble()
                    + " exceeds the interval length |tBound - t0| = " + interval
                    + "; expected a first step inside the interval");
        }

        this.k = new double[DormandPrince.N_STAGES_WITH_FSAL][n];
        this.stageState = new double[n];
        this.combination = new double[n];
        this.q = new double[n * DormandPrince.DENSE_ORDER];
        this.t = t0;
        this.y = y0.clone();
        this.yOld = new double[n];
        this.yNew = new double[n];
        this.f = new double[n];
        evaluate(t0, y, f);
        for (int i = 0; i < n && zeroScale < 0; i++) {
            if (atol[i] == 0 && y0[i] == 0) {
                zeroScale = i; // the first step's scale atol + |y0| rtol is zero: nothing to select it by
            }
        }
        if (zeroScale >= 0) {
            this.hAbs = 0;
        } else if (options.firstStep().isPresent()) {
            this.hAbs = options.firstStep().getAsDouble();
        } else {
            OdeSystem counted = (tt, yy, out) -> evaluate(tt, yy, out);
            this.hAbs = InitialStep.select(counted, t0, y, tBound, maxStep, f, direction, rtol, atol);
        }
    }

    /**
     * Takes one accepted step (retrying with smaller steps as often as the error control requires),
     * then calls the step listener.
     *
     * @return the status after the step: RUNNING, FINISHED when tBound was reached, FAILED when the
     *         step size fell below the minimum or {@code maxSteps} steps were already taken
     * @throws IllegalStateException if the solver is not RUNNING
     */
    public SolverStatus step() {
        if (status != SolverStatus.RUNNING) {
            throw new IllegalStateException("step() called on a solver that is " + status
                    + "; create a new solver to integrate again");
        }
        if (t == tBound) {
            // Empty interval: one step of length zero, as scipy takes.
            System.arraycopy(y, 0, yOld, 0, n);
            tOld = t;
            coefficientsCurrent = false;
            status = SolverStatus.FINISHED;
            notifyListener();
            return status;
        }
        if (stepsAccepted >= maxSteps) {
            return fail("Maximum number of steps (" + maxSteps + ") reached at t = " + t
                    + " before the end of the integration interval " + tBound + ".");
        }
        double tStart = t;
        if (zeroScale >= 0 || !advance()) {
            if (zeroScale >= 0) {
                return fail("The error scale atol + rtol * max(|y|, |y_new|) is zero for component " + zeroScale
                        + " at t = " + t + " (atol[" + zeroScale + "] = 0 and y[" + zeroScale + "] = 0), so its"
                        + " error cannot be measured; give atol[" + zeroScale + "] a value above 0.");
            }
            return fail(nonFinite() ? "The system produced non-finite values (NaN or infinity) near t = "
                    + t + "; the step size shrank below the spacing between numbers."
                    : MESSAGE_STEP_TOO_SMALL);
        }
        tOld = tStart;
        if (direction * (t - tBound) >= 0) {
            status = SolverStatus.FINISHED;
        }
        notifyListener();
        return status;
    }

    /** One accepted step of scipy's {@code _step_impl}; false if the step became too small. */
    private boolean advance() {
        double minStep = StepController.minStep(t, direction);
        double h = hAbs;
        if (h > maxStep) {
            h = maxStep;
        } else if (h < minStep) {
            h = minStep;
        }
        boolean rejected = false;
        while (true) {
            if (!(h >= minStep)) { // also catches a NaN step size
                return false;
            }
            double tNew = t + h * direction;
            if (direction * (tNew - tBound) > 0) {
                tNew = tBound;
            }
            double signedH = tNew - t;
            h = Math.abs(signedH);

            stages(signedH);
            double errorNorm = errorNorm(signedH);
            lastErrorNorm = errorNorm;
            if (zeroScale >= 0) {
                return false; // 0 / 0 for that component at any step size: no step can be accepted
            }
            if (StepController.accepts(errorNorm)) {
                h *= StepController.factorAfterAccept(errorNorm, rejected);
                accept(tNew, h);
                return true;
            }
            h *= StepController.factorAfterReject(errorNorm);
            rejected = true;
            stepsRejected++;
        }
    }

    /** Fills the stages K, yNew and K[6] = f(t + h, yNew) (scipy's {@code rk_step}). */
    private void stages(double h) {
        System.arraycopy(f, 0, k[0], 0, n);
        for (int s = 1; s < DormandPrince.N_STAGES; s++) {
            StageSums.combine(k, DormandPrince.A[s], s, n, combination);
            for (int i = 0; i < n; i++) {
                stageState[i] = y[i] + combination[i] * h;
            }
            evaluate(t + DormandPrince.C[s] * h, stageState, k[s]);
        }
        StageSums.combine(k, DormandPrince.B, DormandPrince.N_STAGES, n, combination);
        for (int i = 0; i < n; i++) {
            yNew[i] = y[i] + h * combination[i];
        }
        evaluate(t + h, yNew, k[DormandPrince.N_STAGES]);
    }

    /** RMS of {@code h K^T E / (atol + max(|y|, |yNew|) rtol)}. */
    private double errorNorm(double h) {
        StageSums.combine(k, DormandPrince.E, DormandPrince.N_STAGES_WITH_FSAL, n, combination);
        for (int i = 0; i < n; i++) {
            double scale = atol[i] + Math.max(Math.abs(y[i]), Math.abs(yNew[i])) * rtol;
            if (scale == 0 && zeroScale < 0) {
                zeroScale = i;
            }
            combination[i] = combination[i] * h / scale;
        }
        return RmsNorm.of(combination);
    }

    private void accept(double tNew, double nextHAbs) {
        double[] recycled = yOld;
        yOld = y;
        y = yNew;
        yNew = recycled;
        t = tNew;
        hAbs = nextHAbs;
        System.arraycopy(k[DormandPrince.N_STAGES], 0, f, 0, n);
        coefficientsCurrent = false;
        stepsAccepted++;
    }

    private SolverStatus fail(String why) {
        status = SolverStatus.FAILED;
        message = why;
        return status;
    }

    private boolean nonFinite() {
        if (!Double.isFinite(lastErrorNorm) || !Double.isFinite(hAbs)) {
            return true;
        }
        for (double v : f) {
            if (!Double.isFinite(v)) {
                return true;
            }
        }
        return false;
    }

    private void evaluate(double time, double[] state, double[] out) {
        nfev++;
        system.derivatives(time, state, out);
    }

    private void notifyListener() {
        if (listener != null) {
            listener.onStep(this);
        }
    }

    /** {@return the current time} */
    public double t() {
        return t;
    }

    /** {@return the time at which the last accepted step started; NaN before the first step} */
    public double tOld() {
        return tOld;
    }

    /** {@return the end of the integration interval} */
    public double tBound() {
        return tBound;
    }

    /** {@return the current state, as a new array of length n} */
    public double[] y() {
        return y.clone();
    }

    /**
     * Copies the current state into out without allocating.
     *
     * @param out length n
     * @return out
     * @throws IllegalArgumentException if out has the wrong length
     */
    public double[] y(double[] out) {
        if (out == null || out.length != n) {
            throw new IllegalArgumentException("out must have length " + n + "; got "
                    + (out == null ? "null" : Integer.toString(out.length)));
        }
        System.arraycopy(y, 0, out, 0, n);
        return out;
    }

    /** The current state without copying, for this package's drivers; must not be modified. */
    double[] yView() {
        return y;
    }

    /** {@return the number of components n} */
    public int dimension() {
        return n;
    }

    /** {@return +1 when integrating forward (tBound &ge; t0), -1 backward} */
    public int direction() {
        return direction;
    }

    /** {@return RUNNING, FINISHED or FAILED} */
    public SolverStatus status() {
        return status;
    }

    /** {@return why the solver failed, or null while it has not failed} */
    public String message() {
        return message;
    }

    /** {@return evaluations of the system so far} */
    public long nfev() {
        return nfev;
    }

    /** {@return accepted steps so far (not counting the zero-length step on an empty interval)} */
    public long stepsAccepted() {
        return stepsAccepted;
    }

    /** {@return rejected step attempts so far} */
    public long stepsRejected() {
        return stepsRejected;
    }

    /** {@return |t - tOld| of the last accepted step; NaN before the first step} */
    public double stepSize() {
        return Math.abs(t - tOld);
    }

    /** {@return the relative tolerance in use (the requested one, or 100 eps if that was smaller)} */
    public double rtol() {
        return rtol;
    }

    /** {@return whether the requested rtol was below 100 machine epsilon and was raised to it} */
    public boolean rtolRaised() {
        return rtolRaised;
    }

    /**
     * The interpolant over the last accepted step (a new, independent object).
     *
     * @return the last step's dense output
     * @throws IllegalStateException before the first step or after a failed step
     */
    public StepInterpolant denseOutput() {
        requireInterpolant();
        ensureCoefficients();
        return new StepInterpolant(tOld, t, yOld.clone(), q.clone());
    }

    /** Evaluates the last step's interpolant at time into out without allocating. */
    void interpolate(double time, double[] out) {
        requireInterpolant();
        ensureCoefficients();
        StepInterpolant.evaluate(tOld, t, yOld, q, time, out);
    }

    private void requireInterpolant() {
        if (Double.isNaN(tOld)) {
            throw new IllegalStateException("dense output is available after a successful step");
        }
        if (status == SolverStatus.FAILED) {
            throw new IllegalStateException("no dense output after a failed step: " + message);
        }
    }

    private void ensureCoefficients() {
        if (!coefficientsCurrent) {
            if (t == tOld) {
                java.util.Arrays.fill(q, 0);
            } else {
                StepInterpolant.coefficients(k, q);
            }
            coefficientsCurrent = true;
        }
    }

    private static void requireFinite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite; got " + value);
        }
    }
}
