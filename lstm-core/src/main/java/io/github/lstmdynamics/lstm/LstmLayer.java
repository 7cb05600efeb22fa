package io.github.lstmdynamics.lstm;

import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * One LSTM layer: its parameters, the activations its backward needs, and forward and backward side by
 * side, laid out as cuDNN-style implementations do (DESIGN.md section 4). A sequence batch is one
 * {@code (T*B) x F} row-major matrix, time-major, so step {@code t} is rows {@code [t*B, (t+1)*B)}:
 * <ul>
 *   <li>forward: the input projections of ALL steps, {@code X W_ih^T + b_ih + b_hh}, in one pass
 *       ({@link Phase#INPUT_PROJECTION}); then per step only {@code h_{t-1} W_hh^T} and the fused gate
 *       math ({@link Phase#RECURRENCE});</li>
 *   <li>backward: per step only the pointwise gradients and {@code dh_{t-1} = dG_t W_hh}
 *       ({@link Phase#BACK_RECURRENCE}); then {@code dW_ih^T = X^T dG} and {@code dW_hh^T = H_prev^T dG}
 *       over all steps at once ({@link Phase#WEIGHT_GRADIENTS}), added transposed into the gradients
 *       with the bias gradients ({@link Phase#GRADIENT_ACCUMULATION}), and {@code dX = dG W_ih}
 *       ({@link Phase#INPUT_GRADIENT}).</li>
 * </ul>
 * The products run through {@link RowKernels} on zero-based rows ({@code double[][]}) and the gate
 * nonlinearities through {@link GateMath}; weights are copied once per call into the row layouts the
 * kernels read.
 *
 * <p>Threads: every phase splits its OUTPUT between the parts of a {@link WorkerPool} — rows of the
 * batch for the recurrences (the B sequences are independent through time, so no synchronisation is
 * needed between steps), rows of {@code T*B} for the projections, rows of {@code dW^T} (inputs and
 * hidden units) for the weight gradients, columns of {@code 4H} for adding them in — never a sum, so the
 * result is bit-identical to one thread. No two parts write into the same cache line in a loop: rows
 * are padded ({@link #growRows}), and the weight gradients are split by rows of {@code dW^T}, not by
 * columns (a column split made every row's boundary line bounce between the cores, and two threads
 * slower than one at the tutorial's size). The input projection, the forward recurrence and the input
 * gradient hand out their rows and sequences through a {@link SharedSplit}: each part does its own share
 * in a few pieces and then takes over the pieces another part has not started, so a part on a CPU that
 * is slow for a while does not hold the step back (0.94 to 0.97 of the time on two threads at the
 * tutorial's size); the backward recurrence and the weight gradients keep one fixed range per part
 * (pieces made them 1.03 to 1.06 slower at 2:64:64:50). Buffers are allocated once per {@code (T, B)}
 * shape (arrays only grow) and per-part scratch when the pool or the batch grows.
 */
final class LstmLayer implements WorkerPool.Task {

    /** The parallel phases of forward and backward; {@link #run} dispatches on the current one. */
    enum Phase {
        INPUT_PROJECTION, RECURRENCE, BACK_RECURRENCE, WEIGHT_GRADIENTS, GRADIENT_ACCUMULATION, INPUT_GRADIENT
    }

    /** Elements of gate rows activated in one pass (16 KiB per array). */
    private static final int GATE_BLOCK = 2048;
    /** Doubles added at the end of every row, so that rows written by different threads share no cache line. */
    private static final int ROW_PADDING = 8;

    private final int index;
    private final int in;
    private final int hidden;
    private final int gateWidth;
    private final Parameter weightIh;
    private final Parameter weightHh;
    private final Parameter biasIh;
    private final Parameter biasHh;

    /** b_ih + b_hh, zeros without bias. */
    private final double[] biasSum;
    /** W_ih^T: {@code in} rows of 4H (input projection). */
    private final double[][] wihT;
    /** W_ih: 4H rows of {@code in} (input gradient). */
    private final double[][] wihRows;
    /** W_hh^T: H rows of 4H (forward recurrence). */
    private final double[][] whhT;
    /** W_hh: 4H rows of H (backward recurrence). */
    private final double[][] whhRows;
    /** dW_ih^T and dW_hh^T accumulated over all steps, then added transposed into the gradients. */
    private final double[][] dWihT;
    private final double[][] dWhhT;
    /** The gate activations of a block of {@link #gateBlockRows()} rows of 4H, grown with the batch. */
    private GateMath.Constants gateConstants;
    /** Tanh over a block of B*H cells (all sequences of one step), grown with the batch. */
    private GateMath.Constants tanhConstants;

    // ---- activations, per (T, B) shape ----
    private int steps;
    private int batch;
    /** Input of the last forward, flat (T*B) x in; not owned. */
    private double[] x;
    /** Gate pre-activations, then in place activations [i | f | g | o]: T*B rows of 4H. */
    private double[][] gates = new double[0][];
    /** h0 then h_0 ... h_{T-1}, flat ((T+1)*B) x H: rows [0, T*B) are h_{t-1} for the dW_hh product. */
    private double[] hs = new double[0];
    /** c0 then c_0 ... c_{T-1}, flat ((T+1)*B) x H. */
    private double[] cells = new double[0];
    /** tanh(c_t), flat (T*B) x H. */
    private double[] tanhCells = new double[0];
    /** Output h_t: [T, B, H]. */
    final SequenceBatch out;

    // ---- gradients ----
    /** Gradient of the gate pre-activations: T*B rows of 4H. */
    private double[][] dGates = new double[0][];
    /** dh and dc flowing from step t to step t-1: B rows of H each. */
    private double[][] dhNext = new double[0][];
    private double[][] dcNext = new double[0][];
    /** Gradient of the input: [T, B, in], and as T*B rows of {@code in} while the product is formed. */
    final SequenceBatch dX;
    private double[][] dxRows = new double[0][];
    /** Gradient of this layer's output during backward, flat (T*B) x H; not owned. */
    private double[] dOut;
    /** Whether the current backward computes dh_{-1}, the gradient of the initial hidden state. */
    private boolean needDh0;

    // ---- per-part scratch, per pool size ----
    private double[][] scratch = new double[0][];
    private double[][] scratch2 = new double[0][];
    private double[][] cellRow = new double[0][];
    /** tanh(c_t) of a part's sequences in one step, B*H long, so that one activation pass covers them. */
    private double[][] tanhBlock = new double[0][];
    /** A block of gate rows of a part's sequences in one step, {@link #gateBlockRows()} times 4H long. */
    private double[][] gateBlock = new double[0][];
    private int parts = 1;

    private Phase phase;
    /** Hands out the items of the current phase to the parts (see {@link SharedSplit}). */
    private final SharedSplit work = new SharedSplit();

    LstmLayer(int index, int in, int hidden, boolean bias) {
        this.index = index;
        this.in = in;
        this.hidden = hidden;
        this.gateWidth = 4 * hidden;
        this.weightIh = Parameter.matrix("weight_ih_l" + index, gateWidth, in);
        this.weightHh = Parameter.matrix("weight_hh_l" + index, gateWidth, hidden);
        this.biasIh = bias ? Parameter.vector("bias_ih_l" + index, gateWidth) : null;
        this.biasHh = bias ? Parameter.vector("bias_hh_l" + index, gateWidth) : null;
        this.biasSum = new double[gateWidth];
        this.wihT = new double[in][gateWidth];
        this.wihRows = new double[gateWidth][in];
        this.whhT = new double[hidden][gateWidth];
        this.whhRows = new double[gateWidth][hidden];
        this.dWihT = growRows(new double[0][], in, gateWidth);
        this.dWhhT = growRows(new double[0][], hidden, gateWidth);
        this.gateConstants = GateMath.Constants.gates(hidden);
        this.tanhConstants = GateMath.Constants.tanh(hidden);
        this.out = SequenceBatch.zeros(1, 1, hidden);
        this.dX = SequenceBatch.zeros(1, 1, in);
        ensureParts(1);
    }

    List<Parameter> parameters() {
        return biasIh == null ? List.of(weightIh, weightHh) : List.of(weightIh, weightHh, biasIh, biasHh);
    }

    /** Multiply-adds of one forward pass over {@code T*B} rows, per row: the work measure of the thread threshold. */
    long forwardWorkPerRow() {
        return (long) gateWidth * (in + hidden);
    }

    /** Fits the buffers to {@code (T, B)}; arrays only grow, so alternating shapes allocate once. */
    void ensureShape(int t, int b) {
        steps = t;
        batch = b;
        int rows = t * b;
        gates = growRows(gates, rows, gateWidth);
        dGates = growRows(dGates, rows, gateWidth);
        if (in >= RowKernels.NARROW) {
            dxRows = growRows(dxRows, rows, in);
        }
        dhNext = growRows(dhNext, b, hidden);
        dcNext = growRows(dcNext, b, hidden);
        hs = grow(hs, (rows + b) * hidden);
        cells = grow(cells, (rows + b) * hidden);
        tanhCells = grow(tanhCells, rows * hidden);
        out.reshape(t, b, hidden);
        dX.reshape(t, b, in);
        if (tanhConstants.scale.length < b * hidden) {
            tanhConstants = GateMath.Constants.tanh(b * hidden);
        }
        if (gateConstants.scale.length < gateBlockRows() * gateWidth) {
            gateConstants = GateMath.Constants.gates(hidden, gateBlockRows());
        }
        fitScratch();
    }

    /** Fits the per-part scratch rows to a pool of {@code parts}. */
    void ensureParts(int parts) {
        this.parts = parts;
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
    private int gateBlockRows() {
        return Math.max(1, Math.min(batch, GATE_BLOCK / gateWidth));
    }

    /**
     * {@code n} or more rows, all of at least {@code width}: the same array when it already has them,
     * else one that keeps the old rows if they are wide enough (arrays only grow). New rows get
     * {@link #ROW_PADDING} more doubles, so that two rows next to each other in memory, written by two
     * threads, never share a cache line.
     */
    private static double[][] growRows(double[][] rows, int n, int width) {
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

    /** Copies this layer's h_{T-1} and c_{T-1} into the [L, B, H] state buffers. */
    void copyFinalState(double[] hN, double[] cN) {
        int n = batch * hidden;
        System.arraycopy(hs, steps * n, hN, index * n, n);
        System.arraycopy(cells, steps * n, cN, index * n, n);
    }

    /**
     * Forward over all steps. {@code h0}, {@code c0} are [L, B, H] arrays (this layer's block is read)
     * or null for zeros; {@code pool} splits the phases (a pool of one part: the calling thread alone).
     */
    void forward(DMatrixRMaj input, double[] h0, double[] c0, WorkerPool pool) {
        this.x = input.data;
        int stateSize = batch * hidden;
        refreshWeights();
        if (h0 == null) {
            Arrays.fill(hs, 0, stateSize, 0.0);
        } else {
            System.arraycopy(h0, index * stateSize, hs, 0, stateSize);
        }
        if (c0 == null) {
            Arrays.fill(cells, 0, stateSize, 0.0);
        } else {
            System.arraycopy(c0, index * stateSize, cells, 0, stateSize);
        }
        runPhase(Phase.INPUT_PROJECTION, pool);
        runPhase(Phase.RECURRENCE, pool);
        System.arraycopy(hs, stateSize, out.matrix().data, 0, steps * stateSize);
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
        int stateSize = batch * hidden;
        for (int s = 0; s < batch; s++) {
            int off = index * stateSize + s * hidden;
            if (dhN == null) {
                Arrays.fill(dhNext[s], 0.0);
            } else {
                System.arraycopy(dhN, off, dhNext[s], 0, hidden);
            }
            if (dcN == null) {
                Arrays.fill(dcNext[s], 0.0);
            } else {
                System.arraycopy(dcN, off, dcNext[s], 0, hidden);
            }
        }
        runPhase(Phase.BACK_RECURRENCE, pool);
        for (int s = 0; s < batch; s++) {
            int off = index * stateSize + s * hidden;
            System.arraycopy(dhNext[s], 0, dh0, off, hidden);
            System.arraycopy(dcNext[s], 0, dc0, off, hidden);
        }
        runPhase(Phase.WEIGHT_GRADIENTS, pool);
        runPhase(Phase.GRADIENT_ACCUMULATION, pool);
        if (needDx) {
            runPhase(Phase.INPUT_GRADIENT, pool);
        }
        this.dOut = null;
    }

    private void runPhase(Phase p, WorkerPool pool) {
        phase = p;
        int parts = pool.parts();
        switch (p) {
            case INPUT_PROJECTION:
            case INPUT_GRADIENT:
                work.reset(steps * batch, parts, 8);
                break;
            case RECURRENCE:
                // two or so pieces per part: each piece costs two more activation passes per step
                work.reset(batch, parts, Math.max(1, batch / parts / 3));
                break;
            case BACK_RECURRENCE:
                // one piece per part: pieces (halves down to a quarter of a share) were 1.03 to 1.04
                // slower at 2:64:64:50, no faster at the tutorial's size
                work.reset(batch, parts, batch);
                break;
            case WEIGHT_GRADIENTS:
                // one piece per part: each piece streams all T*B rows of dG (two pieces: 1.06 slower at
                // 2:64:64:50)
                work.reset(in + hidden, parts, in + hidden);
                break;
            default:
                break;
        }
        pool.run(this);
    }

    /** One part of the current phase. */
    @Override
    public void run(int part, int parts) {
        if (phase == Phase.GRADIENT_ACCUMULATION) {
            accumulateGradients(splitColumns(gateWidth, part, parts), splitColumns(gateWidth, part + 1, parts),
                    part);
            return;
        }
        for (long piece = work.next(part); piece >= 0; piece = work.next(part)) {
            int from = SharedSplit.from(piece);
            int to = SharedSplit.to(piece);
            switch (phase) {
                case INPUT_PROJECTION:
                    inputProjection(from, to);
                    break;
                case RECURRENCE:
                    recurrence(from, to, part);
                    break;
                case BACK_RECURRENCE:
                    backRecurrence(from, to);
                    break;
                case WEIGHT_GRADIENTS:
                    weightGradients(from, to);
                    break;
                case INPUT_GRADIENT:
                    inputGradient(from, to, part);
                    break;
                default:
                    throw new IllegalStateException("unknown phase " + phase);
            }
        }
    }

    /** As {@link SharedSplit#split}, at whole vectors (multiples of 8) except the end. */
    static int splitColumns(int n, int part, int parts) {
        return part >= parts ? n : ((n / 8) * part / parts) * 8;
    }

    // ------------------------------------------------------------------ forward

    /** Rows [r0, r1) of G = X W_ih^T + b_ih + b_hh, in column blocks so that the W_ih^T slice stays in L2. */
    private void inputProjection(int r0, int r1) {
        for (int r = r0; r < r1; r++) {
            System.arraycopy(biasSum, 0, gates[r], 0, gateWidth);
        }
        RowKernels.addProduct(x, r0, in, wihT, in, gates, r0, r1 - r0, gateWidth);
    }

    /**
     * Sequences [s0, s1) through all steps: {@code G_t += h_{t-1} W_hh^T} (column blocks of W_hh^T kept in
     * L2 across the sequences), then the gates of all the part's sequences in one activation pass over a
     * block of their rows (one long loop per pass instead of one per 4H-wide row: the activation of the
     * tutorial's 20 rows of 80 took 0.72x as long, copies included, the whole forward 0.98x),
     * {@code c_t = f c_{t-1} + i g} per row, then
     * {@code tanh(c_t)} of all the part's sequences in one pass the same way and {@code h_t = o tanh(c_t)}.
     */
    private void recurrence(int s0, int s1, int part) {
        final int hd = hidden;
        final int b = batch;
        final int block = (s1 - s0) * hd;
        double[] tmp = scratch[part];
        double[] tmp2 = scratch2[part];
        double[] cRow = cellRow[part];
        double[] tBlock = tanhBlock[part];
        double[] gBlock = gateBlock[part];
        final int gw = gateWidth;
        final int blockRows = gateBlockRows();
        for (int step = 0; step < steps; step++) {
            int base = step * b;
            // rows base + s of hs hold h_{t-1} of the sequences s
            RowKernels.addProduct(hs, base + s0, hd, whhT, hd, gates, base + s0, s1 - s0, gw);
            for (int c0 = s0; c0 < s1; c0 += blockRows) {
                int c1 = Math.min(s1, c0 + blockRows);
                for (int s = c0; s < c1; s++) {
                    System.arraycopy(gates[base + s], 0, gBlock, (s - c0) * gw, gw);
                }
                GateMath.activate(gBlock, gateConstants, tmp, tmp2, (c1 - c0) * gw);
                for (int s = c0; s < c1; s++) {
                    System.arraycopy(gBlock, (s - c0) * gw, gates[base + s], 0, gw);
                }
            }
            for (int s = s0; s < s1; s++) {
                int r = base + s;
                double[] g = gates[r];
                // c_t = f * c_{t-1} + i * g; c_{t-1} is cells row r, c_t goes to row r + B
                int cPrev = r * hd;
                for (int j = 0; j < hd; j++) {
                    cRow[j] = g[hd + j] * cells[cPrev + j] + g[j] * g[2 * hd + j];
                }
                System.arraycopy(cRow, 0, cells, cPrev + b * hd, hd);
            }
            // tanh(c_t) of sequences [s0, s1): rows base + B + s of cells, contiguous
            int first = (base + s0) * hd;
            System.arraycopy(cells, first + b * hd, tBlock, 0, block);
            GateMath.activate(tBlock, tanhConstants, tmp, tmp2, block);
            System.arraycopy(tBlock, 0, tanhCells, first, block);
            // h_t = o * tanh(c_t) enters step t + 1 as row r + B of hs
            for (int s = s0; s < s1; s++) {
                double[] g = gates[base + s];
                int t0 = (s - s0) * hd;
                for (int j = 0; j < hd; j++) {
                    cRow[j] = g[3 * hd + j] * tBlock[t0 + j];
                }
                System.arraycopy(cRow, 0, hs, first + (s - s0 + b) * hd, hd);
            }
        }
    }

    // ------------------------------------------------------------------ backward

    /**
     * Sequences [s0, s1) from the last step to the first: the pointwise gradients of the gate math, side
     * by side with the forward formulas, then {@code dh_{t-1} = dG_t W_hh}.
     */
    private void backRecurrence(int s0, int s1) {
        final int hd = hidden;
        final int b = batch;
        double[] dOutput = dOut;
        for (int step = steps - 1; step >= 0; step--) {
            int base = step * b;
            for (int s = s0; s < s1; s++) {
                int r = base + s;
                int hOff = r * hd;
                double[] g = gates[r];
                double[] dg = dGates[r];
                double[] dhn = dhNext[s];
                double[] dcn = dcNext[s];
                for (int j = 0; j < hd; j++) {
                    double ig = g[j];
                    double fg = g[hd + j];
                    double gg = g[2 * hd + j];
                    double og = g[3 * hd + j];
                    double tanhCell = tanhCells[hOff + j];
                    // h = o * tanh(c): dh reaches o and c
                    double dh = dOutput[hOff + j] + dhn[j];
                    double dOg = dh * tanhCell;
                    double dCell = dcn[j] + dh * og * (1.0 - tanhCell * tanhCell);
                    // c = f * c_prev + i * g; c_{t-1} is cells row r
                    double dIg = dCell * gg;
                    double dFg = dCell * cells[hOff + j];
                    double dGg = dCell * ig;
                    dcn[j] = dCell * fg;
                    // through the nonlinearities to the pre-activations
                    dg[j] = dIg * ig * (1.0 - ig);
                    dg[hd + j] = dFg * fg * (1.0 - fg);
                    dg[2 * hd + j] = dGg * (1.0 - gg * gg);
                    dg[3 * hd + j] = dOg * og * (1.0 - og);
                }
                Arrays.fill(dhn, 0.0);
            }
            // dh_{t-1} = dG_t W_hh (dhNext is zero here, so without it dh_{-1} stays zero)
            if (step > 0 || needDh0) {
                RowKernels.addProduct(dGates, base + s0, whhRows, gateWidth, dhNext, s0, s1 - s0, hd);
            }
        }
    }

    /**
     * Rows [q0, q1) of the stacked {@code [dW_ih^T; dW_hh^T]} ({@code in + H} rows of 4H), summed over all
     * T*B rows: {@code dW_ih^T = X^T dG}, {@code dW_hh^T = H_prev^T dG}. Each part writes whole rows of
     * its own, so the parts share no cache line, and every row is one long vector loop per pass.
     */
    private void weightGradients(int q0, int q1) {
        int rows = steps * batch;
        int ih1 = Math.min(q1, in);
        int hh0 = Math.max(q0, in) - in;
        int hh1 = q1 - in;
        for (int q = q0; q < ih1; q++) {
            Arrays.fill(dWihT[q], 0, gateWidth, 0.0);
        }
        for (int q = hh0; q < hh1; q++) {
            Arrays.fill(dWhhT[q], 0, gateWidth, 0.0);
        }
        if (q0 < ih1) {
            RowKernels.addTransposedProduct(x, in, q0, ih1, dGates, rows, dWihT, 0, gateWidth);
        }
        if (hh0 < hh1) {
            RowKernels.addTransposedProduct(hs, hidden, hh0, hh1, dGates, rows, dWhhT, 0, gateWidth);
        }
    }

    /**
     * Columns [j0, j1) of 4H: {@code dW_ih^T} and {@code dW_hh^T} added transposed into the gradients, and
     * the bias gradients (column sums of dG).
     */
    private void accumulateGradients(int j0, int j1, int part) {
        addTransposed(dWihT, weightIh.grad().data, in, j0, j1);
        addTransposed(dWhhT, weightHh.grad().data, hidden, j0, j1);
        if (biasIh != null) {
            int rows = steps * batch;
            double[] sum = scratch[part];
            Arrays.fill(sum, j0, j1, 0.0);
            for (int r = 0; r < rows; r++) {
                double[] dg = dGates[r];
                for (int k = j0; k < j1; k++) {
                    sum[k] += dg[k];
                }
            }
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
    private void inputGradient(int r0, int r1, int part) {
        RowKernels.setProductRows(dGates, r0, r1 - r0, wihRows, wihT, gateWidth, dX.matrix().data, in, dxRows);
    }

    /** Copies the weights into the row layouts the kernels read, and b_ih + b_hh. */
    private void refreshWeights() {
        if (biasIh != null) {
            double[] bi = biasIh.value().data;
            double[] bh = biasHh.value().data;
            for (int k = 0; k < gateWidth; k++) {
                biasSum[k] = bi[k] + bh[k];
            }
        }
        double[] wi = weightIh.value().data;
        for (int k = 0; k < gateWidth; k++) {
            double[] row = wihRows[k];
            System.arraycopy(wi, k * in, row, 0, in);
            for (int q = 0; q < in; q++) {
                wihT[q][k] = row[q];
            }
        }
        double[] wh = weightHh.value().data;
        for (int k = 0; k < gateWidth; k++) {
            double[] row = whhRows[k];
            System.arraycopy(wh, k * hidden, row, 0, hidden);
            for (int q = 0; q < hidden; q++) {
                whhT[q][k] = row[q];
            }
        }
    }
}
