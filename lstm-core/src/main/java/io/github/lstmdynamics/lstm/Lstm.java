package io.github.lstmdynamics.lstm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * A stack of LSTM layers with backpropagation through time, as PyTorch's {@code torch.nn.LSTM}
 * (time-major, {@code batch_first=False}, no dropout, no projections, unidirectional).
 *
 * <p>Per layer {@code k} and step {@code t}, with gates in the order i, f, g, o:
 * <pre>
 *   i = sigmoid(W_ii x + b_ii + W_hi h + b_hi)     f = sigmoid(W_if x + b_if + W_hf h + b_hf)
 *   g = tanh(W_ig x + b_ig + W_hg h + b_hg)        o = sigmoid(W_io x + b_io + W_ho h + b_ho)
 *   c' = f * c + i * g                              h' = o * tanh(c')
 * </pre>
 * Parameters are named and shaped as PyTorch's {@code state_dict}, registered per layer in the order
 * {@code weight_ih_lk [4H, I_k]}, {@code weight_hh_lk [4H, H]}, {@code bias_ih_lk [4H]},
 * {@code bias_hh_lk [4H]} ({@code I_0 = inputSize}, {@code I_k = H} above), and initialised as
 * PyTorch does: every element from U(-1/sqrt(H), 1/sqrt(H)).
 *
 * <p>Usage: {@link #forward} then {@link #backward}. Both return buffers owned by the layer, kept in
 * storage allocated once per {@code (T, B)} shape and reused, so that repeated calls of the same shape
 * allocate nothing. The input sequence passed to {@code forward} is referenced, not copied, until the
 * next {@code forward}: do not change it before {@code backward}.
 *
 * <p>A layer is not thread-safe: use one thread per instance. Separate instances share nothing and may
 * be used (and trained) in parallel.
 */
public final class Lstm {

    private final int inputSize;
    private final int hiddenSize;
    private final int numLayers;
    private final boolean bias;
    private final Layer[] layers;
    private final List<Parameter> parameters;

    private int steps;
    private int batchSize;
    private boolean forwardDone;
    private final SequenceBatch hN;
    private final SequenceBatch cN;
    private final SequenceBatch dh0;
    private final SequenceBatch dc0;
    private final LstmOutput result;
    private final LstmGradients gradients;

    /**
     * Builds a layer stack initialised from a seed.
     *
     * @param inputSize  features per step {@code I}, at least 1
     * @param hiddenSize hidden units {@code H}, at least 1
     * @param numLayers  stacked layers {@code L}, at least 1
     * @param bias       whether the layers have {@code bias_ih} and {@code bias_hh} (PyTorch's default: true)
     * @param seed       seed of the {@link SplittableRandom} the weights are drawn from
     * @throws IllegalArgumentException if a size is below 1
     */
    public Lstm(int inputSize, int hiddenSize, int numLayers, boolean bias, long seed) {
        this(inputSize, hiddenSize, numLayers, bias, new SplittableRandom(seed));
    }

    /**
     * Builds a layer stack whose weights are drawn from {@code random}, in parameter registration order.
     *
     * @param inputSize  features per step {@code I}, at least 1
     * @param hiddenSize hidden units {@code H}, at least 1
     * @param numLayers  stacked layers {@code L}, at least 1
     * @param bias       whether the layers have {@code bias_ih} and {@code bias_hh}
     * @param random     source of the initial weights; advanced by one draw per parameter element
     * @throws IllegalArgumentException if a size is below 1
     */
    public Lstm(int inputSize, int hiddenSize, int numLayers, boolean bias, SplittableRandom random) {
        requireAtLeastOne("inputSize", inputSize);
        requireAtLeastOne("hiddenSize", hiddenSize);
        requireAtLeastOne("numLayers", numLayers);
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.numLayers = numLayers;
        this.bias = bias;
        this.layers = new Layer[numLayers];
        List<Parameter> params = new ArrayList<>();
        double bound = 1.0 / Math.sqrt(hiddenSize);
        for (int k = 0; k < numLayers; k++) {
            layers[k] = new Layer(k, k == 0 ? inputSize : hiddenSize, hiddenSize, bias);
            for (Parameter p : layers[k].parameters()) {
                p.initUniform(random, bound);
                params.add(p);
            }
        }
        this.parameters = Collections.unmodifiableList(params);
        this.hN = SequenceBatch.zeros(numLayers, 1, hiddenSize);
        this.cN = SequenceBatch.zeros(numLayers, 1, hiddenSize);
        this.dh0 = SequenceBatch.zeros(numLayers, 1, hiddenSize);
        this.dc0 = SequenceBatch.zeros(numLayers, 1, hiddenSize);
        this.result = new LstmOutput(layers[numLayers - 1].out, hN, cN);
        this.gradients = new LstmGradients(layers[0].dX, dh0, dc0);
    }

    /** @return the input size {@code I} */
    public int inputSize() {
        return inputSize;
    }

    /** @return the hidden size {@code H} */
    public int hiddenSize() {
        return hiddenSize;
    }

    /** @return the number of stacked layers {@code L} */
    public int numLayers() {
        return numLayers;
    }

    /** @return whether the layers have biases */
    public boolean hasBias() {
        return bias;
    }

    /**
     * The parameters in PyTorch's registration order ({@code weight_ih_l0, weight_hh_l0, bias_ih_l0,
     * bias_hh_l0, weight_ih_l1, ...}); the list is unmodifiable, the parameters are live.
     *
     * @return the parameters
     */
    public List<Parameter> parameters() {
        return parameters;
    }

    /**
     * @param name a PyTorch name such as {@code "weight_hh_l1"}
     * @return the parameter of that name
     * @throws IllegalArgumentException if there is none
     */
    public Parameter parameter(String name) {
        for (Parameter p : parameters) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("no LSTM parameter named '" + name + "'");
    }

    /** Sets every parameter gradient to zero. */
    public void zeroGrad() {
        for (int k = 0; k < parameters.size(); k++) {
            parameters.get(k).zeroGrad();
        }
    }

    /**
     * Runs the layers over a sequence from zero initial states.
     *
     * @param input {@code [T, B, I]}, finite
     * @return output {@code [T, B, H]} and {@code (h_n, c_n)}, each {@code [L, B, H]}; buffers owned by
     *     this layer, valid until the next forward
     * @throws IllegalArgumentException if the input has another feature count than {@code I} or holds
     *     a non-finite value
     */
    public LstmOutput forward(SequenceBatch input) {
        return forward(input, null, null);
    }

    /**
     * Runs the layers over a sequence from given initial states.
     *
     * @param input {@code [T, B, I]}, finite
     * @param h0    initial hidden states {@code [L, B, H]}, or null for zeros
     * @param c0    initial cell states {@code [L, B, H]}, or null for zeros
     * @return output {@code [T, B, H]} and {@code (h_n, c_n)}, each {@code [L, B, H]}; buffers owned by
     *     this layer, valid until the next forward
     * @throws IllegalArgumentException if a shape does not fit or a value is not finite
     */
    public LstmOutput forward(SequenceBatch input, SequenceBatch h0, SequenceBatch c0) {
        if (input.features() != inputSize) {
            throw new IllegalArgumentException("input " + input.shape() + " does not fit the LSTM's input size "
                    + inputSize + ": expected [" + input.steps() + ", " + input.batchSize() + ", " + inputSize + "]");
        }
        input.requireFinite("input");
        int t = input.steps();
        int b = input.batchSize();
        requireState("h0", h0, input);
        requireState("c0", c0, input);
        ensureShape(t, b);
        forwardDone = false;
        DMatrixRMaj x = input.matrix();
        for (int k = 0; k < numLayers; k++) {
            Layer layer = layers[k];
            layer.forward(x, t, b, h0 == null ? null : h0.matrix().data, c0 == null ? null : c0.matrix().data);
            layer.copyFinalState(t, b, hN.matrix().data, cN.matrix().data);
            x = layer.out.matrix();
        }
        forwardDone = true;
        return result;
    }

    /**
     * Backpropagation through time from the gradient of the output sequence only (zero gradients for
     * {@code h_n} and {@code c_n}); see {@link #backward(SequenceBatch, SequenceBatch, SequenceBatch)}.
     *
     * @param dOutput gradient of the objective with respect to the output, {@code [T, B, H]}
     * @return the input and initial-state gradients; buffers owned by this layer
     * @throws IllegalStateException    if no forward pass preceded
     * @throws IllegalArgumentException if the shape does not fit the last forward pass
     */
    public LstmGradients backward(SequenceBatch dOutput) {
        return backward(dOutput, null, null);
    }

    /**
     * Backpropagation through time for the last {@link #forward} call: ADDS the gradient of every
     * parameter to its {@link Parameter#grad()} (gradients accumulate, as in PyTorch, until
     * {@link #zeroGrad()}) and returns the gradients of the input and of the initial states.
     *
     * @param dOutput gradient with respect to the output sequence, {@code [T, B, H]}
     * @param dhN     gradient with respect to {@code h_n}, {@code [L, B, H]}, or null for zero
     * @param dcN     gradient with respect to {@code c_n}, {@code [L, B, H]}, or null for zero
     * @return {@code dInput [T, B, I]}, {@code dh0} and {@code dc0 [L, B, H]}; buffers owned by this layer,
     *     valid until the next backward
     * @throws IllegalStateException    if no forward pass preceded
     * @throws IllegalArgumentException if a shape does not fit the last forward pass
     */
    public LstmGradients backward(SequenceBatch dOutput, SequenceBatch dhN, SequenceBatch dcN) {
        backward(dOutput, dhN, dcN, true);
        return gradients;
    }

    /** Backward; skips the input-gradient GEMM of the first layer when {@code needInputGradient} is false. */
    void backward(SequenceBatch dOutput, SequenceBatch dhN, SequenceBatch dcN, boolean needInputGradient) {
        if (!forwardDone) {
            throw new IllegalStateException("backward needs a forward pass first");
        }
        if (!dOutput.hasShape(steps, batchSize, hiddenSize)) {
            throw new IllegalArgumentException("dOutput " + dOutput.shape() + " does not fit the output [" + steps
                    + ", " + batchSize + ", " + hiddenSize + "] of the last forward pass");
        }
        requireStateGradient("dh_n", dhN);
        requireStateGradient("dc_n", dcN);
        double[] dOut = dOutput.matrix().data;
        for (int k = numLayers - 1; k >= 0; k--) {
            Layer layer = layers[k];
            boolean needDx = k > 0 || needInputGradient;
            layer.backward(dOut, dhN == null ? null : dhN.matrix().data, dcN == null ? null : dcN.matrix().data,
                    steps, batchSize, needDx, dh0.matrix().data, dc0.matrix().data);
            dOut = layer.dX.matrix().data;
        }
    }

    private void ensureShape(int t, int b) {
        if (t == steps && b == batchSize) {
            return;
        }
        steps = t;
        batchSize = b;
        for (Layer layer : layers) {
            layer.ensureShape(t, b);
        }
        hN.reshape(numLayers, b, hiddenSize);
        cN.reshape(numLayers, b, hiddenSize);
        dh0.reshape(numLayers, b, hiddenSize);
        dc0.reshape(numLayers, b, hiddenSize);
    }

    private void requireState(String name, SequenceBatch state, SequenceBatch input) {
        if (state == null) {
            return;
        }
        if (!state.hasShape(numLayers, input.batchSize(), hiddenSize)) {
            throw new IllegalArgumentException(name + " " + state.shape() + " does not fit input " + input.shape()
                    + " and " + numLayers + " layer(s) of hidden size " + hiddenSize + ": expected ["
                    + numLayers + ", " + input.batchSize() + ", " + hiddenSize + "]");
        }
        state.requireFinite(name, "layer");
    }

    private void requireStateGradient(String name, SequenceBatch g) {
        if (g != null && !g.hasShape(numLayers, batchSize, hiddenSize)) {
            throw new IllegalArgumentException(name + " " + g.shape() + " does not fit the state [" + numLayers
                    + ", " + batchSize + ", " + hiddenSize + "] of the last forward pass");
        }
    }

    private static void requireAtLeastOne(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
    }

    /**
     * One layer: its parameters, the activations its backward needs, and forward and backward side by
     * side. Buffers are sized for one {@code (T, B)} shape and reused.
     */
    private static final class Layer {
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
        /** W_hh transposed, one H-row per hidden unit: the forward recurrent product as zero-offset axpys. */
        private final double[][] whhColumns;
        /** W_hh, one row of length H per gate unit: the backward recurrent product as zero-offset axpys. */
        private final double[][] whhRows;
        /** One row of pre-activations, 4H. */
        private final double[] gateRow;
        /** One row of dh_{t-1}, H. */
        private final double[] dhRow;
        /** dW_ih += dG^T X and dW_hh += dG^T H_prev, each one GEMM over all steps. */
        private final WeightGradientKernel inputWeightGradient;
        private final WeightGradientKernel recurrentWeightGradient;

        /** Input of the last forward, (T*B) x in; not owned. */
        private DMatrixRMaj x;
        /** Gate pre-activations then, in place, activations i, f, g, o: (T*B) x 4H. */
        private final DMatrixRMaj gates = new DMatrixRMaj(1, 1);
        /** Hidden state entering each step, h_{t-1} (h0 first): (T*B) x H, for the dW_hh GEMM. */
        private final DMatrixRMaj hPrev = new DMatrixRMaj(1, 1);
        /** Cell states c0, c_0, ..., c_{T-1}: ((T+1)*B) x H. */
        private final DMatrixRMaj cells = new DMatrixRMaj(1, 1);
        /** tanh(c_t): (T*B) x H. */
        private final DMatrixRMaj tanhCells = new DMatrixRMaj(1, 1);
        /** Output h_t: [T, B, H]. */
        private final SequenceBatch out;
        /** Gradient of the gate pre-activations: (T*B) x 4H. */
        private final DMatrixRMaj dGates = new DMatrixRMaj(1, 1);
        /** Gradient of the input: [T, B, in]. */
        private final SequenceBatch dX;
        /** dh and dc flowing from step t to step t-1: B x H each (the arrays only grow). */
        private double[] dhNext = new double[0];
        private double[] dcNext = new double[0];

        Layer(int index, int in, int hidden, boolean bias) {
            this.index = index;
            this.in = in;
            this.hidden = hidden;
            this.gateWidth = 4 * hidden;
            this.weightIh = Parameter.matrix("weight_ih_l" + index, gateWidth, in);
            this.weightHh = Parameter.matrix("weight_hh_l" + index, gateWidth, hidden);
            this.biasIh = bias ? Parameter.vector("bias_ih_l" + index, gateWidth) : null;
            this.biasHh = bias ? Parameter.vector("bias_hh_l" + index, gateWidth) : null;
            this.biasSum = new double[gateWidth];
            this.whhColumns = new double[hidden][gateWidth];
            this.whhRows = new double[gateWidth][hidden];
            this.gateRow = new double[gateWidth];
            this.dhRow = new double[hidden];
            this.inputWeightGradient = new WeightGradientKernel(gateWidth, in);
            this.recurrentWeightGradient = new WeightGradientKernel(gateWidth, hidden);
            this.out = SequenceBatch.zeros(1, 1, hidden);
            this.dX = SequenceBatch.zeros(1, 1, in);
        }

        List<Parameter> parameters() {
            return biasIh == null ? List.of(weightIh, weightHh) : List.of(weightIh, weightHh, biasIh, biasHh);
        }

        void ensureShape(int t, int b) {
            int rows = t * b;
            gates.reshape(rows, gateWidth);
            hPrev.reshape(rows, hidden);
            cells.reshape(rows + b, hidden);
            tanhCells.reshape(rows, hidden);
            out.reshape(t, b, hidden);
            dGates.reshape(rows, gateWidth);
            dX.reshape(t, b, in);
            if (dhNext.length < b * hidden) {
                dhNext = new double[b * hidden];
                dcNext = new double[b * hidden];
            }
        }

        /** Copies this layer's h_{T-1} and c_{T-1} into the [L, B, H] state buffers. */
        void copyFinalState(int t, int b, double[] hN, double[] cN) {
            int n = b * hidden;
            System.arraycopy(out.matrix().data, (t - 1) * n, hN, index * n, n);
            System.arraycopy(cells.data, t * n, cN, index * n, n);
        }

        /**
         * Forward over all steps. {@code h0}, {@code c0} are [L, B, H] arrays (this layer's block is read)
         * or null for zeros.
         */
        void forward(DMatrixRMaj input, int t, int b, double[] h0, double[] c0) {
            this.x = input;
            final int hd = hidden;
            final int gw = gateWidth;
            final int stateSize = b * hd;
            refreshRecurrentWeights();

            // Input projections of all steps at once: Gx = X W_ih^T, (T*B) x 4H.
            CommonOps_DDRM.multTransB(input, weightIh.value(), gates);

            double[] hp = hPrev.data;
            double[] c = cells.data;
            if (h0 == null) {
                Arrays.fill(hp, 0, stateSize, 0.0);
            } else {
                System.arraycopy(h0, index * stateSize, hp, 0, stateSize);
            }
            if (c0 == null) {
                Arrays.fill(c, 0, stateSize, 0.0);
            } else {
                System.arraycopy(c0, index * stateSize, c, 0, stateSize);
            }

            double[] g = gates.data;
            double[] tc = tanhCells.data;
            double[] h = out.matrix().data;
            double[] row = gateRow;
            for (int step = 0; step < t; step++) {
                boolean hasNext = step + 1 < t;
                for (int s = 0; s < b; s++) {
                    int r = step * b + s;
                    int gOff = r * gw;
                    int hOff = r * hd;
                    // pre-activation: Gx + b_ih + b_hh + h_{t-1} W_hh^T; row r of hPrev holds h_{t-1} of sequence s
                    for (int k = 0; k < gw; k++) {
                        row[k] = g[gOff + k] + biasSum[k];
                    }
                    for (int j = 0; j < hd; j++) {
                        double a = hp[hOff + j];
                        double[] w = whhColumns[j];
                        for (int k = 0; k < gw; k++) {
                            row[k] += a * w[k];
                        }
                    }
                    // gates, cell and hidden state in one pass; c_{t-1} is cells row r, c_t is row r + B
                    int cPrevOff = hOff;
                    int cOff = hOff + stateSize;
                    for (int j = 0; j < hd; j++) {
                        double ig = Activations.sigmoid(row[j]);
                        double fg = Activations.sigmoid(row[hd + j]);
                        double gg = Activations.tanh(row[2 * hd + j]);
                        double og = Activations.sigmoid(row[3 * hd + j]);
                        double cell = fg * c[cPrevOff + j] + ig * gg;
                        double tanhCell = Activations.tanh(cell);
                        double hNew = og * tanhCell;
                        g[gOff + j] = ig;
                        g[gOff + hd + j] = fg;
                        g[gOff + 2 * hd + j] = gg;
                        g[gOff + 3 * hd + j] = og;
                        c[cOff + j] = cell;
                        tc[hOff + j] = tanhCell;
                        h[hOff + j] = hNew;
                        if (hasNext) {
                            hp[hOff + stateSize + j] = hNew; // h_t enters step t + 1
                        }
                    }
                }
            }
        }

        /**
         * Backward over all steps, from the last to the first. {@code dOut}: gradient of this layer's output
         * (T*B) x H; {@code dhN}, {@code dcN}: [L, B, H] or null; writes this layer's block of {@code dh0} and
         * {@code dc0}, adds to the parameter gradients, and writes {@link #dX} when {@code needDx}.
         */
        void backward(double[] dOut, double[] dhN, double[] dcN, int t, int b, boolean needDx,
                double[] dh0, double[] dc0) {
            final int hd = hidden;
            final int gw = gateWidth;
            final int stateSize = b * hd;
            double[] dhn = dhNext;
            double[] dcn = dcNext;
            if (dhN == null) {
                Arrays.fill(dhn, 0, stateSize, 0.0);
            } else {
                System.arraycopy(dhN, index * stateSize, dhn, 0, stateSize);
            }
            if (dcN == null) {
                Arrays.fill(dcn, 0, stateSize, 0.0);
            } else {
                System.arraycopy(dcN, index * stateSize, dcn, 0, stateSize);
            }

            double[] g = gates.data;
            double[] c = cells.data;
            double[] tc = tanhCells.data;
            double[] dg = dGates.data;
            double[] dRow = dhRow;
            for (int step = t - 1; step >= 0; step--) {
                for (int s = 0; s < b; s++) {
                    int r = step * b + s;
                    int gOff = r * gw;
                    int hOff = r * hd;
                    int sOff = s * hd;
                    for (int j = 0; j < hd; j++) {
                        double ig = g[gOff + j];
                        double fg = g[gOff + hd + j];
                        double gg = g[gOff + 2 * hd + j];
                        double og = g[gOff + 3 * hd + j];
                        double tanhCell = tc[hOff + j];
                        // h = o * tanh(c): dh reaches o and c
                        double dh = dOut[hOff + j] + dhn[sOff + j];
                        double dOg = dh * tanhCell;
                        double dCell = dcn[sOff + j] + dh * og * (1.0 - tanhCell * tanhCell);
                        // c = f * c_prev + i * g
                        double dIg = dCell * gg;
                        double dFg = dCell * c[hOff + j]; // c_{t-1} is cells row r
                        double dGg = dCell * ig;
                        dcn[sOff + j] = dCell * fg;
                        // through the nonlinearities to the pre-activations
                        dg[gOff + j] = dIg * ig * (1.0 - ig);
                        dg[gOff + hd + j] = dFg * fg * (1.0 - fg);
                        dg[gOff + 2 * hd + j] = dGg * (1.0 - gg * gg);
                        dg[gOff + 3 * hd + j] = dOg * og * (1.0 - og);
                    }
                    // recurrent input: dh_{t-1} = dG_t W_hh, as zero-offset axpys over the rows of W_hh
                    Arrays.fill(dRow, 0.0);
                    for (int k = 0; k < gw; k++) {
                        double a = dg[gOff + k];
                        double[] w = whhRows[k];
                        for (int j = 0; j < hd; j++) {
                            dRow[j] += a * w[j];
                        }
                    }
                    System.arraycopy(dRow, 0, dhn, sOff, hd);
                }
            }
            System.arraycopy(dhn, 0, dh0, index * stateSize, stateSize);
            System.arraycopy(dcn, 0, dc0, index * stateSize, stateSize);

            // Weight gradients over all steps at once: dW_ih += dG^T X, dW_hh += dG^T H_prev.
            inputWeightGradient.addTransAProduct(dGates, x, t * b, weightIh.grad());
            recurrentWeightGradient.addTransAProduct(dGates, hPrev, t * b, weightHh.grad());
            if (biasIh != null) {
                // db_ih and db_hh: both the column sums of dG
                double[] dbi = biasIh.grad().data;
                double[] dbh = biasHh.grad().data;
                int rows = t * b;
                for (int r = 0; r < rows; r++) {
                    int gOff = r * gw;
                    for (int k = 0; k < gw; k++) {
                        double d = dg[gOff + k];
                        dbi[k] += d;
                        dbh[k] += d;
                    }
                }
            }
            if (needDx) {
                // dX = dG W_ih, (T*B) x in
                CommonOps_DDRM.mult(dGates, weightIh.value(), dX.matrix());
            }
        }

        /** Caches b_ih + b_hh and W_hh in the two layouts the per-step loops read. */
        private void refreshRecurrentWeights() {
            if (biasIh != null) {
                double[] bi = biasIh.value().data;
                double[] bh = biasHh.value().data;
                for (int k = 0; k < gateWidth; k++) {
                    biasSum[k] = bi[k] + bh[k];
                }
            }
            double[] w = weightHh.value().data;
            for (int k = 0; k < gateWidth; k++) {
                double[] wRow = whhRows[k];
                for (int j = 0; j < hidden; j++) {
                    double v = w[k * hidden + j];
                    wRow[j] = v;
                    whhColumns[j][k] = v;
                }
            }
        }
    }
}
