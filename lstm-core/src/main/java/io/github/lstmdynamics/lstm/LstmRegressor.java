package io.github.lstmdynamics.lstm;

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
 * <p>Sequences are time-major {@code [T, B, F]}; the initial LSTM states are zero. The training step
 * allocates nothing once the shape {@code (T, B)} has been seen (after the optimizer's first step).
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
    private final SequenceBatch dPrediction;

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
     * @param inputSize  input features per step, at least 1
     * @param hiddenSize LSTM hidden units, at least 1
     * @param outputSize output features per step, at least 1
     * @param numLayers  stacked LSTM layers, at least 1
     * @param bias       whether the LSTM layers and the readout have biases
     * @param seed       seed of the initial weights (LSTM parameters first, then readout weight and bias)
     * @throws IllegalArgumentException if a size is below 1
     */
    public LstmRegressor(int inputSize, int hiddenSize, int outputSize, int numLayers, boolean bias, long seed) {
        this(inputSize, hiddenSize, outputSize, numLayers, bias, seed, KernelProvider.kernels());
    }

    /** As {@link #LstmRegressor(int, int, int, int, boolean, long)} on the given kernels. */
    LstmRegressor(int inputSize, int hiddenSize, int outputSize, int numLayers, boolean bias, long seed,
            Kernels kernels) {
        if (outputSize < 1) {
            throw new IllegalArgumentException("outputSize must be at least 1, got " + outputSize);
        }
        SplittableRandom random = new SplittableRandom(seed);
        this.lstm = new Lstm(inputSize, hiddenSize, numLayers, bias, random, kernels);
        this.output = new Linear(hiddenSize, outputSize, bias, random, kernels);
        this.loss = new MseLoss(MseLoss.Reduction.MEAN, kernels);
        List<Parameter> params = new ArrayList<>();
        for (Parameter p : lstm.parameters()) {
            params.add(p.renamed("lstm." + p.name()));
        }
        for (Parameter p : output.parameters()) {
            params.add(p.renamed("output." + p.name()));
        }
        this.parameters = Collections.unmodifiableList(params);
        this.dPrediction = SequenceBatch.zeros(1, 1, outputSize);
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

    /** @return the number of threads the LSTM may use (see {@link #setThreads(int)}) */
    public int threads() {
        return lstm.threads();
    }

    /** @return the LSTM part (parameters named without the {@code "lstm."} prefix) */
    public Lstm lstm() {
        return lstm;
    }

    /** @return the readout (parameters named without the {@code "output."} prefix) */
    public Linear output() {
        return output;
    }

    /** @return input features per step */
    public int inputSize() {
        return lstm.inputSize();
    }

    /** @return output features per step */
    public int outputSize() {
        return output.outFeatures();
    }

    /**
     * All parameters, live, in {@code state_dict} order with {@code state_dict} names
     * ({@code lstm.weight_ih_l0}, ..., {@code output.weight}, {@code output.bias}); pass them to
     * {@link Sgd}. The list is unmodifiable.
     *
     * @return the parameters
     */
    public List<Parameter> parameters() {
        return parameters;
    }

    /**
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
        return loss.value(output.forward(lstm.forward(input).output()), target);
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
        requireOpen();
        requireTargetFits(input, target);
        target.requireFinite("target");
        for (int k = 0; k < parameters.size(); k++) {
            parameters.get(k).zeroGrad();
        }
        SequenceBatch prediction = output.forward(lstm.forward(input).output());
        if (!dPrediction.hasShape(prediction.steps(), prediction.batchSize(), prediction.features())) {
            dPrediction.reshape(prediction.steps(), prediction.batchSize(), prediction.features());
        }
        double value = loss.compute(prediction, target, dPrediction);
        if (!Double.isFinite(value)) {
            throw new ArithmeticException("training step: the loss is " + value + "; parameters left unchanged");
        }
        lstm.backward(output.backward(dPrediction), null, null, false);
        for (int k = 0; k < parameters.size(); k++) {
            Parameter p = parameters.get(k);
            int bad = p.firstNonFiniteGrad();
            if (bad >= 0) {
                throw new ArithmeticException("training step: the gradient of " + p.name() + " is "
                        + p.grad().data[bad] + " at flat index " + bad + " (loss " + value
                        + "); parameters left unchanged");
            }
        }
        return value;
    }

    /**
     * One training step, as the tutorial's {@code zero_grad(); loss = mse(model(x), y); loss.backward();
     * optimizer.step()}: computes the gradients ({@link #computeGradients}), checks that the loss and all
     * gradients are finite, then lets the optimizer update the parameters. If a check fails the parameters
     * and the optimizer's momentum stay exactly as they were before the call.
     *
     * @param input     {@code [T, B, inputSize]}, finite
     * @param target    {@code [T, B, outputSize]}, finite
     * @param optimizer an optimizer over {@link #parameters()}
     * @return the loss before the update
     * @throws IllegalArgumentException if a shape does not fit or a value is not finite
     * @throws ArithmeticException      if the loss or a gradient is NaN or infinite
     * @throws IllegalStateException    if the model is closed
     */
    public double trainStep(SequenceBatch input, SequenceBatch target, Sgd optimizer) {
        requireOpen();
        double value = computeGradients(input, target);
        optimizer.step();
        return value;
    }

    /**
     * Ends the model's helper threads (see {@link #setThreads(int)}). Afterwards every method that
     * computes throws {@link IllegalStateException}; the parameters stay readable. Calling it again does
     * nothing.
     */
    @Override
    public void close() {
        lstm.close();
    }

    /** @return whether {@link #close()} was called */
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
