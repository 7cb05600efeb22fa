package io.github.lstmdynamics.lstm;

import org.ejml.data.DMatrixRMaj;

/**
 * A batch of sequences, time-major: {@code T} time steps by {@code B} sequences by {@code F} features,
 * stored as ONE row-major {@link DMatrixRMaj} of {@code T*B} rows and {@code F} columns. Row
 * {@code t*B + b} holds the features of sequence {@code b} at time step {@code t}, so the rows of
 * step {@code t} are the contiguous block {@code [t*B, (t+1)*B)} and the element {@code (t, b, f)} is
 * {@code matrix().data[(t*B + b)*F + f]}.
 *
 * <p>This is the layout of PyTorch's {@code [T, B, F]} tensors ({@code batch_first=False}). The same
 * type also carries LSTM states of shape {@code [L, B, H]} (layers in place of time steps), as PyTorch
 * uses one tensor type for both.
 *
 * <p>Instances are mutable and not thread-safe. Batches returned by {@link Lstm}, {@link Linear} and
 * {@link LstmRegressor} training calls are buffers owned by those objects and are overwritten by
 * their next call; {@link #copy()} them to keep them.
 */
public final class SequenceBatch {

    private int steps;
    private int batchSize;
    private int features;
    private final DMatrixRMaj matrix;

    private SequenceBatch(int steps, int batchSize, int features, DMatrixRMaj matrix) {
        this.steps = steps;
        this.batchSize = batchSize;
        this.features = features;
        this.matrix = matrix;
    }

    /**
     * A batch of zeros.
     *
     * @param steps     number of time steps {@code T}, at least 1
     * @param batchSize number of sequences {@code B}, at least 1
     * @param features  number of features {@code F}, at least 1
     * @return a new {@code [T, B, F]} batch filled with zeros
     * @throws IllegalArgumentException if a size is below 1, or {@code T*B*F} is more than one Java array holds
     */
    public static SequenceBatch zeros(int steps, int batchSize, int features) {
        checkSizes(steps, batchSize, features);
        return new SequenceBatch(steps, batchSize, features,
                new DMatrixRMaj(steps * batchSize, features));
    }

    /**
     * Wraps an existing matrix without copying: later changes to either are seen by both.
     *
     * @param matrix    a {@code (T*B) x F} matrix, row {@code t*B + b} for step t and sequence b
     * @param steps     number of time steps {@code T}, at least 1
     * @param batchSize number of sequences {@code B}, at least 1
     * @return a batch view of {@code matrix}
     * @throws IllegalArgumentException if the matrix does not have {@code T*B} rows
     */
    public static SequenceBatch wrap(DMatrixRMaj matrix, int steps, int batchSize) {
        if (steps < 1 || batchSize < 1 || matrix.numCols < 1 || matrix.numRows != (long) steps * batchSize) {
            throw new IllegalArgumentException("matrix of " + matrix.numRows + " x " + matrix.numCols
                    + " does not hold [T=" + steps + ", B=" + batchSize + ", F] time-major (needs "
                    + (long) steps * batchSize + " rows)");
        }
        return new SequenceBatch(steps, batchSize, matrix.numCols, matrix);
    }

    /**
     * Copies a time-major array.
     *
     * @param tbf values indexed {@code [t][b][f]}; all inner arrays must have equal lengths
     * @return a new batch of shape {@code [tbf.length, tbf[0].length, tbf[0][0].length]}
     * @throws IllegalArgumentException if the array is empty or ragged
     */
    public static SequenceBatch fromArray(double[][][] tbf) {
        int[] shape = shapeOf(tbf, "[T][B][F]");
        SequenceBatch batch = zeros(shape[0], shape[1], shape[2]);
        for (int t = 0; t < shape[0]; t++) {
            for (int b = 0; b < shape[1]; b++) {
                System.arraycopy(tbf[t][b], 0, batch.matrix.data, batch.index(t, b, 0), shape[2]);
            }
        }
        return batch;
    }

    /**
     * Copies a batch-first array (PyTorch's {@code batch_first=True} layout) into time-major storage.
     *
     * @param btf values indexed {@code [b][t][f]}; all inner arrays must have equal lengths
     * @return a new time-major batch of shape {@code [T, B, F]}
     * @throws IllegalArgumentException if the array is empty or ragged
     */
    public static SequenceBatch fromBatchFirst(double[][][] btf) {
        int[] shape = shapeOf(btf, "[B][T][F]");
        SequenceBatch batch = zeros(shape[1], shape[0], shape[2]);
        for (int b = 0; b < shape[0]; b++) {
            for (int t = 0; t < shape[1]; t++) {
                System.arraycopy(btf[b][t], 0, batch.matrix.data, batch.index(t, b, 0), shape[2]);
            }
        }
        return batch;
    }

