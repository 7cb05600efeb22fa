package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.lstmdynamics.ode.*;
import org.junit.jupiter.api.Test;

/**
 * The README's ODE example, from outside the library's package: it compiles only if every type it
 * uses is public. The region between the markers is the README's code block, character for character.
 */
class SolveOdeTest {

    @Test
    void tutorialVanDerPolTrajectory() {
        // README-BEGIN
        double mu = 0.1;
        OdeSystem vanDerPol = (t, y, dydt) -> {
            dydt[0] = y[1];
            dydt[1] = mu * (1 - y[0] * y[0]) * y[1] - y[0];
        };
        double[] times = new double[21];
        for (int i = 0; i < times.length; i++) {
            times[i] = i / 10.0;                       // 0, 0.1, ..., 2
        }
        IvpResult result = SolveIvp.solve(vanDerPol, 0.0, 2.0, new double[] {2.0, 0.0},
                IvpOptions.defaults().withMaxStep(0.1).withTEval(times));
        double[] last = result.y()[times.length - 1]; // y[i] is the state at t[i]
        System.out.printf("x(2) = %.6f, v(2) = %.6f, %d evaluations, status %d%n",
                last[0], last[1], result.nfev(), result.status());
        // README-END

        // scipy 1.17.1, solve_ivp(method='RK45', max_step=0.1, t_eval=times): the library's fixture
        // ode/src/test/resources/reference/rk45_vdp_mu0.1_t_eval.json
        assertEquals(IvpResult.STATUS_SUCCESS, result.status());
        assertEquals(140, result.nfev());
        assertArrayEquals(times, result.t());
        assertEquals(21, result.y().length);
        assertArrayEquals(new double[] {-0.7519523043670915, -1.9195384756449088}, last, 1e-9);
    }
}
