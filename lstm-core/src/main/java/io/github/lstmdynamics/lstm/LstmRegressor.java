package io.github.lstmdynamics.lstm;

import io.github.lstmdynamics.lstm.kernels.ArrayKernels;
import io.github.lstmdynamics.lstm.kernels.KernelProvider;
import io.github.lstmdynamics.lstm.kernels.Kernels;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;

/**
 * A sequence-to-sequence regressor as in the PyTorch tutorial: an {@link Lstm} followed by a
 * {@link Linear} readout applied at every time step, trained on the mean squared error
 * ({@link MseLoss.Reduction#MEAN}). The PyTorch model it mirrors is
 * <pre>
 *   class Model(nn.Module):
 *       def __init__(self):
 *           self.lstm = nn.LSTM(inputSize, hiddenSize, numLayers, bias=bias)
 *           self.output = nn.Linear(hiddenSize, outputSize, bias=bias)
 *       def forward(self, x):
 *           return self.output(self.lstm(x)[0])
 * </pre>
 * so its parameters, by {@code state_dict} name and in that order, are {@code lstm.weight_ih_l0},
 * {@code lstm.weight_hh_l0}, {@code lstm.bias_ih_l0}, {@code lstm.bias_hh_l0}, ... (per layer),
 * {@code output.weight}, {@code output.bias}. Weights are drawn as PyTorch's defaults from one
 * {@link SplittableRandom} seeded by the caller, in that order: the same seed gives bit-identical
 * weights, and with the same data and optimizer a bit-identical training run.
 *
 * <p>Sequences are time-major {@code [T, B, F]}. The initial LSTM states are zero unless given as an
 * {@link LstmState} {@code (h_0, c_0)} of shape {@code [L, B, H]}; the calls that take one also return the
 * final states {@code (h_n, c_n)}, so that a long sequence can be predicted in chunks
 * ({@link #predict(SequenceBatch, LstmState)}: the same bits as one call over the whole sequence) and rolled
 * out in closed loop ({@link #rollout}). The training step allocates nothing once the shape {@code (T, B)}
 * has been seen (after the optimizer's first step).
 *
 * <p>A model is not thread-safe: use each instance from one thread at a time. Separate models share
 * nothing and may be trained in parallel. One model can itself use several threads for large sizes:
 * see {@link #setThreads(int)}.
 *
 * <p>{@link #close()} ends the model's helper threads; a closed model throws {@link IllegalStateException}
 * from every method that computes. Use it in a try-with-resources block, or close it when done.
 */
public final class LstmRegressor implements AutoCloseable {

    private final Lstm lstm;
    private final Linear output;
    private final MseLoss loss;
    private final List<Parameter> parameters;
    private final Precision precision;
    /** The kernels of the precision; {@code Object} stands for {@code double[]} or {@code float[]}. */
    private final ArrayKernels<Object, Object> arrays;
    /** The target converted into the precision's array, and the gradient of the prediction, reused. */
    private Object targetArray;
    private Object dPredictionArray;
    /** The LSTM's results of the last gradient computation (buffers owned by the LSTM). */
    private LstmOutput lastForward;
    private LstmGradients lastBackward;

    /**
     * A one-layer model with biases, as the tutorial's {@code LSTM(inputSize -> hiddenSize)} plus
     * {@code Linear(hiddenSize -> outputSize)}.
     *
     * @param inputSize  input features per step, at least 1
     * @param hiddenSize LSTM hidden units, at least 1
     * @param outputSize output features per step, at least 1
     * @param seed       seed of the initial weights
     * @throws IllegalArgumentException if a size is below 1
     */
    public LstmRegressor(int inputSize, int hiddenSize, int outputSize, long seed) {
        this(inputSize, hiddenSize, outputSize, 1, true, seed);
    }

    /**
     * Builds a model of stacked LSTM layers and a readout, with PyTorch's initialisation from a seed.
     *
     * @param inputSize  input features per step, at least 1
     * @param hiddenSize LSTM hidden units, at least 1
     * @param outputSize output features per step, at least 1
     * @param numLayers  stacked LSTM layers, at least 1
     * @param bias       whether the LSTM layers and the readout have biases
     * @param seed       seed of the initial weights (LSTM parameters first, then readout weight and bias)
     * @throws IllegalArgumentException if a size is below 1
     */
    public LstmRegressor(int inputSize, int hiddenSize, int outputSize, int numLayers, boolean bias, long seed) {
        this(inputSize, hiddenSize, outputSize, numLayers, bias, seed, Precision.FLOAT64);
    }

