package io.github.lstmdynamics.lstm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Adam's and AdamW's settings outside PyTorch's ranges are refused, naming the value and the range. */
class OptimizerBadInputTest {

    private static String refused(Runnable call) {
        return assertThrows(IllegalArgumentException.class, call::run).getMessage();
    }

    @ParameterizedTest(name = "beta {0}")
    @ValueSource(doubles = {-0.1, 1.0, 1.5, Double.NaN})
    void betasOutsideZeroToOneAreRefused(double beta) {
        AdamOptions base = AdamOptions.of(0.01);
        assertEquals("Invalid beta parameter at index 0: " + beta + " (expected 0 <= beta1 < 1)",
                refused(() -> base.withBetas(beta, 0.999)));
        assertEquals("Invalid beta parameter at index 1: " + beta + " (expected 0 <= beta2 < 1)",
                refused(() -> base.withBetas(0.9, beta)));
    }

    @ParameterizedTest(name = "eps {0}")
    @ValueSource(doubles = {0.0, -1e-8, Double.NaN, Double.POSITIVE_INFINITY})
    void epsNotPositiveIsRefused(double eps) {
        assertEquals("Invalid epsilon value: " + eps + " (must be finite and > 0)",
                refused(() -> AdamOptions.of(0.01).withEps(eps)));
    }

    @ParameterizedTest(name = "weight decay {0}")
    @ValueSource(doubles = {-1e-4, Double.NaN, Double.NEGATIVE_INFINITY})
    void negativeWeightDecayIsRefused(double weightDecay) {
        assertEquals("Invalid weight_decay value: " + weightDecay + " (must be finite and >= 0)",
                refused(() -> AdamOptions.adamW(0.01).withWeightDecay(weightDecay)));
    }

    @ParameterizedTest(name = "lr {0}")
    @ValueSource(doubles = {-0.1, Double.NaN, Double.POSITIVE_INFINITY})
    void aLearningRateBelowZeroOrNotFiniteIsRefusedEverywhere(double lr) {
        String expected = "Invalid learning rate: " + lr + " (must be finite and >= 0)";
        assertEquals(expected, refused(() -> AdamOptions.of(lr)));
        Adam adam = new Adam(new LstmRegressor(1, 1, 1, 1L).parameters(), AdamOptions.of(0.1));
        assertEquals(expected, refused(() -> adam.setLearningRate(lr)));
        Sgd sgd = new Sgd(new LstmRegressor(1, 1, 1, 1L).parameters(), SgdOptions.of(0.1));
        assertEquals(expected, refused(() -> sgd.setLearningRate(lr)));
    }

    @Test
    void stateOfTheWrongLengthIsRefusedNamingTheParameter() {
        AdamW adamW = new AdamW(new LstmRegressor(2, 3, 2, 1L).parameters(), AdamOptions.adamW(0.01));
        assertEquals("exp_avg of lstm.weight_ih_l0 (parameter 0): 5 values do not fit shape [12, 2] (24 elements)",
                refused(() -> adamW.setExpAvg(0, new double[5])));
        assertEquals("step count must be at least 0, got -1", refused(() -> adamW.setStepCount(-1)));
        assertEquals("max_exp_avg_sq exists only with amsgrad",
                assertThrows(IllegalStateException.class, () -> adamW.setMaxExpAvgSq(0, new double[24])).getMessage());
    }
}
