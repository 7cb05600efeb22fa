package io.github.lstmdynamics.lstm.kernels;

/**
 * The LSTM cell's pointwise math for one row of {@code hidden} units, forward and backward side by side
 * (the scalar form; {@code VectorKernels} computes the same expressions lanewise, in the same order).
 * The gate row holds the activated gates {@code [i | f | g | o]}, each {@code hidden} wide.
 * <pre>
 *   forward                                 backward (dh = dOut + dh_next, dc = dc_next)
 *   c_t = f * c_{t-1} + i * g               dc += dh * o * (1 - tanh(c_t)^2)
 *                                           di = dc * g,  df = dc * c_{t-1},  dg = dc * i,  dc_{t-1} = dc * f
 *   h_t = o * tanh(c_t)                     do = dh * tanh(c_t)
 *   i, f, o = sigmoid(.), g = tanh(.)       d pre-activation: di i (1 - i), df f (1 - f), dg (1 - g^2), do o (1 - o)
 * </pre>
 */
final class LstmCell {

    private LstmCell() {
    }

    /** {@code row[j] = f[j] * cells[prevOff + j] + i[j] * g[j]}, then copied to {@code cells[nextOff ..]}. */
    static void state(double[] gates, int hidden, double[] cells, int prevOff, double[] row, int nextOff) {
        for (int j = 0; j < hidden; j++) {
            row[j] = gates[hidden + j] * cells[prevOff + j] + gates[j] * gates[2 * hidden + j];
        }
        System.arraycopy(row, 0, cells, nextOff, hidden);
    }

    /** {@code row[j] = o[j] * tanhCells[tOff + j]}, then copied to {@code h[hOff ..]}. */
    static void output(double[] gates, int hidden, double[] tanhCells, int tOff, double[] row, double[] h,
            int hOff) {
        for (int j = 0; j < hidden; j++) {
            row[j] = gates[3 * hidden + j] * tanhCells[tOff + j];
        }
        System.arraycopy(row, 0, h, hOff, hidden);
    }

    /** The backward of {@link #state} and {@link #output} and the gate nonlinearities (see the class comment). */
    static void backward(double[] g, double[] cells, double[] tanhCells, double[] dOut, int off, int hidden,
            double[] dhNext, double[] dcNext, double[] dg) {
        final int hd = hidden;
        for (int j = 0; j < hd; j++) {
            double ig = g[j];
            double fg = g[hd + j];
            double gg = g[2 * hd + j];
            double og = g[3 * hd + j];
            double tanhCell = tanhCells[off + j];
            // h = o * tanh(c): dh reaches o and c
            double dh = dOut[off + j] + dhNext[j];
            double dOg = dh * tanhCell;
            double dCell = dcNext[j] + dh * og * (1.0 - tanhCell * tanhCell);
            // c = f * c_prev + i * g
            double dIg = dCell * gg;
            double dFg = dCell * cells[off + j];
            double dGg = dCell * ig;
            dcNext[j] = dCell * fg;
            // through the nonlinearities to the pre-activations
            dg[j] = dIg * ig * (1.0 - ig);
            dg[hd + j] = dFg * fg * (1.0 - fg);
            dg[2 * hd + j] = dGg * (1.0 - gg * gg);
            dg[3 * hd + j] = dOg * og * (1.0 - og);
        }
        java.util.Arrays.fill(dhNext, 0, hd, 0.0);
    }
}
