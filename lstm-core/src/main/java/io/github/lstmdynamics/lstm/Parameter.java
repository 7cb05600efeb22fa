package io.github.lstmdynamics.lstm;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

/**
 * A trainable tensor with its gradient, named and shaped as in PyTorch's {@code state_dict}.
 *
 * <p>Matrices ({@code weight_ih_l0} of shape {@code [4H, I]}, {@code output.weight} of shape
 * {@code [O, H]}) are stored as {@code rows x cols} {@link DMatrixRMaj}; vectors ({@code bias_ih_l0}
 * of shape {@code [4H]}) as {@code n x 1} column matrices. In both cases the row-major
 * {@code value().data} lists the elements in the order PyTorch's {@code tensor.flatten()} does.
 *
 * <p>A parameter has the {@link Precision} of its model. A float64 parameter is read and written through
 * {@link #value()} and {@link #grad()}; a float32 one stores {@link FMatrixRMaj}s, read through
 * {@link #floatValue()} and {@link #floatGrad()}. {@link #toArray()}, {@link #gradToArray()} and the
 * setters work on both (doubles written into a float32 parameter are rounded to float).
 *
 * <p>The gradient accumulates across backward passes, as in PyTorch, until {@link #zeroGrad()}.
 * Not thread-safe.
 */
public final class Parameter {

    private final String name;
    private final int[] shape;
    private final Precision precision;
    private final DMatrixRMaj value;
    private final DMatrixRMaj grad;
    private final FMatrixRMaj floatValue;
    private final FMatrixRMaj floatGrad;

    private Parameter(String name, int[] shape, Precision precision, DMatrixRMaj value, DMatrixRMaj grad,
            FMatrixRMaj floatValue, FMatrixRMaj floatGrad) {
        this.name = name;
        this.shape = shape;
        this.precision = precision;
        this.value = value;
        this.grad = grad;
        this.floatValue = floatValue;
        this.floatGrad = floatGrad;
    }

    /** A zero float64 matrix parameter of PyTorch shape {@code [rows, cols]}. */
    static Parameter matrix(String name, int rows, int cols) {
        return matrix(name, rows, cols, Precision.FLOAT64);
    }

    /** A zero matrix parameter of PyTorch shape {@code [rows, cols]} in {@code precision}. */
    static Parameter matrix(String name, int rows, int cols, Precision precision) {
        int[] shape = {rows, cols};
        return precision == Precision.FLOAT64
                ? new Parameter(name, shape, precision, new DMatrixRMaj(rows, cols), new DMatrixRMaj(rows, cols),
                        null, null)
                : new Parameter(name, shape, precision, null, null, new FMatrixRMaj(rows, cols),
                        new FMatrixRMaj(rows, cols));
    }

    /** A zero float64 vector parameter of PyTorch shape {@code [n]}. */
    static Parameter vector(String name, int n) {
        return vector(name, n, Precision.FLOAT64);
    }

    /** A zero vector parameter of PyTorch shape {@code [n]} in {@code precision}. */
    static Parameter vector(String name, int n, Precision precision) {
        int[] shape = {n};
        return precision == Precision.FLOAT64
                ? new Parameter(name, shape, precision, new DMatrixRMaj(n, 1), new DMatrixRMaj(n, 1), null, null)
                : new Parameter(name, shape, precision, null, null, new FMatrixRMaj(n, 1), new FMatrixRMaj(n, 1));
    }

    /** The same storage under another name (for example with a module prefix such as {@code "lstm."}). */
    Parameter renamed(String newName) {
        return new Parameter(newName, shape, precision, value, grad, floatValue, floatGrad);
    }

