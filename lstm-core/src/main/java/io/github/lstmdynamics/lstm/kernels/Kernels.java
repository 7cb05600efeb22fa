package io.github.lstmdynamics.lstm.kernels;

/**
 * Every loop of the training step that touches O(elements) or more: the products, the gate
 * activations and the cell's pointwise forward and backward, the loss and the optimizer update.
 * Vocabulary after EJML's {@code CommonOps_DDRM}: {@code mult} overwrites the output, {@code multAdd}
 * adds to it, {@code TransA}/{@code TransB} name a transposed operand, and the output argument comes last
 * (after its offset). Matrices are either zero-based rows ({@code double[][]}) or flat row-major arrays
 * with an offset or a stride.
 *
 * <p>Kernels compute one fixed piece of work; which kernel, and in what tiles, is decided once, above
 * them, by {@link Products}. Two implementations: {@link ScalarKernels} (plain Java) and
 * {@code VectorKernels} ({@code jdk.incubator.vector}, {@code DoubleVector.SPECIES_256}), chosen once by
 * {@link KernelProvider}. Both give the same bits for every call: each output element is computed with
 * the same operations in the same order (vectorised over output columns), and where a sum runs along a
 * row the scalar path keeps four partial sums, lane {@code k} taking the terms {@code k, k + 4, ...},
 * joined as {@code (s0 + s1) + (s2 + s3)}, exactly as a 4-lane vector does.
 *
 * <p>Implementations are stateless and thread-safe; callers may split the output between threads.
 * This package is internal: it is public only for the {@code bench} module and may change at any time.
 */
public interface Kernels extends ArrayKernels<double[], double[][]> {

    /** {@return {@code "scalar"} or {@code "vector"}} */
    String name();

    // ------------------------------------------------------------------ products

    /**
     * One row of {@code C += A B}: {@code c[j] += sum_q a[aOff + q] * b[q][j]} for {@code q0 <= q < q1},
     * {@code j0 <= j < j1}. The terms go in groups of four from {@code q0}, each group summed left to
     * right and then added to {@code c[j]}; the last one to three terms are added to {@code c[j]} one
     * after the other. Splitting {@code [q0, q1)} at multiples of four from {@code q0} gives the same bits.
     */
    void multAddRow(double[] a, int aOff, double[][] b, int q0, int q1, int j0, int j1, double[] c);

    /**
     * Rows of {@code C += A B} with A flat: {@code c[c0 + i][j] += sum_q a[(a0 + i) * aStride + q] * b[q][j]}
     * for {@code i < rows}, {@code q0 <= q < q1}, {@code j0 <= j < j1}; each group of four rows of B is
     * added to every row before the next group. Every element is summed exactly as by {@link #multAddRow}.
     */
    void multAddRows(double[] a, int a0, int aStride, double[][] b, int q0, int q1, int j0, int j1, int rows,
            double[][] c, int c0);

    /** As {@link #multAddRows(double[], int, int, double[][], int, int, int, int, int, double[][], int)} with A as rows {@code a[a0 + i]}. */
    void multAddRows(double[][] a, int a0, double[][] b, int q0, int q1, int j0, int j1, int rows, double[][] c,
            int c0);

    /**
     * {@code c[r * width + j] = sum_q a[r * depth + q] * b[q][j]} for {@code r < rows}, {@code j < width},
     * {@code q < depth}: a product of small depth straight into a flat result, every element summed as
     * {@link #multAddRow} sums into zeros.
     */
    void multSmallDepth(double[] a, int rows, int depth, double[][] b, int width, double[] c);

    /**
     * {@code y[r * width + o] = bias[o] + dot(x[r * depth ..], w[o])} for {@code r < rows}, {@code o < width}
     * ({@code bias} null: no bias): {@code Y = X W^T + b} with a narrow result; every dot product in four
     * lanes (see the class comment), the last {@code depth % 4} terms added into lane 0.
     */
    void multTransB(double[] x, int rows, int depth, double[][] w, double[] bias, int width, double[] y);

    /**
     * {@code c[r * width + j] = sum_q a[r][q] * b[q][j]} for rows {@code r0 <= r < r0 + rows}, {@code j < width}:
     * {@code C = A B} with B given both as rows ({@code b}) and transposed ({@code bT[j][q] = b[q][j]}),
     * every element one left-to-right chain of {@link Math#fma} over {@code q < depth}.
     */
    void multFused(double[][] a, int r0, int rows, double[][] b, double[][] bT, int depth, int width, double[] c);

