package io.github.lstmdynamics.ode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The continuous solution: exact at step ends, continuous across steps, accurate inside; its
 * coefficients are {@code Q = K^T P} summed stage by stage, as the plain loop sums them.
 */
class DenseOutputPropertyTest {

    /** Rounding allowed when the quartic is evaluated at x = 1 instead of taking the step's y. */
    private static final double ROUNDING = 1e-13;
    /** The quartic interpolant's error inside a step, as a multiple of atol + rtol (|y| &lt;= ~2). */
    private static final double INTERIOR_ERROR_FACTOR = 10;

    static LongStream seeds() {
        return LongStream.range(1, 31);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void coefficientsAreKTransposePSummedStageByStage(long seed) {
        Random random = new Random(seed);
        int n = 1 + random.nextInt(9);
        double[][] k = new double[DormandPrince.N_STAGES_WITH_FSAL][n];
        for (double[] row : k) {
            for (int i = 0; i < n; i++) {
                row[i] = random.nextGaussian() * Math.pow(10, random.nextInt(7) - 3);
            }
        }
        double[] q = new double[n * DormandPrince.DENSE_ORDER];
        StepInterpolant.coefficients(k, q);
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < DormandPrince.DENSE_ORDER; c++) {
                double sum = 0;
                for (int s = 0; s < DormandPrince.N_STAGES_WITH_FSAL; s++) {
                    sum += k[s][i] * DormandPrince.P[s][c];
                }
                assertEquals(sum, q[i * DormandPrince.DENSE_ORDER + c], 0.0, "Q[" + i + "][" + c + "], n=" + n);
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void equalsStepValuesAtStepEndsAndIsContinuous(long seed) {
        Random random = new Random(seed);
        int n = 1 + random.nextInt(5);
        RandomLinearSystem system = new RandomLinearSystem(random, n);
        double[] y0 = RandomLinearSystem.randomVector(random, n);
        boolean backward = random.nextBoolean();
        double span = 1 + 4 * random.nextDouble();
        double t0 = backward ? span : 0;
        double t1 = backward ? 0 : span;

        double rtol = Math.pow(10, -3 - 5 * random.nextDouble());
        // backward, integrate y' = -A y, which decays in the direction of integration
        OdeSystem f = backward ? (t, y, dydt) -> {
            system.derivatives(t, y, dydt);
            for (int i = 0; i < dydt.length; i++) {
                dydt[i] = -dydt[i];
            }
        } : system;
        IvpResult result = SolveIvp.solve(f, t0, t1, y0, IvpOptions.defaults()
                .withRtol(rtol).withDenseOutput(true));
        OdeSolution sol = result.sol();

        assertEquals(result.t().length - 1, sol.segmentCount());
        assertArrayEquals(result.t(), sol.breakpoints());
        assertEquals(Math.min(t0, t1), sol.tMin());
        assertEquals(Math.max(t0, t1), sol.tMax());
        for (int i = 0; i < result.t().length; i++) {
            double t = result.t()[i];
            assertClose(result.y()[i], sol.at(t), "sol(t_" + i + ") = y_" + i);
            if (i > 0) {
                StepInterpolant ending = sol.segment(i - 1);
                assertEquals(t, ending.t());
                assertClose(result.y()[i], ending.at(t), "step " + (i - 1) + " at its end");
            }
            if (i < sol.segmentCount()) {
                StepInterpolant starting = sol.segment(i);
                assertEquals(t, starting.tOld());
                assertArrayEquals(result.y()[i], starting.at(t), "step " + i + " starts exactly at y_" + i);
            }
        }
        // inside the steps: within a small multiple of the tolerance of the exact solution
        double allowed = INTERIOR_ERROR_FACTOR * (IvpOptions.DEFAULT_ATOL + rtol);
        double[] out = new double[n];
        for (int k = 0; k < 50; k++) {
            double t = t0 + (t1 - t0) * random.nextDouble();
            sol.at(t, out);
            double[] exact = system.exact(0, y0, Math.abs(t - t0));
            for (int j = 0; j < n; j++) {
                assertEquals(exact[j], out[j], allowed, "sol(" + t + ")[" + j + "]");
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void tEvalValuesEqualTheDenseOutput(long seed) {
        Random random = new Random(seed);
        RandomLinearSystem system = new RandomLinearSystem(random, 3);
        double[] y0 = RandomLinearSystem.randomVector(random, 3);
        int m = 1 + random.nextInt(40);
        double[] tEval = new double[m];
        for (int i = 0; i < m; i++) {
            tEval[i] = 4.0 * (i + random.nextDouble()) / m;
        }
        IvpOptions options = IvpOptions.defaults().withDenseOutput(true);

        IvpResult dense = SolveIvp.solve(system, 0, 4, y0, options);
        IvpResult sampled = SolveIvp.solve(system, 0, 4, y0, options.withDenseOutput(false).withTEval(tEval));

        assertArrayEquals(tEval, sampled.t());
        assertEquals(dense.nfev(), sampled.nfev(), "output times cost no evaluations");
        for (int i = 0; i < m; i++) {
            assertArrayEquals(dense.sol().at(tEval[i]), sampled.y()[i], "t_eval[" + i + "]");
        }
    }

    @Test
    void aTimeOnAStepBoundaryBelongsToTheStepEndingThere() {
        OdeSystem decay = (t, y, dydt) -> dydt[0] = -y[0];
        for (double[] span : new double[][] {{0, 3}, {3, 0}}) {
            IvpResult result = SolveIvp.solve(decay, span[0], span[1], new double[] {1},
                    IvpOptions.defaults().withDenseOutput(true));
            OdeSolution sol = result.sol();
            double boundary = result.t()[2];
            double[] expected = sol.segment(1).at(boundary);
            assertArrayEquals(expected, sol.at(boundary), "segment 1 ends at t_2");
        }
    }

    private static void assertClose(double[] expected, double[] actual, String what) {
        for (int j = 0; j < expected.length; j++) {
            double allowed = ROUNDING * Math.max(1, Math.abs(expected[j]));
            int component = j;
            assertTrue(Math.abs(expected[j] - actual[j]) <= allowed,
                    () -> what + "[" + component + "]: " + expected[component] + " vs "
                            + actual[component]);
        }
    }
}
