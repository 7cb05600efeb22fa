package io.github.lstmdynamics.ode;

import java.util.Arrays;

/** An append-only list of doubles that grows by doubling (amortized constant time, no boxing). */
final class GrowableDoubleArray {

    private static final int INITIAL_CAPACITY = 64;

    private double[] data;
    private int size;

    /** An empty list with room for 64 values. */
    GrowableDoubleArray() {
        this(INITIAL_CAPACITY);
    }

    /** An empty list with room for {@code capacity} values (at least one). */
    GrowableDoubleArray(int capacity) {
        data = new double[Math.max(1, capacity)];
    }

    void add(double value) {
        if (size == data.length) {
            data = Arrays.copyOf(data, data.length * 2);
        }
        data[size++] = value;
    }

    void addAll(double[] values) {
        if (size + values.length > data.length) {
            data = Arrays.copyOf(data, Math.max(data.length * 2, size + values.length));
        }
        System.arraycopy(values, 0, data, size, values.length);
        size += values.length;
    }

    int size() {
        return size;
    }

    double get(int index) {
        return data[index];
    }

    double last() {
        return data[size - 1];
    }

    /** Drops the last count values. */
    void truncate(int count) {
        size -= count;
    }

    double[] toArray() {
        return Arrays.copyOf(data, size);
    }

    /** Splits the values into rows of the given width: row i holds values [i*width, (i+1)*width). */
    double[][] toRows(int width) {
        double[][] rows = new double[size / width][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = Arrays.copyOfRange(data, i * width, (i + 1) * width);
        }
        return rows;
    }
}
