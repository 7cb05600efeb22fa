package io.github.lstmdynamics.ode;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Options of an initial value problem, with scipy's {@code solve_ivp} defaults.
 *
 * <p>Immutable: start from {@link #defaults()} and derive with the {@code with...} methods. Arrays
 * are copied on the way in and on the way out. Settings that need the problem (the length of a
 * per-component atol, a first step beyond the interval, {@code tEval} inside the span and sorted in
 * the direction of integration) are checked when the problem is solved.
 *
 * @param rtol             relative tolerance, finite and &ge; 0; values below 100 machine epsilon
 *                         ({@value #MIN_RTOL}) are raised to it when solving, as scipy does, and the
 *                         result says so. Default 1e-3
 * @param atol             absolute tolerance for every component, finite and &ge; 0, used when
 *                         {@code atolPerComponent} is null. Default 1e-6
 * @param atolPerComponent absolute tolerance per component (length n, finite, &ge; 0), or null
 * @param maxStep          largest step size, &gt; 0, may be +infinity (the default)
 * @param firstStep        size of the first step, finite and &gt; 0; empty (the default) lets the
 *                         solver choose it as scipy does
 * @param tEval            times at which to report the solution (finite), or null (the default) to
 *                         report every step end
 * @param denseOutput      whether the result carries the continuous solution; default false
 * @param events           event functions to locate, never null; default none
 * @param maxSteps         the run fails (status -1) when it would need more accepted steps than this,
 *                         &gt; 0; default {@value #DEFAULT_MAX_STEPS} (scipy has no limit)
 * @param stepListener     called after every accepted step, or null (the default)
 */
public record IvpOptions(double rtol, double atol, double[] atolPerComponent, double maxStep,
        OptionalDouble firstStep, double[] tEval, boolean denseOutput, List<EventSpec> events,
        long maxSteps, StepListener stepListener) {

    /** Default relative tolerance. */
    public static final double DEFAULT_RTOL = 1e-3;
    /** Default absolute tolerance. */
    public static final double DEFAULT_ATOL = 1e-6;
    /** Default bound on the number of accepted steps. */
    public static final long DEFAULT_MAX_STEPS = 10_000_000L;
    /** Smallest relative tolerance used: 100 machine epsilon, as in scipy. */
    public static final double MIN_RTOL = 100 * 0x1.0p-52;

    /**
     * Validates and copies; prefer {@link #defaults()} and the {@code with...} methods.
     *
     * @param rtol             relative tolerance, finite and &ge; 0
     * @param atol             absolute tolerance for all components, finite and &ge; 0
     * @param atolPerComponent absolute tolerance per component, or null to use {@code atol}
     * @param maxStep          largest step, &gt; 0 or +infinity
     * @param firstStep        first step size, or empty for automatic
     * @param tEval            output times, or null for every step end
     * @param denseOutput      whether to keep the continuous solution
     * @param events           events to locate, not null
     * @param maxSteps         bound on accepted steps, &gt; 0
     * @param stepListener     listener, or null
     * @throws IllegalArgumentException if a value is out of its documented range
     */
    public IvpOptions {
        requireFiniteNonNegative("rtol", rtol);
        requireFiniteNonNegative("atol", atol);
        if (atolPerComponent != null) {
            atolPerComponent = atolPerComponent.clone();
            if (atolPerComponent.length == 0) {
                throw new IllegalArgumentException(
                        "atol per component must have one entry per component; got an empty array");
            }
            for (int i = 0; i < atolPerComponent.length; i++) {
                requireFiniteNonNegative("atol[" + i + "]", atolPerComponent[i]);
            }
        }
        if (!(maxStep > 0)) {
            throw new IllegalArgumentException(
                    "maxStep must be > 0 (or +Infinity for no limit); got " + maxStep);
        }
        Objects.requireNonNull(firstStep, "firstStep must not be null; use OptionalDouble.empty()");
        if (firstStep.isPresent()) {
            double h = firstStep.getAsDouble();
            if (!(h > 0) || !Double.isFinite(h)) {
                throw new IllegalArgumentException("firstStep must be finite and > 0; got " + h);
            }
        }
        if (tEval != null) {
            tEval = tEval.clone();
            for (int i = 0; i < tEval.length; i++) {
                if (!Double.isFinite(tEval[i])) {
                    throw new IllegalArgumentException(
                            "tEval[" + i + "] must be finite; got " + tEval[i]);
                }
            }
        }
        if (events == null) {
            throw new IllegalArgumentException("events must not be null; use an empty list");
        }
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) == null) {
                throw new IllegalArgumentException("events[" + i + "] must not be null");
            }
        }
        events = List.copyOf(events);
        if (maxSteps <= 0) {
            throw new IllegalArgumentException("maxSteps must be > 0; got " + maxSteps);
        }
    }

    /**
     * scipy's defaults: rtol 1e-3, atol 1e-6, no step limit, automatic first step, every step end
     * reported, no dense output, no events, at most {@value #DEFAULT_MAX_STEPS} steps, no listener.
     *
     * @return the default options
     */
    public static IvpOptions defaults() {
        return new IvpOptions(DEFAULT_RTOL, DEFAULT_ATOL, null, Double.POSITIVE_INFINITY,
                OptionalDouble.empty(), null, false, List.of(), DEFAULT_MAX_STEPS, null);
    }

    /**
     * A copy with another relative tolerance.
     *
     * @param newRtol relative tolerance, finite and &ge; 0 (below 100 eps it is raised when solving)
     * @return the new options
     * @throws IllegalArgumentException if negative or not finite
     */
    public IvpOptions withRtol(double newRtol) {
        return new IvpOptions(newRtol, atol, atolPerComponent, maxStep, firstStep, tEval, denseOutput,
                events, maxSteps, stepListener);
    }

    /**
     * A copy with one absolute tolerance for every component (replaces a per-component one).
     *
     * @param newAtol absolute tolerance, finite and &ge; 0
     * @return the new options
     * @throws IllegalArgumentException if negative or not finite
     */
    public IvpOptions withAtol(double newAtol) {
        return new IvpOptions(rtol, newAtol, null, maxStep, firstStep, tEval, denseOutput, events,
                maxSteps, stepListener);
    }

    /**
     * A copy with an absolute tolerance per component (length must equal the system's dimension).
     *
     * @param newAtol one tolerance per component, each finite and &ge; 0 (copied)
     * @return the new options
     * @throws IllegalArgumentException if null, empty, or an entry is negative or not finite
     */
    public IvpOptions withAtol(double[] newAtol) {
        if (newAtol == null) {
            throw new IllegalArgumentException("atol array must not be null");
        }
        return new IvpOptions(rtol, atol, newAtol, maxStep, firstStep, tEval, denseOutput, events,
                maxSteps, stepListener);
    }

    /**
     * A copy with a maximum step size.
     *
     * @param newMaxStep largest step, &gt; 0 (+infinity: no limit)
     * @return the new options
     * @throws IllegalArgumentException if not &gt; 0
     */
    public IvpOptions withMaxStep(double newMaxStep) {
        return new IvpOptions(rtol, atol, atolPerComponent, newMaxStep, firstStep, tEval, denseOutput,
                events, maxSteps, stepListener);
    }

    /**
     * A copy with a given first step size instead of the automatic choice.
     *
     * @param h first step size, finite, &gt; 0 and at most |tBound - t0| (checked when solving)
     * @return the new options
     * @throws IllegalArgumentException if not finite and &gt; 0
     */
    public IvpOptions withFirstStep(double h) {
        return new IvpOptions(rtol, atol, atolPerComponent, maxStep, OptionalDouble.of(h), tEval,
                denseOutput, events, maxSteps, stepListener);
    }

    /** {@return a copy that chooses the first step automatically (the default)} */
    public IvpOptions withAutomaticFirstStep() {
        return new IvpOptions(rtol, atol, atolPerComponent, maxStep, OptionalDouble.empty(), tEval,
                denseOutput, events, maxSteps, stepListener);
    }

    /**
     * A copy that reports the solution at these times only.
     *
     * @param times output times (copied), finite, inside [t0, tBound] and strictly sorted in the
     *              direction of integration (checked when solving); null reports every step end
     * @return the new options
     * @throws IllegalArgumentException if a time is not finite
     */
    public IvpOptions withTEval(double... times) {
        return new IvpOptions(rtol, atol, atolPerComponent, maxStep, firstStep, times, denseOutput,
                events, maxSteps, stepListener);
    }

    /**
     * A copy with dense output (the result's continuous solution) on or off.
     *
     * @param on whether {@link IvpResult#sol()} is filled
     * @return the new options
     */
    public IvpOptions withDenseOutput(boolean on) {
        return new IvpOptions(rtol, atol, atolPerComponent, maxStep, firstStep, tEval, on, events,
                maxSteps, stepListener);
    }

    /**
     * A copy with these events, each with scipy's defaults (both directions, not terminal).
     *
     * @param newEvents event functions, not null
     * @return the new options
     * @throws IllegalArgumentException if an event is null
     */
    public IvpOptions withEvents(Event... newEvents) {
        EventSpec[] specs = new EventSpec[newEvents.length];
        for (int i = 0; i < newEvents.length; i++) {
            if (newEvents[i] == null) {
                throw new IllegalArgumentException("events[" + i + "] must not be null");
            }
            specs[i] = EventSpec.of(newEvents[i]);
        }
        return withEventSpecs(specs);
    }

    /**
     * A copy with these events and their settings.
     *
     * @param specs events with direction, terminal count and interior samples, not null
     * @return the new options
     * @throws IllegalArgumentException if a spec is null
     */
    public IvpOptions withEventSpecs(EventSpec... specs) {
        return new IvpOptions(rtol, atol, atolPerComponent, maxStep, firstStep, tEval, denseOutput,
                Arrays.asList(specs.clone()), maxSteps, stepListener);
    }

    /**
     * A copy with a bound on the number of accepted steps.
     *
     * @param newMaxSteps the run fails with status -1 when it would need more steps, &gt; 0
     * @return the new options
     * @throws IllegalArgumentException if not &gt; 0
     */
    public IvpOptions withMaxSteps(long newMaxSteps) {
        return new IvpOptions(rtol, atol, atolPerComponent, maxStep, firstStep, tEval, denseOutput,
                events, newMaxSteps, stepListener);
    }

    /**
     * A copy with a step listener.
     *
     * @param listener called after every accepted step; null for none
     * @return the new options
     */
    public IvpOptions withStepListener(StepListener listener) {
        return new IvpOptions(rtol, atol, atolPerComponent, maxStep, firstStep, tEval, denseOutput,
                events, maxSteps, listener);
    }

    /** {@return the per-component absolute tolerances (a copy), or null when one scalar applies to all} */
    @Override
    public double[] atolPerComponent() {
        return atolPerComponent == null ? null : atolPerComponent.clone();
    }

    /** {@return the output times (a copy), or null when every step end is reported} */
    @Override
    public double[] tEval() {
        return tEval == null ? null : tEval.clone();
    }

    /** The absolute tolerance of each of n components. */
    double[] atolFor(int n) {
        if (atolPerComponent == null) {
            double[] all = new double[n];
            Arrays.fill(all, atol);
            return all;
        }
        if (atolPerComponent.length != n) {
            throw new IllegalArgumentException("atol has length " + atolPerComponent.length
                    + " but y0 has length " + n + "; expected a scalar or one atol per component");
        }
        return atolPerComponent.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IvpOptions o
                && Double.compare(rtol, o.rtol) == 0
                && Double.compare(atol, o.atol) == 0
                && Arrays.equals(atolPerComponent, o.atolPerComponent)
                && Double.compare(maxStep, o.maxStep) == 0
                && firstStep.equals(o.firstStep)
                && Arrays.equals(tEval, o.tEval)
                && denseOutput == o.denseOutput
                && events.equals(o.events)
                && maxSteps == o.maxSteps
                && Objects.equals(stepListener, o.stepListener);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rtol, atol, Arrays.hashCode(atolPerComponent), maxStep, firstStep,
                Arrays.hashCode(tEval), denseOutput, events, maxSteps, stepListener);
    }

    @Override
    public String toString() {
        return "IvpOptions[rtol=" + rtol + ", atol="
                + (atolPerComponent == null ? Double.toString(atol) : Arrays.toString(atolPerComponent))
                + ", maxStep=" + maxStep + ", firstStep=" + firstStep
                + ", tEval=" + (tEval == null ? "null" : tEval.length + " times")
                + ", denseOutput=" + denseOutput + ", events=" + events.size()
                + ", maxSteps=" + maxSteps + ", stepListener=" + stepListener + "]";
    }

    private static void requireFiniteNonNegative(String name, double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and >= 0; got " + value);
        }
    }
}
