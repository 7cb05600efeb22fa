package io.github.lstmdynamics.lstm;

import io.github.lstmdynamics.lstm.kernels.ArrayKernels;
import io.github.lstmdynamics.lstm.kernels.KernelProvider;
import io.github.lstmdynamics.lstm.kernels.Kernels;
import io.github.lstmdynamics.lstm.kernels.Products;
import java.util.List;
import java.util.SplittableRandom;

/**
 * An affine map applied at every time step, as PyTorch's {@code nn.Linear} on a {@code [T, B, I]}
 * tensor: {@code y = x W^T + b} with {@code weight [O, I]} and {@code bias [O]}, initialised as PyTorch
 * does (weight and bias from U(-1/sqrt(I), 1/sqrt(I))).
 *
 * <p>All steps are one product over the {@code T*B} rows of the batch, through the kernels of the LSTM (the weight is copied into the row layouts they read at each call). {@link #forward} and
 * {@link #backward} return buffers owned by this object, reused while the shape stays the same. Not
 * thread-safe; separate instances may be used in parallel.
 *
 * <p>A float32 layer ({@link Precision#FLOAT32}) keeps its parameters and computes in float; its
 * {@link #forward} and {@link #backward} take and return doubles, converted once per call. The math is
 * written once, over the kernels of the precision.
 */
public final class Linear {

    private final Precision precision;
    /** The kernels of the precision; {@code Object} stands for {@code double[]} or {@code float[]}. */
    private final ArrayKernels<Object, Object> kernels;
    private final int inFeatures;
    private final int outFeatures;
    private final Parameter weight;
    private final Parameter bias;
    private final List<Parameter> parameters;

    private final SequenceBatch output;
    private final SequenceBatch dInput;
    /** The input of the last forward, flat (T*B) x I; not owned in float64. */
    private Object lastInput;
    /** The arrays of the precision: the output, the input gradient, the converted input and dY (float32). */
    private Object outArray;
    private Object dInputArray;
    private Object inputArray;
    private Object dOutputArray;
    /** W^T: I rows of O (forward). */
    private final Object weightT;
    /** W: O rows of I (input gradient). */
    private final Object weightRows;
    /** dW^T accumulated over the rows of a batch: I rows of O. */
    private final Object gradT;
    /** One output row (O): the bias gradient's column sums. */
    private final Object outRow;
    /** The four partial sums of the narrow {@code dW} (see {@link Kernels#multAddTransA(double[], int, double[], int, int, double[][], double[])}). */
    private final Object partialSums;
    /**
     * Rows of O: Y in the forward product, then dY (the weight-gradient kernel streams rows of D); grows
     * with T*B.
     */
    private Object dyRows;
    /** dX as rows of I (the input-gradient product); grows with T*B. */
    private Object dxRows;
    private int steps;
    private int batchSize;

    /**
     * Builds a layer with PyTorch's initialisation, uniform in [-1/sqrt(I), 1/sqrt(I)], from a seed.
     *
     * @param inFeatures  input features {@code I}, at least 1
     * @param outFeatures output features {@code O}, at least 1
     * @param bias        whether there is a bias (PyTorch's default: true)
     * @param seed        seed of the {@link SplittableRandom} the weights are drawn from
     * @throws IllegalArgumentException if a size is below 1
     */
    public Linear(int inFeatures, int outFeatures, boolean bias, long seed) {
        this(inFeatures, outFeatures, bias, new SplittableRandom(seed));
    }

    /**
     * Builds a layer with PyTorch's initialisation, drawing from the given generator.
     *
     * @param inFeatures  input features {@code I}, at least 1
     * @param outFeatures output features {@code O}, at least 1
     * @param bias        whether there is a bias
     * @param random      source of the initial weights: the weight (row-major) first, then the bias
     * @throws IllegalArgumentException if a size is below 1
     */
    public Linear(int inFeatures, int outFeatures, boolean bias, SplittableRandom random) {
        this(inFeatures, outFeatures, bias, random, Precision.FLOAT64);
    }

