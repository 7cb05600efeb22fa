package io.github.lstmdynamics.lstm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every kind of bad input is rejected with IllegalArgumentException (or ArithmeticException) and a clear message. */
class BadInputTest {

    private final LstmRegressor model = new LstmRegressor(2, 3, 2, 2, true, 1L);

    private static IllegalArgumentException rejects(Runnable call) {
        return assertThrows(IllegalArgumentException.class, call::run);
    }

    @Test
    void sizesBelowOneAreRejected() {
        assertEquals("inputSize must be at least 1, got 0", rejects(() -> new Lstm(0, 3, 1, true, 1L)).getMessage());
        assertEquals("hiddenSize must be at least 1, got -2", rejects(() -> new Lstm(2, -2, 1, true, 1L)).getMessage());
        assertEquals("numLayers must be at least 1, got 0", rejects(() -> new Lstm(2, 3, 0, true, 1L)).getMessage());
        assertEquals("outputSize must be at least 1, got 0",
                rejects(() -> new LstmRegressor(2, 3, 0, 1L)).getMessage());
        assertEquals("inFeatures and outFeatures must be at least 1, got 0 and 2",
                rejects(() -> new Linear(0, 2, true, 1L)).getMessage());
        assertEquals("sizes must be at least 1, got [0, 1, 1]", rejects(() -> SequenceBatch.zeros(0, 1, 1)).getMessage());
    }

    @Test
    void inputFeaturesThatDoNotFitTheInputSizeAreRejected() {
        SequenceBatch x = SequenceBatch.zeros(4, 3, 5);
        assertEquals("input [4, 3, 5] does not fit the LSTM's input size 2: expected [4, 3, 2]",
                rejects(() -> model.predict(x)).getMessage());
        assertEquals("input [4, 3, 5] does not fit Linear(3 -> 2): expected [4, 3, 3]",
                rejects(() -> model.output().forward(x)).getMessage());
    }

    @Test
    void targetThatDoesNotFitTheOutputIsRejected() {
        SequenceBatch x = SequenceBatch.zeros(4, 3, 2);
        SequenceBatch y = SequenceBatch.zeros(4, 2, 2);
        Sgd sgd = new Sgd(model.parameters(), SgdOptions.of(0.1));
        assertEquals("target [4, 2, 2] does not fit input [4, 3, 2] and output size 2: expected [4, 3, 2]",
                rejects(() -> model.trainStep(x, y, sgd)).getMessage());
        assertEquals("target [4, 2, 2] does not fit prediction [4, 3, 2]",
                rejects(() -> new MseLoss().value(x, y)).getMessage());
    }

    @Test
    void initialStatesThatDoNotFitLayersAndBatchAreRejected() {
        Lstm lstm = model.lstm();
        SequenceBatch x = SequenceBatch.zeros(4, 3, 2);
        assertEquals("h0 [1, 3, 3] does not fit input [4, 3, 2] and 2 layer(s) of hidden size 3: expected [2, 3, 3]",
                rejects(() -> lstm.forward(x, SequenceBatch.zeros(1, 3, 3), null)).getMessage());
        assertEquals("c0 [2, 4, 3] does not fit input [4, 3, 2] and 2 layer(s) of hidden size 3: expected [2, 3, 3]",
                rejects(() -> lstm.forward(x, null, SequenceBatch.zeros(2, 4, 3))).getMessage());
    }

    @Test
    void gradientsThatDoNotFitTheLastForwardAreRejected() {
        Lstm lstm = new Lstm(2, 3, 1, true, 1L);
        assertEquals("backward needs a forward pass first",
                assertThrows(IllegalStateException.class, () -> lstm.backward(SequenceBatch.zeros(4, 3, 3)))
                        .getMessage());
        lstm.forward(SequenceBatch.zeros(4, 3, 2));
        assertEquals("dOutput [4, 2, 3] does not fit the output [4, 3, 3] of the last forward pass",
                rejects(() -> lstm.backward(SequenceBatch.zeros(4, 2, 3))).getMessage());
        assertEquals("dh_n [2, 3, 3] does not fit the state [1, 3, 3] of the last forward pass",
                rejects(() -> lstm.backward(SequenceBatch.zeros(4, 3, 3), SequenceBatch.zeros(2, 3, 3), null))
                        .getMessage());
    }

