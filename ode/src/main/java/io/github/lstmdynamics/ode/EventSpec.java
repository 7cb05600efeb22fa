package io.github.lstmdynamics.ode;

import java.util.Objects;

/**
 * An {@link Event} with the settings of scipy's event attributes, plus interior sampling.
 *
 * <p>At the end of every step the solver compares the sign of g at the step's two ends (scipy's
 * rule: a rise is {@code g_old <= 0 <= g_new}, a fall {@code g_old >= 0 >= g_new}) and locates each
 * crossing on the step's interpolant with Brent's method to about 4 machine epsilon. With
 * {@code interiorSamples = k > 0}, g is also evaluated on the interpolant at k equally spaced interior
 * points, so up to k + 1 crossings per step are found (scipy checks only the step ends, so two
 * crossings within one step cancel and are missed). Sampling costs no evaluations of the system.
 *
 * @param event           the event function, not null
 * @param direction       +1: only rising crossings (negative to positive); -1: only falling ones;
 *                        0: both
 * @param terminalAfter   0: the event never stops the run; N &gt; 0: the run ends with status 1 at the
 *                        N-th occurrence (scipy's {@code terminal=True} is 1)
 * @param interiorSamples number of interior points per step at which g is sampled, 0 to
 *                        {@value #MAX_INTERIOR_SAMPLES}; 0 is scipy's behaviour
 */
public record EventSpec(Event event, int direction, int terminalAfter, int interiorSamples) {

    /** Upper bound on {@link #interiorSamples()}. */
    public static final int MAX_INTERIOR_SAMPLES = 1000;

    /**
     * Validates the settings.
     *
     * @param event           the event function, not null
     * @param direction       -1, 0 or +1
     * @param terminalAfter   0 or a positive number of occurrences
     * @param interiorSamples 0 to {@value #MAX_INTERIOR_SAMPLES}
     * @throws IllegalArgumentException if event is null, direction is not -1, 0 or +1, terminalAfter
     *                                  is negative, or interiorSamples is outside 0..1000
     */
    public EventSpec {
        if (event == null) {
            throw new IllegalArgumentException("event must not be null");
        }
        if (direction < -1 || direction > 1) {
            throw new IllegalArgumentException(
                    "event direction must be -1, 0 or +1; got " + direction);
        }
        if (terminalAfter < 0) {
            throw new IllegalArgumentException("event terminalAfter must be 0 (not terminal) or a "
                    + "positive number of occurrences; got " + terminalAfter);
        }
        if (interiorSamples < 0 || interiorSamples > MAX_INTERIOR_SAMPLES) {
            throw new IllegalArgumentException("event interiorSamples must be between 0 and "
                    + MAX_INTERIOR_SAMPLES + "; got " + interiorSamples);
        }
    }

    /**
     * The scipy defaults for an event: both directions, not terminal, no interior samples.
     *
     * @param event the event function, not null
     * @return the spec
     * @throws IllegalArgumentException if event is null
     */
    public static EventSpec of(Event event) {
        return new EventSpec(event, 0, 0, 0);
    }

    /**
     * A copy with another direction.
     *
     * @param newDirection +1 rising crossings only, -1 falling only, 0 both
     * @return the new spec
     * @throws IllegalArgumentException if not -1, 0 or +1
     */
    public EventSpec withDirection(int newDirection) {
        return new EventSpec(event, newDirection, terminalAfter, interiorSamples);
    }

    /**
     * A copy that ends the run at the given occurrence.
     *
     * @param occurrences the run ends at this occurrence; 0 = never
     * @return the new spec
     * @throws IllegalArgumentException if occurrences is negative
     */
    public EventSpec withTerminalAfter(int occurrences) {
        return new EventSpec(event, direction, occurrences, interiorSamples);
    }

    /**
     * A copy that samples g at k equally spaced interior points per step.
     *
     * @param k number of interior samples, 0 (scipy's behaviour) to {@value #MAX_INTERIOR_SAMPLES}
     * @return the new spec
     * @throws IllegalArgumentException if k is outside 0..{@value #MAX_INTERIOR_SAMPLES}
     */
    public EventSpec withInteriorSamples(int k) {
        return new EventSpec(event, direction, terminalAfter, k);
    }

    /** {@return whether this event can end the run} */
    public boolean isTerminal() {
        return terminalAfter > 0;
    }

    @Override
    public String toString() {
        return "EventSpec[direction=" + direction + ", terminalAfter=" + terminalAfter
                + ", interiorSamples=" + interiorSamples + ", event=" + Objects.toString(event) + "]";
    }
}
