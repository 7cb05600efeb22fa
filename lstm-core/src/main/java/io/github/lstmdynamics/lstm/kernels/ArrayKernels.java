package io.github.lstmdynamics.lstm.kernels;

/**
 * The kernels of one precision, over opaque arrays: {@code V} is a flat array ({@code double[]} or
 * {@code float[]}) and {@code M} an array of rows of it ({@code double[][]} or {@code float[][]}). The
 * LSTM's algorithm ({@code LstmLayer}, {@code Lstm}) and the choice of tiles ({@link Products}) are written
 * once against this interface; only its implementations are specific to a precision: {@link Kernels}
 * (float64: {@link ScalarKernels} and {@code VectorKernels}) and {@link ScalarFloatKernels} and
 * {@code VectorFloatKernels} (float32).
 * A change to the algorithm is therefore made once, in the generic code, and a new precision or
 * instruction set is one more implementation. The semantics of each method are those documented on
 * {@link Kernels}, read with {@code V} for {@code double[]}; the float32 implementations compute in
 * {@code float}, and sum their products of many terms as one chain of fused multiply-adds per element
 * (see {@link ScalarFloatKernels}).
 *
 * <p>Besides the kernels proper, the few array operations the generic code needs: allocation, zeroing,
 * the weight layouts, and the conversion from and to the {@code double[]} of the public API (once per call).
 * This package is internal: it is public only for the {@code bench} module and may change at any time.
 *
 * @param <V> the flat array type
 * @param <M> the array-of-rows type
 */
public interface ArrayKernels<V, M> {

    /**
     * Returns the float32 kernels on the path {@link KernelProvider} chose: {@code VectorFloatKernels} or
     * {@link ScalarFloatKernels}.
     *
     * @return the float32 kernels
     */
    static ArrayKernels<float[], float[][]> float32() {
        return KernelProvider.float32();
    }

    /**
     * Returns {@code "scalar"}, {@code "vector"}, {@code "scalar-float32"} or {@code "vector-float32"}.
     *
     * @return {@code "scalar"}, {@code "vector"}, {@code "scalar-float32"} or {@code "vector-float32"}
     */
    String name();

    /**
     * Returns bytes of one element: 8 or 4.
     *
     * @return bytes of one element: 8 or 4
     */
    int elementBytes();

    // ------------------------------------------------------------------ arrays

    /**
     * Returns a zeroed flat array of {@code n} elements.
     *
     * @return a zeroed flat array of {@code n} elements
     */
    V newVector(int n);

    /**
     * Returns an array of {@code n} rows, each a zeroed flat array of {@code width} elements.
     *
     * @return an array of {@code n} rows, each a zeroed flat array of {@code width} elements
     */
    M newRows(int n, int width);

    /**
     * Returns the number of elements of {@code v}.
     *
     * @return the number of elements of {@code v}
     */
    int length(V v);

    /**
     * Returns the number of rows of {@code m}.
     *
     * @return the number of rows of {@code m}
     */
    int rowCount(M m);

    /**
     * Returns row {@code r} of {@code m}.
     *
     * @return row {@code r} of {@code m}
     */
    V row(M m, int r);

    /**
     * Returns {@code m} with its first {@code Math.min(rowCount(m), n)} rows and new zeroed rows of {@code width} up to {@code n} rows.
     *
     * @return {@code m} with its first {@code Math.min(rowCount(m), n)} rows and new zeroed rows of {@code width} up to {@code n} rows
     */
    M withRows(M m, int n, int width);

    /** {@code v[k] = 0} for {@code from <= k < to}. */
    void zero(V v, int from, int to);

    /** {@code out[k] = a[k] + b[k]} for {@code k < n}. */
    void add(V a, V b, int n, V out);

    /** {@code dst[k] += src[k]} for {@code from <= k < to}. */
    void addTo(V src, int from, int to, V dst);

    /** {@code sum[k] += flat[r * width + k]} for {@code r < rows}, {@code k < width}, rows in order. */
    void addColumnSums(V flat, int rows, int width, V sum);

    /**
     * One {@code torch.optim.Adam} (or, {@code decoupled}, {@code AdamW}) update of {@code n} elements,
     * single-tensor path: with {@code g = grad} (plus {@code weightDecay * value} when not decoupled; the
     * value times {@code decay = 1 - lr * weightDecay} first when decoupled),
     * {@code m = m beta1 + (1 - beta1) g}, {@code v = v beta2 + (1 - beta2) g g}, with amsgrad
     * {@code vmax = max(vmax, v)} read instead of {@code v}, and
     * {@code value += -stepSize m / (sqrt(v) / biasCorrection2Sqrt + eps)}.
     */
    void adamUpdate(AdamHyper h, V grad, int n, V m, V v, V vmax, V value);

