package io.github.lstmdynamics.lstm;

import static io.github.lstmdynamics.lstm.Float32LstmTest.assertRelative;
import static io.github.lstmdynamics.lstm.Fixtures.batch;
import static io.github.lstmdynamics.lstm.Fixtures.flat;
import static io.github.lstmdynamics.lstm.Fixtures.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A float32 {@link LstmRegressor} (LSTM, Linear readout, MSE and SGD all in float) against PyTorch 1.13 in
 * float32: prediction, loss, every gradient and five SGD steps within 1e-5 relative, Adam and AdamW as close as PyTorch's own float32 rounding allows; the same weights in
 * float64 agree within 1e-5; the training step allocates nothing and gives the same bits on 1 and 2 threads;
 * the model takes half the bytes of the float64 one.
 */
class Float32RegressorTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"float32_tutorial", "float32_two_layer", "float32_wide"})
    void predictionLossAndEveryGradientMatchPyTorchFloat32(String name) {
        JsonObject f = Fixtures.load(name);
        try (LstmRegressor model = model(f, Precision.FLOAT32)) {
            assertEquals(Precision.FLOAT32, model.precision());
            RegressorGradients g = model.computeGradients(batch(f.get("input")), batch(f.get("target")),
                    new LstmState(batch(f.get("h0")), batch(f.get("c0"))),
                    new LstmState(batch(f.get("h_n_weight")), batch(f.get("c_n_weight"))));
            assertRelative(new double[] {f.get("loss").getAsDouble()}, new double[] {g.loss()}, "loss");
            assertRelative(values(batch(f.get("h_n"))), values(g.finalState().h()), "h_n");
            assertRelative(values(batch(f.get("c_n"))), values(g.finalState().c()), "c_n");
            JsonObject grads = f.getAsJsonObject("grads");
            for (Parameter p : model.parameters()) {
                assertRelative(flat(grads.get(p.name())), p.gradToArray(), "grad " + p.name());
            }
            assertRelative(values(batch(f.get("grad_input"))), values(g.dInput()), "grad input");
            assertRelative(values(batch(f.get("grad_h0"))), values(g.dh0()), "grad h0");
            assertRelative(values(batch(f.get("grad_c0"))), values(g.dc0()), "grad c0");
            Prediction p = model.predict(batch(f.get("input")), new LstmState(batch(f.get("h0")), batch(f.get("c0"))));
            assertRelative(values(batch(f.get("output"))), values(p.output()), "prediction");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"float32_tutorial", "float32_two_layer", "float32_wide"})
    void fiveSgdStepsMatchPyTorchFloat32(String name) {
        JsonObject f = Fixtures.load(name);
        JsonObject sgd = f.getAsJsonObject("sgd");
        try (LstmRegressor model = model(f, Precision.FLOAT32)) {
            Sgd optimizer = new Sgd(model.parameters(), SgdOptions.of(sgd.get("lr").getAsDouble()));
            JsonArray losses = sgd.getAsJsonArray("losses");
            SequenceBatch x = batch(f.get("input"));
            SequenceBatch y = batch(f.get("target"));
            for (int step = 0; step < losses.size(); step++) {
                double loss = model.trainStep(x, y, optimizer);
                assertRelative(new double[] {losses.get(step).getAsDouble()}, new double[] {loss}, "loss " + step);
            }
            for (Map.Entry<String, com.google.gson.JsonElement> e : sgd.getAsJsonObject("state_after").entrySet()) {
                assertRelative(flat(e.getValue()), model.parameter(e.getKey()).toArray(), e.getKey() + " after 5 steps");
            }
        }
    }

    /**
     * Adam divides each moment by the root of its square, so an element whose gradient nearly cancels moves
     * by about the learning rate whatever its rounding: there PyTorch's own float32 rounding decides, and
     * even our float64 differs from PyTorch float32 by more than 1e-5 (4.5e-4 relative on weight_ih_l0 of
     * the wide case). Each parameter after five steps agrees within 1e-5, or, where the float64 model's
     * own distance to PyTorch float32 is larger, within four times that distance.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"float32_tutorial", "float32_two_layer", "float32_wide"})
    void fiveAdamAndAdamWStepsMatchPyTorchFloat32(String name) {
        JsonObject f = Fixtures.load(name);
        SequenceBatch x = batch(f.get("input"));
        SequenceBatch y = batch(f.get("target"));
        for (String key : new String[] {"adam", "adamw"}) {
            JsonObject expected = f.getAsJsonObject(key);
            try (LstmRegressor single = model(f, Precision.FLOAT32); LstmRegressor dbl = model(f, Precision.FLOAT64)) {
                Optimizer o32 = adam(key, single);
                Optimizer o64 = adam(key, dbl);
                JsonArray losses = expected.getAsJsonArray("losses");
                for (int step = 0; step < losses.size(); step++) {
                    double loss = single.trainStep(x, y, o32);
                    dbl.trainStep(x, y, o64);
                    assertRelative(new double[] {losses.get(step).getAsDouble()}, new double[] {loss},
                            key + " loss " + step);
                }
                for (Map.Entry<String, com.google.gson.JsonElement> e : expected.getAsJsonObject("state_after").entrySet()) {
                    double[] torch = flat(e.getValue());
                    double err32 = relativeError(torch, single.parameter(e.getKey()).toArray());
                    double err64 = relativeError(torch, dbl.parameter(e.getKey()).toArray());
                    assertTrue(err32 <= Math.max(1e-5, 4 * err64), key + ": " + e.getKey() + " after 5 steps: "
                            + err32 + " relative (float64: " + err64 + ")");
                }
            }
        }
    }

    private static Optimizer adam(String key, LstmRegressor model) {
        return key.equals("adam")
                ? new Adam(model.parameters(), AdamOptions.of(0.01))
                : new AdamW(model.parameters(), AdamOptions.adamW(0.01).withWeightDecay(0.1).withAmsgrad(true));
    }

    private static double relativeError(double[] expected, double[] actual) {
        double maxErr = 0;
        double maxAbs = 0;
        for (int i = 0; i < expected.length; i++) {
            maxErr = Math.max(maxErr, Math.abs(actual[i] - expected[i]));
            maxAbs = Math.max(maxAbs, Math.abs(expected[i]));
        }
        return maxErr / maxAbs;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"float32_tutorial", "float32_two_layer", "float32_wide"})
    void agreesWithFloat64OnTheSameWeights(String name) {
        JsonObject f = Fixtures.load(name);
        try (LstmRegressor single = model(f, Precision.FLOAT32); LstmRegressor dbl = model(f, Precision.FLOAT64)) {
            LstmState initial = new LstmState(batch(f.get("h0")), batch(f.get("c0")));
            LstmState dState = new LstmState(batch(f.get("h_n_weight")), batch(f.get("c_n_weight")));
            RegressorGradients a = single.computeGradients(batch(f.get("input")), batch(f.get("target")), initial, dState);
            RegressorGradients b = dbl.computeGradients(batch(f.get("input")), batch(f.get("target")), initial, dState);
            assertRelative(new double[] {b.loss()}, new double[] {a.loss()}, "loss");
            for (int k = 0; k < single.parameters().size(); k++) {
                assertRelative(dbl.parameters().get(k).gradToArray(), single.parameters().get(k).gradToArray(),
                        "grad " + single.parameters().get(k).name());
            }
            assertRelative(values(b.dInput()), values(a.dInput()), "grad input");
            assertRelative(values(single.predict(batch(f.get("input")))), values(dbl.predict(batch(f.get("input")))),
                    "prediction");
        }
    }

    @Test
    void initialWeightsAreTheFloat64ModelsRoundedAndTakeHalfTheBytes() {
        try (LstmRegressor single = new LstmRegressor(2, 20, 2, 2, true, 9L, Precision.FLOAT32);
                LstmRegressor dbl = new LstmRegressor(2, 20, 2, 2, true, 9L, Precision.FLOAT64)) {
            for (int k = 0; k < dbl.parameters().size(); k++) {
                double[] d = dbl.parameters().get(k).toArray();
                float[] s = single.parameters().get(k).floatValue().data;
                for (int i = 0; i < d.length; i++) {
                    assertEquals((float) d[i], s[i], dbl.parameters().get(k).name() + "[" + i + "]");
                }
            }
            SequenceBatch[] b = DampedRotation.batch(new SplittableRandom(2L), 20);
            Sgd s1 = new Sgd(single.parameters(), SgdOptions.of(0.01).withMomentum(0.9));
            Sgd s2 = new Sgd(dbl.parameters(), SgdOptions.of(0.01).withMomentum(0.9));
            single.trainStep(b[0], b[1], s1);
            dbl.trainStep(b[0], b[1], s2);
            assertEquals(dbl.bytes(), 2 * single.bytes(), "float64 " + dbl.bytes() + ", float32 " + single.bytes());
        }
    }

    @Test
    void trainingStepsGiveTheSameBitsOnOneAndTwoThreads() {
        SplittableRandom rnd = new SplittableRandom(4);
        SequenceBatch x = Fixtures.random(rnd, 25, 16, 4, 1.0);
        SequenceBatch y = Fixtures.random(rnd, 25, 16, 3, 1.0);
        double[][] results = new double[2][];
        for (int threads = 1; threads <= 2; threads++) {
            try (LstmRegressor model = new LstmRegressor(4, 40, 3, 2, true, 3L, Precision.FLOAT32)) {
                model.setThreads(threads);
                Sgd sgd = new Sgd(model.parameters(), SgdOptions.of(0.05).withMomentum(0.9));
                double[] losses = new double[5];
                for (int i = 0; i < 5; i++) {
                    losses[i] = model.trainStep(x, y, sgd);
                }
                double[] all = losses;
                for (Parameter p : model.parameters()) {
                    double[] v = p.toArray();
                    double[] joined = new double[all.length + v.length];
                    System.arraycopy(all, 0, joined, 0, all.length);
                    System.arraycopy(v, 0, joined, all.length, v.length);
                    all = joined;
                }
                results[threads - 1] = all;
            }
        }
        assertArrayEquals(results[0], results[1]);
    }

    @Test
    void steadyStateTrainStepAllocatesNothing() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        try (LstmRegressor model = new LstmRegressor(2, 20, 2, 2, true, 1L, Precision.FLOAT32)) {
            Sgd sgd = new Sgd(model.parameters(), SgdOptions.of(0.01).withMomentum(0.9).withWeightDecay(1e-4));
            SequenceBatch[] b = DampedRotation.batch(new SplittableRandom(2L), 20);
            SequenceBatch other = SequenceBatch.zeros(5, 3, 2);
            for (int i = 0; i < 300; i++) {
                model.trainStep(b[0], b[1], sgd);
            }
            model.trainStep(other, SequenceBatch.zeros(5, 3, 2), sgd);
            model.trainStep(b[0], b[1], sgd);
            int steps = 200;
            long allocated = Long.MAX_VALUE;
            for (int window = 0; window < 20 && allocated > 16L * steps; window++) {
                long before = threads.getThreadAllocatedBytes(thread);
                for (int i = 0; i < steps; i++) {
                    model.trainStep(b[0], b[1], sgd);
                }
                allocated = threads.getThreadAllocatedBytes(thread) - before;
            }
            assertTrue(allocated <= 16L * steps, allocated + " bytes over " + steps + " steps");
        }
    }

    /** The fixture's weights in a new model of {@code precision}. */
    private static LstmRegressor model(JsonObject f, Precision precision) {
        JsonObject c = f.getAsJsonObject("config");
        LstmRegressor model = new LstmRegressor(c.get("input_size").getAsInt(), c.get("hidden_size").getAsInt(),
                c.get("output_size").getAsInt(), c.get("num_layers").getAsInt(), true, 0L, precision);
        for (Map.Entry<String, com.google.gson.JsonElement> e : f.getAsJsonObject("state_dict").entrySet()) {
            model.setParameter(e.getKey(), flat(e.getValue()));
        }
        return model;
    }
}