    /**
     * A model of the given precision. Its parameters, gradients, activations, optimizer state and
     * arithmetic are all in that precision; inputs and targets are still double {@link SequenceBatch}es,
     * converted once per call, and predictions come back as doubles. From the same seed, a float32 model's
     * initial weights are the float64 model's rounded to float.
     *
     * @param inputSize  input features per step, at least 1
     * @param hiddenSize LSTM hidden units, at least 1
     * @param outputSize output features per step, at least 1
     * @param numLayers  stacked LSTM layers, at least 1
     * @param bias       whether the LSTM layers and the readout have biases
     * @param seed       seed of the initial weights (LSTM parameters first, then readout weight and bias)
     * @param precision  {@link Precision#FLOAT64} (the default of the other constructors) or
     *                   {@link Precision#FLOAT32}
     * @throws IllegalArgumentException if a size is below 1
     */
    public LstmRegressor(int inputSize, int hiddenSize, int outputSize, int numLayers, boolean bias, long seed,
            Precision precision) {
        this(inputSize, hiddenSize, outputSize, numLayers, bias, seed, precision, KernelProvider.kernels());
    }

    /** As {@link #LstmRegressor(int, int, int, int, boolean, long)} on the given kernels. */
    LstmRegressor(int inputSize, int hiddenSize, int outputSize, int numLayers, boolean bias, long seed,
            Kernels kernels) {
        this(inputSize, hiddenSize, outputSize, numLayers, bias, seed, Precision.FLOAT64, kernels);
    }

    /** A model of {@code precision}; in float64 on the given kernels. */
    @SuppressWarnings("unchecked")
    LstmRegressor(int inputSize, int hiddenSize, int outputSize, int numLayers, boolean bias, long seed,
            Precision precision, Kernels kernels) {
        if (outputSize < 1) {
            throw new IllegalArgumentException("outputSize must be at least 1, got " + outputSize);
        }
        if (precision == null) {
            throw new NullPointerException("precision");
        }
        ArrayKernels<?, ?> k = precision == Precision.FLOAT64 ? kernels : KernelProvider.float32Matching(kernels);
        SplittableRandom random = new SplittableRandom(seed);
        this.precision = precision;
        this.arrays = (ArrayKernels<Object, Object>) k;
        this.lstm = new Lstm(inputSize, hiddenSize, numLayers, bias, random, precision, k);
        this.output = new Linear(hiddenSize, outputSize, bias, random, precision, k);
        this.loss = new MseLoss(MseLoss.Reduction.MEAN, kernels, k);
        List<Parameter> params = new ArrayList<>();
        for (Parameter p : lstm.parameters()) {
            params.add(p.renamed("lstm." + p.name()));
        }
        for (Parameter p : output.parameters()) {
            params.add(p.renamed("output." + p.name()));
        }
        this.parameters = Collections.unmodifiableList(params);
    }

    /**
     * Sets how many threads the LSTM's forward and backward may use, the calling thread included
     * (default 1). Training results are bit-identical for every thread count: the work is split by output
     * elements, never by a sum. Only layers of at least {@link Lstm#PARALLEL_THRESHOLD} multiply-adds per
     * forward pass use the threads (the tutorial's size, about 7e5, does: two threads train it in 0.7 to
     * 0.8 of the one-thread time). Extra threads are daemon threads kept until the count is set back to 1
     * or the model is closed.
     *
     * @param threads at least 1, at most the number of cores to be useful
     * @throws IllegalArgumentException if {@code threads < 1}
     * @throws IllegalStateException    if the model is closed
     */
    public void setThreads(int threads) {
        requireOpen();
        lstm.setThreads(threads);
    }

    /** {@return the number of threads the LSTM may use (see {@link #setThreads(int)})} */
    public int threads() {
        return lstm.threads();
    }

    /**
     * Returns the precision of the parameters, gradients, optimizer state and arithmetic.
     *
     * @return the precision of the parameters, gradients, optimizer state and arithmetic
     */
    public Precision precision() {
        return precision;
    }

