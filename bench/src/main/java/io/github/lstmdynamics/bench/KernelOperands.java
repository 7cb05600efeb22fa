package io.github.lstmdynamics.bench;

import io.github.lstmdynamics.lstm.kernels.Activation;
import io.github.lstmdynamics.lstm.kernels.ArrayKernels;
import io.github.lstmdynamics.lstm.kernels.Products;

/**
 * Our side of {@link KernelBenchmark} in one precision: the operands of {@link KernelInputs} in the layouts
 * {@code LstmLayer} keeps (rows as {@code M}, weight gradients transposed, W_hh also packed by
 * {@link ArrayKernels#packRowsAndTranspose}), and one method per benchmark making the layer's calls. Written
 * once over {@link ArrayKernels}: {@code V}, {@code M} are {@code double[]}, {@code double[][]} for float64
 * and {@code float[]}, {@code float[][]} for float32. Products accumulate into their results, as the layer's
 * do.
 *
 * @param <V> the flat array type
 * @param <M> the array-of-rows type
 */
final class KernelOperands<V, M> {

    private final ArrayKernels<V, M> k;
    private final int in;
    private final int hidden;
    private final int batch;
    private final int rows;
    private final int gates;

    private final Activation gateActivation;
    private final V gateSource;
    private final V gateBlock;
    private final V scratchV;
    private final V scratchP;
    private final M activatedRows;
    private final V cells;
    private final V tanhCells;
    private final V dOut;
    private final M dhNext;
    private final M dcNext;

    private final V x;
    private final V h;
    private final V hPrev;
    private final M wIhT;
    private final M wIhRows;
    private final M wHhT;
    private final M wHhRows;
    private final M wHhTPacked;
    private final M wHhRowsPacked;
    private final M gRows;
    private final M dgRows;
    private final M dhRows;
    private final M dWhhT;
    private final M dWihT;
    private final V dxFlat;
    private final M scratch;

    KernelOperands(ArrayKernels<V, M> k, KernelInputs inputs) {
        this.k = k;
        in = inputs.in();
        hidden = inputs.hidden();
        batch = inputs.batch();
        rows = inputs.rows();
        gates = inputs.gateWidth();

        x = copy(inputs.x());
        h = copy(inputs.h());
        hPrev = copy(inputs.hPrev());
        wIhRows = k.newRows(gates, in);
        wIhT = k.newRows(in, gates);
        k.copyRowsAndTranspose(copy(inputs.wIh()), gates, in, wIhRows, wIhT);
        wHhRows = k.newRows(gates, hidden);
        wHhT = k.newRows(hidden, gates);
        k.copyRowsAndTranspose(copy(inputs.wHh()), gates, hidden, wHhRows, wHhT);
        // as LstmLayer packs W_hh once per step: depth H for the forward, depth 4H for the backward
        wHhRowsPacked = k.newPacked(gates, hidden);
        wHhTPacked = k.newPacked(hidden, gates);
        k.packRowsAndTranspose(copy(inputs.wHh()), gates, hidden, wHhRowsPacked, wHhTPacked);
        gRows = k.newRows(rows, gates);
        dgRows = rows(inputs.dg(), rows, gates);
        dhRows = k.newRows(batch, hidden);
        dWhhT = k.newRows(hidden, gates);
        dWihT = k.newRows(in, gates);
        dxFlat = k.newVector(rows * in);
        scratch = k.newRows(rows, in);

        gateActivation = Activation.gates(hidden, batch);
        gateSource = copy(inputs.gates());
        gateBlock = copy(inputs.gates());
        scratchV = k.newVector(batch * gates);
        scratchP = k.newVector(batch * gates);
        V activated = copy(inputs.gates());
        k.activate(gateActivation, batch * gates, scratchV, scratchP, activated);
        activatedRows = asRows(activated, batch, gates);
        cells = copy(inputs.cells());
        tanhCells = copy(inputs.tanhCells());
        dOut = copy(inputs.dOut());
        dhNext = rows(inputs.dhNext(), batch, hidden);
        dcNext = rows(inputs.dcNext(), batch, hidden);
    }

    /** B rows of 4H gates activated in one pass, as one step of the layer's forward does. */
    Object gateActivation() {
        int n = batch * gates;
        System.arraycopy(gateSource, 0, gateBlock, 0, n);
        k.activate(gateActivation, n, scratchV, scratchP, gateBlock);
        return gateBlock;
    }

    /** One step's pointwise backward of B rows. */
    Object cellBackward() {
        for (int s = 0; s < batch; s++) {
            k.cellBackward(k.row(activatedRows, s), cells, tanhCells, dOut, s * hidden, hidden, k.row(dhNext, s),
                    k.row(dcNext, s), k.row(dgRows, s));
        }
        return dgRows;
    }

    /** {@code G += X W_ih^T}, M rows. */
    Object inputProjection() {
        Products.multAdd(k, x, 0, in, wIhT, in, gates, rows, gRows, 0);
        return gRows;
    }

    /** {@code G_t += h W_hh^T}, B rows, W_hh^T as plain rows. */
    Object recurrentStep() {
        Products.multAdd(k, h, 0, hidden, wHhT, hidden, gates, batch, gRows, 0);
        return gRows;
    }

    /** {@code G_t += h W_hh^T}, B rows, W_hh^T packed (the layer's call). */
    Object recurrentStepPacked() {
        Products.multAddPacked(k, h, 0, hidden, wHhTPacked, hidden, gates, batch, gRows, 0);
        return gRows;
    }

    /** {@code dh += dG_t W_hh}, B rows, W_hh as plain rows. */
    Object backRecurrentStep() {
        Products.multAdd(k, dgRows, 0, wHhRows, gates, hidden, batch, dhRows, 0);
        return dhRows;
    }

    /** {@code dh += dG_t W_hh}, B rows, W_hh packed (the layer's call). */
    Object backRecurrentStepPacked() {
        Products.multAddPacked(k, dgRows, 0, wHhRowsPacked, gates, hidden, batch, dhRows, 0);
        return dhRows;
    }

    /** {@code dW_hh^T += H_prev^T dG} over all M rows. */
    Object recurrentWeightGrad() {
        Products.multAddTransA(k, hPrev, hidden, 0, hidden, dgRows, rows, 0, gates, dWhhT);
        return dWhhT;
    }

    /** {@code dW_ih^T += X^T dG} over all M rows. */
    Object inputWeightGrad() {
        Products.multAddTransA(k, x, in, 0, in, dgRows, rows, 0, gates, dWihT);
        return dWihT;
    }

    /** {@code dX = dG W_ih}, M rows. */
    Object inputGradient() {
        Products.mult(k, dgRows, 0, rows, wIhRows, wIhT, gates, in, scratch, dxFlat);
        return dxFlat;
    }

    /** {@code src} in this precision, in an array of its own (rounded for float32). */
    private V copy(double[] src) {
        V v = k.newVector(src.length);
        System.arraycopy(k.fromDoubles(src, src.length, null), 0, v, 0, src.length);
        return v;
    }

    /** The row-major {@code n x width} {@code src} as {@code n} rows of this precision. */
    private M rows(double[] src, int n, int width) {
        return asRows(copy(src), n, width);
    }

    /** The row-major {@code n x width} {@code flat} copied into {@code n} rows. */
    private M asRows(V flat, int n, int width) {
        M m = k.newRows(n, width);
        for (int r = 0; r < n; r++) {
            System.arraycopy(flat, r * width, k.row(m, r), 0, width);
        }
        return m;
    }
}
