package io.github.lstmdynamics.lstm;

import static io.github.lstmdynamics.lstm.Fixtures.assertClose;
import static io.github.lstmdynamics.lstm.Fixtures.batch;
import static io.github.lstmdynamics.lstm.Fixtures.flat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Outputs, losses, gradients and optimizer steps against PyTorch 1.13 in float64 (fixtures in resources). */
class PyTorchParityTest {

    private static final double TOL = 1e-10;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lstm_tutorial", "lstm_random_state", "lstm_two_layer", "lstm_long", "lstm_no_bias"})
    void forwardAndEveryGradientMatchPyTorch(String name) {
        JsonObject f = Fixtures.load(name);
        LstmRegressor model = Fixtures.model(f);
        assertEquals(new ArrayList<>(f.getAsJsonObject("state_dict").keySet()), names(model), "state_dict order");
        SequenceBatch x = batch(f.get("input"));
        SequenceBatch y = batch(f.get("target"));
        boolean randomState = f.has("h0");
        SequenceBatch h0 = randomState ? batch(f.get("h0")) : null;
        SequenceBatch c0 = randomState ? batch(f.get("c0")) : null;
        MseLoss mse = new MseLoss(MseLoss.Reduction.valueOf(
                f.getAsJsonObject("config").get("reduction").getAsString().toUpperCase(Locale.ROOT)));

        LstmOutput out = model.lstm().forward(x, h0, c0);
        SequenceBatch prediction = model.output().forward(out.output());
        SequenceBatch dPrediction = SequenceBatch.zeros(x.steps(), x.batchSize(), model.outputSize());
        double loss = mse.compute(prediction, y, dPrediction);

        assertClose(batch(f.get("output")), prediction, TOL, "output");
        assertClose(batch(f.get("h_n")), out.hN(), TOL, "h_n");
        assertClose(batch(f.get("c_n")), out.cN(), TOL, "c_n");
        assertClose(new double[] {f.get("loss").getAsDouble()}, new double[] {loss}, TOL, "loss");
        if (!randomState) {
            assertClose(batch(f.get("output")), model.predict(x), TOL, "predict");
        }

        for (Parameter p : model.parameters()) {
            p.zeroGrad();
        }
        SequenceBatch dHidden = model.output().backward(dPrediction);
        LstmGradients g = randomState
                ? model.lstm().backward(dHidden, batch(f.get("h_n_weight")), batch(f.get("c_n_weight")))
                : model.lstm().backward(dHidden);

        JsonObject grads = f.getAsJsonObject("grads");
        assertEquals(grads.size(), model.parameters().size());
        for (Map.Entry<String, JsonElement> e : grads.entrySet()) {
            Parameter p = model.parameter(e.getKey());
            assertClose(flat(e.getValue()), Arrays.copyOf(p.grad().data, p.size()), TOL, "grad " + e.getKey());
        }
        assertClose(batch(f.get("grad_input")), g.dInput(), TOL, "grad input");
        if (randomState) {
            assertClose(batch(f.get("grad_h0")), g.dh0(), TOL, "grad h0");
            assertClose(batch(f.get("grad_c0")), g.dc0(), TOL, "grad c0");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sgd_plain", "sgd_momentum_weight_decay", "sgd_nesterov", "sgd_dampening"})
    void fiveSgdStepsMatchPyTorch(String name) {
        JsonObject f = Fixtures.load(name);
        LstmRegressor model = Fixtures.model(f);
        JsonObject args = f.getAsJsonObject("sgd");
        SgdOptions options = new SgdOptions(args.get("lr").getAsDouble(), number(args, "momentum"),
                number(args, "dampening"), number(args, "weight_decay"),
                args.has("nesterov") && args.get("nesterov").getAsBoolean());
        Sgd sgd = new Sgd(model.parameters(), options);
        SequenceBatch x = batch(f.get("input"));
        SequenceBatch y = batch(f.get("target"));
        JsonArray losses = f.getAsJsonArray("losses");
        JsonArray states = f.getAsJsonArray("state_after");
        assertEquals(5, losses.size());
        for (int step = 0; step < losses.size(); step++) {
            double loss = model.trainStep(x, y, sgd);
            assertClose(new double[] {losses.get(step).getAsDouble()}, new double[] {loss}, TOL, "loss " + step);
            for (Map.Entry<String, JsonElement> e : states.get(step).getAsJsonObject().entrySet()) {
                assertClose(flat(e.getValue()), model.parameter(e.getKey()).toArray(), TOL,
                        e.getKey() + " after step " + (step + 1));
            }
        }
    }

    @Test
    void clipGradNormMatchesPyTorch() {
        JsonObject f = Fixtures.load("clip_grad_norm");
        LstmRegressor model = Fixtures.model(f);
        SequenceBatch x = batch(f.get("input"));
        SequenceBatch y = batch(f.get("target"));
        for (JsonElement c : f.getAsJsonArray("cases")) {
            JsonObject clip = c.getAsJsonObject();
            model.computeGradients(x, y);
            double total = GradientClipping.clipGradNorm(model.parameters(), clip.get("max_norm").getAsDouble());
            assertClose(new double[] {clip.get("total_norm").getAsDouble()}, new double[] {total}, TOL, "total norm");
            for (Map.Entry<String, JsonElement> e : clip.getAsJsonObject("grads").entrySet()) {
                Parameter p = model.parameter(e.getKey());
                assertClose(flat(e.getValue()), Arrays.copyOf(p.grad().data, p.size()), TOL,
                        "clipped grad " + e.getKey() + " (max_norm " + clip.get("max_norm") + ")");
            }
        }
    }

    private static List<String> names(LstmRegressor model) {
        List<String> names = new ArrayList<>();
        for (Parameter p : model.parameters()) {
            names.add(p.name());
        }
        return names;
    }

    private static double number(JsonObject o, String key) {
        return o.has(key) ? o.get(key).getAsDouble() : 0.0;
    }
}
