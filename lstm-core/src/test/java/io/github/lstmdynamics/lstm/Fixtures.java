package io.github.lstmdynamics.lstm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

/** Reads the PyTorch reference fixtures written by tools/reference/lstm/make_fixtures.py. */
final class Fixtures {

    private Fixtures() {
    }

    static JsonObject load(String name) {
        String path = "/reference/" + name + ".json";
        try (InputStream in = Fixtures.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + path);
            }
            return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double[] flat(JsonElement element) {
        JsonArray a = element.getAsJsonArray();
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).getAsDouble();
        }
        return v;
    }

    /** A [T][B][F] nested list as a time-major batch. */
    static SequenceBatch batch(JsonElement element) {
        JsonArray outer = element.getAsJsonArray();
        double[][][] tbf = new double[outer.size()][][];
        for (int t = 0; t < tbf.length; t++) {
            JsonArray middle = outer.get(t).getAsJsonArray();
            tbf[t] = new double[middle.size()][];
            for (int b = 0; b < tbf[t].length; b++) {
                tbf[t][b] = flat(middle.get(b));
            }
        }
        return SequenceBatch.fromArray(tbf);
    }

    /** The tutorial's model with the fixture's configuration and PyTorch's weights. */
    static LstmRegressor model(JsonObject fixture) {
        JsonObject c = fixture.getAsJsonObject("config");
        LstmRegressor model = new LstmRegressor(c.get("input_size").getAsInt(), c.get("hidden_size").getAsInt(),
                c.get("output_size").getAsInt(), c.get("num_layers").getAsInt(), c.get("bias").getAsBoolean(), 0L);
        setState(model, fixture.getAsJsonObject("state_dict"));
        return model;
    }

    static void setState(LstmRegressor model, JsonObject stateDict) {
        assertEquals(stateDict.size(), model.parameters().size(), "parameter count");
        for (Map.Entry<String, JsonElement> e : stateDict.entrySet()) {
            model.setParameter(e.getKey(), flat(e.getValue()));
        }
    }

    /** |actual - expected| <= tol * max(1, |expected|) element by element. */
    static void assertClose(double[] expected, double[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            double err = Math.abs(actual[i] - expected[i]);
            assertTrue(err <= tol * Math.max(1.0, Math.abs(expected[i])),
                    what + "[" + i + "]: expected " + expected[i] + ", got " + actual[i] + " (error " + err + ")");
        }
    }

    static void assertClose(SequenceBatch expected, SequenceBatch actual, double tol, String what) {
        assertEquals(expected.shape(), actual.shape(), what + ": shape");
        assertClose(values(expected), values(actual), tol, what);
    }

    static double[] values(SequenceBatch b) {
        return Arrays.copyOf(b.matrix().data, b.steps() * b.batchSize() * b.features());
    }

    /** A {@code [t, b, f]} batch of numbers drawn uniformly from {@code (-scale, scale)}, in storage order. */
    static SequenceBatch random(SplittableRandom rnd, int t, int b, int f, double scale) {
        SequenceBatch s = SequenceBatch.zeros(t, b, f);
        double[] d = s.matrix().data;
        for (int k = 0; k < t * b * f; k++) {
            d[k] = rnd.nextDouble(-scale, scale);
        }
        return s;
    }
}
