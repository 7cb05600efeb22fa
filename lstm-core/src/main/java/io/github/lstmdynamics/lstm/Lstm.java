package io.github.lstmdynamics.lstm;

import io.github.lstmdynamics.lstm.kernels.ArrayKernels;
import io.github.lstmdynamics.lstm.kernels.KernelProvider;
import io.github.lstmdynamics.lstm.kernels.Kernels;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

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
 *
 * <p>Threads: {@link #setThreads(int)} lets forward and backward use more than the calling thread for
 * large enough layers. The work is split by output elements only (sequences of the batch, rows of the
 * projections and of the weight gradients), never by a sum, so results are bit-identical for every
 * thread count. A layer uses its threads only when one forward pass over it costs at least
 * {@link #PARALLEL_THRESHOLD} multiply-adds ({@code T*B*4H*(I_k + H)}); smaller ones stay on the calling
 * thread, where handing work over would cost more than it saves. The tutorial's model (about 7e5) is
 * above it.
 *
 * <p>{@link #close()} ends the helper threads; a closed layer stack throws {@link IllegalStateException}
 * from forward, backward and {@link #setThreads(int)}. Use it in a try-with-resources block, or close it
 * when done.
 */
public final class Lstm implements AutoCloseable {

    /**
     * Multiply-adds of one layer's forward pass, {@code T*B*4H*(I_k + H)}, from which the layer uses the
     * threads set by {@link #setThreads(int)}: 2^18, about 2.6e5 (about 0.1 ms of work on one core); below
     * it, handing work to another thread costs about what it saves. The tutorial's model (about 7e5) is
     * above it.
     */
    public static final long PARALLEL_THRESHOLD = 1L << 18;

    private final int inputSize;
    private final int hiddenSize;
    private final int numLayers;
    private final boolean bias;
    private final Precision precision;
    /** The kernels of the precision; {@code Object} stands for {@code double[]} or {@code float[]}. */
    private final ArrayKernels<Object, Object> kernels;
    private final LstmLayer<Object, Object>[] layers;
    private final List<Parameter> parameters;

    private int steps;
    private int batchSize;
    private boolean forwardDone;
    private final SequenceBatch hN;
    private final SequenceBatch cN;
    private final SequenceBatch dh0;
    private final SequenceBatch dc0;
    /** The output of the last forward as doubles, [T, B, H]. */
    private final SequenceBatch output;
    /** The input gradient of the last backward as doubles, [T, B, I]. */
    private final SequenceBatch dInput;
    /** The arrays of the precision that the calls convert into (float32; float64 reads the doubles). */
    private Object inputArray;
    private Object dOutputArray;
    private Object h0Array;
    private Object c0Array;
    private Object dhNArray;
    private Object dcNArray;
    private Object hNArray;
    private Object cNArray;
    private Object dh0Array;
    private Object dc0Array;
    private final LstmOutput result;
    private final LstmGradients gradients;
    /** The threads of forward and backward; one part (no helper threads) by default. */
    private WorkerPool pool = new WorkerPool(1);
    /** For layers below the threshold: the calling thread alone. */
    private final WorkerPool inline = pool;
    private boolean closed;

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
     * @throws IllegalArgumentException if a size is below 1, or a weight matrix would have more elements than
     *                                  one Java array holds
     */
    public Lstm(int inputSize, int hiddenSize, int numLayers, boolean bias, SplittableRandom random) {
        this(inputSize, hiddenSize, numLayers, bias, random, Precision.FLOAT64);
    }

    /**
     * Builds a layer stack of the given precision whose weights are drawn from {@code random}: a float32
     * stack gets the float64 stack's weights from the same draws, each rounded to float.
     *
     * @param inputSize  features per step {@code I}, at least 1
     * @param hiddenSize hidden units {@code H}, at least 1
     * @param numLayers  stacked layers {@code L}, at least 1
     * @param bias       whether the layers have {@code bias_ih} and {@code bias_hh}
     * @param random     source of the initial weights; advanced by one draw per parameter element
     * @param precision  the precision of the parameters, the gradients and the arithmetic
     * @throws IllegalArgumentException if a size is below 1, or a weight matrix would have more elements than
     *                                  one Java array holds
     */
    public Lstm(int inputSize, int hiddenSize, int numLayers, boolean bias, SplittableRandom random,
            Precision precision) {
        this(inputSize, hiddenSize, numLayers, bias, random, precision,
                precision == Precision.FLOAT64 ? KernelProvider.kernels() : ArrayKernels.float32());
    }

    /** As {@link #Lstm(int, int, int, boolean, SplittableRandom)} on the given float64 kernels. */
    Lstm(int inputSize, int hiddenSize, int numLayers, boolean bias, SplittableRandom random, Kernels kernels) {
        this(inputSize, hiddenSize, numLayers, bias, random, Precision.FLOAT64, kernels);
    }

    /** As {@link #Lstm(int, int, int, boolean, SplittableRandom, Precision)} on the given kernels of that precision. */
    @SuppressWarnings("unchecked")
    Lstm(int inputSize, int hiddenSize, int numLayers, boolean bias, SplittableRandom random, Precision precision,
            ArrayKernels<?, ?> kernels) {
        requireAtLeastOne("inputSize", inputSize);
        requireAtLeastOne("hiddenSize", hiddenSize);
        requireAtLeastOne("numLayers", numLayers);
        ArraySizes.requireFits("weight_ih_l0 [4 x hiddenSize, inputSize]", 4, hiddenSize, inputSize);
        ArraySizes.requireFits("weight_hh [4 x hiddenSize, hiddenSize]", 4, hiddenSize, hiddenSize);
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.numLayers = numLayers;
        this.bias = bias;
        if (precision == null) {
            throw new NullPointerException("precision");
        }
        if (kernels.elementBytes() != precision.bytes()) {
            throw new IllegalArgumentException("kernels " + kernels.name() + " do not compute in " + precision.label());
        }
        this.precision = precision;
        this.kernels = (ArrayKernels<Object, Object>) kernels;
        this.layers = new LstmLayer[numLayers];
        List<Parameter> params = new ArrayList<>();
        double bound = 1.0 / Math.sqrt(hiddenSize);
        for (int k = 0; k < numLayers; k++) {
            layers[k] = new LstmLayer<>(k, k == 0 ? inputSize : hiddenSize, hiddenSize, bias, precision, this.kernels);
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
        this.output = SequenceBatch.zeros(1, 1, hiddenSize);
        this.dInput = SequenceBatch.zeros(1, 1, inputSize);
        this.result = new LstmOutput(output, hN, cN);
        this.gradients = new LstmGradients(dInput, dh0, dc0);
    }

    /** {@return the input size {@code I}} */
    public int inputSize() {
        return inputSize;
    }

    /** {@return the hidden size {@code H}} */
    public int hiddenSize() {
        return hiddenSize;
    }

    /** {@return the number of stacked layers {@code L}} */
    public int numLayers() {
        return numLayers;
    }

    /**
     * Returns the precision of the parameters, gradients and arithmetic.
     *
     * @return the precision of the parameters, gradients and arithmetic
     */
    public Precision precision() {
        return precision;
    }

    /**
     * Bytes of the arrays this layer stack computes in: the parameters, their gradients, and every buffer
     * of the layers at the largest shape seen so far (not the double arrays of the public API). A float32
     * stack takes half the bytes of a float64 one.
     *
     * @return the bytes
     */
    public long bytes() {
        long n = 0;
        for (LstmLayer<Object, Object> layer : layers) {
            n += layer.bytes();
        }
        return n;
    }

    /** {@return whether the layers have biases} */
    public boolean hasBias() {
        return bias;
    }

    /**
     * Sets how many threads forward and backward may use (the calling thread included); default 1.
     * With more than one, {@code threads - 1} daemon helper threads are started and kept for the
     * following calls; setting 1 (or {@link #close()}) ends them. Results do not depend on the thread count (bit for bit).
     * Layers below {@link #PARALLEL_THRESHOLD} run on the calling thread regardless.
     *
     * @param threads at least 1; more than the machine's cores only adds overhead
     * @throws IllegalArgumentException if {@code threads < 1}
     * @throws IllegalStateException    if this layer stack is closed
     */
    public void setThreads(int threads) {
        requireOpen();
        requireAtLeastOne("threads", threads);
        if (threads == pool.parts()) {
            return;
        }
        if (pool != inline) {
            pool.close();
        }
        pool = threads == 1 ? inline : new WorkerPool(threads);
        for (LstmLayer<Object, Object> layer : layers) {
            layer.ensureParts(threads);
        }
    }

    /** {@return the number of threads forward and backward may use (see {@link #setThreads(int)})} */
    public int threads() {
        return pool.parts();
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
     * Finds a parameter by its PyTorch name.
     *
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
     * @throws IllegalStateException    if this layer stack is closed
     */
    public LstmOutput forward(SequenceBatch input, SequenceBatch h0, SequenceBatch c0) {
        Object last = forwardArrays(input, h0, c0);
        kernels.toDoubles(last, steps * batchSize * hiddenSize, output.matrix().data);
        return result;
    }

    /**
     * The forward of {@link #forward(SequenceBatch, SequenceBatch, SequenceBatch)} without the output's
     * conversion to doubles: returns the last layer's output, flat {@code (T*B) x H} in the precision's
     * array, owned by this stack; {@code h_n} and {@code c_n} are written to {@link #lastResult()}.
     */
    Object forwardArrays(SequenceBatch input, SequenceBatch h0, SequenceBatch c0) {
        requireOpen();
        if (input.features() != inputSize) {
            throw new IllegalArgumentException("input " + input.shape() + " does not fit the LSTM's input size "
                    + inputSize + ": expected [" + input.steps() + ", " + input.batchSize() + ", " + inputSize + "]");
        }
        int t = input.steps();
        int b = input.batchSize();
        if (!ArraySizes.fits(t + 1L, b, hiddenSize)) {
            throw ArraySizes.tooLarge("the hidden states of input " + input.shape() + ", (T + 1) x B x hiddenSize",
                    t + 1L, b, hiddenSize);
        }
        input.requireFinite("input");
        requireState("h0", h0, input);
        requireState("c0", c0, input);
        ensureShape(t, b);
        forwardDone = false;
        int state = numLayers * b * hiddenSize;
        Object x = inputArray = kernels.fromDoubles(input.matrix().data, t * b * inputSize, inputArray);
        Object h0v = h0 == null ? null : (h0Array = kernels.fromDoubles(h0.matrix().data, state, h0Array));
        Object c0v = c0 == null ? null : (c0Array = kernels.fromDoubles(c0.matrix().data, state, c0Array));
        Object hNv = stateArray(hN, hNArray);
        Object cNv = stateArray(cN, cNArray);
        for (int k = 0; k < numLayers; k++) {
            LstmLayer<Object, Object> layer = layers[k];
            layer.forward(x, h0v, c0v, poolFor(layer));
            layer.copyFinalState(hNv, cNv);
            x = layer.out;
        }
        kernels.toDoubles(hNv, state, hN.matrix().data);
        kernels.toDoubles(cNv, state, cN.matrix().data);
        forwardDone = true;
        return x;
    }

    /** The gradients of the last backward (the input gradient only when it was asked for). */
    LstmGradients lastGradients() {
        return gradients;
    }

    /** The result of the last forward; its output is stale after {@link #forwardArrays}. */
    LstmOutput lastResult() {
        return result;
    }

    /**
     * Backpropagation through time from the gradient of the output sequence only (zero gradients for
     * {@code h_n} and {@code c_n}); see {@link #backward(SequenceBatch, SequenceBatch, SequenceBatch)}.
     *
     * @param dOutput gradient of the objective with respect to the output, {@code [T, B, H]}
     * @return the input and initial-state gradients; buffers owned by this layer
     * @throws IllegalStateException    if no forward pass preceded, or this layer stack is closed
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
     * @throws IllegalStateException    if no forward pass preceded, or this layer stack is closed
     * @throws IllegalArgumentException if a shape does not fit the last forward pass
     */
    public LstmGradients backward(SequenceBatch dOutput, SequenceBatch dhN, SequenceBatch dcN) {
        backward(dOutput, dhN, dcN, true);
        return gradients;
    }

    /**
     * Backward; when {@code needInputGradient} is false (training, where only the parameter gradients
     * count) it skips the input-gradient GEMM of the first layer and every layer's last product
     * {@code dh_{-1} = dG_0 W_hh}: {@code dInput} is then stale and {@code dh0} zero.
     */
    void backward(SequenceBatch dOutput, SequenceBatch dhN, SequenceBatch dcN, boolean needInputGradient) {
        requireOpen();
        checkBackward(dOutput, dhN, dcN);
        dOutputArray = kernels.fromDoubles(dOutput.matrix().data, steps * batchSize * hiddenSize, dOutputArray);
        backwardArrays(dOutputArray, dhN, dcN, needInputGradient);
    }

    private void checkBackward(SequenceBatch dOutput, SequenceBatch dhN, SequenceBatch dcN) {
        if (!forwardDone) {
            throw new IllegalStateException("backward needs a forward pass first");
        }
        if (!dOutput.hasShape(steps, batchSize, hiddenSize)) {
            throw new IllegalArgumentException("dOutput " + dOutput.shape() + " does not fit the output [" + steps
                    + ", " + batchSize + ", " + hiddenSize + "] of the last forward pass");
        }
        requireStateGradient("dh_n", dhN);
        requireStateGradient("dc_n", dcN);
    }

    /**
     * The backward of {@link #backward(SequenceBatch, SequenceBatch, SequenceBatch)} from an output gradient
     * {@code dOutput} already in the precision's array (flat {@code (T*B) x H}); the gradients of the
     * input (when {@code needInputGradient}), h0 and c0 are written as doubles.
     */
    void backwardArrays(Object dOutput, SequenceBatch dhN, SequenceBatch dcN, boolean needInputGradient) {
        requireOpen();
        if (!forwardDone) {
            throw new IllegalStateException("backward needs a forward pass first");
        }
        requireStateGradient("dh_n", dhN);
        requireStateGradient("dc_n", dcN);
        int state = numLayers * batchSize * hiddenSize;
        Object dOut = dOutput;
        Object dhNv = dhN == null ? null : (dhNArray = kernels.fromDoubles(dhN.matrix().data, state, dhNArray));
        Object dcNv = dcN == null ? null : (dcNArray = kernels.fromDoubles(dcN.matrix().data, state, dcNArray));
        Object dh0v = stateArray(dh0, dh0Array);
        Object dc0v = stateArray(dc0, dc0Array);
        // the layers from the last to the first, counted upwards: a counting-down loop here makes C2 on
        // JDK 17 deoptimise the whole compiled training step once (docs/performance.md, loop_limit_check)
        for (int done = 0; done < numLayers; done++) {
            int k = numLayers - 1 - done;
            LstmLayer<Object, Object> layer = layers[k];
            boolean needDx = k > 0 || needInputGradient;
            layer.backward(dOut, dhNv, dcNv, needDx, needInputGradient, dh0v, dc0v, poolFor(layer));
            dOut = layer.dX;
        }
        if (needInputGradient) {
            kernels.toDoubles(layers[0].dX, steps * batchSize * inputSize, dInput.matrix().data);
        }
        kernels.toDoubles(dh0v, state, dh0.matrix().data);
        kernels.toDoubles(dc0v, state, dc0.matrix().data);
    }

    /** The array of the precision for an [L, B, H] state: its own doubles in float64, else {@code reuse}. */
    private Object stateArray(SequenceBatch s, Object reuse) {
        return precision == Precision.FLOAT64 ? s.matrix().data : reuse;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (pool != inline) {
            pool.close();
        }
        pool = inline;
    }

    /** {@return whether {@link #close()} was called} */
    public boolean isClosed() {
        return closed;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("this LSTM is closed");
        }
    }

    /** The pool for a layer of the current shape: the calling thread alone below the threshold. */
    private WorkerPool poolFor(LstmLayer<?, ?> layer) {
        if (batchSize < pool.parts() || (long) steps * batchSize * layer.forwardWorkPerRow() < PARALLEL_THRESHOLD) {
            return inline;
        }
        return pool;
    }

    private void ensureShape(int t, int b) {
        if (t == steps && b == batchSize) {
            return;
        }
        steps = t;
        batchSize = b;
        for (LstmLayer<Object, Object> layer : layers) {
            layer.ensureShape(t, b);
        }
        output.reshape(t, b, hiddenSize);
        dInput.reshape(t, b, inputSize);
        if (precision != Precision.FLOAT64) {
            int state = numLayers * b * hiddenSize;
            hNArray = fit(hNArray, state);
            cNArray = fit(cNArray, state);
            dh0Array = fit(dh0Array, state);
            dc0Array = fit(dc0Array, state);
        }
        hN.reshape(numLayers, b, hiddenSize);
        cN.reshape(numLayers, b, hiddenSize);
        dh0.reshape(numLayers, b, hiddenSize);
        dc0.reshape(numLayers, b, hiddenSize);
    }

    private Object fit(Object array, int n) {
        return array == null || kernels.length(array) < n ? kernels.newVector(n) : array;
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
}