    /**
     * Bytes of the arrays the model computes in: the parameters, their gradients, and the buffers of the
     * LSTM and the readout at the largest shape seen so far. A float32 model takes half the bytes of a
     * float64 one.
     *
     * @return the bytes
     */
    public long bytes() {
        return lstm.bytes() + output.bytes();
    }

    /** {@return the LSTM part (parameters named without the {@code "lstm."} prefix)} */
    public Lstm lstm() {
        return lstm;
    }

    /** {@return the readout (parameters named without the {@code "output."} prefix)} */
    public Linear output() {
        return output;
    }

    /** {@return input features per step} */
    public int inputSize() {
        return lstm.inputSize();
    }

    /** {@return output features per step} */
    public int outputSize() {
        return output.outFeatures();
    }

    /**
     * All parameters, live, in {@code state_dict} order with {@code state_dict} names
     * ({@code lstm.weight_ih_l0}, ..., {@code output.weight}, {@code output.bias}); pass them to
     * an {@link Optimizer} such as {@link Sgd} or {@link Adam}. The list is unmodifiable.
     *
     * @return the parameters
     */
    public List<Parameter> parameters() {
        return parameters;
    }

    /**
     * Finds a parameter by its {@code state_dict} name.
     *
     * @param name a {@code state_dict} name such as {@code "lstm.weight_hh_l0"} or {@code "output.bias"}
     * @return the live parameter of that name
     * @throws IllegalArgumentException if there is none (the message lists the names)
     */
    public Parameter parameter(String name) {
        for (Parameter p : parameters) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        List<String> names = new ArrayList<>();
        for (Parameter p : parameters) {
            names.add(p.name());
        }
        throw new IllegalArgumentException("no parameter named '" + name + "'; the parameters are " + names);
    }

    /**
     * Sets a parameter from values in PyTorch's flattened (row-major) order, as
     * {@code state_dict()[name].flatten()}.
     *
     * @param name   a {@code state_dict} name
     * @param values exactly as many values as the parameter has elements
     * @throws IllegalArgumentException if the name is unknown or the length does not fit the shape
     */
    public void setParameter(String name, double[] values) {
        parameter(name).set(values);
    }

    /**
     * Sets a parameter from a matrix of its shape (a vector parameter takes {@code n x 1} or {@code 1 x n}).
     *
     * @param name   a {@code state_dict} name
     * @param values the new value
     * @throws IllegalArgumentException if the name is unknown or the shape does not fit
     */
    public void setParameter(String name, DMatrixRMaj values) {
        parameter(name).set(values);
    }

    /**
     * Predicts the output sequence.
     *
     * @param input {@code [T, B, inputSize]}, finite
     * @return a new {@code [T, B, outputSize]} batch owned by the caller
     * @throws IllegalArgumentException if the input does not fit or holds a non-finite value
     * @throws IllegalStateException    if the model is closed
     */
    public SequenceBatch predict(SequenceBatch input) {
        requireOpen();
        return output.forward(lstm.forward(input).output()).copy();
    }

    /**
     * Predicts the output sequence from given initial states, as PyTorch's {@code model(x, (h0, c0))}, and
     * returns the final states with it. Feeding the final states of one chunk as the initial states of the
     * next predicts a long sequence in pieces with exactly the bits of one call over the whole of it.
     *
     * @param input   {@code [T, B, inputSize]}, finite
     * @param initial {@code (h_0, c_0)}, each {@code [L, B, H]} and finite; null for zero states
     * @return new batches owned by the caller: the output {@code [T, B, outputSize]} and {@code (h_n, c_n)}
     * @throws IllegalArgumentException if a shape does not fit (naming it and the expected one) or a value is
     *                                  not finite
     */
    public Prediction predict(SequenceBatch input, LstmState initial) {
        LstmOutput out = lstm.forward(input, initial == null ? null : initial.h(), initial == null ? null : initial.c());
        SequenceBatch prediction = output.forward(out.output()).copy();
        return new Prediction(prediction, new LstmState(out.hN().copy(), out.cN().copy()));
    }

