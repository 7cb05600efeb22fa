package io.github.lstmdynamics.lstm;

import static io.github.lstmdynamics.lstm.Fixtures.batch;
import static io.github.lstmdynamics.lstm.Fixtures.flat;
import static io.github.lstmdynamics.lstm.Fixtures.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * A float32 {@link Lstm} computes in single precision what PyTorch 1.13 computes in float32 (fixtures made
 * by tools/reference/lstm/make_float32_fixtures.py), and what our float64 LSTM computes on the same weights,
 * each within 1e-5 relative (max-abs error over max-abs value); its weights are the float64 model's rounded;
 * it takes half the bytes, allocates nothing in steady state and gives the same bits on 1 and 2 threads.
 */
class Float32LstmTest {

    private static final double REL = 1e-5;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"float32_tutorial", "float32_two_layer", "float32_wide"})
    void forwardAndEveryGradientMatchPyTorchFloat32(String name) {
        JsonObject f = Fixtures.load(name);
        try (Lstm lstm = lstm(f, Precision.FLOAT32)) {
            assertEquals(Precision.FLOAT32, lstm.parameters().get(0).precision());
            LstmOutput out = lstm.forward(batch(f.get("input")), batch(f.get("h0")), batch(f.get("c0")));
            assertRelative(values(batch(f.get("lstm_output"))), values(out.output()), "output");
            assertRelative(values(batch(f.get("h_n"))), values(out.hN()), "h_n");
            assertRelative(values(batch(f.get("c_n"))), values(out.cN()), "c_n");
            LstmGradients g = lstm.backward(batch(f.get("grad_lstm_output")), batch(f.get("h_n_weight")),
                    batch(f.get("c_n_weight")));
            JsonObject grads = f.getAsJsonObject("grads");
            for (Parameter p : lstm.parameters()) {
                assertRelative(flat(grads.get("lstm." + p.name())), p.gradToArray(), "grad " + p.name());
            }
            assertRelative(values(batch(f.get("grad_input"))), values(g.dInput()), "grad input");
            assertRelative(values(batch(f.get("grad_h0"))), values(g.dh0()), "grad h0");
            assertRelative(values(batch(f.get("grad_c0"))), values(g.dc0()), "grad c0");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"float32_tutorial", "float32_two_layer", "float32_wide"})
    void agreesWithFloat64OnTheSameWeights(String name) {
        JsonObject f = Fixtures.load(name);
        try (Lstm single = lstm(f, Precision.FLOAT32); Lstm dbl = lstm(f, Precision.FLOAT64)) {
            SequenceBatch x = batch(f.get("input"));
            SequenceBatch h0 = batch(f.get("h0"));
            SequenceBatch c0 = batch(f.get("c0"));
            LstmOutput a = single.forward(x, h0, c0);
            LstmOutput b = dbl.forward(x, h0, c0);
            assertRelative(values(b.output()), values(a.output()), "output");
            assertRelative(values(b.hN()), values(a.hN()), "h_n");
            assertRelative(values(b.cN()), values(a.cN()), "c_n");
            SequenceBatch dOut = batch(f.get("grad_lstm_output"));
            SequenceBatch wh = batch(f.get("h_n_weight"));
            SequenceBatch wc = batch(f.get("c_n_weight"));
            LstmGradients ga = single.backward(dOut, wh, wc);
            LstmGradients gb = dbl.backward(dOut, wh, wc);
            for (int k = 0; k < single.parameters().size(); k++) {
                assertRelative(dbl.parameters().get(k).gradToArray(), single.parameters().get(k).gradToArray(),
                        "grad " + single.parameters().get(k).name());
            }
            assertRelative(values(gb.dInput()), values(ga.dInput()), "grad input");
            assertRelative(values(gb.dh0()), values(ga.dh0()), "grad h0");
            assertRelative(values(gb.dc0()), values(ga.dc0()), "grad c0");
        }
    }

    @Test
    void initialWeightsAreTheFloat64WeightsFromTheSameSeedRounded() {
        try (Lstm single = new Lstm(3, 7, 2, true, new SplittableRandom(42), Precision.FLOAT32);
                Lstm dbl = new Lstm(3, 7, 2, true, new SplittableRandom(42), Precision.FLOAT64)) {
            for (int k = 0; k < dbl.parameters().size(); k++) {
                double[] d = dbl.parameters().get(k).toArray();
                float[] s = single.parameters().get(k).floatValue().data;
                assertEquals(d.length, s.length);
                for (int i = 0; i < d.length; i++) {
                    assertEquals((float) d[i], s[i], "element " + i + " of " + dbl.parameters().get(k).name());
                }
            }
        }
    }

    @Test
    void parametersAndBuffersTakeHalfTheBytesOfFloat64() {
        SequenceBatch x = Fixtures.random(new SplittableRandom(3), 21, 20, 2, 1.0);
        long[] bytes = new long[2];
        Precision[] precisions = {Precision.FLOAT64, Precision.FLOAT32};
        for (int i = 0; i < 2; i++) {
            try (Lstm lstm = new Lstm(2, 20, 2, true, new SplittableRandom(1), precisions[i])) {
                lstm.setThreads(2);
                lstm.forward(x);
                lstm.backward(SequenceBatch.zeros(21, 20, 20));
                bytes[i] = lstm.bytes();
            }
        }
        assertTrue(bytes[0] > 0);
        assertEquals(bytes[0], 2 * bytes[1], "float64 " + bytes[0] + " bytes, float32 " + bytes[1]);
    }

    @Test
    void floatAccessorsRefuseTheOtherPrecisionNamingIt() {
        try (Lstm single = new Lstm(2, 3, 1, true, new SplittableRandom(1), Precision.FLOAT32)) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> single.parameters().get(0).value());
            assertTrue(e.getMessage().contains("weight_ih_l0 is float32"), e.getMessage());
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2})
    void oneAndTwoThreadsGiveTheSameBits(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        SequenceBatch x = Fixtures.random(rnd, 30, 16, 8, 1.0);
        SequenceBatch dOut = Fixtures.random(rnd, 30, 16, 48, 1.0);
        double[][] results = new double[2][];
        for (int threads = 1; threads <= 2; threads++) {
            try (Lstm lstm = new Lstm(8, 48, 2, true, new SplittableRandom(seed), Precision.FLOAT32)) {
                lstm.setThreads(threads);
                LstmOutput out = lstm.forward(x);
                LstmGradients g = lstm.backward(dOut);
                double[] all = concat(values(out.output()), values(out.hN()), values(out.cN()), values(g.dInput()));
                for (Parameter p : lstm.parameters()) {
                    all = concat(all, p.gradToArray());
                }
                results[threads - 1] = all;
            }
        }
        assertArrayEquals(results[0], results[1]);
    }

    @Test
    void steadyStateForwardBackwardAllocatesNothing() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        SplittableRandom rnd = new SplittableRandom(5);
        SequenceBatch x = Fixtures.random(rnd, 21, 20, 2, 1.0);
        SequenceBatch dOut = Fixtures.random(rnd, 21, 20, 20, 1.0);
        try (Lstm lstm = new Lstm(2, 20, 2, true, new SplittableRandom(1), Precision.FLOAT32)) {
            for (int i = 0; i < 300; i++) {
                lstm.zeroGrad();
                lstm.forward(x);
                lstm.backward(dOut);
            }
            int steps = 200;
            long allocated = Long.MAX_VALUE;
            for (int window = 0; window < 20 && allocated > 16L * steps; window++) {
                long before = threads.getThreadAllocatedBytes(thread);
                for (int i = 0; i < steps; i++) {
                    lstm.zeroGrad();
                    lstm.forward(x);
                    lstm.backward(dOut);
                }
                allocated = threads.getThreadAllocatedBytes(thread) - before;
            }
            assertTrue(allocated <= 16L * steps, allocated + " bytes over " + steps + " steps");
        }
    }

    /** The fixture's LSTM weights in a new LSTM of {@code precision} (float32 values, exact in both). */
    private static Lstm lstm(JsonObject f, Precision precision) {
        JsonObject c = f.getAsJsonObject("config");
        Lstm lstm = new Lstm(c.get("input_size").getAsInt(), c.get("hidden_size").getAsInt(),
                c.get("num_layers").getAsInt(), true, new SplittableRandom(0), precision);
        for (Map.Entry<String, com.google.gson.JsonElement> e : f.getAsJsonObject("state_dict").entrySet()) {
            if (e.getKey().startsWith("lstm.")) {
                lstm.parameter(e.getKey().substring("lstm.".length())).set(flat(e.getValue()));
            }
        }
        return lstm;
    }

    /** max |actual - expected| <= 1e-5 max |expected|. */
    static void assertRelative(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        double maxErr = 0;
        double maxAbs = 0;
        for (int i = 0; i < expected.length; i++) {
            maxErr = Math.max(maxErr, Math.abs(actual[i] - expected[i]));
            maxAbs = Math.max(maxAbs, Math.abs(expected[i]));
        }
        assertTrue(maxErr <= REL * maxAbs, what + ": max error " + maxErr + " over max value " + maxAbs + " = "
                + maxErr / maxAbs);
    }

    private static double[] concat(double[]... parts) {
        int n = 0;
        for (double[] p : parts) {
            n += p.length;
        }
        double[] all = new double[n];
        int o = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, all, o, p.length);
            o += p.length;
        }
        return all;
    }
}
