package io.github.lstmdynamics.lstm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A training step never leaves the model broken or silently untrained (issue 17, items 8 and 9): an update
 * that would make a parameter non-finite is undone, parameters and optimizer state alike, with an error
 * naming the first bad parameter; an optimizer over another model's parameters is refused before any work.
 */
class StepSafetyTest {

    /** Each optimizer with a sane and an absurd learning rate (1e308 overflows every update). */
    private static Optimizer optimizer(String kind, List<Parameter> parameters, double lr) {
        return switch (kind) {
            case "sgd" -> new Sgd(parameters, SgdOptions.of(lr));
            case "sgd-momentum" -> new Sgd(parameters, SgdOptions.of(lr).withMomentum(0.9).withNesterov(true));
            case "adam" -> new Adam(parameters, AdamOptions.of(lr).withWeightDecay(0.01));
            case "adam-amsgrad" -> new Adam(parameters, AdamOptions.of(lr).withAmsgrad(true));
            default -> new AdamW(parameters, AdamOptions.adamW(lr).withAmsgrad(true));
        };
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sgd", "sgd-momentum", "adam", "adam-amsgrad", "adamw-amsgrad"})
    void anUpdateToInfinityIsUndoneParametersAndStateAlike(String kind) {
        SequenceBatch[] xy = DampedRotation.batch(new SplittableRandom(4L), 3);
        LstmRegressor a = new LstmRegressor(2, 3, 2, 2, true, 9L);
        LstmRegressor b = new LstmRegressor(2, 3, 2, 2, true, 9L);
        Optimizer optA = optimizer(kind, a.parameters(), 0.05);
        Optimizer optB = optimizer(kind, b.parameters(), 0.05);
        for (int i = 0; i < 3; i++) {
            a.trainStep(xy[0], xy[1], optA);
            b.trainStep(xy[0], xy[1], optB);
        }
        optA.setLearningRate(1e308);
        SequenceBatch far = scaled(xy[1], 1e4);
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> a.trainStep(xy[0], far, optA));
        assertTrue(e.getMessage().startsWith("training step: the update made lstm.weight_ih_l0 "), e.getMessage());
        assertTrue(e.getMessage().endsWith("; the step is undone: parameters and optimizer state are as before it"),
                e.getMessage());
        optA.setLearningRate(0.05);
        assertSameParameters(b, a);
        assertSameState(optB, optA);
        // the undone step left nothing behind: both go on with the same bits
        for (int i = 0; i < 2; i++) {
            assertEquals(b.trainStep(xy[0], xy[1], optB), a.trainStep(xy[0], xy[1], optA));
        }
        assertSameParameters(b, a);
        assertSameState(optB, optA);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sgd", "adam", "adamw-amsgrad"})
    void anUndoneFirstStepLeavesNoStateBehind(String kind) {
        SequenceBatch[] xy = DampedRotation.batch(new SplittableRandom(5L), 2);
        LstmRegressor a = new LstmRegressor(2, 3, 2, 1, true, 2L);
        LstmRegressor b = new LstmRegressor(2, 3, 2, 1, true, 2L);
        Optimizer optA = optimizer(kind, a.parameters(), 1e308);
        Optimizer optB = optimizer(kind, b.parameters(), 0.05);
        assertThrows(ArithmeticException.class, () -> a.trainStep(xy[0], scaled(xy[1], 1e4), optA));
        optA.setLearningRate(0.05);
        assertEquals(b.trainStep(xy[0], xy[1], optB), a.trainStep(xy[0], xy[1], optA));
        assertSameParameters(b, a);
        assertSameState(optB, optA);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sgd", "adam", "adamw-amsgrad"})
    void anOptimizerOverAnotherModelsParametersIsRefusedBeforeAnyWork(String kind) {
        SequenceBatch[] xy = DampedRotation.batch(new SplittableRandom(6L), 2);
        LstmRegressor model = new LstmRegressor(2, 3, 2, 1, true, 2L);
        LstmRegressor other = new LstmRegressor(2, 3, 2, 1, true, 2L);
        Optimizer foreign = optimizer(kind, other.parameters(), 0.05);
        double[] before = model.parameter("output.weight").toArray();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.trainStep(xy[0], xy[1], foreign));
        assertEquals("the optimizer does not update lstm.weight_ih_l0 of this model (it updates 6 other"
                + " parameter(s)); build it over model.parameters()", e.getMessage());
        assertArrayEquals(before, model.parameter("output.weight").toArray());
        assertArrayEquals(new double[6], other.parameter("output.weight").grad().data);
        // half the model is not enough either
        Optimizer half = optimizer(kind, model.lstm().parameters(), 0.05);
        assertEquals("the optimizer does not update output.weight of this model (it updates 4 other parameter(s));"
                + " build it over model.parameters()", assertThrows(IllegalArgumentException.class,
                        () -> model.trainStep(xy[0], xy[1], half)).getMessage());
        // the same storage under the layers' own names is the model's
        Optimizer parts = optimizer(kind, concat(model.lstm().parameters(), model.output().parameters()), 0.05);
        model.trainStep(xy[0], xy[1], parts);
    }

    private static SequenceBatch scaled(SequenceBatch batch, double factor) {
        SequenceBatch copy = batch.copy();
        double[] d = copy.matrix().data;
        for (int k = 0; k < d.length; k++) {
            d[k] *= factor;
        }
        return copy;
    }

    private static List<Parameter> concat(List<Parameter> a, List<Parameter> b) {
        java.util.ArrayList<Parameter> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static void assertSameParameters(LstmRegressor expected, LstmRegressor actual) {
        for (int i = 0; i < expected.parameters().size(); i++) {
            Parameter p = expected.parameters().get(i);
            assertArrayEquals(p.toArray(), actual.parameters().get(i).toArray(), p.name());
        }
    }

    private static void assertSameState(Optimizer expected, Optimizer actual) {
        assertEquals(expected.learningRate(), actual.learningRate());
        for (int k = 0; k < expected.parameters().size(); k++) {
            final int index = k;
            for (Function<Optimizer, double[]> buffer : List.<Function<Optimizer, double[]>>of(
                    o -> o instanceof Sgd s ? s.momentumBuffer(index) : AdamParityTest.expAvg(o, index),
                    o -> o instanceof Sgd ? null : AdamParityTest.expAvgSq(o, index),
                    o -> o instanceof Sgd ? null : AdamParityTest.maxExpAvgSq(o, index))) {
                assertArrayEquals(buffer.apply(expected), buffer.apply(actual), "state of parameter " + k);
            }
        }
        if (!(expected instanceof Sgd)) {
            assertEquals(AdamParityTest.stepCount(expected), AdamParityTest.stepCount(actual), "step count");
        }
    }
}
