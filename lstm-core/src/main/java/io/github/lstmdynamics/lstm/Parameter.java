package io.github.lstmdynamics.lstm;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;

/**
 * A trainable tensor with its gradient, named and shaped as in PyTorch's {@code state_dict}.
 *
 * <p>Matrices ({@code weight_ih_l0} of shape {@code [4H, I]}, {@code output.weight} of shape
 * {@code [O, H]}) are stored as {@code rows x cols} {@link DMatrixRMaj}; vectors ({@code bias_ih_l0}
 * of shape {@code [4H]}) as {@code n x 1} column matrices. In both cases the row-major
 * {@code value().data} lists the elements in the order PyTorch's {@code tensor.flatten()} does.
 *
 * <p>The gradient accumulates across backward passes, as in PyTorch, until {@link #zeroGrad()}.
 * Not thread-safe.
 */
public final class Parameter {

    private final String name;
    private final int[] shape;
    private final DMatrixRMaj value;
    private final DMatrixRMaj grad;

    private Parameter(String name, int[] shape, DMatrixRMaj value, DMatrixRMaj grad) {
        this.name = name;
        this.shape = shape;
        this.value = value;
        this.grad = grad;
    }

    /** A zero matrix parameter of PyTorch shape {@code [rows, cols]}. */
    static Parameter matrix(String name, int rows, int cols) {
        return new Parameter(name, new int[] {rows, cols}, new DMatrixRMaj(rows, cols),
                new DMatrixRMaj(rows, cols));
    }

    /** A zero vector parameter of PyTorch shape {@code [n]}. */
    static Parameter vector(String name, int n) {
        return new Parameter(name, new int[] {n}, new DMatrixRMaj(n, 1), new DMatrixRMaj(n, 1));
    }

    /** The same storage under another name (for example with a module prefix such as {@code "lstm."}). */
    Parameter renamed(String newName) {
        return new Parameter(newName, shape, value, grad);
    }

    /** Fills the value with independent draws from U(-bound, bound), in row-major order. */
    void initUniform(SplittableRandom random, double bound) {
        double[] d = value.data;
        for (int k = 0; k < size(); k++) {
            d[k] = random.nextDouble(-bound, bound);
        }
    }

    /** {@return the PyTorch name, for example {@code "weight_ih_l0"} or {@code "lstm.weight_ih_l0"}} */
    public String name() {
        return name;
    }

    /** {@return a copy of the PyTorch shape: {@code {rows, cols}} for a matrix, {@code {n}} for a vector} */
    public int[] shape() {
        return shape.clone();
    }

    /** {@return the number of elements} */
    public int size() {
        return value.getNumElements();
    }

    /**
     * The value, not a copy; changing it changes the model.
     *
     * @return the value matrix ({@code n x 1} for a vector)
     */
    public DMatrixRMaj value() {
        return value;
    }

    /**
     * The accumulated gradient of the loss with respect to the value, not a copy; same shape as
     * {@link #value()}.
     *
     * @return the gradient matrix
     */
    public DMatrixRMaj grad() {
        return grad;
    }

    /** Sets the gradient to zero, as PyTorch's {@code zero_grad(set_to_none=False)}. */
    public void zeroGrad() {
        Arrays.fill(grad.data, 0, size(), 0.0);
    }

    /**
     * Copies values in PyTorch's flattened (row-major) order.
     *
     * @param values exactly {@link #size()} values
     * @throws IllegalArgumentException if the length does not fit the shape
     */
    public void set(double[] values) {
        if (values.length != size()) {
            throw new IllegalArgumentException(name + ": " + values.length + " values do not fit shape "
                    + shapeString() + " (" + size() + " elements)");
        }
        System.arraycopy(values, 0, value.data, 0, values.length);
    }

    /**
     * Copies a matrix of the same shape; a vector parameter accepts an {@code n x 1} or {@code 1 x n}
     * matrix.
     *
     * @param values the new value
     * @throws IllegalArgumentException if the shape does not fit
     */
    public void set(DMatrixRMaj values) {
        boolean fits = shape.length == 2
                ? values.numRows == shape[0] && values.numCols == shape[1]
                : (values.numRows == shape[0] && values.numCols == 1)
                        || (values.numRows == 1 && values.numCols == shape[0]);
        if (!fits) {
            throw new IllegalArgumentException(name + ": matrix of " + values.numRows + " x "
                    + values.numCols + " does not fit shape " + shapeString());
        }
        System.arraycopy(values.data, 0, value.data, 0, size());
    }

    /** {@return a copy of the value in flattened (row-major) order} */
    public double[] toArray() {
        return Arrays.copyOf(value.data, size());
    }

    /** {@return the PyTorch shape as {@code "[4H, I]"}-style text with numbers, e.g. {@code "[80, 2]"}} */
    public String shapeString() {
        return Arrays.toString(shape);
    }

    /** {@return the index of the first non-finite gradient element, or -1 if all are finite} */
    int firstNonFiniteGrad() {
        double[] g = grad.data;
        for (int k = 0; k < size(); k++) {
            if (!Double.isFinite(g[k])) {
                return k;
            }
        }
        return -1;
    }

    /** {@return the index of the first non-finite value element, or -1 if all are finite} */
    int firstNonFiniteValue() {
        double[] v = value.data;
        for (int k = 0; k < size(); k++) {
            if (!Double.isFinite(v[k])) {
                return k;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return "Parameter " + name + " " + shapeString();
    }
}