    /** The hyper-parameters of {@link #adamUpdate} for one step, as plain numbers. */
    record AdamHyper(double beta1, double beta2, double eps, double weightDecay, boolean amsgrad, boolean decoupled,
            double stepSize, double biasCorrection2Sqrt, double decay) {
    }

    /** The {@code rows x n} row-major {@code w} copied into {@code asRows[k][q]} and {@code transposed[q][k]}. */
    void copyRowsAndTranspose(V w, int rows, int n, M asRows, M transposed);

    /** {@code w[k * n + q] += t[q][k]} for rows {@code j0 <= k < j1} of the {@code n}-column {@code w}. */
    void addTransposed(M t, V w, int n, int j0, int j1);

    /**
     * The first {@code n} doubles of {@code src} as this precision's array: {@code src} itself for
     * float64, else rounded into {@code reuse} (or a new array when {@code reuse} is null or shorter).
     */
    V fromDoubles(double[] src, int n, V reuse);

    /** {@code dst[k] = src[k]} widened, for {@code k < n} (nothing when they are the same array). */
    void toDoubles(V src, int n, double[] dst);

    // ------------------------------------------------------------------ products

    /**
     * One row of {@code C += A B}: {@code c[j] += sum_q a[aOff + q] * b[q][j]} for {@code q0 <= q < q1},
     * {@code j0 <= j < j1}. The terms go in groups of four from {@code q0}, each group summed left to
     * right and then added to {@code c[j]}; the last one to three terms are added to {@code c[j]} one
     * after the other. Splitting {@code [q0, q1)} at multiples of four from {@code q0} gives the same bits.
     */
    void multAddRow(V a, int aOff, M b, int q0, int q1, int j0, int j1, V c);

    /**
     * Rows of {@code C += A B} with A flat: {@code c[c0 + i][j] += sum_q a[(a0 + i) * aStride + q] * b[q][j]}
     * for {@code i < rows}, {@code q0 <= q < q1}, {@code j0 <= j < j1}; each group of four rows of B is
     * added to every row before the next group. Every element is summed exactly as by {@link #multAddRow}.
     */
    void multAddRows(V a, int a0, int aStride, M b, int q0, int q1, int j0, int j1, int rows,
            M c, int c0);

    /** As the flat form with A as rows {@code a[a0 + i]}. */
    void multAddRows(M a, int a0, M b, int q0, int q1, int j0, int j1, int rows, M c,
            int c0);

    /**
     * Returns zeroed storage for a {@code depth x width} matrix B in the layout {@link #multAddPackedRows}
     * reads, holding exactly {@code depth * width} elements: rows of B by default; the float32 vector
     * kernels keep it as panels of columns, each panel's rows contiguous. B is packed once and then
     * multiplied many times (the recurrent weights, at every step).
     *
     * @return packed storage for a {@code depth x width} B
     */
    default M newPacked(int depth, int width) {
        return newRows(depth, width);
    }

    /**
     * The {@code rows x n} row-major {@code w} packed as the B of {@link #multAddPackedRows} twice: as itself
     * ({@code asRows}, depth {@code rows}, width {@code n}) and transposed ({@code transposed}, depth {@code n},
     * width {@code rows}); both made by {@link #newPacked}. By default the copies of
     * {@link #copyRowsAndTranspose}.
     */
    default void packRowsAndTranspose(V w, int rows, int n, M asRows, M transposed) {
        copyRowsAndTranspose(w, rows, n, asRows, transposed);
    }

    /**
     * {@link #multAddRows(Object, int, int, Object, int, int, int, int, int, Object, int)} with B packed by
     * {@link #packRowsAndTranspose}; {@code j0} is 0 or a multiple of 240, as {@link Products} tiles it.
     * The same bits as the unpacked form.
     */
    default void multAddPackedRows(V a, int a0, int aStride, M packed, int q0, int q1, int j0, int j1, int rows,
            M c, int c0) {
        multAddRows(a, a0, aStride, packed, q0, q1, j0, j1, rows, c, c0);
    }

    /** As the flat form with A as rows {@code a[a0 + i]}. */
    default void multAddPackedRows(M a, int a0, M packed, int q0, int q1, int j0, int j1, int rows, M c, int c0) {
        multAddRows(a, a0, packed, q0, q1, j0, j1, rows, c, c0);
    }

    /**
     * {@code c[r * width + j] = sum_q a[r * depth + q] * b[q][j]} for {@code r < rows}, {@code j < width},
     * {@code q < depth}: a product of small depth straight into a flat result, every element summed as
     * {@link #multAddRow} sums into zeros.
     */
    void multSmallDepth(V a, int rows, int depth, M b, int width, V c);