    /**
     * A layer of the given precision whose weights are drawn from {@code random}.
     *
     * @param inFeatures  input features {@code I}, at least 1
     * @param outFeatures output features {@code O}, at least 1
     * @param bias        whether there is a bias
     * @param random      source of the initial weights: the weight (row-major) first, then the bias; a
     *                    float32 layer rounds the float64 layer's draws to float
     * @param precision   the precision of the parameters, gradients and arithmetic
     * @throws IllegalArgumentException if a size is below 1
     */
    public Linear(int inFeatures, int outFeatures, boolean bias, SplittableRandom random, Precision precision) {
        this(inFeatures, outFeatures, bias, random, precision,
                precision == Precision.FLOAT64 ? KernelProvider.kernels() : ArrayKernels.float32());
    }

    /** As {@link #Linear(int, int, boolean, SplittableRandom)} on the given float64 kernels. */
    Linear(int inFeatures, int outFeatures, boolean bias, SplittableRandom random, Kernels kernels) {
        this(inFeatures, outFeatures, bias, random, Precision.FLOAT64, kernels);
    }

    /** As {@link #Linear(int, int, boolean, SplittableRandom, Precision)} on the given kernels of that precision. */
    @SuppressWarnings("unchecked")
    Linear(int inFeatures, int outFeatures, boolean bias, SplittableRandom random, Precision precision,
            ArrayKernels<?, ?> kernels) {
        if (inFeatures < 1 || outFeatures < 1) {
            throw new IllegalArgumentException("inFeatures and outFeatures must be at least 1, got "
                    + inFeatures + " and " + outFeatures);
        }
        ArraySizes.requireFits("weight [outFeatures, inFeatures]", outFeatures, inFeatures);
        if (kernels.elementBytes() != precision.bytes()) {
            throw new IllegalArgumentException("kernels " + kernels.name() + " do not compute in " + precision.label());
        }
        this.precision = precision;
        this.kernels = (ArrayKernels<Object, Object>) kernels;
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        double bound = 1.0 / Math.sqrt(inFeatures);
        this.weight = Parameter.matrix("weight", outFeatures, inFeatures, precision);
        weight.initUniform(random, bound);
        if (bias) {
            this.bias = Parameter.vector("bias", outFeatures, precision);
            this.bias.initUniform(random, bound);
            this.parameters = List.of(weight, this.bias);
        } else {
            this.bias = null;
            this.parameters = List.of(weight);
        }
        ArrayKernels<Object, Object> k = this.kernels;
        this.output = SequenceBatch.zeros(1, 1, outFeatures);
        this.dInput = SequenceBatch.zeros(1, 1, inFeatures);
        this.weightT = k.newRows(inFeatures, outFeatures);
        this.weightRows = k.newRows(outFeatures, inFeatures);
        this.gradT = k.newRows(inFeatures, outFeatures);
        this.outRow = k.newVector(outFeatures);
        this.partialSums = k.newRows(4, outFeatures < Products.NARROW ? outFeatures * inFeatures : 0);
        this.dyRows = k.newRows(0, 0);
        this.dxRows = k.newRows(0, 0);
        this.outArray = k.newVector(0);
        this.dInputArray = k.newVector(0);
    }

    /**
     * Returns the input features {@code I}.
     *
     * @return the input features {@code I}
     */
    public int inFeatures() {
        return inFeatures;
    }