    @Test
    void nonFiniteInputIsRejectedNamingStepAndSequence() {
        SequenceBatch x = SequenceBatch.zeros(4, 3, 2);
        x.set(2, 1, 0, Double.NaN);
        assertEquals("input [4, 3, 2] holds NaN at time step 2, sequence 1, feature 0",
                rejects(() -> model.predict(x)).getMessage());
        x.set(2, 1, 0, 0.0);
        x.set(3, 2, 1, Double.NEGATIVE_INFINITY);
        Sgd sgd = new Sgd(model.parameters(), SgdOptions.of(0.1));
        assertEquals("input [4, 3, 2] holds -Infinity at time step 3, sequence 2, feature 1",
                rejects(() -> model.trainStep(x, SequenceBatch.zeros(4, 3, 2), sgd)).getMessage());
    }

    @Test
    void nonFiniteTargetIsRejectedNamingStepAndSequence() {
        SequenceBatch y = SequenceBatch.zeros(4, 3, 2);
        y.set(1, 2, 1, Double.POSITIVE_INFINITY);
        Sgd sgd = new Sgd(model.parameters(), SgdOptions.of(0.1));
        double[] before = model.parameter("lstm.weight_hh_l1").toArray();
        assertEquals("target [4, 3, 2] holds Infinity at time step 1, sequence 2, feature 1",
                rejects(() -> model.trainStep(SequenceBatch.zeros(4, 3, 2), y, sgd)).getMessage());
        assertArrayEquals(before, model.parameter("lstm.weight_hh_l1").toArray());
    }

    @Test
    void nonFiniteInitialStateIsRejected() {
        SequenceBatch h0 = SequenceBatch.zeros(2, 3, 3);
        h0.set(1, 0, 2, Double.NaN);
        assertEquals("h0 [2, 3, 3] holds NaN at layer 1, sequence 0, feature 2",
                rejects(() -> model.lstm().forward(SequenceBatch.zeros(4, 3, 2), h0, null)).getMessage());
    }

    @ParameterizedTest(name = "lr {0}")
    @ValueSource(doubles = {0.0, -0.1, Double.NaN, Double.POSITIVE_INFINITY})
    void learningRateNotPositiveOrNotFiniteIsRejected(double lr) {
        assertEquals("Invalid learning rate: " + lr + " (must be finite and > 0)",
                rejects(() -> SgdOptions.of(lr)).getMessage());
    }

    @Test
    void invalidOptimizerSettingsAreRejectedAsPyTorchDoes() {
        SgdOptions base = SgdOptions.of(0.1);
        assertEquals("Invalid momentum value: -0.5 (must be finite and >= 0)",
                rejects(() -> base.withMomentum(-0.5)).getMessage());
        assertEquals("Invalid weight_decay value: -1.0E-4 (must be finite and >= 0)",
                rejects(() -> base.withWeightDecay(-1e-4)).getMessage());
        assertEquals("Invalid dampening value: NaN (must be finite)",
                rejects(() -> base.withDampening(Double.NaN)).getMessage());
        assertEquals("Nesterov momentum requires a momentum and zero dampening (momentum 0.0, dampening 0.0)",
                rejects(() -> base.withNesterov(true)).getMessage());
        assertEquals("Nesterov momentum requires a momentum and zero dampening (momentum 0.9, dampening 0.1)",
                rejects(() -> new SgdOptions(0.1, 0.9, 0.1, 0.0, true)).getMessage());
        assertEquals("optimizer got an empty parameter list",
                rejects(() -> new Sgd(java.util.List.of(), base)).getMessage());
        assertEquals("maxNorm must be >= 0, got -1.0",
                rejects(() -> GradientClipping.clipGradNorm(model.parameters(), -1.0)).getMessage());
    }

    @Test
    void parametersOfTheWrongShapeOrNameAreRejected() {
        assertEquals("lstm.weight_ih_l0: 5 values do not fit shape [12, 2] (24 elements)",
                rejects(() -> model.setParameter("lstm.weight_ih_l0", new double[5])).getMessage());
        assertEquals("output.weight: matrix of 3 x 2 does not fit shape [2, 3]",
                rejects(() -> model.setParameter("output.weight", new DMatrixRMaj(3, 2))).getMessage());
        assertEquals("no parameter named 'lstm.weight'; the parameters are [lstm.weight_ih_l0, lstm.weight_hh_l0,"
                + " lstm.bias_ih_l0, lstm.bias_hh_l0, lstm.weight_ih_l1, lstm.weight_hh_l1, lstm.bias_ih_l1,"
                + " lstm.bias_hh_l1, output.weight, output.bias]",
                rejects(() -> model.parameter("lstm.weight")).getMessage());
        assertEquals("ragged array [T][B][F]: [1][0] has length 1, [0][0] has 2",
                rejects(() -> SequenceBatch.fromArray(new double[][][] {{{1, 2}}, {{3}}})).getMessage());
    }

