package io.github.lstmdynamics.ode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Failures end with status -1 in bounded time; the step-by-step API and the listener. */
class SolverBehaviourTest {

    private static final Duration BOUNDED = Duration.ofSeconds(5);
    private static final OdeSystem VAN_DER_POL = ReferenceSystems.vanDerPol(1);

    @Test
    void nanDerivativesEndWithStatusMinusOneAndSaySo() {
        OdeSystem nanAfterHalf = (t, y, dydt) -> {
            dydt[0] = t > 0.5 ? Double.NaN : -y[0];
        };
        IvpResult result = assertTimeoutPreemptively(BOUNDED,
                () -> SolveIvp.solve(nanAfterHalf, 0, 1, new double[] {1}));
        assertEquals(IvpResult.STATUS_FAILED, result.status());
        assertTrue(result.message().contains("non-finite") && result.message().contains("NaN"),
                result.message());
        double tLast = result.t()[result.t().length - 1];
        assertTrue(tLast <= 0.5 && tLast > 0.4, "stops where the NaNs start: " + tLast);
        assertTrue(result.nfev() < 2000, "bounded work: " + result.nfev());
    }

    @Test
    void nanAtTheInitialPointFailsAtTheFirstStep() {
        OdeSystem alwaysNan = (t, y, dydt) -> dydt[0] = Double.NaN;
        IvpResult result = assertTimeoutPreemptively(BOUNDED,
                () -> SolveIvp.solve(alwaysNan, 0, 1, new double[] {1}));
        assertEquals(IvpResult.STATUS_FAILED, result.status());
        assertTrue(result.message().contains("non-finite"), result.message());
        assertArrayEquals(new double[] {0}, result.t());
        assertEquals(2, result.nfev(), "f0 and the probe; no step is attempted with a NaN size");
    }

    @Test
    void infiniteDerivativesEndWithStatusMinusOne() {
        OdeSystem infinite = (t, y, dydt) -> dydt[0] = t > 0.25 ? Double.POSITIVE_INFINITY : 1;
        IvpResult result = assertTimeoutPreemptively(BOUNDED,
                () -> SolveIvp.solve(infinite, 0, 1, new double[] {0}));
        assertEquals(IvpResult.STATUS_FAILED, result.status());
        assertTrue(result.message().contains("infinity"), result.message());
    }

    @Test
    void exceedingMaxStepsEndsWithStatusMinusOneAndSaysSo() {
        IvpResult result = SolveIvp.solve(VAN_DER_POL, 0, 20, new double[] {2, 0},
                IvpOptions.defaults().withMaxSteps(5));
        assertEquals(IvpResult.STATUS_FAILED, result.status());
        assertTrue(result.message().startsWith("Maximum number of steps (5) reached"), result.message());
        assertEquals(5, result.stepsAccepted());
        assertEquals(6, result.t().length, "t0 and the five steps");
        assertTrue(!result.success());
    }

    @Test
    void stepSizeCollapseReportsScipysMessage() {
        OdeSystem blowUp = (t, y, dydt) -> dydt[0] = y[0] * y[0];
        IvpResult result = SolveIvp.solve(blowUp, 0, 2, new double[] {1});
        assertEquals(IvpResult.STATUS_FAILED, result.status());
        assertEquals(Rk45.MESSAGE_STEP_TOO_SMALL, result.message());
    }

    @Test
    void emptyIntervalReturnsTheInitialStateTwice() {
        IvpResult result = SolveIvp.solve(VAN_DER_POL, 3, 3, new double[] {2, 0},
                IvpOptions.defaults().withDenseOutput(true));
        assertEquals(IvpResult.STATUS_SUCCESS, result.status());
        assertArrayEquals(new double[] {3, 3}, result.t());
        assertArrayEquals(new double[] {2, 0}, result.sol().at(3));
        assertEquals(1, result.nfev());
    }

    @Test
    void stepperExposesScipysRk45State() {
        Rk45 solver = new Rk45(VAN_DER_POL, 0, new double[] {2, 0}, 2, IvpOptions.defaults());
        assertEquals(SolverStatus.RUNNING, solver.status());
        assertTrue(Double.isNaN(solver.tOld()) && Double.isNaN(solver.stepSize()));
        assertThrows(IllegalStateException.class, solver::denseOutput);
        assertEquals(1, solver.direction());
        assertEquals(2, solver.nfev(), "f0 and the initial-step probe");
        assertNull(solver.message());

        double[] buffer = new double[2];
        List<Double> times = new ArrayList<>();
        while (solver.step() == SolverStatus.RUNNING) {
            times.add(solver.t());
            StepInterpolant step = solver.denseOutput();
            assertEquals(solver.tOld(), step.tOld());
            assertEquals(solver.t(), step.t());
            assertEquals(solver.stepSize(), step.t() - step.tOld(), 1e-15);
            assertArrayEquals(solver.y(buffer), step.at(solver.t()), 1e-12);
        }
        assertEquals(SolverStatus.FINISHED, solver.status());
        assertEquals(2.0, solver.t());
        assertEquals(2 + 6 * (solver.stepsAccepted() + solver.stepsRejected()), solver.nfev());
        IllegalStateException e = assertThrows(IllegalStateException.class, solver::step);
        assertTrue(e.getMessage().contains("FINISHED"), e.getMessage());

        double[] copy = solver.y();
        copy[0] = 99;
        assertTrue(solver.y()[0] != 99, "y() returns a copy");
        assertThrows(IllegalArgumentException.class, () -> solver.y(new double[3]));
    }

    @Test
    void backwardStepperHasNegativeDirection() {
        Rk45 solver = new Rk45(VAN_DER_POL, 2, new double[] {2, 0}, 0, IvpOptions.defaults());
        assertEquals(-1, solver.direction());
        solver.step();
        assertTrue(solver.t() < solver.tOld());
        assertEquals(0.0, solver.tBound());
    }

    @Test
    void listenerSeesEveryAcceptedStep() {
        List<double[]> seen = new ArrayList<>();
        StepListener listener = s -> seen.add(new double[] {s.tOld(), s.t(), s.y()[0]});
        IvpResult result = SolveIvp.solve(VAN_DER_POL, 0, 5, new double[] {2, 0},
                IvpOptions.defaults().withStepListener(listener));
        assertEquals(result.stepsAccepted(), seen.size());
        for (int i = 0; i < seen.size(); i++) {
            assertEquals(result.t()[i], seen.get(i)[0]);
            assertEquals(result.t()[i + 1], seen.get(i)[1]);
            assertEquals(result.y()[i + 1][0], seen.get(i)[2]);
        }
    }

    @Test
    void resultComponentIsScipysRowOfY() {
        IvpResult result = SolveIvp.solve(VAN_DER_POL, 0, 1, new double[] {2, 0});
        double[] x = result.component(0);
        for (int i = 0; i < x.length; i++) {
            assertEquals(result.y()[i][0], x[i]);
        }
        assertThrows(IllegalArgumentException.class, () -> result.component(2));
    }
}