    /**
     * Returns the output features {@code O}.
     *
     * @return the output features {@code O}
     */
    public int outFeatures() {
        return outFeatures;
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
     * Returns the parameters {@code weight} (and {@code bias}), live.
     *
     * @return the parameters {@code weight} (and {@code bias}), live
     */
    public List<Parameter> parameters() {
        return parameters;
    }

    /** Sets every parameter gradient to zero. */
    public void zeroGrad() {
        for (int k = 0; k < parameters.size(); k++) {
            parameters.get(k).zeroGrad();
        }
    }

    /**
     * {@code y = x W^T + b} at every step.
     *
     * @param input {@code [T, B, I]}
     * @return {@code [T, B, O]}, a buffer owned by this layer, valid until the next forward
     * @throws IllegalArgumentException if the input has another feature count than {@code I}
     */
    public SequenceBatch forward(SequenceBatch input) {
        if (input.features() != inFeatures) {
            throw new IllegalArgumentException("input " + input.shape() + " does not fit Linear(" + inFeatures
                    + " -> " + outFeatures + "): expected [" + input.steps() + ", " + input.batchSize() + ", "
                    + inFeatures + "]");
        }
        if (!ArraySizes.fits(input.steps(), input.batchSize(), outFeatures)) {
            throw ArraySizes.tooLarge("the output of input " + input.shape() + ", T x B x outFeatures",
                    input.steps(), input.batchSize(), outFeatures);
        }
        int t = input.steps();
        int b = input.batchSize();
        if (!output.hasShape(t, b, outFeatures)) {
            output.reshape(t, b, outFeatures);
        }
        inputArray = kernels.fromDoubles(input.matrix().data, t * b * inFeatures, inputArray);
        Object y = forward(inputArray, t, b);
        kernels.toDoubles(y, t * b * outFeatures, output.matrix().data);
        return output;
    }

    /**
     * The forward on arrays of the precision: {@code x} flat {@code (T*B) x I}, kept (not copied) for the
     * backward; returns the flat {@code (T*B) x O} output, owned by this layer (in float64 the data of the
     * output batch, reshaped by the caller).
     */
    Object forward(Object x, int t, int b) {
        steps = t;
        batchSize = b;
        lastInput = x;
        int rows = t * b;
        Object y = precision == Precision.FLOAT64 && output.hasShape(t, b, outFeatures)
                ? output.matrix().data
                : (outArray = fit(outArray, rows * outFeatures));
        Object w = weight.valueArray();
        Object bv = bias == null ? null : bias.valueArray();
        kernels.copyRowsAndTranspose(w, outFeatures, inFeatures, weightRows, weightT);
        if (outFeatures < Products.NARROW) {
            // narrow output (the tutorial's 2 features): dot products, a vector loop over 2 columns is all overhead
            kernels.multTransB(x, rows, inFeatures, weightRows, bv, outFeatures, y);
            return y;
        }
        // Y = b + X W^T as rows, in one product (each element summed as one row's multAddRow would)
        if (kernels.rowCount(dyRows) < rows) {
            dyRows = kernels.withRows(dyRows, rows, outFeatures);
        }
        for (int r = 0; r < rows; r++) {
            if (bv != null) {
                System.arraycopy(bv, 0, kernels.row(dyRows, r), 0, outFeatures);
            } else {
                kernels.zero(kernels.row(dyRows, r), 0, outFeatures);
            }
        }
        Products.multAdd(kernels, x, 0, inFeatures, weightT, inFeatures, outFeatures, rows, dyRows, 0);
        for (int r = 0; r < rows; r++) {
            System.arraycopy(kernels.row(dyRows, r), 0, y, r * outFeatures, outFeatures);
        }
        return y;
    }

    /**
     * Adds the parameter gradients of the last forward for an output gradient, and returns the input
     * gradient.
     *
     * @param dOutput {@code [T, B, O]}, the gradient of the loss with respect to the last output
     * @return {@code [T, B, I]}, a buffer owned by this layer, valid until the next backward
     * @throws IllegalStateException    if there was no forward pass
     * @throws IllegalArgumentException if the shape does not fit the last forward pass
     */
    public SequenceBatch backward(SequenceBatch dOutput) {
        if (lastInput == null) {
            throw new IllegalStateException("backward needs a forward pass first");
        }
        if (!dOutput.hasShape(steps, batchSize, outFeatures)) {
            throw new IllegalArgumentException("dOutput " + dOutput.shape() + " does not fit the output [" + steps
                    + ", " + batchSize + ", " + outFeatures + "] of the last forward pass");
        }
        if (!dInput.hasShape(steps, batchSize, inFeatures)) {
            dInput.reshape(steps, batchSize, inFeatures);
        }
        int rows = steps * batchSize;
        dOutputArray = kernels.fromDoubles(dOutput.matrix().data, rows * outFeatures, dOutputArray);
        Object dx = backward(dOutputArray);
        kernels.toDoubles(dx, rows * inFeatures, dInput.matrix().data);
        return dInput;
    }

    /**
     * The backward on arrays of the precision: {@code d} flat {@code (T*B) x O}; returns the flat
     * {@code (T*B) x I} input gradient, owned by this layer.
     */
    Object backward(Object d) {
        int rows = steps * batchSize;
        Object dw = weight.gradArray();
        boolean narrow = outFeatures < Products.NARROW;
        if (narrow) {
            // narrow output: each element of dW = dY^T X is one dot product down the rows
            kernels.multAddTransA(d, outFeatures, lastInput, inFeatures, rows, partialSums, dw);
        } else {
            // dW += dY^T X, accumulated transposed (dW^T = X^T dY) over all rows, then added into the gradient
            if (kernels.rowCount(dyRows) < rows) {
                dyRows = kernels.withRows(dyRows, rows, outFeatures);
            }
            for (int r = 0; r < rows; r++) {
                System.arraycopy(d, r * outFeatures, kernels.row(dyRows, r), 0, outFeatures);
            }
            for (int i = 0; i < inFeatures; i++) {
                kernels.zero(kernels.row(gradT, i), 0, outFeatures);
            }
            Products.multAddTransA(kernels, lastInput, inFeatures, 0, inFeatures, dyRows, rows, 0, outFeatures,
                    gradT);
            kernels.addTransposed(gradT, dw, inFeatures, 0, outFeatures);
        }
        if (bias != null) {
            kernels.zero(outRow, 0, outFeatures);
            kernels.addColumnSums(d, rows, outFeatures, outRow);
            kernels.addTo(outRow, 0, outFeatures, bias.gradArray());
        }
        // dX = dY W (weightRows holds W from the forward)
        Object dx = precision == Precision.FLOAT64 && dInput.hasShape(steps, batchSize, inFeatures)
                ? dInput.matrix().data
                : (dInputArray = fit(dInputArray, rows * inFeatures));
        if (narrow) {
            // a few terms per element: scalar, straight into dX (a vector loop per row and term is mostly set-up)
            kernels.multSmallDepth(d, rows, outFeatures, weightRows, inFeatures, dx);
            return dx;
        }
        // dX = dY W as rows, in one product (dyRows holds dY since the weight gradient)
        if (kernels.rowCount(dxRows) < rows) {
            dxRows = kernels.withRows(dxRows, rows, inFeatures);
        }
        for (int r = 0; r < rows; r++) {
            kernels.zero(kernels.row(dxRows, r), 0, inFeatures);
        }
        Products.multAdd(kernels, dyRows, 0, weightRows, outFeatures, inFeatures, rows, dxRows, 0);
        for (int r = 0; r < rows; r++) {
            System.arraycopy(kernels.row(dxRows, r), 0, dx, r * inFeatures, inFeatures);
        }
        return dx;
    }

    private Object fit(Object array, int n) {
        return array == null || kernels.length(array) < n ? kernels.newVector(n) : array;
    }

    /** Bytes of the parameters, their gradients and the buffers of the precision. */
    long bytes() {
        long n = 2L * weight.size() + (bias == null ? 0 : 2L * bias.size());
        for (Object m : new Object[] {weightT, weightRows, gradT, partialSums, dyRows, dxRows}) {
            for (int r = 0; r < kernels.rowCount(m); r++) {
                n += kernels.length(kernels.row(m, r));
            }
        }
        n += kernels.length(outRow) + kernels.length(outArray) + kernels.length(dInputArray);
        return n * kernels.elementBytes();
    }
}
