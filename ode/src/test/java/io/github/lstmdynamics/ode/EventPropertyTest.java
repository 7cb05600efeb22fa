package io.github.lstmdynamics.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Event location on problems whose roots are known. */
class EventPropertyTest {

    private static final double ROOT_TOLERANCE = 1e-10;

    static LongStream seeds() {
        return LongStream.range(1, 31);
    }

    /** x(t) = cos(w t + phase) of a harmonic oscillator crosses zero at (pi/2 + k pi - phase) / w. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void harmonicOscillatorZerosAreFoundToWithin1e10(long seed) {
        Random random = new Random(seed);
        double omega = 0.5 + 2 * random.nextDouble();
        double phase = Math.PI * random.nextDouble();
        double tEnd = 3 + 7 * random.nextDouble();
        double[] y0 = {Math.cos(phase), -omega * Math.sin(phase)};
        int direction = random.nextInt(3) - 1;
        Event position = (t, y) -> y[0];

        IvpResult result = SolveIvp.solve(ReferenceSystems.harmonic(omega), 0, tEnd, y0,
                IvpOptions.defaults().withRtol(1e-13).withAtol(1e-15)
                        .withEventSpecs(EventSpec.of(position).withDirection(direction)));

        // zeros in (0, tEnd]: falling ones where cos goes + to -, i.e. k even
        java.util.List<Double> expected = new java.util.ArrayList<>();
        for (int k = 0; ; k++) {
            double root = (Math.PI / 2 + k * Math.PI - phase) / omega;
            if (root > tEnd) {
                break;
            }
            boolean falling = k % 2 == 0;
            if (root > 0 && (direction == 0 || (direction < 0) == falling)) {
                expected.add(root);
            }
        }
        double[] found = result.tEvents()[0];
        assertEquals(expected.size(), found.length, "seed " + seed + ": number of crossings");
        for (int i = 0; i < found.length; i++) {
            assertEquals(expected.get(i), found[i], ROOT_TOLERANCE, "crossing " + i);
            assertEquals(0, result.yEvents()[0][i][0], 1e-10, "x at the crossing");
        }
    }

    /** y' = 1 is integrated exactly, so an event at y = c is found to the root finder's 4 eps. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void terminalEventOnAnExactSolutionStopsAtTheRoot(long seed) {
        Random random = new Random(seed);
        double level = 0.1 + 5 * random.nextDouble();
        OdeSystem ramp = (t, y, dydt) -> dydt[0] = 1;

        IvpResult result = SolveIvp.solve(ramp, 0, 10, new double[] {0},
                IvpOptions.defaults().withEventSpecs(
                        EventSpec.of((t, y) -> y[0] - level).withTerminalAfter(1)));

        assertEquals(IvpResult.STATUS_TERMINATED, result.status());
        assertEquals(SolveIvp.MESSAGE_TERMINATED, result.message());
        double root = result.tEvents()[0][0];
        assertEquals(level, root, 8 * Brent.EPS * Math.max(1, level));
        assertEquals(root, result.t()[result.t().length - 1], "the run ends at the event");
        assertEquals(level, result.y()[result.y().length - 1][0], 1e-14);
    }

    /**
     * g = (y - a)(y - b) on y = t: both roots lie in the last step, so g has the same sign at both
     * step ends and scipy's step-end check finds neither; sampling inside the step finds both.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void interiorSamplesFindTwoCrossingsWithinOneStep(long seed) {
        Random random = new Random(seed);
        double a = 0.15 + 0.6 * random.nextDouble();
        double b = a + 0.11 + (0.95 - a - 0.11) * random.nextDouble();
        OdeSystem ramp = (t, y, dydt) -> dydt[0] = 1;
        Event parabola = (t, y) -> (y[0] - a) * (y[0] - b);

        IvpResult plain = SolveIvp.solve(ramp, 0, 1, new double[] {0},
                IvpOptions.defaults().withEvents(parabola));
        IvpResult sampled = SolveIvp.solve(ramp, 0, 1, new double[] {0},
                IvpOptions.defaults().withEventSpecs(EventSpec.of(parabola).withInteriorSamples(8)));

        double[] steps = plain.t();
        double lastStart = steps[steps.length - 2];
        assertTrue(lastStart < a && b < 1, "both roots inside the last step " + lastStart + "..1");
        assertEquals(0, plain.tEvents()[0].length, "step-end checks see no sign change");
        assertEquals(2, sampled.tEvents()[0].length, "seed " + seed);
        assertEquals(a, sampled.tEvents()[0][0], ROOT_TOLERANCE);
        assertEquals(b, sampled.tEvents()[0][1], ROOT_TOLERANCE);
        assertEquals(plain.nfev(), sampled.nfev(), "sampling costs no evaluations of the system");
    }

    /** With interior samples, terminalAfter counts occurrences inside a step in time order. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void terminalCountIncludesCrossingsInsideTheSameStep(long seed) {
        Random random = new Random(seed);
        double a = 0.15 + 0.6 * random.nextDouble();
        double b = a + 0.11 + (0.95 - a - 0.11) * random.nextDouble();
        OdeSystem ramp = (t, y, dydt) -> dydt[0] = 1;
        Event parabola = (t, y) -> (y[0] - a) * (y[0] - b);
        boolean backward = random.nextBoolean();

        IvpResult result = SolveIvp.solve(ramp, backward ? 1 : 0, backward ? 0 : 1,
                new double[] {backward ? 1 : 0}, IvpOptions.defaults().withEventSpecs(
                        EventSpec.of(parabola).withInteriorSamples(8).withTerminalAfter(2)));

        assertEquals(IvpResult.STATUS_TERMINATED, result.status());
        double[] times = result.tEvents()[0];
        assertEquals(2, times.length);
        assertEquals(backward ? b : a, times[0], ROOT_TOLERANCE);
        assertEquals(backward ? a : b, times[1], ROOT_TOLERANCE);
        assertEquals(times[1], result.t()[result.t().length - 1]);
    }
}
