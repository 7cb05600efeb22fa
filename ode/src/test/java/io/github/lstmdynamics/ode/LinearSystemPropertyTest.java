package io.github.lstmdynamics.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Seeded random stable linear systems y' = A y, checked against their exact solutions. */
class LinearSystemPropertyTest {

    /** Global error allowed, as a multiple of the local tolerance atol + rtol * max|y|. */
    private static final double GLOBAL_ERROR_FACTOR = 5;

    static LongStream seeds() {
        return LongStream.range(1, 51);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void matchesTheExactSolutionWithinTolerance(long seed) {
        Random random = new Random(seed);
        int n = 1 + random.nextInt(6);
        RandomLinearSystem system = new RandomLinearSystem(random, n);
        double[] y0 = RandomLinearSystem.randomVector(random, n);
        double rtol = Math.pow(10, -3 - 6 * random.nextDouble());
        double atol = rtol * 1e-3;
        double tEnd = 1 + 9 * random.nextDouble();
        boolean backward = random.nextBoolean();
        double t0 = backward ? tEnd : 0;
        double t1 = backward ? 0 : tEnd;
        // backward, integrate y' = -A y, which decays in the direction of integration
        OdeSystem f = backward ? negated(system) : system;

        IvpResult result = SolveIvp.solve(f, t0, t1, y0,
                IvpOptions.defaults().withRtol(rtol).withAtol(atol));

        assertEquals(IvpResult.STATUS_SUCCESS, result.status(), result.message());
        assertEquals(t1, result.t()[result.t().length - 1], "ends exactly at tBound");
        double yMax = 0;
        for (double[] row : result.y()) {
            for (double v : row) {
                yMax = Math.max(yMax, Math.abs(v));
            }
        }
        double allowed = GLOBAL_ERROR_FACTOR * (atol + rtol * yMax);
        for (int i = 0; i < result.t().length; i++) {
            double[] exact = system.exact(0, y0, Math.abs(result.t()[i] - t0));
            for (int j = 0; j < n; j++) {
                double error = Math.abs(result.y()[i][j] - exact[j]);
                int step = i;
                int component = j;
                assertTrue(error <= allowed, () -> "seed " + seed + " t=" + result.t()[step] + " y["
                        + component + "] error " + error + " > " + allowed);
            }
        }
    }

    private static OdeSystem negated(OdeSystem system) {
        return (t, y, dydt) -> {
            system.derivatives(t, y, dydt);
            for (int i = 0; i < dydt.length; i++) {
                dydt[i] = -dydt[i];
            }
        };
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void forwardThenBackwardReturnsToTheStart(long seed) {
        Random random = new Random(seed);
        int n = 1 + random.nextInt(6);
        RandomLinearSystem system = new RandomLinearSystem(random, n);
        double[] y0 = RandomLinearSystem.randomVector(random, n);
        double rtol = 1e-9;
        double atol = 1e-12;
        double tEnd = 0.5 + 2.5 * random.nextDouble();
        IvpOptions options = IvpOptions.defaults().withRtol(rtol).withAtol(atol);

        IvpResult forward = SolveIvp.solve(system, 0, tEnd, y0, options);
        double[] yEnd = forward.y()[forward.y().length - 1];
        IvpResult back = SolveIvp.solve(system, tEnd, 0, yEnd, options);
        double[] yBack = back.y()[back.y().length - 1];

        assertEquals(0.0, back.t()[back.t().length - 1]);
        // the backward run amplifies errors by at most e^(max decay * tEnd) <= e^(1.05 tEnd)
        double allowed = GLOBAL_ERROR_FACTOR * (atol + rtol) * Math.exp(1.05 * tEnd);
        for (int j = 0; j < n; j++) {
            assertEquals(y0[j], yBack[j], allowed, "seed " + seed + " component " + j);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void evaluationsAreTwoPlusSixPerAttempt(long seed) {
        Random random = new Random(seed);
        int n = 1 + random.nextInt(6);
        RandomLinearSystem system = new RandomLinearSystem(random, n);
        double[] y0 = RandomLinearSystem.randomVector(random, n);
        IvpOptions options = IvpOptions.defaults()
                .withRtol(Math.pow(10, -2 - 8 * random.nextDouble()))
                .withMaxStep(random.nextBoolean() ? Double.POSITIVE_INFINITY : 0.05 + random.nextDouble());

        IvpResult result = SolveIvp.solve(system, 0, 1 + 5 * random.nextDouble(), y0, options);

        assertEquals(2 + 6 * (result.stepsAccepted() + result.stepsRejected()), result.nfev(),
                "f0, the initial-step probe, and 6 per attempted step");
        assertEquals(result.t().length - 1, result.stepsAccepted(), "one output per accepted step");

        IvpResult withFirstStep = SolveIvp.solve(system, 0, 1, y0, options.withFirstStep(0.01));
        assertEquals(1 + 6 * (withFirstStep.stepsAccepted() + withFirstStep.stepsRejected()),
                withFirstStep.nfev(), "no probe when the first step is given");
    }
}
