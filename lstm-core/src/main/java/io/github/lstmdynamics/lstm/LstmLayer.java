package io.github.lstmdynamics.lstm;

import io.github.lstmdynamics.lstm.LayerSchedule.Phase;
import io.github.lstmdynamics.lstm.kernels.Kernels;
import io.github.lstmdynamics.lstm.kernels.Products;
import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * One LSTM layer: its parameters and its math, forward and backward side by side, laid out as
 * cuDNN-style implementations do (DESIGN.md section 4). A sequence batch is one {@code (T*B) x F}
 * row-major matrix, time-major, so step {@code t} is rows {@code [t*B, (t+1)*B)}:
 * <ul>
 *   <li>forward: the input projections of ALL steps, {@code X W_ih^T + b_ih + b_hh}, in one pass
 *       ({@link #inputProjection}); then per step only {@code h_{t-1} W_hh^T} and the cell's pointwise
 *       math ({@link #recurrence});</li>
 *   <li>backward: per step only the cell's pointwise gradients and {@code dh_{t-1} = dG_t W_hh}
 *       ({@link #backRecurrence}); then {@code dW_ih^T = X^T dG} and {@code dW_hh^T = H_prev^T dG} over
 *       all steps at once ({@link #weightGradients}), added transposed into the gradients with the bias
 *       gradients ({@link #accumulateGradients}), and {@code dX = dG W_ih} ({@link #inputGradient}).</li>
 * </ul>
 * The products go through {@link Products} (which picks the algorithm and the tiles) and the pointwise
 * math through the {@link Kernels}; the arrays live in {@link LayerBuffers}, and {@link LayerSchedule}
 * splits each phase between threads.
 */
final class LstmLayer {

    private final int index;
    private final int in;
    private final int hidden;
    private final int gateWidth;
    private final Parameter weightIh;
    private final Parameter weightHh;
    private final Parameter biasIh;
    private final Parameter biasHh;
    private final Kernels kernels;
    private final LayerBuffers buf;
    private final LayerSchedule schedule;

    /** Input of the last forward, flat (T*B) x in; not owned. */
    private double[] x;
    /** Output h_t: [T, B, H]. */
    final SequenceBatch out;
    /** Gradient of the input: [T, B, in]. */
    final SequenceBatch dX;
    /** Gradient of this layer's output during backward, flat (T*B) x H; not owned. */
    private double[] dOut;
    /** Whether the current backward computes dh_{-1}, the gradient of the initial hidden state. */
    private boolean needDh0;

    LstmLayer(int index, int in, int hidden, boolean bias, Kernels kernels) {
        this.index = index;
        this.in = in;
        this.hidden = hidden;
        this.gateWidth = 4 * hidden;
        this.kernels = kernels;
        this.weightIh = Parameter.matrix("weight_ih_l" + index, gateWidth, in);
        this.weightHh = Parameter.matrix("weight_hh_l" + index, gateWidth, hidden);
        this.biasIh = bias ? Parameter.vector("bias_ih_l" + index, gateWidth) : null;
        this.biasHh = bias ? Parameter.vector("bias_hh_l" + index, gateWidth) : null;
        this.buf = new LayerBuffers(in, hidden);
        this.schedule = new LayerSchedule(this);
        this.out = SequenceBatch.zeros(1, 1, hidden);
        this.dX = SequenceBatch.zeros(1, 1, in);
    }

    List<Parameter> parameters() {
        return biasIh == null ? List.of(weightIh, weightHh) : List.of(weightIh, weightHh, biasIh, biasHh);
    }

    int gateWidth() {
        return gateWidth;
    }

    /** Multiply-adds of one forward pass over {@code T*B} rows, per row: the work measure of the thread threshold. */
    long forwardWorkPerRow() {
        return (long) gateWidth * (in + hidden);
    }

    /** Fits the buffers to {@code (T, B)}; arrays only grow, so alternating shapes allocate once. */
    void ensureShape(int t, int b) {
        buf.ensureShape(t, b);
        out.reshape(t, b, hidden);
        dX.reshape(t, b, in);
    }

    /** Fits the per-part scratch to a pool of {@code parts}. */
    void ensureParts(int parts) {
        buf.ensureParts(parts);
    }

    /** Copies this layer's h_{T-1} and c_{T-1} into the [L, B, H] state buffers. */
    void copyFinalState(double[] hN, double[] cN) {
        int n = buf.batch * hidden;
        System.arraycopy(buf.hs, buf.steps * n, hN, index * n, n);
        System.arraycopy(buf.cells, buf.steps * n, cN, index * n, n);
    }

    /**
     * Forward over all steps. {@code h0}, {@code c0} are [L, B, H] arrays (this layer's block is read)
     * or null for zeros; {@code pool} splits the phases (a pool of one part: the calling thread alone).
     */
    void forward(DMatrixRMaj input, double[] h0, double[] c0, WorkerPool pool) {
        this.x = input.data;
        int stateSize = buf.batch * hidden;
        refreshWeights();
        if (h0 == null) {
            Arrays.fill(buf.hs, 0, stateSize, 0.0);
        } else {
            System.arraycopy(h0, index * stateSize, buf.hs, 0, stateSize);
        }
        if (c0 == null) {
            Arrays.fill(buf.cells, 0, stateSize, 0.0);
        } else {
            System.arraycopy(c0, index * stateSize, buf.cells, 0, stateSize);
        }
        runPhase(Phase.INPUT_PROJECTION, pool);
        runPhase(Phase.RECURRENCE, pool);
        System.arraycopy(buf.hs, stateSize, out.matrix().data, 0, buf.steps * stateSize);
    }

    /**
     * Backward over all steps, from the last to the first. {@code dOutput}: gradient of this layer's
     * output (T*B) x H; {@code dhN}, {@code dcN}: [L, B, H] or null; writes this layer's block of
     * {@code dh0} and {@code dc0}, adds to the parameter gradients, and writes {@link #dX} when
     * {@code needDx}. Without {@code needDh0} the last product {@code dh_{-1} = dG_0 W_hh} is skipped and
     * this layer's block of {@code dh0} is zero.
     */
    void backward(double[] dOutput, double[] dhN, double[] dcN, boolean needDx, boolean needDh0, double[] dh0,
            double[] dc0, WorkerPool pool) {
        this.dOut = dOutput;
        this.needDh0 = needDh0;
        int stateSize = buf.batch * hidden;
        for (int s = 0; s < buf.batch; s++) {
            int off = index * stateSize + s * hidden;
            if (dhN == null) {
                Arrays.fill(buf.dhNext[s], 0.0);
            } else {
                System.arraycopy(dhN, off, buf.dhNext[s], 0, hidden);
            }
            if (dcN == null) {
                Arrays.fill(buf.dcNext[s], 0.0);
            } else {
                System.arraycopy(dcN, off, buf.dcNext[s], 0, hidden);
            }
        }
        runPhase(Phase.BACK_RECURRENCE, pool);
        for (int s = 0; s < buf.batch; s++) {
            int off = index * stateSize + s * hidden;
            System.arraycopy(buf.dhNext[s], 0, dh0, off, hidden);
            System.arraycopy(buf.dcNext[s], 0, dc0, off, hidden);
        }
        runPhase(Phase.WEIGHT_GRADIENTS, pool);
        runPhase(Phase.GRADIENT_ACCUMULATION, pool);
        if (needDx) {
            runPhase(Phase.INPUT_GRADIENT, pool);
        }
        this.dOut = null;
    }

    private void runPhase(Phase p, WorkerPool pool) {
        schedule.run(p, pool, buf.steps, buf.batch, in, hidden);
    }

    // ------------------------------------------------------------------ forward

    /** Rows [r0, r1) of G = X W_ih^T + b_ih + b_hh. */
    void inputProjection(int r0, int r1) {
        double[][] gates = buf.gates;
        for (int r = r0; r < r1; r++) {
            System.arraycopy(buf.biasSum, 0, gates[r], 0, gateWidth);
        }
        Products.multAdd(kernels, x, r0, in, buf.wihT, in, gateWidth, r1 - r0, gates, r0);
    }

    /**
     * Sequences [s0, s1) through all steps: {@code G_t += h_{t-1} W_hh^T}, then the gates of all the
     * part's sequences in one activation pass over a block of their rows (one long loop instead of one
     * per 4H-wide row), {@code c_t = f c_{t-1} + i g} per row, then {@code tanh(c_t)} of all the part's
     * sequences in one pass and {@code h_t = o tanh(c_t)}.
     */
    void recurrence(int s0, int s1, int part) {
        final int hd = hidden;
        final int b = buf.batch;
        final int block = (s1 - s0) * hd;
        final int gw = gateWidth;
        final int blockRows = buf.gateBlockRows();
        double[][] gates = buf.gates;
        double[] hs = buf.hs;
        double[] cells = buf.cells;
        double[] tmp = buf.scratch[part];
        double[] tmp2 = buf.scratch2[part];
        double[] cRow = buf.cellRow[part];
        double[] tBlock = buf.tanhBlock[part];
        double[] gBlock = buf.gateBlock[part];
        for (int step = 0; step < buf.steps; step++) {
            int base = step * b;
            // rows base + s of hs hold h_{t-1} of the sequences s
            Products.multAdd(kernels, hs, base + s0, hd, buf.whhT, hd, gw, s1 - s0, gates, base + s0);
            for (int c0 = s0; c0 < s1; c0 += blockRows) {
                int c1 = Math.min(s1, c0 + blockRows);
                for (int s = c0; s < c1; s++) {
                    System.arraycopy(gates[base + s], 0, gBlock, (s - c0) * gw, gw);
                }
                kernels.activate(buf.gateActivation, (c1 - c0) * gw, tmp, tmp2, gBlock);
                for (int s = c0; s < c1; s++) {
                    System.arraycopy(gBlock, (s - c0) * gw, gates[base + s], 0, gw);
                }
            }
            // c_t = f * c_{t-1} + i * g: c_{t-1} is cells row r, c_t goes to row r + B
            for (int s = s0; s < s1; s++) {
                int r = base + s;
                kernels.cellState(gates[r], hd, cells, r * hd, cRow, (r + b) * hd);
            }
            // tanh(c_t) of sequences [s0, s1): rows base + B + s of cells, contiguous
            int first = (base + s0) * hd;
            System.arraycopy(cells, first + b * hd, tBlock, 0, block);
            kernels.activate(buf.tanhActivation, block, tmp, tmp2, tBlock);
            System.arraycopy(tBlock, 0, buf.tanhCells, first, block);
            // h_t = o * tanh(c_t) enters step t + 1 as row r + B of hs
            for (int s = s0; s < s1; s++) {
                kernels.cellOutput(gates[base + s], hd, tBlock, (s - s0) * hd, cRow, hs, first + (s - s0 + b) * hd);
            }
        }
    }

    // ------------------------------------------------------------------ backward

    /**
     * Sequences [s0, s1) from the last step to the first: the cell's pointwise gradients, then
     * {@code dh_{t-1} = dG_t W_hh}.
     */
    void backRecurrence(int s0, int s1) {
        final int hd = hidden;
        final int b = buf.batch;
        for (int step = buf.steps - 1; step >= 0; step--) {
            int base = step * b;
            for (int s = s0; s < s1; s++) {
                int r = base + s;
                kernels.cellBackward(buf.gates[r], buf.cells, buf.tanhCells, dOut, r * hd, hd, buf.dhNext[s],
                        buf.dcNext[s], buf.dGates[r]);
            }
            // dh_{t-1} = dG_t W_hh (dhNext is zero here, so without it dh_{-1} stays zero)
            if (step > 0 || needDh0) {
                Products.multAdd(kernels, buf.dGates, base + s0, buf.whhRows, gateWidth, hd, s1 - s0, buf.dhNext,
                        s0);
            }
        }
    }

    /**
     * Rows [q0, q1) of the stacked {@code [dW_ih^T; dW_hh^T]} ({@code in + H} rows of 4H), summed over all
     * T*B rows: {@code dW_ih^T = X^T dG}, {@code dW_hh^T = H_prev^T dG}. Each part writes whole rows of
     * its own, so the parts share no cache line.
     */
    void weightGradients(int q0, int q1) {
        int rows = buf.steps * buf.batch;
        int ih1 = Math.min(q1, in);
        int hh0 = Math.max(q0, in) - in;
        int hh1 = q1 - in;
        for (int q = q0; q < ih1; q++) {
            Arrays.fill(buf.dWihT[q], 0, gateWidth, 0.0);
        }
        for (int q = hh0; q < hh1; q++) {
            Arrays.fill(buf.dWhhT[q], 0, gateWidth, 0.0);
        }
        if (q0 < ih1) {
            Products.multAddTransA(kernels, x, in, q0, ih1, buf.dGates, rows, 0, gateWidth, buf.dWihT);
        }
        if (hh0 < hh1) {
            Products.multAddTransA(kernels, buf.hs, hidden, hh0, hh1, buf.dGates, rows, 0, gateWidth, buf.dWhhT);
        }
    }

    /**
     * Columns [j0, j1) of 4H: {@code dW_ih^T} and {@code dW_hh^T} added transposed into the gradients, and
     * the bias gradients (column sums of dG).
     */
    void accumulateGradients(int j0, int j1, int part) {
        addTransposed(buf.dWihT, weightIh.grad().data, in, j0, j1);
        addTransposed(buf.dWhhT, weightHh.grad().data, hidden, j0, j1);
        if (biasIh != null) {
            double[] sum = buf.scratch[part];
            Arrays.fill(sum, j0, j1, 0.0);
            kernels.addColumnSums(buf.dGates, 0, buf.steps * buf.batch, j0, j1, sum);
            double[] dbi = biasIh.grad().data;
            double[] dbh = biasHh.grad().data;
            for (int k = j0; k < j1; k++) {
                dbi[k] += sum[k];
                dbh[k] += sum[k];
            }
        }
    }

    /** {@code w[k * n + q] += t[q][k]} for rows k in [j0, j1) of the n-column gradient w. */
    private static void addTransposed(double[][] t, double[] w, int n, int j0, int j1) {
        for (int k = j0; k < j1; k++) {
            int off = k * n;
            for (int q = 0; q < n; q++) {
                w[off + q] += t[q][k];
            }
        }
    }

    /** Rows [r0, r1) of dX = dG W_ih. */
    void inputGradient(int r0, int r1) {
        Products.mult(kernels, buf.dGates, r0, r1 - r0, buf.wihRows, buf.wihT, gateWidth, in, buf.dxRows,
                dX.matrix().data);
    }

    /** Copies the weights into the row layouts the kernels read, and b_ih + b_hh. */
    private void refreshWeights() {
        if (biasIh != null) {
            double[] bi = biasIh.value().data;
            double[] bh = biasHh.value().data;
            for (int k = 0; k < gateWidth; k++) {
                buf.biasSum[k] = bi[k] + bh[k];
            }
        }
        copyRowsAndTranspose(weightIh.value().data, in, buf.wihRows, buf.wihT);
        copyRowsAndTranspose(weightHh.value().data, hidden, buf.whhRows, buf.whhT);
    }

    /** The 4H x n weight {@code w} as rows and as its transpose. */
    private void copyRowsAndTranspose(double[] w, int n, double[][] rows, double[][] transposed) {
        for (int k = 0; k < gateWidth; k++) {
            double[] row = rows[k];
            System.arraycopy(w, k * n, row, 0, n);
            for (int q = 0; q < n; q++) {
                transposed[q][k] = row[q];
            }
        }
    }
}
