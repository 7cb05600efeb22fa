package io.github.lstmdynamics.ode;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Every invalid input raises IllegalArgumentException whose message names the argument, shows the
 * value and says what was expected.
 */
class BadInputTest {

    private static final OdeSystem DECAY = (t, y, dydt) -> {
        for (int i = 0; i < y.length; i++) {
            dydt[i] = -y[i];
        }
    };
    private static final double[] Y0 = {1, 2};

    private static void assertRejected(Executable call, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment),
                    () -> "message \"" + e.getMessage() + "\" should contain \"" + fragment + "\"");
        }
    }

    private static IvpResult solve(IvpOptions options) {
        return SolveIvp.solve(DECAY, 0, 1, Y0, options);
    }

    @Test
    void emptyOrMissingY0() {
        assertRejected(() -> SolveIvp.solve(DECAY, 0, 1, new double[0]), "y0", "empty",
                "at least one component");
        assertRejected(() -> SolveIvp.solve(DECAY, 0, 1, null), "y0", "null");
    }

    @Test
    void nonFiniteY0() {
        assertRejected(() -> SolveIvp.solve(DECAY, 0, 1, new double[] {1, Double.NaN}), "y0[1]",
                "NaN", "finite");
        assertRejected(() -> SolveIvp.solve(DECAY, 0, 1, new double[] {Double.NEGATIVE_INFINITY}),
                "y0[0]", "-Infinity", "finite");
    }

    @Test
    void nonFiniteTimes() {
        assertRejected(() -> SolveIvp.solve(DECAY, Double.NaN, 1, Y0), "t0", "NaN", "finite");
        assertRejected(() -> SolveIvp.solve(DECAY, 0, Double.POSITIVE_INFINITY, Y0), "tBound",
                "Infinity", "finite");
        assertRejected(() -> new Rk45(DECAY, 0, Y0, Double.NaN, IvpOptions.defaults()), "tBound",
                "NaN", "finite");
    }

    @Test
    void nullSystemAndOptions() {
        assertRejected(() -> SolveIvp.solve(null, 0, 1, Y0), "system", "null");
        assertRejected(() -> SolveIvp.solve(DECAY, 0, 1, Y0, null), "options", "null");
        assertRejected(() -> new Rk45(null, 0, Y0, 1, IvpOptions.defaults()), "system", "null");
    }

    @Test
    void badRtol() {
        assertRejected(() -> IvpOptions.defaults().withRtol(-1e-3), "rtol", "-0.001", ">= 0");
        assertRejected(() -> IvpOptions.defaults().withRtol(Double.NaN), "rtol", "NaN", "finite");
        assertRejected(() -> IvpOptions.defaults().withRtol(Double.POSITIVE_INFINITY), "rtol",
                "Infinity", "finite");
    }

    @Test
    void rtolBelow100EpsIsRaisedAndReported() {
        IvpResult result = solve(IvpOptions.defaults().withRtol(1e-20).withAtol(1e-12));
        assertTrue(result.rtolRaised());
        Rk45 solver = new Rk45(DECAY, 0, Y0, 1, IvpOptions.defaults().withRtol(0));
        assertTrue(solver.rtolRaised());
        assertTrue(solver.rtol() == IvpOptions.MIN_RTOL, "raised to 100 eps = " + IvpOptions.MIN_RTOL);
        assertTrue(!solve(IvpOptions.defaults()).rtolRaised());
    }

    @Test
    void badAtol() {
        assertRejected(() -> IvpOptions.defaults().withAtol(-1), "atol", "-1.0", ">= 0");
        assertRejected(() -> IvpOptions.defaults().withAtol(Double.NaN), "atol", "NaN", "finite");
        assertRejected(() -> IvpOptions.defaults().withAtol(new double[] {1e-6, -1e-6}), "atol[1]",
                "-1.0E-6", ">= 0");
        assertRejected(() -> IvpOptions.defaults().withAtol(new double[] {Double.POSITIVE_INFINITY}),
                "atol[0]", "Infinity", "finite");
        assertRejected(() -> IvpOptions.defaults().withAtol(new double[0]), "atol", "empty",
                "one entry per component");
        assertRejected(() -> IvpOptions.defaults().withAtol((double[]) null), "atol", "null");
        assertRejected(() -> solve(IvpOptions.defaults().withAtol(new double[] {1e-6, 1e-6, 1e-6})),
                "atol", "length 3", "y0 has length 2", "one atol per component");
    }

    @Test
    void badMaxStep() {
        assertRejected(() -> IvpOptions.defaults().withMaxStep(0), "maxStep", "0.0", "> 0");
        assertRejected(() -> IvpOptions.defaults().withMaxStep(-0.5), "maxStep", "-0.5", "> 0");
        assertRejected(() -> IvpOptions.defaults().withMaxStep(Double.NaN), "maxStep", "NaN", "> 0");
    }

    @Test
    void badFirstStep() {
        assertRejected(() -> IvpOptions.defaults().withFirstStep(0), "firstStep", "0.0", "> 0");
        assertRejected(() -> IvpOptions.defaults().withFirstStep(-1), "firstStep", "-1.0", "> 0");
        assertRejected(() -> IvpOptions.defaults().withFirstStep(Double.NaN), "firstStep", "NaN");
        assertRejected(() -> IvpOptions.defaults().withFirstStep(Double.POSITIVE_INFINITY),
                "firstStep", "Infinity", "finite");
        assertRejected(() -> solve(IvpOptions.defaults().withFirstStep(1.5)), "firstStep", "1.5",
                "exceeds the interval length", "1.0");
        assertRejected(() -> SolveIvp.solve(DECAY, 2, 0, Y0, IvpOptions.defaults().withFirstStep(3)),
                "firstStep", "3.0", "2.0");
    }

    @Test
    void badMaxSteps() {
        assertRejected(() -> IvpOptions.defaults().withMaxSteps(0), "maxSteps", "0", "> 0");
        assertRejected(() -> IvpOptions.defaults().withMaxSteps(-5), "maxSteps", "-5", "> 0");
    }

    @Test
    void tEvalOutsideTheSpan() {
        assertRejected(() -> solve(IvpOptions.defaults().withTEval(0, 0.5, 1.5)), "tEval[2]", "1.5",
                "outside the span", "[0.0, 1.0]");
        assertRejected(() -> solve(IvpOptions.defaults().withTEval(-0.1, 0.5)), "tEval[0]", "-0.1",
                "outside the span");
        assertRejected(() -> SolveIvp.solve(DECAY, 1, 0, Y0, IvpOptions.defaults().withTEval(1.2)),
                "tEval[0]", "1.2", "[0.0, 1.0]");
        assertRejected(() -> IvpOptions.defaults().withTEval(0, Double.NaN), "tEval[1]", "NaN",
                "finite");
    }

    @Test
    void tEvalNotSortedInTheDirectionOfIntegration() {
        assertRejected(() -> solve(IvpOptions.defaults().withTEval(0, 0.5, 0.4)), "tEval",
                "strictly increasing", "tEval[2] = 0.4", "tEval[1] = 0.5");
        assertRejected(() -> solve(IvpOptions.defaults().withTEval(0, 0.5, 0.5)), "tEval",
                "strictly increasing", "tEval[2] = 0.5");
        assertRejected(() -> SolveIvp.solve(DECAY, 1, 0, Y0, IvpOptions.defaults().withTEval(0.2, 0.8)),
                "tEval", "strictly decreasing", "tEval[1] = 0.8");
    }

    @Test
    void invalidEventSettings() {
        Event g = (t, y) -> y[0] - 0.5;
        assertRejected(() -> EventSpec.of(g).withDirection(2), "direction", "2", "-1, 0 or +1");
        assertRejected(() -> EventSpec.of(g).withDirection(-3), "direction", "-3", "-1, 0 or +1");
        assertRejected(() -> EventSpec.of(g).withTerminalAfter(-1), "terminalAfter", "-1",
                "positive number");
        assertRejected(() -> EventSpec.of(g).withInteriorSamples(-1), "interiorSamples", "-1",
                "between 0 and 1000");
        assertRejected(() -> EventSpec.of(g).withInteriorSamples(1001), "interiorSamples", "1001",
                "between 0 and 1000");
        assertRejected(() -> EventSpec.of(null), "event", "null");
        assertRejected(() -> IvpOptions.defaults().withEvents(g, null), "events[1]", "null");
        assertRejected(() -> IvpOptions.defaults().withEventSpecs(EventSpec.of(g), null), "events[1]",
                "null");
        assertRejected(() -> new IvpOptions(1e-3, 1e-6, null, 1, java.util.OptionalDouble.empty(),
                null, false, null, 10, null), "events", "null");
    }

    @Test
    void optionsAreDefensivelyCopied() {
        double[] atol = {1e-6, 1e-7};
        double[] tEval = {0, 0.5, 1};
        IvpOptions options = IvpOptions.defaults().withAtol(atol).withTEval(tEval);
        atol[0] = -1;
        tEval[1] = 7;
        options.tEval()[2] = 9;
        assertTrue(options.atolPerComponent()[0] == 1e-6);
        assertTrue(options.tEval()[1] == 0.5 && options.tEval()[2] == 1);
        assertTrue(options.events().equals(List.of()));
    }
}
