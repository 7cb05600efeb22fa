package io.github.lstmdynamics.lstm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lstmdynamics.lstm.kernels.Activation;
import io.github.lstmdynamics.lstm.kernels.KernelProvider;
import io.github.lstmdynamics.lstm.kernels.Kernels;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The activations of the kernels in use (the suite runs once per path) agree with the {@link Math#exp} formulas of {@link Activations}. */
class ActivationTest {

    private final Kernels kernels = KernelProvider.kernels();

    /** A few ulp of 1: both sides round differently, the functions are bounded by 1. */
    private static final double TOLERANCE = 5e-16;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4})
    void gateActivationsMatchTheMathExpFormulas(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int hidden = 1 + rnd.nextInt(300);
        double[] x = new double[4 * hidden];
        for (int k = 0; k < x.length; k++) {
            // mostly the range that matters, some far out, some tiny
            double u = rnd.nextDouble();
            x[k] = u < 0.8 ? 6 * rnd.nextGaussian() : u < 0.9 ? rnd.nextDouble(-800, 800) : rnd.nextGaussian() * 1e-9;
        }
        double[] y = x.clone();
        kernels.activate(Activation.gates(hidden, 1), x.length, new double[x.length], new double[x.length], y);
        for (int k = 0; k < x.length; k++) {
            boolean tanh = k / hidden == 2;
            double expected = tanh ? Activations.tanh(x[k]) : Activations.sigmoid(x[k]);
            assertEquals(expected, y[k], TOLERANCE, (tanh ? "tanh(" : "sigmoid(") + x[k] + ")");
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4})
    void aBlockOfGateRowsInOnePassGivesTheBitsOfRowByRow(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int hidden = 1 + rnd.nextInt(40);
        int rows = 1 + rnd.nextInt(30);
        int width = 4 * hidden;
        double[] block = new double[rows * width];
        for (int k = 0; k < block.length; k++) {
            block[k] = 4 * rnd.nextGaussian();
        }
        double[] byRow = block.clone();
        Activation one = Activation.gates(hidden, 1);
        double[] row = new double[width];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(byRow, r * width, row, 0, width);
            kernels.activate(one, width, new double[width], new double[width], row);
            System.arraycopy(row, 0, byRow, r * width, width);
        }
        kernels.activate(Activation.gates(hidden, rows), block.length, new double[block.length], new double[block.length], block);
        assertArrayEquals(byRow, block, 0.0, "hidden " + hidden + ", " + rows + " rows");
    }

    @Test
    void tanhPassAndEdgeCases() {
        double[] x = {0.0, -0.0, 1e-300, 0.5, -0.5, 20.0, -20.0, 354.0, -354.0, 1e300, -1e300,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};
        double[] y = x.clone();
        kernels.activate(Activation.tanh(x.length), x.length, new double[x.length], new double[x.length], y);
        for (int k = 0; k < x.length - 1; k++) {
            assertEquals(Math.tanh(x[k]), y[k], TOLERANCE, "tanh(" + x[k] + ")");
        }
        assertTrue(Double.isNaN(y[x.length - 1]), "tanh(NaN) is NaN");
        double[] s = {-1e300, -745.0, -40.0, 0.0, 40.0, 1e300, Double.NaN};
        double[] z = s.clone();
        Activation sig = Activation.gates(s.length, 1);
        kernels.activate(sig, s.length, new double[4 * s.length], new double[4 * s.length], z); // first block: sigmoid
        for (int k = 0; k < s.length - 1; k++) {
            assertEquals(Activations.sigmoid(s[k]), z[k], TOLERANCE, "sigmoid(" + s[k] + ")");
        }
        assertTrue(Double.isNaN(z[s.length - 1]), "sigmoid(NaN) is NaN");
    }
}
