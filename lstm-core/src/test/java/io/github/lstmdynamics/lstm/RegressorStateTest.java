package io.github.lstmdynamics.lstm;

import static io.github.lstmdynamics.lstm.Fixtures.assertClose;
import static io.github.lstmdynamics.lstm.Fixtures.batch;
import static io.github.lstmdynamics.lstm.Fixtures.flat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * LstmRegressor with states in and out: PyTorch's cases with random (h0, c0) pass through the model's own
 * calls (predict, computeGradients) with every gradient, including those of the input, h0 and c0; a long
 * sequence predicted in chunks gives the bits of one call; closed-loop rollouts are what they say.
 */
class RegressorStateTest {

    private static final double TOL = 1e-10;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lstm_random_state", "lstm_two_layer"})
    void randomInitialStatesMatchPyTorchThroughTheModel(String name) {
        JsonObject f = Fixtures.load(name);
        LstmRegressor model = Fixtures.model(f);
        SequenceBatch x = batch(f.get("input"));
        SequenceBatch y = batch(f.get("target"));
        LstmState initial = new LstmState(batch(f.get("h0")), batch(f.get("c0")));

        Prediction p = model.predict(x, initial);
        assertClose(batch(f.get("output")), p.output(), TOL, "output");
        assertClose(batch(f.get("h_n")), p.finalState().h(), TOL, "h_n");
        assertClose(batch(f.get("c_n")), p.finalState().c(), TOL, "c_n");

        LstmState finalGradient = new LstmState(batch(f.get("h_n_weight")), batch(f.get("c_n_weight")));
        RegressorGradients g = model.computeGradients(x, y, initial, finalGradient);
        assertClose(new double[] {f.get("loss").getAsDouble()}, new double[] {g.loss()}, TOL, "loss");
        assertClose(batch(f.get("h_n")), g.finalState().h(), TOL, "h_n of the gradient call");
        for (Map.Entry<String, JsonElement> e : f.getAsJsonObject("grads").entrySet()) {
            Parameter q = model.parameter(e.getKey());
            assertClose(flat(e.getValue()), Arrays.copyOf(q.grad().data, q.size()), TOL, "grad " + e.getKey());
        }
        assertClose(batch(f.get("grad_input")), g.dInput(), TOL, "grad input");
        assertClose(batch(f.get("grad_h0")), g.dh0(), TOL, "grad h0");
        assertClose(batch(f.get("grad_c0")), g.dc0(), TOL, "grad c0");
    }