    /** {@return a new array indexed {@code [t][b][f]} holding a copy of the values} */
    public double[][][] toArray() {
        double[][][] tbf = new double[steps][batchSize][features];
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < batchSize; b++) {
                System.arraycopy(matrix.data, index(t, b, 0), tbf[t][b], 0, features);
            }
        }
        return tbf;
    }

    /** {@return a new array indexed {@code [b][t][f]} (batch-first) holding a copy of the values} */
    public double[][][] toBatchFirst() {
        double[][][] btf = new double[batchSize][steps][features];
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < batchSize; b++) {
                System.arraycopy(matrix.data, index(t, b, 0), btf[b][t], 0, features);
            }
        }
        return btf;
    }

    /** {@return a deep copy with its own storage} */
    public SequenceBatch copy() {
        SequenceBatch c = zeros(steps, batchSize, features);
        System.arraycopy(matrix.data, 0, c.matrix.data, 0, steps * batchSize * features);
        return c;
    }

    /** {@return the number of time steps {@code T} (or layers {@code L} for an LSTM state)} */
    public int steps() {
        return steps;
    }

    /** {@return the number of sequences {@code B}} */
    public int batchSize() {
        return batchSize;
    }

    /** {@return the number of features {@code F} per sequence and step} */
    public int features() {
        return features;
    }

    /**
     * Reads one value.
     *
     * @param t time step, {@code 0 <= t < T}
     * @param b sequence, {@code 0 <= b < B}
     * @param f feature, {@code 0 <= f < F}
     * @return the value at {@code (t, b, f)}
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public double get(int t, int b, int f) {
        return matrix.data[checkedIndex(t, b, f)];
    }

    /**
     * Sets the value at {@code (t, b, f)}.
     *
     * @param t     time step, {@code 0 <= t < T}
     * @param b     sequence, {@code 0 <= b < B}
     * @param f     feature, {@code 0 <= f < F}
     * @param value the new value
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public void set(int t, int b, int f, double value) {
        matrix.data[checkedIndex(t, b, f)] = value;
    }

    /**
     * The backing matrix, {@code (T*B) x F}, row {@code t*B + b}. Not a copy.
     *
     * @return the backing matrix
     */
    public DMatrixRMaj matrix() {
        return matrix;
    }

    /**
     * The first row of time step {@code t} in {@link #matrix()}; the step's rows are
     * {@code [firstRowOf(t), firstRowOf(t) + B)}.
     *
     * @param t time step, {@code 0 <= t < T}
     * @return {@code t * B}
     * @throws IndexOutOfBoundsException if {@code t} is out of range
     */
    public int firstRowOf(int t) {
        if (t < 0 || t >= steps) {
            throw new IndexOutOfBoundsException("time step " + t + " outside [0, " + steps + ")");
        }
        return t * batchSize;
    }

    /**
     * The offset of element {@code (t, 0, 0)} in {@code matrix().data}; step {@code t} occupies the
     * {@code B*F} contiguous elements from there.
     *
     * @param t time step, {@code 0 <= t < T}
     * @return {@code t * B * F}
     * @throws IndexOutOfBoundsException if {@code t} is out of range
     */
    public int stepOffset(int t) {
        return firstRowOf(t) * features;
    }

    /** {@return the shape as {@code "[T, B, F]"}, used in error messages} */
    public String shape() {
        return "[" + steps + ", " + batchSize + ", " + features + "]";
    }

    /**
     * Whether this batch has the given shape.
     *
     * @param steps     expected {@code T}
     * @param batchSize expected {@code B}
     * @param features  expected {@code F}
     * @return true if all three sizes match
     */
    public boolean hasShape(int steps, int batchSize, int features) {
        return this.steps == steps && this.batchSize == batchSize && this.features == features;
    }

    @Override
    public String toString() {
        return "SequenceBatch" + shape();
    }

    /** Changes the shape in place, reusing the storage when it is large enough; contents undefined. */
    void reshape(int steps, int batchSize, int features) {
        this.steps = steps;
        this.batchSize = batchSize;
        this.features = features;
        matrix.reshape(steps * batchSize, features);
    }

    /** Throws if any value is NaN or infinite, naming the time step and the sequence. */
    void requireFinite(String what) {
        requireFinite(what, "time step");
    }

    /** Throws if any value is NaN or infinite, naming the position; {@code leadingAxis} names the first index. */
    void requireFinite(String what, String leadingAxis) {
        double[] d = matrix.data;
        int n = steps * batchSize * features;
        for (int k = 0; k < n; k++) {
            if (!Double.isFinite(d[k])) {
                int row = k / features;
                throw new IllegalArgumentException(what + " " + shape() + " holds " + d[k]
                        + " at " + leadingAxis + " " + row / batchSize + ", sequence " + row % batchSize
                        + ", feature " + k % features);
            }
        }
    }

    private int index(int t, int b, int f) {
        return (t * batchSize + b) * features + f;
    }

    private int checkedIndex(int t, int b, int f) {
        if (t < 0 || t >= steps || b < 0 || b >= batchSize || f < 0 || f >= features) {
            throw new IndexOutOfBoundsException("(" + t + ", " + b + ", " + f + ") outside " + shape());
        }
        return index(t, b, f);
    }

    private static void checkSizes(int steps, int batchSize, int features) {
        if (steps < 1 || batchSize < 1 || features < 1) {
            throw new IllegalArgumentException("sizes must be at least 1, got [" + steps + ", "
                    + batchSize + ", " + features + "]");
        }
        ArraySizes.requireFits("steps x batchSize x features", steps, batchSize, features);
    }

    private static int[] shapeOf(double[][][] a, String layout) {
        if (a.length == 0 || a[0].length == 0 || a[0][0].length == 0) {
            throw new IllegalArgumentException("empty array, expected " + layout + " with sizes >= 1");
        }
        int n1 = a[0].length;
        int n2 = a[0][0].length;
        for (int i = 0; i < a.length; i++) {
            if (a[i].length != n1) {
                throw new IllegalArgumentException("ragged array " + layout + ": [" + i + "] has length "
                        + a[i].length + ", [0] has " + n1);
            }
            for (int j = 0; j < n1; j++) {
                if (a[i][j].length != n2) {
                    throw new IllegalArgumentException("ragged array " + layout + ": [" + i + "][" + j
                            + "] has length " + a[i][j].length + ", [0][0] has " + n2);
                }
            }
        }
        return new int[] {a.length, n1, n2};
    }
}
