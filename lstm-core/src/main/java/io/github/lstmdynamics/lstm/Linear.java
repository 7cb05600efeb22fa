package io.github.lstmdynamics.lstm;

import io.github.lstmdynamics.lstm.kernels.KernelProvider;
import io.github.lstmdynamics.lstm.kernels.Kernels;
import io.github.lstmdynamics.lstm.kernels.Products;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;

/**
 * An affine map applied at every time step, as PyTorch's {@code nn.Linear} on a {@code [T, B, I]}
 * tensor: {@code y = x W^T + b} with {@code weight [O, I]} and {@code bias [O]}, initialised as PyTorch
 * does (weight and bias from U(-1/sqrt(I), 1/sqrt(I))).
 *
 * <p>All steps are one product over the {@code T*B} rows of the batch, through the kernels of the LSTM (the weight is copied into the row layouts they read at each call). {@link #forward} and
 * {@link #backward} return buffers owned by this object, reused while the shape stays the same. Not
 * thread-safe; separate instances may be used in parallel.
 */
public final class Linear {

    private final Kernels kernels;
    private final int inFeatures;
    private final int outFeatures;
    private final Parameter weight;
    private final Parameter bias;
    private final List<Parameter> parameters;

    private final SequenceBatch output;
    private final SequenceBatch dInput;
    private DMatrixRMaj lastInput;
    /** W^T: I rows of O (forward). */
    private final double[][] weightT;
    /** W: O rows of I (input gradient). */
    private final double[][] weightRows;
    /** dW^T accumulated over the rows of a batch: I rows of O. */
    private final double[][] gradT;
    /** One output row (O), one input row (I). */
    private final double[] outRow;
    private final double[] inRow;
    /** The four partial sums of the narrow {@code dW} (see {@link Kernels#multAddTransA(double[], int, double[], int, int, double[][], double[])}). */
    private final double[][] partialSums;
    /** dY as rows of O (the weight-gradient kernel streams rows of D); grows with T*B. */
    private double[][] dyRows = new double[0][];
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
        this(inFeatures, outFeatures, bias, random, KernelProvider.kernels());
    }

    /** As {@link #Linear(int, int, boolean, SplittableRandom)} on the given kernels. */
    Linear(int inFeatures, int outFeatures, boolean bias, SplittableRandom random, Kernels kernels) {
        this.kernels = kernels;
        if (inFeatures < 1 || outFeatures < 1) {
            throw new IllegalArgumentException("inFeatures and outFeatures must be at least 1, got "
                    + inFeatures + " and " + outFeatures);
        }
        ArraySizes.requireFits("weight [outFeatures, inFeatures]", outFeatures, inFeatures);
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        double bound = 1.0 / Math.sqrt(inFeatures);
        this.weight = Parameter.matrix("weight", outFeatures, inFeatures);
        weight.initUniform(random, bound);
        if (bias) {
            this.bias = Parameter.vector("bias", outFeatures);
            this.bias.initUniform(random, bound);
            this.parameters = List.of(weight, this.bias);
        } else {
            this.bias = null;
            this.parameters = List.of(weight);
        }
        this.output = SequenceBatch.zeros(1, 1, outFeatures);
        this.dInput = SequenceBatch.zeros(1, 1, inFeatures);
        this.weightT = new double[inFeatures][outFeatures];
        this.weightRows = new double[outFeatures][inFeatures];
        this.gradT = new double[inFeatures][outFeatures];
        this.outRow = new double[outFeatures];
        this.inRow = new double[inFeatures];
        this.partialSums = new double[4][outFeatures < Products.NARROW ? outFeatures * inFeatures : 0];
    }

    /** {@return the input features {@code I}} */
    public int inFeatures() {
        return inFeatures;
    }

    /** {@return the output features {@code O}} */
    public int outFeatures() {
        return outFeatures;
    }

    /** {@return {@code [weight]} or {@code [weight, bias]}, live, unmodifiable} */
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
     * Applies the map at every step. The input is referenced until the next forward (for backward).
     *
     * @param input {@code [T, B, I]}
     * @return {@code [T, B, O]}; a buffer owned by this object, valid until the next forward
     * @throws IllegalArgumentException if the input does not have {@code I} features
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
        steps = input.steps();
        batchSize = input.batchSize();
        if (!output.hasShape(steps, batchSize, outFeatures)) {
            output.reshape(steps, batchSize, outFeatures);
        }
        lastInput = input.matrix();
        double[] w = weight.value().data;
        for (int o = 0; o < outFeatures; o++) {
            for (int i = 0; i < inFeatures; i++) {
                weightT[i][o] = w[o * inFeatures + i];
            }
        }
        double[] x = lastInput.data;
        double[] y = output.matrix().data;
        double[] row = outRow;
        int rows = steps * batchSize;
        if (outFeatures < Products.NARROW) {
            // narrow output (the tutorial's 2 features): dot products, a vector loop over 2 columns is all overhead
            for (int o = 0; o < outFeatures; o++) {
                System.arraycopy(w, o * inFeatures, weightRows[o], 0, inFeatures);
            }
            kernels.multTransB(x, rows, inFeatures, weightRows, bias == null ? null : bias.value().data,
                    outFeatures, y);
            return output;
        }
        for (int r = 0; r < rows; r++) {
            if (bias != null) {
                System.arraycopy(bias.value().data, 0, row, 0, outFeatures);
            } else {
                Arrays.fill(row, 0.0);
            }
            kernels.multAddRow(x, r * inFeatures, weightT, 0, inFeatures, 0, outFeatures, row);
            System.arraycopy(row, 0, y, r * outFeatures, outFeatures);
        }
        return output;
    }

    /**
     * Adds the parameter gradients for the last forward ({@code dW += dY^T X}, {@code db += column sums of
     * dY}) and returns the input gradient {@code dX = dY W}.
     *
     * @param dOutput gradient with respect to the output, {@code [T, B, O]}
     * @return {@code [T, B, I]}; a buffer owned by this object, valid until the next backward
     * @throws IllegalStateException    if no forward pass preceded
     * @throws IllegalArgumentException if the shape does not fit the last forward
     */
    public SequenceBatch backward(SequenceBatch dOutput) {
        if (lastInput == null) {
            throw new IllegalStateException("backward needs a forward pass first");
        }
        if (!dOutput.hasShape(steps, batchSize, outFeatures)) {
            throw new IllegalArgumentException("dOutput " + dOutput.shape() + " does not fit the output [" + steps
                    + ", " + batchSize + ", " + outFeatures + "] of the last forward pass");
        }
        int rows = steps * batchSize;
        double[] d = dOutput.matrix().data;
        double[] dw = weight.grad().data;
        boolean narrow = outFeatures < Products.NARROW;
        if (narrow) {
            // narrow output: each element of dW = dY^T X is one dot product down the rows
            kernels.multAddTransA(d, outFeatures, lastInput.data, inFeatures, rows, partialSums, dw);
        } else {
            // dW += dY^T X, accumulated transposed (dW^T = X^T dY) over all rows, then added into the gradient
            if (dyRows.length < rows) {
                double[][] grown = Arrays.copyOf(dyRows, rows);
                for (int r = dyRows.length; r < rows; r++) {
                    grown[r] = new double[outFeatures];
                }
                dyRows = grown;
            }
            for (int r = 0; r < rows; r++) {
                System.arraycopy(d, r * outFeatures, dyRows[r], 0, outFeatures);
            }
            for (double[] g : gradT) {
                Arrays.fill(g, 0.0);
            }
            Products.multAddTransA(kernels, lastInput.data, inFeatures, 0, inFeatures, dyRows, rows, 0, outFeatures,
                    gradT);
            for (int o = 0; o < outFeatures; o++) {
                for (int i = 0; i < inFeatures; i++) {
                    dw[o * inFeatures + i] += gradT[i][o];
                }
            }
        }
        if (bias != null) {
            double[] sum = outRow;
            Arrays.fill(sum, 0.0);
            for (int r = 0; r < rows; r++) {
                int off = r * outFeatures;
                for (int k = 0; k < outFeatures; k++) {
                    sum[k] += d[off + k];
                }
            }
            double[] db = bias.grad().data;
            for (int k = 0; k < outFeatures; k++) {
                db[k] += sum[k];
            }
        }
        if (!dInput.hasShape(steps, batchSize, inFeatures)) {
            dInput.reshape(steps, batchSize, inFeatures);
        }
        // dX = dY W
        double[] wv = weight.value().data;
        for (int o = 0; o < outFeatures; o++) {
            System.arraycopy(wv, o * inFeatures, weightRows[o], 0, inFeatures);
        }
        double[] dx = dInput.matrix().data;
        if (narrow) {
            // a few terms per element: scalar, straight into dX (a vector loop per row and term is mostly set-up)
            kernels.multSmallDepth(d, rows, outFeatures, weightRows, inFeatures, dx);
            return dInput;
        }
        double[] row = inRow;
        for (int r = 0; r < rows; r++) {
            Arrays.fill(row, 0.0);
            kernels.multAddRow(d, r * outFeatures, weightRows, 0, outFeatures, 0, inFeatures, row);
            System.arraycopy(row, 0, dx, r * inFeatures, inFeatures);
        }
        return dInput;
    }
}