    /** Chunk lengths that add up to 60 steps; one to three threads. */
    @ParameterizedTest(name = "seed {0}: chunks {1}, {2} thread(s)")
    @CsvSource({"1, 60, 1", "2, 1 1 58, 1", "3, 7 13 40, 1", "4, 30 30, 2", "5, 20 1 19 20, 2", "6, 59 1, 3"})
    void chunkedPredictionIsBitIdenticalToOneCall(long seed, String chunks, int threads) {
        SplittableRandom random = new SplittableRandom(seed);
        LstmRegressor model = new LstmRegressor(3, 24, 2, 2, true, seed);
        model.setThreads(threads);
        SequenceBatch x = Fixtures.random(random, 60, 5, 3, 2.0);
        LstmState initial = new LstmState(Fixtures.random(random, 2, 5, 24, 1.0), Fixtures.random(random, 2, 5, 24, 1.0));
        Prediction whole = model.predict(x, initial);

        LstmState state = initial;
        double[] pieces = new double[60 * 5 * 2];
        int start = 0;
        for (String chunk : chunks.split(" ")) {
            int length = Integer.parseInt(chunk);
            SequenceBatch part = SequenceBatch.zeros(length, 5, 3);
            System.arraycopy(x.matrix().data, start * 5 * 3, part.matrix().data, 0, length * 5 * 3);
            Prediction p = model.predict(part, state);
            System.arraycopy(p.output().matrix().data, 0, pieces, start * 5 * 2, length * 5 * 2);
            state = p.finalState();
            start += length;
        }
        assertEquals(60, start);
        assertArrayEquals(Fixtures.values(whole.output()), pieces);
        assertArrayEquals(Fixtures.values(whole.finalState().h()), Fixtures.values(state.h()));
        assertArrayEquals(Fixtures.values(whole.finalState().c()), Fixtures.values(state.c()));
        model.setThreads(1);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void initialConditionRolloutIsThePredictionOfX0ThenZeros(long seed) {
        LstmRegressor model = new LstmRegressor(2, 8, 2, seed);
        SequenceBatch x0 = Fixtures.random(new SplittableRandom(seed), 1, 4, 2, 5.0);
        SequenceBatch input = SequenceBatch.zeros(50, 4, 2);
        System.arraycopy(x0.matrix().data, 0, input.matrix().data, 0, 8);
        Prediction rollout = model.rollout(x0, 50, RolloutMode.INITIAL_CONDITION, null);
        assertArrayEquals(Fixtures.values(model.predict(input)), Fixtures.values(rollout.output()));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void autoregressiveRolloutFeedsEachPredictionBackAsTheNextInput(long seed) {
        LstmRegressor model = new LstmRegressor(2, 8, 2, 2, true, seed);
        SplittableRandom random = new SplittableRandom(seed);
        SequenceBatch x0 = Fixtures.random(random, 1, 3, 2, 1.0);
        LstmState initial = new LstmState(Fixtures.random(random, 2, 3, 8, 1.0), Fixtures.random(random, 2, 3, 8, 1.0));
        Prediction rollout = model.rollout(x0, 30, RolloutMode.AUTOREGRESSIVE, initial);
        // the same run as one call over the inputs it was fed: x0, then its own predictions
        SequenceBatch fed = SequenceBatch.zeros(30, 3, 2);
        System.arraycopy(x0.matrix().data, 0, fed.matrix().data, 0, 6);
        System.arraycopy(rollout.output().matrix().data, 0, fed.matrix().data, 6, 29 * 6);
        Prediction replay = model.predict(fed, initial);
        assertArrayEquals(Fixtures.values(replay.output()), Fixtures.values(rollout.output()));
        assertArrayEquals(Fixtures.values(replay.finalState().h()), Fixtures.values(rollout.finalState().h()));
    }

    @ParameterizedTest(name = "state [{0}, {1}, {2}]")
    @CsvSource({"3, 4, 6", "1, 4, 6", "2, 5, 6", "2, 4, 7"})
    void statesNotOfShapeLBHAreRefusedNamingTheShapeAndTheExpectedOne(int layers, int batch, int hidden) {
        LstmRegressor model = new LstmRegressor(2, 6, 2, 2, true, 1L);
        SequenceBatch x = SequenceBatch.zeros(5, 4, 2);
        SequenceBatch y = SequenceBatch.zeros(5, 4, 2);
        LstmState state = LstmState.zeros(layers, batch, hidden);
        String expected = "h0 [" + layers + ", " + batch + ", " + hidden + "] does not fit input [5, 4, 2] and 2"
                + " layer(s) of hidden size 6: expected [2, 4, 6]";
        assertEquals(expected, assertThrows(IllegalArgumentException.class, () -> model.predict(x, state)).getMessage());
        assertEquals(expected, assertThrows(IllegalArgumentException.class,
                () -> model.computeGradients(x, y, state, null)).getMessage());
        Sgd sgd = new Sgd(model.parameters(), SgdOptions.of(0.1));
        assertEquals(expected, assertThrows(IllegalArgumentException.class,
                () -> model.trainStep(x, y, sgd, state)).getMessage());
        assertEquals(expected.replace("h0 ", "h0 ").replace("input [5, 4, 2]", "input [1, 4, 2]"),
                assertThrows(IllegalArgumentException.class,
                        () -> model.rollout(SequenceBatch.zeros(1, 4, 2), 3, RolloutMode.AUTOREGRESSIVE, state))
                        .getMessage());
    }

    @org.junit.jupiter.api.Test
    void aWrongCellStateAloneIsRefusedNamingC0() {
        LstmRegressor model = new LstmRegressor(2, 6, 2, 2, true, 1L);
        assertEquals("c0 [2, 4, 5] does not fit input [5, 4, 2] and 2 layer(s) of hidden size 6: expected [2, 4, 6]",
                assertThrows(IllegalArgumentException.class, () -> model.lstm().forward(SequenceBatch.zeros(5, 4, 2),
                        SequenceBatch.zeros(2, 4, 6), SequenceBatch.zeros(2, 4, 5))).getMessage());
    }

    @org.junit.jupiter.api.Test
    void hAndCOfDifferentShapesAreRefused() {
        assertEquals("h [2, 4, 6] and c [2, 4, 5] must have the same shape [L, B, H]",
                assertThrows(IllegalArgumentException.class,
                        () -> new LstmState(SequenceBatch.zeros(2, 4, 6), SequenceBatch.zeros(2, 4, 5))).getMessage());
    }
}
