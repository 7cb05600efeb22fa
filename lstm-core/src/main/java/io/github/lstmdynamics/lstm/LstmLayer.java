package io.github.lstmdynamics.lstm;

import io.github.lstmdynamics.lstm.LayerSchedule.Phase;
import io.github.lstmdynamics.lstm.kernels.ArrayKernels;
import io.github.lstmdynamics.lstm.kernels.Kernels;
import io.github.lstmdynamics.lstm.kernels.Products;
import java.util.List;

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
 *
 * <p>The algorithm is written once for both precisions: {@code V} is the flat array type
 * ({@code double[]} for float64, {@code float[]} for float32) and {@code M} its rows; only the
 * {@link ArrayKernels} given to the constructor are specific to a precision.
 */
final class LstmLayer<V, M> {

    private final int index;
    private final int in;
    private final int hidden;
    private final int gateWidth;
    private final Parameter weightIh;
    private final Parameter weightHh;
    private final Parameter biasIh;
    private final Parameter biasHh;
    private final ArrayKernels<V, M> kernels;
    private final LayerBuffers<V, M> buf;
    private final LayerSchedule schedule;

    /** Input of the last forward, flat (T*B) x in; not owned. */
    private V x;
    /** Output h_t, flat [T, B, H]. */
    V out;
    /** Gradient of the input, flat [T, B, in]. */
    V dX;
    /** Gradient of this layer's output during backward, flat (T*B) x H; not owned. */
    private V dOut;
    /** Whether the current backward computes dh_{-1}, the gradient of the initial hidden state. */
    private boolean needDh0;

    LstmLayer(int index, int in, int hidden, boolean bias, Precision precision, ArrayKernels<V, M> kernels) {
        this.index = index;
        this.in = in;
        this.hidden = hidden;
        this.gateWidth = 4 * hidden;
        this.kernels = kernels;
        this.weightIh = Parameter.matrix("weight_ih_l" + index, gateWidth, in, precision);
        this.weightHh = Parameter.matrix("weight_hh_l" + index, gateWidth, hidden, precision);
        this.biasIh = bias ? Parameter.vector("bias_ih_l" + index, gateWidth, precision) : null;
        this.biasHh = bias ? Parameter.vector("bias_hh_l" + index, gateWidth, precision) : null;
        this.buf = new LayerBuffers<>(kernels, in, hidden);
        this.schedule = new LayerSchedule(this);
        this.out = kernels.newVector(hidden);
        this.dX = kernels.newVector(in);
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
        if (kernels.length(out) < t * b * hidden) {
            out = kernels.newVector(t * b * hidden);
        }
        if (kernels.length(dX) < t * b * in) {
            dX = kernels.newVector(t * b * in);
        }
    }

    /** Fits the per-part scratch to a pool of {@code parts}. */
    void ensureParts(int parts) {
        buf.ensureParts(parts);
    }

    /** Copies this layer's h_{T-1} and c_{T-1} into the [L, B, H] state buffers. */
    void copyFinalState(V hN, V cN) {
        int n = buf.batch * hidden;
        System.arraycopy(buf.hs, buf.steps * n, hN, index * n, n);
        System.arraycopy(buf.cells, buf.steps * n, cN, index * n, n);
    }

    /**
     * Forward over all steps. {@code h0}, {@code c0} are [L, B, H] arrays (this layer's block is read)
     * or null for zeros; {@code pool} splits the phases (a pool of one part: the calling thread alone).
     */
    void forward(V input, V h0, V c0, WorkerPool pool) {
        this.x = input;
        int stateSize = buf.batch * hidden;
        refreshWeights();
        if (h0 == null) {
            kernels.zero(buf.hs, 0, stateSize);
        } else {
            System.arraycopy(h0, index * stateSize, buf.hs, 0, stateSize);
        }
        if (c0 == null) {
            kernels.zero(buf.cells, 0, stateSize);
        } else {
            System.arraycopy(c0, index * stateSize, buf.cells, 0, stateSize);
        }
        runPhase(Phase.INPUT_PROJECTION, pool);
        runPhase(Phase.RECURRENCE, pool);
        System.arraycopy(buf.hs, stateSize, out, 0, buf.steps * stateSize);
    }

