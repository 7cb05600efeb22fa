package io.github.lstmdynamics.lstm;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;

/**
 * The weight-gradient GEMM of a layer over all time steps, {@code dW += dG^T Y} ({@code dG}: (T*B) x G,
 * {@code Y}: (T*B) x n, {@code dW}: G x n), written for the shapes of BPTT: n is small (the input or hidden
 * size) and G = 4H is the long side.
 *
 * <p>EJML's {@code multAddTransA} runs its inner loop along n (as short as 2 for the tutorial's input) with
 * row offsets on both arrays, and took about 40% of a tutorial-size training step in a JFR profile. Here the
 * product is accumulated transposed, {@code dW^T += Y^T dG}, one row of {@code dG} at a time: each row is
 * copied into a zero-based scratch array and added, scaled, into zero-based rows of {@code dW^T} of length G,
 * a loop shape the JIT vectorizes. The transposed sum is added into {@code dW} once at the end.
 */
final class WeightGradientKernel {

    private final int gateWidth;
    private final int n;
    /** dW^T, n rows of G. */
    private final double[][] transposed;
    /** One row of dG. */
    private final double[] row;

    WeightGradientKernel(int gateWidth, int n) {
        this.gateWidth = gateWidth;
        this.n = n;
        this.transposed = new double[n][gateWidth];
        this.row = new double[gateWidth];
    }

    /** {@code dW += dG^T Y} over the first {@code rows} rows of {@code dG} and {@code y}. */
    void addTransAProduct(DMatrixRMaj dG, DMatrixRMaj y, int rows, DMatrixRMaj dW) {
        final int g = gateWidth;
        for (double[] t : transposed) {
            Arrays.fill(t, 0.0);
        }
        double[] d = dG.data;
        double[] yd = y.data;
        double[] scratch = row;
        for (int r = 0; r < rows; r++) {
            System.arraycopy(d, r * g, scratch, 0, g);
            int yOff = r * n;
            for (int j = 0; j < n; j++) {
                double a = yd[yOff + j];
                double[] t = transposed[j];
                for (int k = 0; k < g; k++) {
                    t[k] += a * scratch[k];
                }
            }
        }
        double[] w = dW.data;
        for (int j = 0; j < n; j++) {
            double[] t = transposed[j];
            for (int k = 0; k < g; k++) {
                w[k * n + j] += t[k];
            }
        }
    }
}
