package io.github.lstmdynamics.lstm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Backpropagation through time against central finite differences in double precision, for random sizes,
 * weights, inputs and initial states. Replay a failing case by its seed.
 */
class GradientCheckTest {

    /** Fourth-order central differences with this step: truncation and rounding both near 1e-12. */
    private static final double STEP = 1e-3;
    /**
     * Denominator floor of the relative error |a - b| / max(FLOOR, |a| + |b|): below it the comparison becomes
     * absolute (1e-11). Rounding in the differenced objective leaves errors near 1e-13 on near-zero gradients,
     * so a floor of 1e-8 would fail on noise; with 1e-5 every error in these cases stays below 1e-7.
     */
    private static final double FLOOR = 1e-5;
    private static final double TOLERANCE = 1e-6;

    static LongStream seeds() {
        return LongStream.range(0, 40);
    }

    static LongStream modelSeeds() {
        return LongStream.range(100, 110);
    }

    /**
     * Objective J = sum(output * A) + sum(h_n * P) + sum(c_n * Q) with random A, P, Q; BPTT gets dOutput = A,
     * dh_n = P, dc_n = Q.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void lstmGradientsMatchFiniteDifferences(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int inputSize = 1 + rnd.nextInt(6);
        int hidden = 1 + rnd.nextInt(6);
        int batch = 1 + rnd.nextInt(4);
        int steps = 1 + rnd.nextInt(8);
        int layers = 1 + rnd.nextInt(3);
        boolean bias = rnd.nextBoolean();
        boolean withState = rnd.nextInt(4) != 0;
        Lstm lstm = new Lstm(inputSize, hidden, layers, bias, rnd.nextLong());
        SequenceBatch x = Fixtures.random(rnd, steps, batch, inputSize, 1.5);
        SequenceBatch h0 = withState ? Fixtures.random(rnd, layers, batch, hidden, 1.0) : null;
        SequenceBatch c0 = withState ? Fixtures.random(rnd, layers, batch, hidden, 1.0) : null;
        SequenceBatch a = Fixtures.random(rnd, steps, batch, hidden, 1.0);
        SequenceBatch p = Fixtures.random(rnd, layers, batch, hidden, 1.0);
        SequenceBatch q = Fixtures.random(rnd, layers, batch, hidden, 1.0);
        String where = "seed " + seed + " (I=" + inputSize + " H=" + hidden + " B=" + batch + " T=" + steps
                + " L=" + layers + " bias=" + bias + " state=" + withState + ")";

        lstm.zeroGrad();
        lstm.forward(x, h0, c0);
        LstmGradients g = lstm.backward(a, p, q);
        double[] dx = Fixtures.values(g.dInput());
        double[] dh0 = Fixtures.values(g.dh0());
        double[] dc0 = Fixtures.values(g.dc0());

        DoubleSupplier objective = () -> {
            LstmOutput out = lstm.forward(x, h0, c0);
            return dot(out.output(), a) + dot(out.hN(), p) + dot(out.cN(), q);
        };
        int checked = 0;
        for (Parameter param : lstm.parameters()) {
            checked += check(param.value().data, param.grad().data.clone(), param.size(), objective,
                    where + " " + param.name());
        }
        checked += check(x.matrix().data, dx, dx.length, objective, where + " input");
        if (withState) {
            checked += check(h0.matrix().data, dh0, dh0.length, objective, where + " h0");
            checked += check(c0.matrix().data, dc0, dc0.length, objective, where + " c0");
        }
        int paramCount = 0;
        for (Parameter param : lstm.parameters()) {
            paramCount += param.size();
        }
        assertEquals(paramCount + dx.length + (withState ? dh0.length + dc0.length : 0), checked, where);
        assertEquals(bias ? 4 * layers : 2 * layers, lstm.parameters().size(), where);
    }

    /** The whole model (LSTM, Linear, MSE mean): computeGradients against finite differences of loss(). */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("modelSeeds")
    void modelGradientsMatchFiniteDifferences(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int inputSize = 1 + rnd.nextInt(6);
        int hidden = 1 + rnd.nextInt(6);
        int outputSize = 1 + rnd.nextInt(6);
        int batch = 1 + rnd.nextInt(4);
        int steps = 1 + rnd.nextInt(8);
        int layers = 1 + rnd.nextInt(3);
        boolean bias = rnd.nextBoolean();
        LstmRegressor model = new LstmRegressor(inputSize, hidden, outputSize, layers, bias, rnd.nextLong());
        SequenceBatch x = Fixtures.random(rnd, steps, batch, inputSize, 1.5);
        SequenceBatch y = Fixtures.random(rnd, steps, batch, outputSize, 1.0);
        String where = "seed " + seed;
        model.computeGradients(x, y);
        for (Parameter param : model.parameters()) {
            check(param.value().data, param.grad().data.clone(), param.size(), () -> model.loss(x, y),
                    where + " " + param.name());
        }
    }

    /** Compares analytic gradients with 4th-order central differences of the objective in every coordinate. */
    private static int check(double[] values, double[] analytic, int n, DoubleSupplier objective, String what) {
        for (int k = 0; k < n; k++) {
            double saved = values[k];
            values[k] = saved + STEP;
            double plus1 = objective.getAsDouble();
            values[k] = saved - STEP;
            double minus1 = objective.getAsDouble();
            values[k] = saved + 2 * STEP;
            double plus2 = objective.getAsDouble();
            values[k] = saved - 2 * STEP;
            double minus2 = objective.getAsDouble();
            values[k] = saved;
            double numeric = (8 * (plus1 - minus1) - (plus2 - minus2)) / (12 * STEP);
            double err = Math.abs(numeric - analytic[k]) / Math.max(FLOOR, Math.abs(numeric) + Math.abs(analytic[k]));
            assertTrue(err < TOLERANCE, what + "[" + k + "]: BPTT " + analytic[k] + ", finite differences "
                    + numeric + ", relative error " + err);
        }
        return n;
    }

    private static double dot(SequenceBatch u, SequenceBatch v) {
        double[] a = u.matrix().data;
        double[] b = v.matrix().data;
        double s = 0;
        for (int k = 0; k < u.steps() * u.batchSize() * u.features(); k++) {
            s += a[k] * b[k];
        }
        return s;
    }
}
