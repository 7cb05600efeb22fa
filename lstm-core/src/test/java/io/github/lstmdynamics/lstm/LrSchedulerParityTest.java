package io.github.lstmdynamics.lstm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each schedule's learning rate over 100 epochs equals torch.optim.lr_scheduler's (torch 1.13) to 1e-15,
 * ReduceLROnPlateau fed the fixture's fixed metric sequence; and a schedule saved with stateDict() and
 * restored half-way goes on with the same bits. Fixtures: tools/reference/lstm/make_optim_fixtures.py.
 */
class LrSchedulerParityTest {

    private static final Map<String, Function<Optimizer, LrScheduler>> SCHEDULES = Map.of(
            "lr_step", o -> new StepLR(o, 7, 0.5),
            "lr_exponential", o -> new ExponentialLR(o, 0.95),
            "lr_cosine", o -> new CosineAnnealingLR(o, 30, 0.001),
            "lr_cosine_long", o -> new CosineAnnealingLR(o, 100, 0.0),
            "lr_plateau_min_rel", o -> new ReduceLROnPlateau(o, PlateauOptions.defaults().withPatience(3)
                    .withFactor(0.5).withThreshold(1e-2, PlateauOptions.ThresholdMode.REL).withCooldown(2)
                    .withMinLr(1e-4)),
            "lr_plateau_max_abs", o -> new ReduceLROnPlateau(o, PlateauOptions.defaults()
                    .withMode(PlateauOptions.Mode.MAX).withPatience(2).withFactor(0.3)
                    .withThreshold(1e-3, PlateauOptions.ThresholdMode.ABS)),
            "lr_plateau_defaults", o -> new ReduceLROnPlateau(o, PlateauOptions.defaults()));

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lr_step", "lr_exponential", "lr_cosine", "lr_cosine_long", "lr_plateau_min_rel",
        "lr_plateau_max_abs", "lr_plateau_defaults"})
    void hundredEpochsMatchPyTorch(String name) {
        JsonObject f = Fixtures.load(name);
        Sgd sgd = new Sgd(List.of(new LstmRegressor(1, 1, 1, 1L).parameters().get(0)),
                SgdOptions.of(f.get("lr").getAsDouble()));
        LrScheduler schedule = SCHEDULES.get(name).apply(sgd);
        assertEquals(0, schedule.lastEpoch());
        assertEquals(f.get("lr").getAsDouble(), sgd.learningRate(), "building a schedule leaves the rate");
        JsonArray lrs = f.getAsJsonArray("lrs");
        double[] metrics = f.has("metrics") ? Fixtures.flat(f.get("metrics")) : null;
        for (int epoch = 0; epoch < lrs.size(); epoch++) {
            step(schedule, metrics == null ? 0 : metrics[epoch]);
            double expected = lrs.get(epoch).getAsDouble();
            assertTrue(Math.abs(sgd.learningRate() - expected) <= 1e-15,
                    name + " epoch " + (epoch + 1) + ": expected " + expected + ", got " + sgd.learningRate());
            assertEquals(sgd.learningRate(), schedule.lastLr());
            assertEquals(epoch + 1, schedule.lastEpoch());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lr_step", "lr_exponential", "lr_cosine", "lr_cosine_long", "lr_plateau_min_rel",
        "lr_plateau_max_abs", "lr_plateau_defaults"})
    void aRestoredScheduleGoesOnWithTheSameBits(String name) {
        JsonObject f = Fixtures.load(name);
        double[] metrics = f.has("metrics") ? Fixtures.flat(f.get("metrics")) : new double[100];
        Sgd whole = new Sgd(List.of(new LstmRegressor(1, 1, 1, 1L).parameters().get(0)),
                SgdOptions.of(f.get("lr").getAsDouble()));
        LrScheduler uninterrupted = SCHEDULES.get(name).apply(whole);
        Sgd first = new Sgd(List.of(new LstmRegressor(1, 1, 1, 1L).parameters().get(0)),
                SgdOptions.of(f.get("lr").getAsDouble()));
        LrScheduler interrupted = SCHEDULES.get(name).apply(first);
        for (int epoch = 0; epoch < 37; epoch++) {
            step(uninterrupted, metrics[epoch]);
            step(interrupted, metrics[epoch]);
        }
        Sgd second = new Sgd(first.parameters(), first.options());
        second.setLearningRate(first.learningRate());
        LrScheduler resumed = LrScheduler.fromStateDict(second, interrupted.stateDict());
        assertEquals(interrupted.stateDict(), resumed.stateDict());
        for (int epoch = 37; epoch < 100; epoch++) {
            step(uninterrupted, metrics[epoch]);
            step(resumed, metrics[epoch]);
            assertEquals(Double.doubleToRawLongBits(whole.learningRate()), Double.doubleToRawLongBits(second.learningRate()),
                    "epoch " + (epoch + 1));
        }
        assertEquals(uninterrupted.stateDict(), resumed.stateDict());
    }

    @Test
    void aScheduleWorksWithAdamToo() {
        Adam adam = new Adam(new LstmRegressor(1, 2, 1, 3L).parameters(), AdamOptions.of(0.01));
        ExponentialLR schedule = new ExponentialLR(adam, 0.5);
        schedule.step();
        schedule.step();
        assertEquals(0.0025, adam.learningRate());
    }

    @Test
    void badStatesAndSettingsAreRefusedNamingTheValue() {
        Sgd sgd = new Sgd(new LstmRegressor(1, 1, 1, 1L).parameters(), SgdOptions.of(0.1));
        assertEquals("step_size must be at least 1, got 0",
                org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                        () -> new StepLR(sgd, 0, 0.1)).getMessage());
        assertEquals("factor must be in [0, 1), got 1.0",
                org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                        () -> PlateauOptions.defaults().withFactor(1.0)).getMessage());
        Map<String, String> state = new java.util.LinkedHashMap<>(new StepLR(sgd, 3, 0.5).stateDict());
        state.put("last_epoch", "-2");
        assertEquals("schedule state 'last_epoch' = '-2' is not a non-negative integer",
                org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                        () -> LrScheduler.fromStateDict(sgd, state)).getMessage());
        state.put("type", "OneCycleLR");
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> LrScheduler.fromStateDict(sgd, state)).getMessage().startsWith("schedule type 'OneCycleLR'"));
    }

    static void step(LrScheduler schedule, double metric) {
        if (schedule instanceof StepLR s) {
            s.step();
        } else if (schedule instanceof ExponentialLR s) {
            s.step();
        } else if (schedule instanceof CosineAnnealingLR s) {
            s.step();
        } else {
            ((ReduceLROnPlateau) schedule).step(metric);
        }
    }
}