    /**
     * {@code dw[o * depth + i] += sum_r d[r * width + o] * x[r * depth + i]}: {@code dW += D^T X} with a
     * narrow D, each element's sum in four lanes over the rows (row {@code r} into lane {@code r % 4}, the
     * last {@code rows % 4} rows into lane 0), kept in {@code partial} (four arrays of at least
     * {@code width * depth}, overwritten).
     */
    void multAddTransA(double[] d, int width, double[] x, int depth, int rows, double[][] partial, double[] dw);

    /**
     * {@code wt[q][j] += sum_r y[r * yStride + q] * d[r][j]} for {@code r < rows}, {@code q0 <= q < q1},
     * {@code j0 <= j < j1}: rows of the transposed weight gradient {@code dW^T += Y^T D}; the rows
     * {@code r} four at a time in order (each group summed, then added), the last one to three one by one.
     */
    void multAddTransA(double[] y, int yStride, int q0, int q1, double[][] d, int rows, int j0, int j1,
            double[][] wt);

    /** {@code sum[j] += sum_r rows[r][j]} for {@code r0 <= r < r1}, {@code j0 <= j < j1}, rows in order. */
    void addColumnSums(double[][] rows, int r0, int r1, int j0, int j1, double[] sum);

    // ------------------------------------------------------------------ the LSTM cell

    /**
     * In place, {@code x[k] = m[k] / (1 + exp(s[k] * x[k])) + a[k]} for {@code k < n}: sigmoid and tanh
     * in one form (see {@link Activation}), exp from our own polynomial, so both paths agree to the bit.
     *
     * @param act constants {@code s, m, a} of at least {@code n} columns
     * @param n   columns
     * @param v   scratch of at least {@code n}
     * @param p   second scratch of at least {@code n}
     * @param x   the values, overwritten by their activations
     */
    void activate(Activation act, int n, double[] v, double[] p, double[] x);

    /**
     * The cell's forward for one row: {@code c_t = f * c_{t-1} + i * g} from the activated gate row
     * {@code [i | f | g | o]}. {@code c_{t-1}} at {@code cells[prevOff ..]}, {@code c_t} written to
     * {@code cells[nextOff ..]}; {@code row} is scratch of {@code hidden}.
     */
    void cellState(double[] gates, int hidden, double[] cells, int prevOff, double[] row, int nextOff);

    /**
     * The cell's output for one row: {@code h_t = o * tanh(c_t)}, {@code tanh(c_t)} at
     * {@code tanhCells[tOff ..]}, {@code h_t} written to {@code h[hOff ..]}; {@code row} is scratch of
     * {@code hidden}.
     */
    void cellOutput(double[] gates, int hidden, double[] tanhCells, int tOff, double[] row, double[] h, int hOff);

    /**
     * The cell's backward for one row (see {@link LstmCell}): from {@code dh = dOut + dhNext} and
     * {@code dcNext} to the gate pre-activation gradients {@code dGates} ({@code [di | df | dg | do]}, 4H),
     * {@code dcNext} replaced by {@code dc_{t-1}} and {@code dhNext} zeroed. {@code cells}, {@code tanhCells}
     * and {@code dOut} are read at {@code off} ({@code c_{t-1}}, {@code tanh(c_t)}, the output gradient).
     */
    void cellBackward(double[] gates, double[] cells, double[] tanhCells, double[] dOut, int off, int hidden,
            double[] dhNext, double[] dcNext, double[] dGates);

    // ------------------------------------------------------------------ loss and update

    /**
     * {@code sum_k (p[k] - y[k])^2} for {@code k < n}, in four lanes (see the class comment), the last
     * {@code n % 4} terms into lane 0.
     */
    double sumSquaredDifferences(double[] p, double[] y, int n);

    /** {@code g[k] = scale * (p[k] - y[k])} for {@code k < n}. */
    void scaledDifference(double scale, double[] p, double[] y, int n, double[] g);