    /**
     * A target so large that the loss overflows: the step throws, and the parameters AND the momentum
     * buffers are as before; a twin that never saw the bad batch continues bit-identically.
     */
    @Test
    void nonFiniteLossThrowsAndLeavesParametersAndMomentumUnchanged() {
        SequenceBatch[] good = DampedRotation.batch(new SplittableRandom(4L), 3);
        SequenceBatch hugeTarget = good[1].copy();
        hugeTarget.set(0, 0, 0, 1e200);
        LstmRegressor a = new LstmRegressor(2, 3, 2, 2, true, 9L);
        LstmRegressor b = new LstmRegressor(2, 3, 2, 2, true, 9L);
        SgdOptions options = SgdOptions.of(0.05).withMomentum(0.9).withWeightDecay(0.01);
        Sgd sgdA = new Sgd(a.parameters(), options);
        Sgd sgdB = new Sgd(b.parameters(), options);
        for (int i = 0; i < 3; i++) {
            a.trainStep(good[0], good[1], sgdA);
            b.trainStep(good[0], good[1], sgdB);
        }
        ArithmeticException e = assertThrows(ArithmeticException.class,
                () -> a.trainStep(good[0], hugeTarget, sgdA));
        assertEquals("training step: the loss is Infinity; parameters left unchanged", e.getMessage());
        assertSameParameters(b, a);
        a.trainStep(good[0], good[1], sgdA);
        b.trainStep(good[0], good[1], sgdB);
        assertSameParameters(b, a);
    }

    /**
     * A finite loss whose gradient overflows: an output gate shut to about 1e-144 keeps the prediction finite
     * while the readout weight of 1e290 sends an infinite gradient into the LSTM.
     */
    @Test
    void nonFiniteGradientThrowsNamingTheParameterAndLeavesParametersAndMomentumUnchanged() {
        LstmRegressor a = new LstmRegressor(1, 1, 1, 1, true, 3L);
        LstmRegressor b = new LstmRegressor(1, 1, 1, 1, true, 3L);
        SequenceBatch x = SequenceBatch.fromArray(new double[][][] {{{1.0}}});
        SequenceBatch y = SequenceBatch.fromArray(new double[][][] {{{0.5}}});
        SgdOptions options = SgdOptions.of(0.1).withMomentum(0.5);
        Sgd sgdA = new Sgd(a.parameters(), options);
        Sgd sgdB = new Sgd(b.parameters(), options);
        a.trainStep(x, y, sgdA);
        b.trainStep(x, y, sgdB);
        double[] goodBias = a.parameter("lstm.bias_ih_l0").toArray();
        double[] goodWeight = a.parameter("output.weight").toArray();
        a.setParameter("lstm.bias_ih_l0", new double[] {0, 0, 0, -330});
        a.setParameter("output.weight", new double[] {1e290});
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> a.trainStep(x, y, sgdA));
        assertTrue(e.getMessage().startsWith("training step: the gradient of lstm.weight_ih_l0 is "), e.getMessage());
        assertTrue(e.getMessage().endsWith("; parameters left unchanged"), e.getMessage());
        assertArrayEquals(new double[] {0, 0, 0, -330}, a.parameter("lstm.bias_ih_l0").toArray());
        assertArrayEquals(new double[] {1e290}, a.parameter("output.weight").toArray());
        a.setParameter("lstm.bias_ih_l0", goodBias);
        a.setParameter("output.weight", goodWeight);
        assertSameParameters(b, a);
        a.trainStep(x, y, sgdA);
        b.trainStep(x, y, sgdB);
        assertSameParameters(b, a);
    }

    private static void assertSameParameters(LstmRegressor expected, LstmRegressor actual) {
        for (int i = 0; i < expected.parameters().size(); i++) {
            Parameter p = expected.parameters().get(i);
            assertArrayEquals(p.toArray(), actual.parameters().get(i).toArray(), p.name());
        }
    }
}
