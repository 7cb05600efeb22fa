package io.github.lstmdynamics.bench;

import io.github.lstmdynamics.ode.IvpOptions;
import io.github.lstmdynamics.ode.IvpResult;
import io.github.lstmdynamics.ode.OdeSystem;
import io.github.lstmdynamics.ode.SolveIvp;
import java.util.concurrent.TimeUnit;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince54Integrator;
import org.hipparchus.ode.sampling.ODEFixedStepHandler;
import org.hipparchus.ode.sampling.StepNormalizer;
import org.hipparchus.ode.sampling.StepNormalizerBounds;
import org.hipparchus.ode.sampling.StepNormalizerMode;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One RK45 solve per operation, ours next to Hipparchus's {@code DormandPrince54Integrator} with the
 * same tolerances, in the same run:
 * <ul>
 *   <li>the tutorial's trajectory: van der Pol mu = 0.1 from (2, 0) over [0, 2], max step 0.1,
 *       rtol 1e-3, atol 1e-6, sampled at t = 0, 0.1, ..., 2 (ours through {@code t_eval}, Hipparchus
 *       through a {@link StepNormalizer} on its dense output);</li>
 *   <li>one period of the Arenstorf orbit at rtol 1e-9, atol 1e-12, final state only for Hipparchus,
 *       every step for ours (as {@code solve_ivp} returns them).</li>
 * </ul>
 * The two codes choose their steps differently (scipy's controller against Hipparchus's), so the
 * figures compare what a user gets for one call at equal tolerances, not equal work.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class OdeBenchmark {

    static final double MU = 0.1;
    static final double ARENSTORF_MU = 0.012277471;
    static final double ARENSTORF_PERIOD = 17.0652165601579625588917206249;
    static final double[] ARENSTORF_Y0 = {0.994, 0, 0, -2.00158510637908252240537862224};
    static final double[] VDP_Y0 = {2, 0};

    /** x1' = x2, x2' = mu (1 - x1^2) x2 - x1. */
    static final OdeSystem VAN_DER_POL = (t, y, dydt) -> {
        dydt[0] = y[1];
        dydt[1] = MU * (1 - y[0] * y[0]) * y[1] - y[0];
    };

    /** The restricted three-body problem (Hairer, Norsett and Wanner, I.0). */
    static final OdeSystem ARENSTORF = (t, y, dydt) -> arenstorf(y, dydt);

    private final IvpOptions tutorialOptions = IvpOptions.defaults().withMaxStep(0.1).withTEval(samples(0, 2, 21));
    private final IvpOptions arenstorfOptions = IvpOptions.defaults().withRtol(1e-9).withAtol(1e-12);

    private DormandPrince54Integrator hipparchusTutorial;
    private DormandPrince54Integrator hipparchusArenstorf;
    private final double[][] hipparchusSamples = new double[21][];
    private int sampleCount;

    @Setup
    public void setUp() {
        hipparchusTutorial = new DormandPrince54Integrator(0, 0.1, 1e-6, 1e-3);
        ODEFixedStepHandler collect = new ODEFixedStepHandler() {
            @Override
            public void init(ODEStateAndDerivative initial, double finalTime) {
                sampleCount = 0;
            }

            @Override
            public void handleStep(ODEStateAndDerivative state, boolean isLast) {
                hipparchusSamples[sampleCount++] = state.getPrimaryState();
            }
        };
        hipparchusTutorial.addStepHandler(
                new StepNormalizer(0.1, collect, StepNormalizerMode.MULTIPLES, StepNormalizerBounds.BOTH));
        hipparchusArenstorf = new DormandPrince54Integrator(0, Double.POSITIVE_INFINITY, 1e-12, 1e-9);
    }

    @Benchmark
    public IvpResult tutorialTrajectoryOurs() {
        return SolveIvp.solve(VAN_DER_POL, 0, 2, VDP_Y0, tutorialOptions);
    }

    @Benchmark
    public double[][] tutorialTrajectoryHipparchus() {
        hipparchusTutorial.integrate(equation(2, VAN_DER_POL), new ODEState(0, VDP_Y0), 2);
        return hipparchusSamples;
    }

    @Benchmark
    public IvpResult arenstorfOurs() {
        return SolveIvp.solve(ARENSTORF, 0, ARENSTORF_PERIOD, ARENSTORF_Y0, arenstorfOptions);
    }

    @Benchmark
    public ODEStateAndDerivative arenstorfHipparchus() {
        return hipparchusArenstorf.integrate(equation(4, ARENSTORF), new ODEState(0, ARENSTORF_Y0), ARENSTORF_PERIOD);
    }

    /** Hipparchus's interface returns a new array per evaluation; that is its design, kept as is. */
    private static OrdinaryDifferentialEquation equation(int dimension, OdeSystem system) {
        return new OrdinaryDifferentialEquation() {
            @Override
            public int getDimension() {
                return dimension;
            }

            @Override
            public double[] computeDerivatives(double t, double[] y) {
                double[] dydt = new double[dimension];
                system.derivatives(t, y, dydt);
                return dydt;
            }
        };
    }

    static void arenstorf(double[] y, double[] dydt) {
        double mu = ARENSTORF_MU;
        double mup = 1 - mu;
        // r^3 as r2 * sqrt(r2), as the ode module's scipy fixtures and bench/python/ode_bench.py
        double r1 = (y[0] + mu) * (y[0] + mu) + y[1] * y[1];
        double r2 = (y[0] - mup) * (y[0] - mup) + y[1] * y[1];
        double d1 = r1 * Math.sqrt(r1);
        double d2 = r2 * Math.sqrt(r2);
        dydt[0] = y[2];
        dydt[1] = y[3];
        dydt[2] = y[0] + 2 * y[3] - mup * (y[0] + mu) / d1 - mu * (y[0] - mup) / d2;
        dydt[3] = y[1] - 2 * y[2] - mup * y[1] / d1 - mu * y[1] / d2;
    }

    static double[] samples(double from, double to, int count) {
        double[] t = new double[count];
        for (int i = 0; i < count; i++) {
            t[i] = from + (to - from) * i / (count - 1);
        }
        return t;
    }
}
