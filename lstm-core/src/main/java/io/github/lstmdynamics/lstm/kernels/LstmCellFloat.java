package io.github.lstmdynamics.lstm.kernels;

/**
 * {@link LstmCell} in float32: the same expressions in the same order, on {@code float} rows.
 * The gate row holds the activated gates {@code [i | f | g | o]}, each {@code hidden} wide.
 * <pre>
 *   forward                                 backward (dh = dOut + dh_next, dc = dc_next)
 *   c_t = f * c_{t-1} + i * g               dc += dh * o * (1 - tanh(c_t)^2)
 *                                           di = dc * g,  df = dc * c_{t-1},  dg = dc * i,  dc_{t-1} = dc * f
 *   h_t = o * tanh(c_t)                     do = dh * tanh(c_t)
 *   i, f, o = sigmoid(.), g = tanh(.)       d pre-activation: di i (1 - i), df f (1 - f), dg (1 - g^2), do o (1 - o)
 * </pre>
 */
final class LstmCellFloat {

    private LstmCellFloat() {
    }

    /** {@code row[j] = f[j] * cells[prevOff + j] + i[j] * g[j]}, then copied to {@code cells[nextOff ..]}. */
    static void state(float[] gates, int hidden, float[] cells, int prevOff, float[] row, int nextOff) {
        for (int j = 0; j < hidden; j++) {
            row[j] = gates[hidden + j] * cells[prevOff + j] + gates[j] * gates[2 * hidden + j];
        }
        System.arraycopy(row, 0, cells, nextOff, hidden);
    }

    /** {@code row[j] = o[j] * tanhCells[tOff + j]}, then copied to {@code h[hOff ..]}. */
    static void output(float[] gates, int hidden, float[] tanhCells, int tOff, float[] row, float[] h,
            int hOff) {
        for (int j = 0; j < hidden; j++) {
            row[j] = gates[3 * hidden + j] * tanhCells[tOff + j];
        }
        System.arraycopy(row, 0, h, hOff, hidden);
    }

    /** The backward of {@link #state} and {@link #output} and the gate nonlinearities (see the class comment). */
    static void backward(float[] g, float[] cells, float[] tanhCells, float[] dOut, int off, int hidden,
            float[] dhNext, float[] dcNext, float[] dg) {
        final int hd = hidden;
        for (int j = 0; j < hd; j++) {
            float ig = g[j];
            float fg = g[hd + j];
            float gg = g[2 * hd + j];
            float og = g[3 * hd + j];
            float tanhCell = tanhCells[off + j];
            // h = o * tanh(c): dh reaches o and c
            float dh = dOut[off + j] + dhNext[j];
            float dOg = dh * tanhCell;
            float dCell = dcNext[j] + dh * og * (1f - tanhCell * tanhCell);
            // c = f * c_prev + i * g
            float dIg = dCell * gg;
            float dFg = dCell * cells[off + j];
            float dGg = dCell * ig;
            dcNext[j] = dCell * fg;
            // through the nonlinearities to the pre-activations
            dg[j] = dIg * ig * (1f - ig);
            dg[hd + j] = dFg * fg * (1f - fg);
            dg[2 * hd + j] = dGg * (1f - gg * gg);
            dg[3 * hd + j] = dOg * og * (1f - og);
        }
        java.util.Arrays.fill(dhNext, 0, hd, 0f);
    }
}
