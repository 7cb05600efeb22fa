package io.github.lstmdynamics.examples;

import io.github.lstmdynamics.ode.OdeSystem;

/**
 * The van der Pol oscillator written as a first-order system:
 * {@code x1' = x2}, {@code x2' = mu (1 - x1^2) x2 - x1}.
 *
 * @param mu the damping parameter (0.1 in the tutorial); finite
 */
public record VanDerPol(double mu) implements OdeSystem {

    /**
     * Checks that mu is finite.
     *
     * @param mu the damping parameter
     */
    public VanDerPol {
        if (!Double.isFinite(mu)) {
            throw new IllegalArgumentException("mu must be finite; got " + mu);
        }
    }

    @Override
    public void derivatives(double t, double[] y, double[] dydt) {
        double x1 = y[0];
        double x2 = y[1];
        dydt[0] = x2;
        dydt[1] = mu * (1 - x1 * x1) * x2 - x1;
    }
}