    /**
     * Fills the value with independent draws from U(-bound, bound), in row-major order; a float32
     * parameter keeps each double draw rounded to float, so that models of both precisions built from the
     * same seed start from the same weights.
     */
    void initUniform(SplittableRandom random, double bound) {
        for (int k = 0; k < size(); k++) {
            double draw = random.nextDouble(-bound, bound);
            if (value != null) {
                value.data[k] = draw;
            } else {
                floatValue.data[k] = (float) draw;
            }
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
        return value != null ? value.getNumElements() : floatValue.getNumElements();
    }

    /**
     * Returns the precision of the value, the gradient and the model that owns this parameter.
     *
     * @return the precision of the value, the gradient and the model that owns this parameter
     */
    public Precision precision() {
        return precision;
    }

    /**
     * The value of a float64 parameter, not a copy; changing it changes the model.
     *
     * @return the value matrix ({@code n x 1} for a vector)
     * @throws IllegalStateException if this parameter is float32 (read {@link #floatValue()})
     */
    public DMatrixRMaj value() {
        requirePrecision(Precision.FLOAT64, "value()", "floatValue()");
        return value;
    }

    /**
     * The accumulated gradient of a float64 parameter, not a copy; same shape as {@link #value()}.
     *
     * @return the gradient matrix
     * @throws IllegalStateException if this parameter is float32 (read {@link #floatGrad()})
     */
    public DMatrixRMaj grad() {
        requirePrecision(Precision.FLOAT64, "grad()", "floatGrad()");
        return grad;
    }

    /**
     * The value of a float32 parameter, not a copy; changing it changes the model.
     *
     * @return the value matrix ({@code n x 1} for a vector)
     * @throws IllegalStateException if this parameter is float64 (read {@link #value()})
     */
    public FMatrixRMaj floatValue() {
        requirePrecision(Precision.FLOAT32, "floatValue()", "value()");
        return floatValue;
    }

    /**
     * The accumulated gradient of a float32 parameter, not a copy; same shape as {@link #floatValue()}.
     *
     * @return the gradient matrix
     * @throws IllegalStateException if this parameter is float64 (read {@link #grad()})
     */
    public FMatrixRMaj floatGrad() {
        requirePrecision(Precision.FLOAT32, "floatGrad()", "grad()");
        return floatGrad;
    }

    /** The value's array: {@code double[]} or {@code float[]} by the precision. */
    Object valueArray() {
        return value != null ? value.data : floatValue.data;
    }

    /** The gradient's array: {@code double[]} or {@code float[]} by the precision. */
    Object gradArray() {
        return grad != null ? grad.data : floatGrad.data;
    }

    /** Sets the gradient to zero, as PyTorch's {@code zero_grad(set_to_none=False)}. */
    public void zeroGrad() {
        if (grad != null) {
            Arrays.fill(grad.data, 0, size(), 0.0);
        } else {
            Arrays.fill(floatGrad.data, 0, size(), 0f);
        }
    }

    /**
     * Copies values in PyTorch's flattened (row-major) order; a float32 parameter rounds each to float.
     *
     * @param values exactly {@link #size()} values
     * @throws IllegalArgumentException if the length does not fit the shape
     */
    public void set(double[] values) {
        if (values.length != size()) {
            throw new IllegalArgumentException(name + ": " + values.length + " values do not fit shape "
                    + shapeString() + " (" + size() + " elements)");
        }
        if (value != null) {
            System.arraycopy(values, 0, value.data, 0, values.length);
        } else {
            for (int k = 0; k < values.length; k++) {
                floatValue.data[k] = (float) values[k];
            }
        }
    }

    /**
     * Copies float values in PyTorch's flattened (row-major) order; a float64 parameter widens them
     * exactly.
     *
     * @param values exactly {@link #size()} values
     * @throws IllegalArgumentException if the length does not fit the shape
     */
    public void set(float[] values) {
        if (values.length != size()) {
            throw new IllegalArgumentException(name + ": " + values.length + " values do not fit shape "
                    + shapeString() + " (" + size() + " elements)");
        }
        if (floatValue != null) {
            System.arraycopy(values, 0, floatValue.data, 0, values.length);
        } else {
            for (int k = 0; k < values.length; k++) {
                value.data[k] = values[k];
            }
        }
    }

    /**
     * Copies a matrix of the same shape; a vector parameter accepts an {@code n x 1} or {@code 1 x n}
     * matrix. A float32 parameter rounds each value to float.
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
        set(Arrays.copyOf(values.data, size()));
    }

    /**
     * Returns a copy of the value in flattened (row-major) order, widened to double for float32.
     *
     * @return a copy of the value in flattened (row-major) order, widened to double for float32
     */
    public double[] toArray() {
        return widened(valueArray());
    }

    /**
     * Returns a copy of the gradient in flattened (row-major) order, widened to double for float32.
     *
     * @return a copy of the gradient in flattened (row-major) order, widened to double for float32
     */
    public double[] gradToArray() {
        return widened(gradArray());
    }

    private double[] widened(Object data) {
        if (data instanceof double[] d) {
            return Arrays.copyOf(d, size());
        }
        float[] f = (float[]) data;
        double[] d = new double[size()];
        for (int k = 0; k < d.length; k++) {
            d[k] = f[k];
        }
        return d;
    }

    private void requirePrecision(Precision expected, String call, String instead) {
        if (precision != expected) {
            throw new IllegalStateException(name + " is " + precision.label() + ": " + call
                    + " reads " + expected.label() + " parameters; use " + instead + " or toArray()");
        }
    }

    /** {@return the PyTorch shape as {@code "[4H, I]"}-style text with numbers, e.g. {@code "[80, 2]"}} */
    public String shapeString() {
        return Arrays.toString(shape);
    }

    /** {@return the index of the first non-finite gradient element, or -1 if all are finite} */
    int firstNonFiniteGrad() {
        return firstNonFinite(gradArray());
    }

    /** {@return the index of the first non-finite value element, or -1 if all are finite} */
    int firstNonFiniteValue() {
        return firstNonFinite(valueArray());
    }

    /** {@return the element {@code k} of the value, widened to double} */
    double valueAt(int k) {
        return value != null ? value.data[k] : floatValue.data[k];
    }

    /** {@return the element {@code k} of the gradient, widened to double} */
    double gradAt(int k) {
        return grad != null ? grad.data[k] : floatGrad.data[k];
    }

    private int firstNonFinite(Object data) {
        int n = size();
        if (data instanceof double[] d) {
            for (int k = 0; k < n; k++) {
                if (!Double.isFinite(d[k])) {
                    return k;
                }
            }
        } else {
            float[] f = (float[]) data;
            for (int k = 0; k < n; k++) {
                if (!Float.isFinite(f[k])) {
                    return k;
                }
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return "Parameter " + name + " " + shapeString();
    }
}