    /**
     * Closed-loop (free-running) prediction over {@code steps} steps from an initial condition: the model
     * runs on its own, without the true values of the later steps, as time-series users forecast beyond the
     * data. With {@link RolloutMode#INITIAL_CONDITION} the input is {@code x0} at step 0 and zeros after (the
     * tutorial's convention, what the model was trained on); with {@link RolloutMode#AUTOREGRESSIVE} each
     * prediction is fed back as the next input (recursive multi-step forecasting).
     *
     * @param x0      the first input, {@code [1, B, inputSize]}, finite
     * @param steps   the horizon, at least 1
     * @param mode    what the later steps are fed
     * @param initial {@code (h_0, c_0)}, each {@code [L, B, H]}; null for zero states
     * @return the predictions {@code [steps, B, outputSize]} and the final states, owned by the caller
     * @throws IllegalArgumentException if {@code x0} is not one step, a shape does not fit, {@code steps < 1},
     *                                  or (autoregressive) the output size differs from the input size
     */
    public Prediction rollout(SequenceBatch x0, int steps, RolloutMode mode, LstmState initial) {
        if (mode == null) {
            throw new NullPointerException("mode");
        }
        if (x0.steps() != 1 || x0.features() != inputSize()) {
            throw new IllegalArgumentException("x0 " + x0.shape() + " must be one step of the input: expected [1, "
                    + x0.batchSize() + ", " + inputSize() + "]");
        }
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be at least 1, got " + steps);
        }
        if (mode == RolloutMode.AUTOREGRESSIVE && outputSize() != inputSize()) {
            throw new IllegalArgumentException("an autoregressive rollout feeds each output back as the next input,"
                    + " so it needs outputSize == inputSize; this model has " + inputSize() + " inputs and "
                    + outputSize() + " outputs");
        }
        int b = x0.batchSize();
        int features = inputSize();
        if (mode == RolloutMode.INITIAL_CONDITION) {
            SequenceBatch input = SequenceBatch.zeros(steps, b, features);
            System.arraycopy(x0.matrix().data, 0, input.matrix().data, 0, b * features);
            return predict(input, initial);
        }
        SequenceBatch result = SequenceBatch.zeros(steps, b, outputSize());
        SequenceBatch next = x0.copy();
        LstmState state = initial;
        int n = b * features;
        for (int t = 0; t < steps; t++) {
            Prediction p = predict(next, state);
            System.arraycopy(p.output().matrix().data, 0, result.matrix().data, t * n, n);
            System.arraycopy(p.output().matrix().data, 0, next.matrix().data, 0, n);
            state = p.finalState();
        }
        return new Prediction(result, state);
    }

    /**
     * The mean squared error of the prediction, without gradients.
     *
     * @param input  {@code [T, B, inputSize]}, finite
     * @param target {@code [T, B, outputSize]}, finite
     * @return the loss
     * @throws IllegalArgumentException if a shape does not fit or a value is not finite
     * @throws IllegalStateException    if the model is closed
     */
    public double loss(SequenceBatch input, SequenceBatch target) {
        requireOpen();
        requireTargetFits(input, target);
        target.requireFinite("target");
        return forwardLoss(input, target, null, false);
    }

    /**
     * Sets all gradients to those of the mean squared error on this batch (zeroing them first): forward,
     * loss, backpropagation through time. Use it with {@link GradientClipping} and {@link Sgd#step()} for
     * a custom step; {@link #trainStep} does all in one call.
     *
     * @param input  {@code [T, B, inputSize]}, finite
     * @param target {@code [T, B, outputSize]}, finite
     * @return the loss before the update
     * @throws IllegalArgumentException if a shape does not fit or a value is not finite
     * @throws ArithmeticException      if the loss or a gradient is NaN or infinite (the parameters are not
     *                                  changed by this method)
     * @throws IllegalStateException    if the model is closed
     */
    public double computeGradients(SequenceBatch input, SequenceBatch target) {
        return gradients(input, target, null, null, false);
    }

    /** Forward, loss, backward; {@code full} also computes the input and initial-state gradients. */
    private double gradients(SequenceBatch input, SequenceBatch target, LstmState initial, LstmState finalGradient,
            boolean full) {
        requireOpen();
        requireTargetFits(input, target);
        target.requireFinite("target");
        if (finalGradient != null) {
            finalGradient.h().requireFinite("gradient of h_n", "layer");
            finalGradient.c().requireFinite("gradient of c_n", "layer");
        }
        for (int k = 0; k < parameters.size(); k++) {
            parameters.get(k).zeroGrad();
        }
        double value = forwardLoss(input, target, initial, true);
        if (!Double.isFinite(value)) {
            throw new ArithmeticException("training step: the loss is " + value + "; parameters left unchanged");
        }
        Object dHidden = output.backward(dPredictionArray);
        if (full) {
            lstm.backwardArrays(dHidden, finalGradient == null ? null : finalGradient.h(),
                    finalGradient == null ? null : finalGradient.c(), true);
            lastBackward = lstm.lastGradients();
        } else {
            lstm.backwardArrays(dHidden, null, null, false);
        }
        for (int k = 0; k < parameters.size(); k++) {
            Parameter p = parameters.get(k);
            int bad = p.firstNonFiniteGrad();
            if (bad >= 0) {
                throw new ArithmeticException("training step: the gradient of " + p.name() + " is "
                        + p.gradAt(bad) + " at flat index " + bad + " (loss " + value
                        + "); parameters left unchanged");
            }
        }
        return value;
    }

    /**
     * All gradients of the objective {@code mse(prediction, target) + sum(dhN * h_n) + sum(dcN * c_n)}, as
     * PyTorch's {@code backward()} from given initial states: the parameter gradients (zeroed first) into
     * {@link Parameter#grad()}, and the gradients with respect to the input, {@code h_0} and {@code c_0}
     * returned. The {@code finalStateGradient} carries the gradient that flows into {@code (h_n, c_n)} from
     * later use of the final states (null when they are not used: zero).
     *
     * @param input              {@code [T, B, inputSize]}, finite
     * @param target             {@code [T, B, outputSize]}, finite
     * @param initial            {@code (h_0, c_0)}, each {@code [L, B, H]}; null for zero states
     * @param finalStateGradient gradients with respect to {@code (h_n, c_n)}, each {@code [L, B, H]}; or null
     * @return the loss, the final states and the input and initial-state gradients (buffers owned by the model)
     * @throws IllegalArgumentException if a shape does not fit or a value is not finite
     * @throws ArithmeticException      if the loss or a gradient is NaN or infinite
     */
    public RegressorGradients computeGradients(SequenceBatch input, SequenceBatch target, LstmState initial,
            LstmState finalStateGradient) {
        double value = gradients(input, target, initial, finalStateGradient, true);
        LstmOutput out = lastForward;
        LstmGradients g = lastBackward;
        return new RegressorGradients(value, new LstmState(out.hN(), out.cN()), g.dInput(), g.dh0(), g.dc0());
    }

    /**
     * One training step, as the tutorial's {@code zero_grad(); loss = mse(model(x), y); loss.backward();
     * optimizer.step()}: computes the gradients ({@link #computeGradients}), checks that the loss and all
     * gradients are finite, lets the optimizer update the parameters, and checks that they are all finite
     * after the update. If a check fails, the parameters and the optimizer's state (momentum buffers, moment
     * estimates, step count) are exactly as they were before the call.
     *
     * @param input     {@code [T, B, inputSize]}, finite
     * @param target    {@code [T, B, outputSize]}, finite
     * @param optimizer an optimizer over {@link #parameters()} ({@link Sgd}, {@link Adam} or {@link AdamW})
     * @return the loss before the update
     * @throws IllegalArgumentException if a shape does not fit, a value is not finite, or the optimizer does not
     *                                  update every parameter of this model (checked before any work)
     * @throws ArithmeticException      if the loss or a gradient is NaN or infinite, or the update would leave a
     *                                  parameter non-finite (the message names the first one)
     */
    public double trainStep(SequenceBatch input, SequenceBatch target, Optimizer optimizer) {
        requireOwnsParameters(optimizer);
        double value = gradients(input, target, null, null, false);
        checkedStep(optimizer, value);
        return value;
    }

    /**
     * One training step from given initial states (truncated backpropagation through time over a chunk):
     * as {@link #trainStep(SequenceBatch, SequenceBatch, Optimizer)}, with {@code (h_0, c_0)} and returning
     * {@code (h_n, c_n)} of the forward pass (before the update), to start the next chunk from.
     *
     * @param input     {@code [T, B, inputSize]}, finite
     * @param target    {@code [T, B, outputSize]}, finite
     * @param optimizer an optimizer over {@link #parameters()}
     * @param initial   {@code (h_0, c_0)}, each {@code [L, B, H]}; null for zero states
     * @return the loss before the update and the final states (new batches owned by the caller)
     * @throws IllegalArgumentException if a shape does not fit, a value is not finite, or the optimizer does not
     *                                  update every parameter of this model
     * @throws ArithmeticException      as {@link #trainStep(SequenceBatch, SequenceBatch, Optimizer)}
     */
    public TrainingStep trainStep(SequenceBatch input, SequenceBatch target, Optimizer optimizer, LstmState initial) {
        requireOwnsParameters(optimizer);
        double value = gradients(input, target, initial, null, false);
        LstmState last = new LstmState(lastForward.hN().copy(), lastForward.cN().copy());
        checkedStep(optimizer, value);
        return new TrainingStep(value, last);
    }

    /** The optimizer's step, undone (parameters and optimizer state) if it leaves a parameter non-finite. */
    private void checkedStep(Optimizer optimizer, double loss) {
        backUp(optimizer);
        optimizer.step();
        for (int k = 0; k < parameters.size(); k++) {
            Parameter p = parameters.get(k);
            int bad = p.firstNonFiniteValue();
            if (bad >= 0) {
                double badValue = p.valueAt(bad);
                undo(optimizer);
                throw new ArithmeticException("training step: the update made " + p.name() + " " + badValue
                        + " at flat index " + bad + " (loss " + loss + ", learning rate " + optimizer.learningRate()
                        + "); the step is undone: parameters and optimizer state are as before it");
            }
        }
    }

    private static void backUp(Optimizer optimizer) {
        if (optimizer instanceof Sgd sgd) {
            sgd.backUpBeforeStep();
        } else {
            ((Adam) optimizer).backUpBeforeStep();
        }
    }

    private static void undo(Optimizer optimizer) {
        if (optimizer instanceof Sgd sgd) {
            sgd.undoStep();
        } else {
            ((Adam) optimizer).undoStep();
        }
    }

    /** Every parameter of this model must be one the optimizer updates (the same storage). */
    private void requireOwnsParameters(Optimizer optimizer) {
        if (optimizer == null) {
            throw new NullPointerException("optimizer");
        }
        List<Parameter> owned = optimizer.parameters();
        for (int k = 0; k < parameters.size(); k++) {
            Parameter p = parameters.get(k);
            boolean found = false;
            for (int i = 0; i < owned.size() && !found; i++) {
                found = owned.get(i).valueArray() == p.valueArray();
            }
            if (!found) {
                throw new IllegalArgumentException("the optimizer does not update " + p.name()
                        + " of this model (it updates " + owned.size() + " other parameter(s)); build it over"
                        + " model.parameters()");
            }
        }
    }

    /**
     * Ends the model's helper threads (see {@link #setThreads(int)}). Afterwards every method that
     * computes throws {@link IllegalStateException}; the parameters stay readable. Calling it again does
     * nothing.
     */
    /**
     * The forward and the loss in the model's precision: the LSTM and the readout on arrays of the
     * precision, the target converted once; with {@code gradient} the loss's gradient with respect to the
     * prediction is left in {@code dPredictionArray}. Sets {@code lastForward}.
     */
    private double forwardLoss(SequenceBatch input, SequenceBatch target, LstmState initial, boolean gradient) {
        Object hidden = lstm.forwardArrays(input, initial == null ? null : initial.h(),
                initial == null ? null : initial.c());
        lastForward = lstm.lastResult();
        Object prediction = output.forward(hidden, input.steps(), input.batchSize());
        int n = input.steps() * input.batchSize() * output.outFeatures();
        targetArray = arrays.fromDoubles(target.matrix().data, n, targetArray);
        if (gradient && (dPredictionArray == null || arrays.length(dPredictionArray) < n)) {
            dPredictionArray = arrays.newVector(n);
        }
        return loss.compute(prediction, targetArray, n, gradient ? dPredictionArray : null);
    }

    @Override
    public void close() {
        lstm.close();
    }

    /** {@return whether {@link #close()} was called} */
    public boolean isClosed() {
        return lstm.isClosed();
    }

    private void requireOpen() {
        if (lstm.isClosed()) {
            throw new IllegalStateException("this model is closed");
        }
    }

    private void requireTargetFits(SequenceBatch input, SequenceBatch target) {
        if (!target.hasShape(input.steps(), input.batchSize(), output.outFeatures())) {
            throw new IllegalArgumentException("target " + target.shape() + " does not fit input " + input.shape()
                    + " and output size " + output.outFeatures() + ": expected [" + input.steps() + ", "
                    + input.batchSize() + ", " + output.outFeatures() + "]");
        }
    }
}
