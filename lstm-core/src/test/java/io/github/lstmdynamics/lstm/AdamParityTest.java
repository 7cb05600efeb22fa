package io.github.lstmdynamics.lstm;

import static io.github.lstmdynamics.lstm.Fixtures.assertClose;
import static io.github.lstmdynamics.lstm.Fixtures.batch;
import static io.github.lstmdynamics.lstm.Fixtures.flat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Adam and AdamW against torch.optim.Adam / AdamW (torch 1.13, float64, single-tensor path): 10 training
 * steps on a fresh batch each give torch's losses, parameters after every step and final optimizer state
 * (step, exp_avg, exp_avg_sq, max_exp_avg_sq) to 1e-10. Fixtures: tools/reference/lstm/make_optim_fixtures.py.
 */
class AdamParityTest {

    private static final double TOL = 1e-10;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"adam_default", "adam_betas_eps_weight_decay", "adam_amsgrad", "adamw", "adamw_amsgrad"})
    void tenStepsMatchPyTorch(String name) {
        JsonObject f = Fixtures.load(name);
        LstmRegressor model = Fixtures.model(f);
        Optimizer optimizer = optimizer(f, model.parameters());
        JsonArray inputs = f.getAsJsonArray("inputs");
        JsonArray targets = f.getAsJsonArray("targets");
        for (int step = 0; step < inputs.size(); step++) {
            double loss = model.trainStep(batch(inputs.get(step)), batch(targets.get(step)), optimizer);
            assertClose(new double[] {f.getAsJsonArray("losses").get(step).getAsDouble()}, new double[] {loss}, TOL,
                    "loss " + step);
            JsonObject after = f.getAsJsonArray("state_after").get(step).getAsJsonObject();
            for (Map.Entry<String, JsonElement> e : after.entrySet()) {
                assertClose(flat(e.getValue()), model.parameter(e.getKey()).toArray(), TOL,
                        e.getKey() + " after step " + (step + 1));
            }
        }
        JsonObject state = f.getAsJsonObject("optimizer_state");
        List<Parameter> parameters = model.parameters();
        for (int k = 0; k < parameters.size(); k++) {
            String p = parameters.get(k).name();
            JsonObject s = state.getAsJsonObject(p);
            assertEquals(s.get("step").getAsDouble(), (double) stepCount(optimizer), p + " step");
            assertClose(flat(s.get("exp_avg")), expAvg(optimizer, k), TOL, p + " exp_avg");
            assertClose(flat(s.get("exp_avg_sq")), expAvgSq(optimizer, k), TOL, p + " exp_avg_sq");
            if (s.has("max_exp_avg_sq")) {
                assertClose(flat(s.get("max_exp_avg_sq")), maxExpAvgSq(optimizer, k), TOL, p + " max_exp_avg_sq");
            }
        }
    }

    @Test
    void defaultsArePyTorchs() {
        JsonObject adam = Fixtures.load("adam_default").getAsJsonObject("defaults");
        assertEquals(options(adam), AdamOptions.of(AdamOptions.DEFAULT_LEARNING_RATE));
        JsonObject adamW = Fixtures.load("adamw").getAsJsonObject("defaults");
        assertEquals(options(adamW).withAmsgrad(false), AdamOptions.adamW(adamW.get("lr").getAsDouble()));
    }

    private static AdamOptions options(JsonObject group) {
        JsonArray betas = group.getAsJsonArray("betas");
        return new AdamOptions(group.get("lr").getAsDouble(), betas.get(0).getAsDouble(), betas.get(1).getAsDouble(),
                group.get("eps").getAsDouble(), group.get("weight_decay").getAsDouble(),
                group.get("amsgrad").getAsBoolean());
    }

    static Optimizer optimizer(JsonObject f, List<Parameter> parameters) {
        AdamOptions options = options(f.getAsJsonObject("defaults"));
        return f.get("optimizer").getAsString().equals("AdamW")
                ? new AdamW(parameters, options) : new Adam(parameters, options);
    }

    static long stepCount(Optimizer o) {
        return ((Adam) o).stepCount();
    }

    static double[] expAvg(Optimizer o, int k) {
        return ((Adam) o).expAvg(k);
    }

    static double[] expAvgSq(Optimizer o, int k) {
        return ((Adam) o).expAvgSq(k);
    }

    static double[] maxExpAvgSq(Optimizer o, int k) {
        return ((Adam) o).maxExpAvgSq(k);
    }
}