    /**
     * One {@code torch.optim.SGD} update of {@code n} elements (see {@code Sgd}):
     * {@code g = grad + wd p}; with momentum {@code buf = g} on the first step, else
     * {@code buf = momentum buf + (1 - dampening) g}, {@code g = nesterov ? g + momentum buf : buf};
     * {@code p -= lr g}.
     *
     * @param buf the momentum buffer (unused, may be null, when {@code momentum == 0})
     */
    void sgdUpdate(SgdHyper h, boolean firstStep, double[] grad, int n, double[] buf, double[] value);

    /** The hyper-parameters of {@link #sgdUpdate}, as plain numbers. */
    record SgdHyper(double lr, double momentum, double dampening, double weightDecay, boolean nesterov) {
    }

    // ------------------------------------------------------------------ float64 arrays (see ArrayKernels)

    @Override
    default int elementBytes() {
        return 8;
    }

    @Override
    default double[] newVector(int n) {
        return new double[n];
    }

    @Override
    default double[][] newRows(int n, int width) {
        return new double[n][width];
    }

    @Override
    default int length(double[] v) {
        return v.length;
    }

    @Override
    default int rowCount(double[][] m) {
        return m.length;
    }

    @Override
    default double[] row(double[][] m, int r) {
        return m[r];
    }

    @Override
    default double[][] withRows(double[][] m, int n, int width) {
        double[][] grown = new double[n][];
        for (int r = 0; r < n; r++) {
            grown[r] = r < m.length ? m[r] : new double[width];
        }
        return grown;
    }

    @Override
    default void zero(double[] v, int from, int to) {
        java.util.Arrays.fill(v, from, to, 0.0);
    }

    @Override
    default void add(double[] a, double[] b, int n, double[] out) {
        for (int k = 0; k < n; k++) {
            out[k] = a[k] + b[k];
        }
    }

    @Override
    default void addTo(double[] src, int from, int to, double[] dst) {
        for (int k = from; k < to; k++) {
            dst[k] += src[k];
        }
    }

    @Override
    default void adamUpdate(AdamHyper h, double[] grad, int n, double[] m, double[] v, double[] vmax,
            double[] value) {
        final double beta1 = h.beta1();
        final double beta2 = h.beta2();
        final double eps = h.eps();
        final double weightDecay = h.weightDecay();
        final boolean amsgrad = h.amsgrad();
        final boolean decoupled = h.decoupled();
        final double stepSize = h.stepSize();
        final double biasCorrection2Sqrt = h.biasCorrection2Sqrt();
        final double decay = h.decay();
        for (int k = 0; k < n; k++) {
            double g = grad[k];
            if (decoupled) {
                value[k] *= decay;
            } else if (weightDecay != 0.0) {
                g += weightDecay * value[k];
            }
            double mk = m[k] * beta1 + (1 - beta1) * g;
            double vk = v[k] * beta2 + (1 - beta2) * g * g;
            m[k] = mk;
            v[k] = vk;
            double second = vk;
            if (amsgrad) {
                second = Math.max(vmax[k], vk);
                vmax[k] = second;
            }
            double denom = Math.sqrt(second) / biasCorrection2Sqrt + eps;
            value[k] += -stepSize * mk / denom;
        }
    }

    @Override
    default void addColumnSums(double[] flat, int rows, int width, double[] sum) {
        for (int r = 0; r < rows; r++) {
            int off = r * width;
            for (int k = 0; k < width; k++) {
                sum[k] += flat[off + k];
            }
        }
    }

    @Override
    default void copyRowsAndTranspose(double[] w, int rows, int n, double[][] asRows, double[][] transposed) {
        for (int k = 0; k < rows; k++) {
            double[] row = asRows[k];
            System.arraycopy(w, k * n, row, 0, n);
            for (int q = 0; q < n; q++) {
                transposed[q][k] = row[q];
            }
        }
    }

    @Override
    default void addTransposed(double[][] t, double[] w, int n, int j0, int j1) {
        for (int k = j0; k < j1; k++) {
            int off = k * n;
            for (int q = 0; q < n; q++) {
                w[off + q] += t[q][k];
            }
        }
    }

    @Override
    default double[] fromDoubles(double[] src, int n, double[] reuse) {
        return src;
    }

    @Override
    default void toDoubles(double[] src, int n, double[] dst) {
        if (src != dst) {
            System.arraycopy(src, 0, dst, 0, n);
        }
    }
}
