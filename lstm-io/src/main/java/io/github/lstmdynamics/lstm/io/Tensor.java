package io.github.lstmdynamics.lstm.io;

import java.util.Arrays;
import java.util.Objects;

/**
 * One named tensor of a safetensors file: dtype, shape and values in row-major (C) order, as PyTorch's
 * {@code tensor.flatten()}. A scalar has the shape {@code []} and one value.
 *
 * <p>Values are always held as {@code double}: for {@link DType#F32} they are the file's floats widened
 * exactly on read, and are rounded to the nearest float on write (values beyond the float range become
 * infinite, as {@code tensor.float()} does). A tensor is immutable: the arrays are copied in and out,
 * and {@link #equals} compares them element by element, bit for bit ({@link Double#doubleToLongBits}).
 * A tensor read from a file holds the values read, without a further copy.
 */
public final class Tensor {

    private final String name;
    private final DType dtype;
    private final int[] shape;
    private final double[] values;

    /**
     * A tensor holding copies of the shape and the values.
     *
     * @param name   the tensor's name; not null
     * @param dtype  the element type in the file; not null
     * @param shape  the dimensions, each at least 0
     * @param values as many values as the shape has elements, row-major
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if a dimension is negative or the number of values does not fit the
     *                                  shape
     */
    public Tensor(String name, DType dtype, int[] shape, double[] values) {
        this(name, dtype, Objects.requireNonNull(shape, "shape").clone(),
                Objects.requireNonNull(values, "values").clone(), true);
    }

    /** Checks and keeps the arrays as they are; {@code unused} only tells this constructor apart. */
    private Tensor(String name, DType dtype, int[] shape, double[] values, boolean unused) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(values, "values");
        boolean empty = false;
        for (int dim : shape) {
            if (dim < 0) {
                throw new IllegalArgumentException("tensor '" + name + "': shape " + Arrays.toString(shape)
                        + " has a negative dimension");
            }
            empty |= dim == 0;
        }
        long elements = empty ? 0 : 1;
        for (int k = 0; k < shape.length && elements > 0; k++) {
            elements *= shape[k]; // at most (2^31 - 1)^2 before the check below: no overflow
            if (elements > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("tensor '" + name + "': shape " + Arrays.toString(shape)
                        + " has more elements than a Java array can hold");
            }
        }
        if (values.length != elements) {
            throw new IllegalArgumentException("tensor '" + name + "': " + values.length
                    + " values do not fit shape " + Arrays.toString(shape) + " (" + elements + " elements)");
        }
        this.name = name;
        this.dtype = dtype;
        this.shape = shape;
        this.values = values;
    }

    /** A tensor that keeps the given arrays, which the caller hands over and no longer uses. */
    static Tensor adopt(String name, DType dtype, int[] shape, double[] values) {
        return new Tensor(name, dtype, shape, values, true);
    }

    /**
     * The tensor's name.
     *
     * @return for example {@code "lstm.weight_ih_l0"}
     */
    public String name() {
        return name;
    }

    /**
     * The element type in the file.
     *
     * @return F64 or F32
     */
    public DType dtype() {
        return dtype;
    }

    /**
     * The dimensions.
     *
     * @return a copy of the dimensions
     */
    public int[] shape() {
        return shape.clone();
    }

    /**
     * The values.
     *
     * @return a copy of the values, row-major
     */
    public double[] values() {
        return values.clone();
    }

    /** The number of elements, without copying. */
    int size() {
        return values.length;
    }

    /** The value at a flat row-major index, without copying. */
    double value(int index) {
        return values[index];
    }

    /** The number of bytes of this tensor in the data section. */
    long byteCount() {
        return (long) values.length * dtype.bytesPerElement();
    }

    /**
     * Compares name, dtype, shape and values, the values bit for bit (so NaN equals NaN and 0.0 differs
     * from -0.0).
     *
     * @param other the object to compare with
     * @return whether other is a tensor with the same contents
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof Tensor t && name.equals(t.name) && dtype == t.dtype
                && Arrays.equals(shape, t.shape) && Arrays.equals(values, t.values);
    }

    /**
     * @return a hash of the contents, consistent with {@link #equals}
     */
    @Override
    public int hashCode() {
        return Objects.hash(name, dtype, Arrays.hashCode(shape), Arrays.hashCode(values));
    }

    /**
     * @return name, dtype and shape, for example {@code "Tensor lstm.weight_ih_l0 F64 [80, 2]"} (not the values)
     */
    @Override
    public String toString() {
        return "Tensor " + name + " " + dtype + " " + Arrays.toString(shape);
    }
}
