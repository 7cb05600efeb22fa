package io.github.lstmdynamics.ode;

/**
 * The right-hand side of a system of ordinary differential equations {@code dy/dt = f(t, y)}.
 *
 * <p>The solver calls {@link #derivatives} many times per step; an implementation should write into
 * {@code dydt} and allocate nothing.
 */
@FunctionalInterface
public interface OdeSystem {

    /**
     * Evaluates the derivatives at one point.
     *
     * @param t    the time (independent variable)
     * @param y    the state, length n; read only: the array belongs to the solver and must not be
     *             modified or kept after the call returns
     * @param dydt output, length n: the implementation must write every component of dy/dt into it
     *             (its previous contents are unspecified)
     */
    void derivatives(double t, double[] y, double[] dydt);
}
