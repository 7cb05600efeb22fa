package io.github.lstmdynamics.lstm;

import io.github.lstmdynamics.lstm.kernels.Activation;
import io.github.lstmdynamics.lstm.kernels.ArrayKernels;
import io.github.lstmdynamics.lstm.kernels.Products;
import java.util.List;

/**
 * Every array an {@link LstmLayer} computes in, and their growth, in one place. The activations and
 * gradients are sized per {@code (T, B)} shape, the scratch per thread ("part"); arrays only grow, so
 * alternating shapes allocate once and the steady-state step allocates nothing. Rows carry
 * {@link #ROW_PADDING} spare elements, so that rows written by different threads never share a cache
 * line.
 * The arrays are of the model's precision ({@code V} is {@code double[]} or {@code float[]}, {@code M} its
 * rows), allocated through the kernels.
 */
final class LayerBuffers<V, M> {

    /** Elements of gate rows activated in one pass (16 KiB per array). */
    private static final int GATE_BLOCK = 2048;
    /**
     * Elements added at the end of every row, so that rows written by different threads share no cache
     * line (64 bytes in float64; in float32 the array header adds the other half). In elements, so that a
     * float32 model takes exactly half the bytes of a float64 one.
     */
    private static final int ROW_PADDING = 8;

    private final ArrayKernels<V, M> k;
    private final int in;
    private final int hidden;
    private final int gateWidth;

    // ---- weights in the layouts the kernels read, refreshed at every forward ----
    /** b_ih + b_hh, zeros without bias. */
    final V biasSum;
    /** W_ih^T: {@code in} rows of 4H (input projection). */
    final M wihT;
    /** W_ih: 4H rows of {@code in} (input gradient). */
    final M wihRows;
    /** W_hh^T: H x 4H, packed for the kernels' products (forward recurrence). */
    final M whhT;
    /** W_hh: 4H x H, packed for the kernels' products (backward recurrence). */
    final M whhRows;
    /** dW_ih^T and dW_hh^T accumulated over all steps, then added transposed into the gradients. */
    final M dWihT;
    final M dWhhT;

    // ---- activations, per (T, B) shape ----
    int steps;
    int batch;
    /** The gate activations of a block of {@link #gateBlockRows()} rows of 4H. */
    Activation gateActivation;
    /** Tanh over a block of B*H cells (all sequences of one step). */
    Activation tanhActivation;
    /** Gate pre-activations, then in place activations [i | f | g | o]: T*B rows of 4H. */
    M gates;
    /** h0 then h_0 ... h_{T-1}, flat ((T+1)*B) x H: rows [0, T*B) are h_{t-1} for the dW_hh product. */
    V hs;
    /** c0 then c_0 ... c_{T-1}, flat ((T+1)*B) x H. */
    V cells;
    /** tanh(c_t), flat (T*B) x H. */
    V tanhCells;

    // ---- gradients, per (T, B) shape ----
    /** Gradient of the gate pre-activations: T*B rows of 4H. */
    M dGates;
    /** dh and dc flowing from step t to step t-1: B rows of H each. */
    M dhNext;
    M dcNext;
    /** The input gradient as T*B rows of {@code in} while the product is formed (wide inputs only). */
    M dxRows;

    // ---- per-part scratch ----
    int parts = 1;
    M scratch;
    M scratch2;
    M cellRow;
    /** tanh(c_t) of a part's sequences in one step, B*H long, so that one activation pass covers them. */
    M tanhBlock;
    /** A block of gate rows of a part's sequences in one step, {@link #gateBlockRows()} times 4H long. */
    M gateBlock;

    LayerBuffers(ArrayKernels<V, M> kernels, int in, int hidden) {
        this.k = kernels;
        this.in = in;
        this.hidden = hidden;
        this.gateWidth = 4 * hidden;
        this.biasSum = k.newVector(gateWidth);
        this.wihT = k.newRows(in, gateWidth);
        this.wihRows = k.newRows(gateWidth, in);
        this.whhT = k.newPacked(hidden, gateWidth);
        this.whhRows = k.newPacked(gateWidth, hidden);
        M none = k.newRows(0, 0);
        this.dWihT = growRows(none, in, gateWidth);
        this.dWhhT = growRows(none, hidden, gateWidth);
        this.gates = none;
        this.dGates = none;
        this.dhNext = none;
        this.dcNext = none;
        this.dxRows = none;
        this.scratch = none;
        this.scratch2 = none;
        this.cellRow = none;
        this.tanhBlock = none;
        this.gateBlock = none;
        this.hs = k.newVector(0);
        this.cells = k.newVector(0);
        this.tanhCells = k.newVector(0);
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
     * elements.
     */
    M growRows(M rows, int n, int width) {
        int count = k.rowCount(rows);
        boolean wideEnough = count == 0 || k.length(k.row(rows, 0)) >= width;
        if (count >= n && wideEnough) {
            return rows;
        }
        int w = count == 0 ? width : Math.max(width, k.length(k.row(rows, 0)) - ROW_PADDING);
        return k.withRows(wideEnough ? rows : k.newRows(0, 0), Math.max(n, count), w + ROW_PADDING);
    }

    private V grow(V a, int n) {
        return k.length(a) >= n ? a : k.newVector(n);
    }

    /** Bytes of all the arrays held: the measure of a model's memory. */
    long bytes() {
        long n = k.length(biasSum);
        for (M m : List.of(wihT, wihRows, whhT, whhRows, dWihT, dWhhT, gates, dGates, dhNext, dcNext, dxRows,
                scratch, scratch2, cellRow, tanhBlock, gateBlock)) {
            for (int r = 0; r < k.rowCount(m); r++) {
                n += k.length(k.row(m, r));
            }
        }
        n += k.length(hs) + k.length(cells) + k.length(tanhCells);
        return n * k.elementBytes();
    }
}