    /**
     * {@code y[r * width + o] = bias[o] + dot(x[r * depth ..], w[o])} for {@code r < rows}, {@code o < width}
     * ({@code bias} null: no bias): {@code Y = X W^T + b} with a narrow result; every dot product in four
     * lanes (see the class comment), the last {@code depth % 4} terms added into lane 0.
     */
    void multTransB(V x, int rows, int depth, M w, V bias, int width, V y);

    /**
     * {@code c[r * width + j] = sum_q a[r][q] * b[q][j]} for rows {@code r0 <= r < r0 + rows}, {@code j < width}:
     * {@code C = A B} with B given both as rows ({@code b}) and transposed ({@code bT[j][q] = b[q][j]}),
     * every element one left-to-right chain of {@link Math#fma} over {@code q < depth}.
     */
    void multFused(M a, int r0, int rows, M b, M bT, int depth, int width, V c);

    /**
     * {@code dw[o * depth + i] += sum_r d[r * width + o] * x[r * depth + i]}: {@code dW += D^T X} with a
     * narrow D, each element's sum in four lanes over the rows (row {@code r} into lane {@code r % 4}, the
     * last {@code rows % 4} rows into lane 0), kept in {@code partial} (four arrays of at least
     * {@code width * depth}, overwritten).
     */
    void multAddTransA(V d, int width, V x, int depth, int rows, M partial, V dw);

    /**
     * {@code wt[q][j] += sum_r y[r * yStride + q] * d[r][j]} for {@code r < rows}, {@code q0 <= q < q1},
     * {@code j0 <= j < j1}: rows of the transposed weight gradient {@code dW^T += Y^T D}; the rows
     * {@code r} four at a time in order (each group summed, then added), the last one to three one by one.
     */
    void multAddTransA(V y, int yStride, int q0, int q1, M d, int rows, int j0, int j1,
            M wt);

    /** {@code sum[j] += sum_r rows[r][j]} for {@code r0 <= r < r1}, {@code j0 <= j < j1}, rows in order. */
    void addColumnSums(M rows, int r0, int r1, int j0, int j1, V sum);

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
    void activate(Activation act, int n, V v, V p, V x);

    /**
     * The cell's forward for one row: {@code c_t = f * c_{t-1} + i * g} from the activated gate row
     * {@code [i | f | g | o]}. {@code c_{t-1}} at {@code cells[prevOff ..]}, {@code c_t} written to
     * {@code cells[nextOff ..]}; {@code row} is scratch of {@code hidden}.
     */
    void cellState(V gates, int hidden, V cells, int prevOff, V row, int nextOff);

    /**
     * The cell's output for one row: {@code h_t = o * tanh(c_t)}, {@code tanh(c_t)} at
     * {@code tanhCells[tOff ..]}, {@code h_t} written to {@code h[hOff ..]}; {@code row} is scratch of
     * {@code hidden}.
     */
    void cellOutput(V gates, int hidden, V tanhCells, int tOff, V row, V h, int hOff);

    /**
     * The cell's backward for one row (see {@link LstmCell}): from {@code dh = dOut + dhNext} and
     * {@code dcNext} to the gate pre-activation gradients {@code dGates} ({@code [di | df | dg | do]}, 4H),
     * {@code dcNext} replaced by {@code dc_{t-1}} and {@code dhNext} zeroed. {@code cells}, {@code tanhCells}
     * and {@code dOut} are read at {@code off} ({@code c_{t-1}}, {@code tanh(c_t)}, the output gradient).
     */
    void cellBackward(V gates, V cells, V tanhCells, V dOut, int off, int hidden,
            V dhNext, V dcNext, V dGates);

    // ------------------------------------------------------------------ loss and update

    /**
     * {@code sum_k (p[k] - y[k])^2} for {@code k < n}, in four lanes (see the class comment), the last
     * {@code n % 4} terms into lane 0.
     */
    double sumSquaredDifferences(V p, V y, int n);

    /** {@code g[k] = scale * (p[k] - y[k])} for {@code k < n}. */
    void scaledDifference(double scale, V p, V y, int n, V g);

    /**
     * One {@code torch.optim.SGD} update of {@code n} elements (see {@code Sgd}):
     * {@code g = grad + wd p}; with momentum {@code buf = g} on the first step, else
     * {@code buf = momentum buf + (1 - dampening) g}, {@code g = nesterov ? g + momentum buf : buf};
     * {@code p -= lr g}.
     *
     * @param buf the momentum buffer (unused, may be null, when {@code momentum == 0})
     */
    void sgdUpdate(Kernels.SgdHyper h, boolean firstStep, V grad, int n, V buf, V value);

}
