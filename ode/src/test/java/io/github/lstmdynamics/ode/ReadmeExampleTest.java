package io.github.lstmdynamics.ode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * The README's usage example, compiled and run. The region between the markers is the README's code
 * block verbatim (indentation removed): consumer-check's {@code ReadmeExamplesTest} compares them.
 */
class ReadmeExampleTest {

    @Test
    void vanDerPolWithOutputTimes() {
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

        JsonObject expected = ScipyReferenceTest.load("rk45_vdp_mu0.1_t_eval.json")
                .getAsJsonObject("expected");
        assertEquals(IvpResult.STATUS_SUCCESS, result.status());
        assertEquals(expected.get("nfev").getAsLong(), result.nfev());
        assertArrayEquals(times, result.t());
        double[][] scipy = ScipyReferenceTest.rows(expected.getAsJsonArray("y"));
        for (int i = 0; i < times.length; i++) {
            assertArrayEquals(scipy[i], result.y()[i], 1e-12, "y at t = " + times[i]);
        }
    }
}
