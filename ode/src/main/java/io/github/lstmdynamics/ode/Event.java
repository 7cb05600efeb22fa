package io.github.lstmdynamics.ode;

/**
 * An event function: the solver reports the times where {@code g(t, y(t))} crosses zero.
 *
 * <p>A plain {@code Event} (given to {@link IvpOptions#withEvents(Event...)}) is located in either
 * direction and never stops the run. To choose the direction, stop after some occurrences, or look
 * for several crossings inside one step, wrap it in an {@link EventSpec}.
 */
@FunctionalInterface
public interface Event {

    /**
     * Evaluates the event function.
     *
     * @param t the time
     * @param y the state at t, length n; read only and valid only during the call
     * @return a value whose sign changes where the event occurs
     */
    double g(double t, double[] y);
}
