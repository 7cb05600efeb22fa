package io.github.lstmdynamics.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * With atol 0 for a component that is exactly 0 (also when rtol = atol = 0), the error scale
 * atol + rtol * max(|y|, |y_new|) of that component is zero and no step can be measured against it. The
 * run ends with status -1 and a message that says so and names the component, rather than blaming the
 * system for non-finite values (scipy hangs in this case).
 */
class ZeroErrorScaleTest {

    /** x' = -x, and a second component that stays 0. */
    private static final OdeSystem DECAY_AND_ZERO = (t, y, dy) -> {
        dy[0] = -y[0];
        dy[1] = 0;
    };

    @Test
    void atolZeroWithAComponentAtZeroSaysTheErrorScaleIsZero() {
        IvpResult result = SolveIvp.solve(DECAY_AND_ZERO, 0, 2, new double[] {1, 0},
                IvpOptions.defaults().withAtol(0));
        assertEquals(IvpResult.STATUS_FAILED, result.status());
        assertEquals("The error scale atol + rtol * max(|y|, |y_new|) is zero for component 1 at t = 0.0"
                + " (atol[1] = 0 and y[1] = 0), so its error cannot be measured; give atol[1] a value above 0.",
                result.message());
        assertEquals(1, result.nfev(), "found before any step: only f(t0, y0) was evaluated");
    }

    @Test
    void rtolAndAtolZeroSayTheSame() {
        IvpResult result = SolveIvp.solve(DECAY_AND_ZERO, 0, 2, new double[] {1, 0},
                IvpOptions.defaults().withRtol(0).withAtol(0));
        assertEquals(IvpResult.STATUS_FAILED, result.status());
        assertTrue(result.message().startsWith("The error scale atol + rtol * max(|y|, |y_new|) is zero for"
                + " component 1"), result.message());
    }

    @Test
    void aPerComponentAtolAboveZeroWhereTheStateIsZeroIsFine() {
        IvpResult result = SolveIvp.solve(DECAY_AND_ZERO, 0, 2, new double[] {1, 0},
                IvpOptions.defaults().withAtol(new double[] {0, 1e-6}));
        assertEquals(IvpResult.STATUS_SUCCESS, result.status(), result.message());
    }
}