    /**
     * Backward over all steps, from the last to the first. {@code dOutput}: gradient of this layer's
     * output (T*B) x H; {@code dhN}, {@code dcN}: [L, B, H] or null; writes this layer's block of
     * {@code dh0} and {@code dc0}, adds to the parameter gradients, and writes {@link #dX} when
     * {@code needDx}. Without {@code needDh0} the last product {@code dh_{-1} = dG_0 W_hh} is skipped and
     * this layer's block of {@code dh0} is zero.
     */
    void backward(V dOutput, V dhN, V dcN, boolean needDx, boolean needDh0, V dh0, V dc0, WorkerPool pool) {
        this.dOut = dOutput;
        this.needDh0 = needDh0;
        int stateSize = buf.batch * hidden;
        for (int s = 0; s < buf.batch; s++) {
            int off = index * stateSize + s * hidden;
            if (dhN == null) {
                kernels.zero(kernels.row(buf.dhNext, s), 0, hidden);
            } else {
                System.arraycopy(dhN, off, kernels.row(buf.dhNext, s), 0, hidden);
            }
            if (dcN == null) {
                kernels.zero(kernels.row(buf.dcNext, s), 0, hidden);
            } else {
                System.arraycopy(dcN, off, kernels.row(buf.dcNext, s), 0, hidden);
            }
        }
        runPhase(Phase.BACK_RECURRENCE, pool);
        for (int s = 0; s < buf.batch; s++) {
            int off = index * stateSize + s * hidden;
            System.arraycopy(kernels.row(buf.dhNext, s), 0, dh0, off, hidden);
            System.arraycopy(kernels.row(buf.dcNext, s), 0, dc0, off, hidden);
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
        M gates = buf.gates;
        for (int r = r0; r < r1; r++) {
            System.arraycopy(buf.biasSum, 0, kernels.row(gates, r), 0, gateWidth);
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
        M gates = buf.gates;
        V hs = buf.hs;
        V cells = buf.cells;
        V tmp = kernels.row(buf.scratch, part);
        V tmp2 = kernels.row(buf.scratch2, part);
        V cRow = kernels.row(buf.cellRow, part);
        V tBlock = kernels.row(buf.tanhBlock, part);
        V gBlock = kernels.row(buf.gateBlock, part);
        for (int step = 0; step < buf.steps; step++) {
            int base = step * b;
            // rows base + s of hs hold h_{t-1} of the sequences s
            Products.multAddPacked(kernels, hs, base + s0, hd, buf.whhT, hd, gw, s1 - s0, gates, base + s0);
            for (int c0 = s0; c0 < s1; c0 += blockRows) {
                int c1 = Math.min(s1, c0 + blockRows);
                for (int s = c0; s < c1; s++) {
                    System.arraycopy(kernels.row(gates, base + s), 0, gBlock, (s - c0) * gw, gw);
                }
                kernels.activate(buf.gateActivation, (c1 - c0) * gw, tmp, tmp2, gBlock);
                for (int s = c0; s < c1; s++) {
                    System.arraycopy(gBlock, (s - c0) * gw, kernels.row(gates, base + s), 0, gw);
                }
            }
            // c_t = f * c_{t-1} + i * g: c_{t-1} is cells row r, c_t goes to row r + B
            for (int s = s0; s < s1; s++) {
                int r = base + s;
                kernels.cellState(kernels.row(gates, r), hd, cells, r * hd, cRow, (r + b) * hd);
            }
            // tanh(c_t) of sequences [s0, s1): rows base + B + s of cells, contiguous
            int first = (base + s0) * hd;
            System.arraycopy(cells, first + b * hd, tBlock, 0, block);
            kernels.activate(buf.tanhActivation, block, tmp, tmp2, tBlock);
            System.arraycopy(tBlock, 0, buf.tanhCells, first, block);
            // h_t = o * tanh(c_t) enters step t + 1 as row r + B of hs
            for (int s = s0; s < s1; s++) {
                kernels.cellOutput(kernels.row(gates, base + s), hd, tBlock, (s - s0) * hd, cRow, hs, first + (s - s0 + b) * hd);
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
                kernels.cellBackward(kernels.row(buf.gates, r), buf.cells, buf.tanhCells, dOut, r * hd, hd,
                        kernels.row(buf.dhNext, s), kernels.row(buf.dcNext, s), kernels.row(buf.dGates, r));
            }
            // dh_{t-1} = dG_t W_hh (dhNext is zero here, so without it dh_{-1} stays zero)
            if (step > 0 || needDh0) {
                Products.multAddPacked(kernels, buf.dGates, base + s0, buf.whhRows, gateWidth, hd, s1 - s0,
                        buf.dhNext, s0);
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
            kernels.zero(kernels.row(buf.dWihT, q), 0, gateWidth);
        }
        for (int q = hh0; q < hh1; q++) {
            kernels.zero(kernels.row(buf.dWhhT, q), 0, gateWidth);
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
        kernels.addTransposed(buf.dWihT, grad(weightIh), in, j0, j1);
        kernels.addTransposed(buf.dWhhT, grad(weightHh), hidden, j0, j1);
        if (biasIh != null) {
            V sum = kernels.row(buf.scratch, part);
            kernels.zero(sum, j0, j1);
            kernels.addColumnSums(buf.dGates, 0, buf.steps * buf.batch, j0, j1, sum);
            kernels.addTo(sum, j0, j1, grad(biasIh));
            kernels.addTo(sum, j0, j1, grad(biasHh));
        }
    }

    /** Rows [r0, r1) of dX = dG W_ih. */
    void inputGradient(int r0, int r1) {
        Products.mult(kernels, buf.dGates, r0, r1 - r0, buf.wihRows, buf.wihT, gateWidth, in, buf.dxRows, dX);
    }

    /** Copies the weights into the layouts the kernels read (W_hh packed), and b_ih + b_hh. */
    private void refreshWeights() {
        if (biasIh != null) {
            kernels.add(value(biasIh), value(biasHh), gateWidth, buf.biasSum);
        }
        kernels.copyRowsAndTranspose(value(weightIh), gateWidth, in, buf.wihRows, buf.wihT);
        kernels.packRowsAndTranspose(value(weightHh), gateWidth, hidden, buf.whhRows, buf.whhT);
    }

    /** Bytes of the parameters, their gradients and the buffers (see {@link Lstm#bytes()}). */
    long bytes() {
        long n = 0;
        for (Parameter p : parameters()) {
            n += 2L * p.size();
        }
        return n * kernels.elementBytes() + buf.bytes() + (long) (kernels.length(out) + kernels.length(dX))
                * kernels.elementBytes();
    }

    @SuppressWarnings("unchecked")
    private V value(Parameter p) {
        return (V) p.valueArray();
    }

    @SuppressWarnings("unchecked")
    private V grad(Parameter p) {
        return (V) p.gradArray();
    }
}
