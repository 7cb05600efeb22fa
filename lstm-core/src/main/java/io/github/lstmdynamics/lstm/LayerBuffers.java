package io.github.lstmdynamics.lstm;

import io.github.lstmdynamics.lstm.kernels.Activation;
import io.github.lstmdynamics.lstm.kernels.Products;

/**
 * Every array an {@link LstmLayer} computes in, and their growth, in one place. The activations and
 * gradients are sized per {@code (T, B)} shape, the scratch per thread ("part"); arrays only grow, so
 * alternating shapes allocate once and the steady-state step allocates nothing. Rows ({@code double[][]})
 * carry {@link #ROW_PADDING} spare doubles, so that rows written by different threads never share a cache
 * line.
 */
final class LayerBuffers {

    /** Elements of gate rows activated in one pass (16 KiB per array). */
    private static final int GATE_BLOCK = 2048;
    /** Doubles added at the end of every row, so that rows written by different threads share no cache line. */
    private static final int ROW_PADDING = 8;

    private final int in;
    private final int hidden;
    private final int gateWidth;

    // ---- weights in the layouts the kernels read, refreshed at every forward ----
    /** b_ih + b_hh, zeros without bias. */
    final double[] biasSum;
    /** W_ih^T: {@code in} rows of 4H (input projection). */
    final double[][] wihT;
    /** W_ih: 4H rows of {@code in} (input gradient). */
    final double[][] wihRows;
    /** W_hh^T: H rows of 4H (forward recurrence). */
    final double[][] whhT;
    /** W_hh: 4H rows of H (backward recurrence). */
    final double[][] whhRows;
    /** dW_ih^T and dW_hh^T accumulated over all steps, then added transposed into the gradients. */
    final double[][] dWihT;
    final double[][] dWhhT;

    // ---- activations, per (T, B) shape ----
    int steps;
    int batch;
    /** The gate activations of a block of {@link #gateBlockRows()} rows of 4H. */
    Activation gateActivation;
    /** Tanh over a block of B*H cells (all sequences of one step). */
    Activation tanhActivation;
    /** Gate pre-activations, then in place activations [i | f | g | o]: T*B rows of 4H. */
    double[][] gates = new double[0][];
    /** h0 then h_0 ... h_{T-1}, flat ((T+1)*B) x H: rows [0, T*B) are h_{t-1} for the dW_hh product. */
    double[] hs = new double[0];
    /** c0 then c_0 ... c_{T-1}, flat ((T+1)*B) x H. */
    double[] cells = new double[0];
    /** tanh(c_t), flat (T*B) x H. */
    double[] tanhCells = new double[0];

    // ---- gradients, per (T, B) shape ----
    /** Gradient of the gate pre-activations: T*B rows of 4H. */
    double[][] dGates = new double[0][];
    /** dh and dc flowing from step t to step t-1: B rows of H each. */
    double[][] dhNext = new double[0][];
    double[][] dcNext = new double[0][];
    /** The input gradient as T*B rows of {@code in} while the product is formed (wide inputs only). */
    double[][] dxRows = new double[0][];

    // ---- per-part scratch ----
    int parts = 1;
    double[][] scratch = new double[0][];
    double[][] scratch2 = new double[0][];
    double[][] cellRow = new double[0][];
    /** tanh(c_t) of a part's sequences in one step, B*H long, so that one activation pass covers them. */
    double[][] tanhBlock = new double[0][];
    /** A block of gate rows of a part's sequences in one step, {@link #gateBlockRows()} times 4H long. */
    double[][] gateBlock = new double[0][];

    LayerBuffers(int in, int hidden) {
        this.in = in;
        this.hidden = hidden;
        this.gateWidth = 4 * hidden;
        this.biasSum = new double[gateWidth];
        this.wihT = new double[in][gateWidth];
        this.wihRows = new double[gateWidth][in];
        this.whhT = new double[hidden][gateWidth];
        this.whhRows = new double[gateWidth][hidden];
        this.dWihT = growRows(new double[0][], in, gateWidth);
        this.dWhhT = growRows(new double[0][], hidden, gateWidth);
        this.gateActivation = Activation.gates(hidden, 1);
        this.tanhActivation = Activation.tanh(hidden);
        fitScratch();
    }

    /** Fits the buffers to {@code (T, B)}. */
    void ensureShape(int t, int b) {
        steps = t;
        batch = b;
        int rows = t * b;
        gates = growRows(gates, rows, gateWidth);
        dGates = growRows(dGates, rows, gateWidth);
        if (in >= Products.NARROW) {
            dxRows = growRows(dxRows, rows, in);
        }
        dhNext = growRows(dhNext, b, hidden);
        dcNext = growRows(dcNext, b, hidden);
        hs = grow(hs, (rows + b) * hidden);
        cells = grow(cells, (rows + b) * hidden);
        tanhCells = grow(tanhCells, rows * hidden);
        if (tanhActivation.columns() < b * hidden) {
            tanhActivation = Activation.tanh(b * hidden);
        }
        if (gateActivation.columns() < gateBlockRows() * gateWidth) {
            gateActivation = Activation.gates(hidden, gateBlockRows());
        }
        fitScratch();
    }

    /** Fits the per-part scratch rows to a pool of {@code parts}. */
    void ensureParts(int n) {
        this.parts = n;
        fitScratch();
    }

    private void fitScratch() {
        int block = batch * hidden;
        int gateBlockWidth = gateBlockRows() * gateWidth;
        int width = Math.max(Math.max(gateWidth, in), Math.max(block, gateBlockWidth));
        scratch = growRows(scratch, parts, width);
        scratch2 = growRows(scratch2, parts, width);
        cellRow = growRows(cellRow, parts, hidden);
        tanhBlock = growRows(tanhBlock, parts, block);
        gateBlock = growRows(gateBlock, parts, gateBlockWidth);
    }

    /**
     * Gate rows activated in one pass: as many of the batch as fit {@link #GATE_BLOCK} elements, at least
     * one (the pass's six arrays then stay in L2).
     */
    int gateBlockRows() {
        return Math.max(1, Math.min(batch, GATE_BLOCK / gateWidth));
    }

    /**
     * {@code n} or more rows, all of at least {@code width}: the same array when it already has them,
     * else one that keeps the old rows if they are wide enough. New rows get {@link #ROW_PADDING} more
     * doubles.
     */
    static double[][] growRows(double[][] rows, int n, int width) {
        boolean wideEnough = rows.length == 0 || rows[0].length >= width;
        if (rows.length >= n && wideEnough) {
            return rows;
        }
        int w = rows.length == 0 ? width : Math.max(width, rows[0].length - ROW_PADDING);
        double[][] grown = new double[Math.max(n, rows.length)][];
        for (int r = 0; r < grown.length; r++) {
            grown[r] = wideEnough && r < rows.length ? rows[r] : new double[w + ROW_PADDING];
        }
        return grown;
    }

    private static double[] grow(double[] a, int n) {
        return a.length >= n ? a : new double[n];
    }
}
