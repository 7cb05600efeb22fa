package io.github.lstmdynamics.lstm.kernels;

import java.util.Arrays;

/**
 * The float32 kernels in plain Java 17: {@link ScalarKernels}'s loops with {@code float} arrays and
 * {@code float} arithmetic. The products of many terms ({@code multAddRow}, {@code multAddRows},
 * {@code multSmallDepth} and the weight gradients' {@code multAddTransA}) compute every element as one
 * chain of {@link Math#fma} along the summed index, in order, starting from the element's value: the
 * order a register-blocked vector kernel keeps too, so {@code VectorFloatKernels} gives the same bits
 * whatever its blocking, and so does any split of the work. The other sums run as the float64 path's
 * (see {@link Kernels}). The
 * activations compute {@code exp} in float as Cephes' {@code expf} does (range reduction by ln 2, a
 * degree-7 polynomial, about one ulp), in loops C2 vectorises, then divide and add in float.
 */
class ScalarFloatKernels implements ArrayKernels<float[], float[][]> {

    static final ScalarFloatKernels INSTANCE = new ScalarFloatKernels();

    /** For {@code VectorFloatKernels}, which replaces the products. */
    ScalarFloatKernels() {
    }

    @Override
    public String name() {
        return "scalar-float32";
    }

    @Override
    public void multAddRow(float[] a, int aOff, float[][] b, int q0, int q1, int j0, int j1, float[] c) {
        int q = q0;
        for (; q + 4 <= q1; q += 4) {
            fma4(a[aOff + q], a[aOff + q + 1], a[aOff + q + 2], a[aOff + q + 3], b[q], b[q + 1], b[q + 2],
                    b[q + 3], j0, j1, c);
        }
        for (; q < q1; q++) {
            fma1(a[aOff + q], b[q], j0, j1, c);
        }
    }

    /** {@code c[j] = fma(x3, b3[j], fma(x2, b2[j], fma(x1, b1[j], fma(x0, b0[j], c[j]))))} for {@code j0 <= j < j1}. */
    static void fma4(float x0, float x1, float x2, float x3, float[] b0, float[] b1, float[] b2, float[] b3,
            int j0, int j1, float[] c) {
        for (int j = j0; j < j1; j++) {
            c[j] = Math.fma(x3, b3[j], Math.fma(x2, b2[j], Math.fma(x1, b1[j], Math.fma(x0, b0[j], c[j]))));
        }
    }

    /** {@code c[j] = fma(x0, b0[j], c[j])} for {@code j0 <= j < j1}. */
    static void fma1(float x0, float[] b0, int j0, int j1, float[] c) {
        for (int j = j0; j < j1; j++) {
            c[j] = Math.fma(x0, b0[j], c[j]);
        }
    }

    @Override
    public void multAddRows(float[] a, int a0, int aStride, float[][] b, int q0, int q1, int j0, int j1,
            int rows, float[][] c, int c0) {
        block(a, null, a0, aStride, b, q0, q1, j0, j1, rows, c, c0);
    }

    @Override
    public void multAddRows(float[][] a, int a0, float[][] b, int q0, int q1, int j0, int j1, int rows,
            float[][] c, int c0) {
        block(null, a, a0, 0, b, q0, q1, j0, j1, rows, c, c0);
    }

    /** Both forms of {@code multAddRows}: A as {@code aFlat} with a row stride, or (if not null) as {@code aRows}. */
    private void block(float[] aFlat, float[][] aRows, int a0, int aStride, float[][] b, int q0, int q1,
            int j0, int j1, int rows, float[][] c, int c0) {
        int q = q0;
        for (; q + 4 <= q1; q += 4) {
            float[] b0 = b[q];
            float[] b1 = b[q + 1];
            float[] b2 = b[q + 2];
            float[] b3 = b[q + 3];
            for (int i = 0; i < rows; i++) {
                float[] a = aRows == null ? aFlat : aRows[a0 + i];
                int o = (aRows == null ? (a0 + i) * aStride : 0) + q;
                fma4(a[o], a[o + 1], a[o + 2], a[o + 3], b0, b1, b2, b3, j0, j1, c[c0 + i]);
            }
        }
        if (q < q1) {
            for (int i = 0; i < rows; i++) {
                float[] a = aRows == null ? aFlat : aRows[a0 + i];
                multAddRow(a, aRows == null ? (a0 + i) * aStride : 0, b, q, q1, j0, j1, c[c0 + i]);
            }
        }
    }

    @Override
    public void multSmallDepth(float[] a, int rows, int depth, float[][] b, int width, float[] c) {
        for (int r = 0; r < rows; r++) {
            int aOff = r * depth;
            int cOff = r * width;
            for (int j = 0; j < width; j++) {
                float s = 0f;
                for (int q = 0; q < depth; q++) {
                    s = Math.fma(a[aOff + q], b[q][j], s);
                }
                c[cOff + j] = s;
            }
        }
    }

    @Override
    public void multTransB(float[] x, int rows, int depth, float[][] w, float[] bias, int width, float[] y) {
        int grouped = depth & ~3;
        for (int r = 0; r < rows; r++) {
            int xo = r * depth;
            int yo = r * width;
            int o = 0;
            // two outputs share one pass over a row: eight independent sums in flight
            for (; o + 2 <= width; o += 2) {
                float[] u = w[o];
                float[] v = w[o + 1];
                float a0 = 0;
                float a1 = 0;
                float a2 = 0;
                float a3 = 0;
                float b0 = 0;
                float b1 = 0;
                float b2 = 0;
                float b3 = 0;
                for (int i = 0; i < grouped; i += 4) {
                    float x0 = x[xo + i];
                    float x1 = x[xo + i + 1];
                    float x2 = x[xo + i + 2];
                    float x3 = x[xo + i + 3];
                    a0 += x0 * u[i];
                    a1 += x1 * u[i + 1];
                    a2 += x2 * u[i + 2];
                    a3 += x3 * u[i + 3];
                    b0 += x0 * v[i];
                    b1 += x1 * v[i + 1];
                    b2 += x2 * v[i + 2];
                    b3 += x3 * v[i + 3];
                }
                for (int i = grouped; i < depth; i++) {
                    a0 += x[xo + i] * u[i];
                    b0 += x[xo + i] * v[i];
                }
                y[yo + o] = (bias == null ? 0f : bias[o]) + ((a0 + a1) + (a2 + a3));
                y[yo + o + 1] = (bias == null ? 0f : bias[o + 1]) + ((b0 + b1) + (b2 + b3));
            }
            if (o < width) {
                y[yo + o] = (bias == null ? 0f : bias[o]) + dot(x, xo, w[o], depth);
            }
        }
    }

    /** {@code sum_q x[xOff + q] * y[q]} in four lanes joined as (s0 + s1) + (s2 + s3), the tail into lane 0. */
    private static float dot(float[] x, int xOff, float[] y, int n) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int q = 0;
        for (; q + 4 <= n; q += 4) {
            s0 += x[xOff + q] * y[q];
            s1 += x[xOff + q + 1] * y[q + 1];
            s2 += x[xOff + q + 2] * y[q + 2];
            s3 += x[xOff + q + 3] * y[q + 3];
        }
        for (; q < n; q++) {
            s0 += x[xOff + q] * y[q];
        }
        return (s0 + s1) + (s2 + s3);
    }

    @Override
    public void multFused(float[][] a, int r0, int rows, float[][] b, float[][] bT, int depth, int width,
            float[] c) {
        // eight rows at a time share the loads of bT[j] and keep eight independent sums in flight; every
        // element is one left-to-right chain of fused multiply-adds, whatever the grouping of the rows
        int end = r0 + rows;
        int r = r0;
        for (; r + 8 <= end; r += 8) {
            float[] a0 = a[r];
            float[] a1 = a[r + 1];
            float[] a2 = a[r + 2];
            float[] a3 = a[r + 3];
            float[] a4 = a[r + 4];
            float[] a5 = a[r + 5];
            float[] a6 = a[r + 6];
            float[] a7 = a[r + 7];
            for (int j = 0; j < width; j++) {
                float[] w = bT[j];
                float s0 = 0;
                float s1 = 0;
                float s2 = 0;
                float s3 = 0;
                float s4 = 0;
                float s5 = 0;
                float s6 = 0;
                float s7 = 0;
                for (int q = 0; q < depth; q++) {
                    float wq = w[q];
                    s0 = Math.fma(a0[q], wq, s0);
                    s1 = Math.fma(a1[q], wq, s1);
                    s2 = Math.fma(a2[q], wq, s2);
                    s3 = Math.fma(a3[q], wq, s3);
                    s4 = Math.fma(a4[q], wq, s4);
                    s5 = Math.fma(a5[q], wq, s5);
                    s6 = Math.fma(a6[q], wq, s6);
                    s7 = Math.fma(a7[q], wq, s7);
                }
                c[r * width + j] = s0;
                c[(r + 1) * width + j] = s1;
                c[(r + 2) * width + j] = s2;
                c[(r + 3) * width + j] = s3;
                c[(r + 4) * width + j] = s4;
                c[(r + 5) * width + j] = s5;
                c[(r + 6) * width + j] = s6;
                c[(r + 7) * width + j] = s7;
            }
        }
        for (; r < end; r++) {
            float[] a0 = a[r];
            for (int j = 0; j < width; j++) {
                float[] w = bT[j];
                float s0 = 0;
                for (int q = 0; q < depth; q++) {
                    s0 = Math.fma(a0[q], w[q], s0);
                }
                c[r * width + j] = s0;
            }
        }
    }

    @Override
    public void multAddTransA(float[] d, int width, float[] x, int depth, int rows, float[][] partial,
            float[] dw) {
        int n = width * depth;
        for (int k = 0; k < 4; k++) {
            Arrays.fill(partial[k], 0, n, 0f);
        }
        int grouped = rows & ~3;
        for (int r = 0; r < rows; r++) {
            float[] s = partial[r < grouped ? r & 3 : 0];
            int xo = r * depth;
            for (int o = 0; o < width; o++) {
                float dro = d[r * width + o];
                int so = o * depth;
                for (int i = 0; i < depth; i++) {
                    s[so + i] += dro * x[xo + i];
                }
            }
        }
        float[] s0 = partial[0];
        float[] s1 = partial[1];
        float[] s2 = partial[2];
        float[] s3 = partial[3];
        for (int k = 0; k < n; k++) {
            dw[k] += (s0[k] + s1[k]) + (s2[k] + s3[k]);
        }
    }

    @Override
    public void multAddTransA(float[] y, int yStride, int q0, int q1, float[][] d, int rows, int j0, int j1,
            float[][] wt) {
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            float[] d0 = d[r];
            float[] d1 = d[r + 1];
            float[] d2 = d[r + 2];
            float[] d3 = d[r + 3];
            int y0 = r * yStride;
            for (int q = q0; q < q1; q++) {
                fma4(y[y0 + q], y[y0 + yStride + q], y[y0 + 2 * yStride + q], y[y0 + 3 * yStride + q], d0, d1, d2,
                        d3, j0, j1, wt[q]);
            }
        }
        for (; r < rows; r++) {
            int y0 = r * yStride;
            for (int q = q0; q < q1; q++) {
                fma1(y[y0 + q], d[r], j0, j1, wt[q]);
            }
        }
    }

    @Override
    public void addColumnSums(float[][] rows, int r0, int r1, int j0, int j1, float[] sum) {
        for (int r = r0; r < r1; r++) {
            float[] row = rows[r];
            for (int k = j0; k < j1; k++) {
                sum[k] += row[k];
            }
        }
    }

    /** exp's argument is clamped to [-87, 87]: e^87 is about 6e37, below float's 3.4e38, so 2^k stays normal. */
    static final float MAX_ARG = 87f;
    static final float LOG2E = 1.44269504088896341f;
    /** ln 2 split so that {@code k * LN2_HI} is exact for |k| < 2^9 (Cephes' expf). */
    static final float LN2_HI = 0.693359375f;
    static final float LN2_LO = -2.12194440e-4f;
    /** 1.5 * 2^23: adding it rounds a float below 2^22 in magnitude to an integer, kept in the low mantissa bits. */
    static final float ROUND = 12582912f;

    @Override
    public void activate(Activation act, int n, float[] v, float[] p, float[] x) {
        // exp in float as Cephes' expf: k = round(y / ln2), r = y - k ln2, e^r by a degree-7 polynomial
        // (about one ulp), times 2^k from the bits; small passes with one store each, as in ScalarKernels
        float[] s = act.scale32;
        for (int k = 0; k < n; k++) {
            v[k] = Math.max(-MAX_ARG, Math.min(MAX_ARG, s[k] * x[k]));
        }
        for (int k = 0; k < n; k++) {
            x[k] = v[k] * LOG2E + ROUND;
        }
        for (int k = 0; k < n; k++) {
            float kf = x[k] - ROUND;
            v[k] = v[k] - kf * LN2_HI - kf * LN2_LO;
        }
        for (int k = 0; k < n; k++) {
            p[k] = expReduced(v[k]);
        }
        for (int k = 0; k < n; k++) {
            x[k] = p[k] * Float.intBitsToFloat((Float.floatToRawIntBits(x[k]) + 127) << 23);
        }
        float[] m = act.numerator32;
        float[] a = act.offset32;
        for (int k = 0; k < n; k++) {
            x[k] = m[k] / (1f + x[k]) + a[k];
        }
    }

    /** e^r for |r| <= ln2 / 2: Cephes' expf polynomial. */
    static float expReduced(float r) {
        float q = EXP_P0;
        q = q * r + EXP_P1;
        q = q * r + EXP_P2;
        q = q * r + EXP_P3;
        q = q * r + EXP_P4;
        q = q * r + EXP_P5;
        return q * (r * r) + r + 1f;
    }

    /** Cephes' expf coefficients, highest degree first. */
    static final float EXP_P0 = 1.9875691500e-4f;
    static final float EXP_P1 = 1.3981999507e-3f;
    static final float EXP_P2 = 8.3334519073e-3f;
    static final float EXP_P3 = 4.1665795894e-2f;
    static final float EXP_P4 = 1.6666665459e-1f;
    static final float EXP_P5 = 5.0000001201e-1f;

    @Override
    public void cellState(float[] gates, int hidden, float[] cells, int prevOff, float[] row, int nextOff) {
        LstmCellFloat.state(gates, hidden, cells, prevOff, row, nextOff);
    }

    @Override
    public void cellOutput(float[] gates, int hidden, float[] tanhCells, int tOff, float[] row, float[] h,
            int hOff) {
        LstmCellFloat.output(gates, hidden, tanhCells, tOff, row, h, hOff);
    }

    @Override
    public void cellBackward(float[] gates, float[] cells, float[] tanhCells, float[] dOut, int off,
            int hidden, float[] dhNext, float[] dcNext, float[] dGates) {
        LstmCellFloat.backward(gates, cells, tanhCells, dOut, off, hidden, dhNext, dcNext, dGates);
    }

    @Override
    public double sumSquaredDifferences(float[] p, float[] y, int n) {
        float sum = 0f;
        for (int k = 0; k < n; k++) {
            float d = p[k] - y[k];
            sum += d * d;
        }
        return sum;
    }

    @Override
    public void scaledDifference(double scale, float[] p, float[] y, int n, float[] g) {
        for (int k = 0; k < n; k++) {
            g[k] = (float) scale * (p[k] - y[k]);
        }
    }

    @Override
    public void sgdUpdate(Kernels.SgdHyper h, boolean firstStep, float[] grad, int n, float[] buf, float[] value) {
        final float lr = (float) h.lr();
        final float momentum = (float) h.momentum();
        final float dampening = (float) h.dampening();
        final float weightDecay = (float) h.weightDecay();
        final boolean nesterov = h.nesterov();
        for (int k = 0; k < n; k++) {
            float g = grad[k];
            if (weightDecay != 0f) {
                g += weightDecay * value[k];
            }
            if (momentum != 0f) {
                float b = firstStep ? g : momentum * buf[k] + (1f - dampening) * g;
                buf[k] = b;
                g = nesterov ? g + momentum * b : b;
            }
            value[k] -= lr * g;
        }
    }

    // ------------------------------------------------------------------ float32 arrays

    @Override
    public int elementBytes() {
        return 4;
    }

    @Override
    public float[] newVector(int n) {
        return new float[n];
    }

    @Override
    public float[][] newRows(int n, int width) {
        return new float[n][width];
    }

    @Override
    public int length(float[] v) {
        return v.length;
    }

    @Override
    public int rowCount(float[][] m) {
        return m.length;
    }

    @Override
    public float[] row(float[][] m, int r) {
        return m[r];
    }

    @Override
    public float[][] withRows(float[][] m, int n, int width) {
        float[][] grown = new float[n][];
        for (int r = 0; r < n; r++) {
            grown[r] = r < m.length ? m[r] : new float[width];
        }
        return grown;
    }

    @Override
    public void zero(float[] v, int from, int to) {
        Arrays.fill(v, from, to, 0f);
    }

    @Override
    public void add(float[] a, float[] b, int n, float[] out) {
        for (int k = 0; k < n; k++) {
            out[k] = a[k] + b[k];
        }
    }

    @Override
    public void addTo(float[] src, int from, int to, float[] dst) {
        for (int k = from; k < to; k++) {
            dst[k] += src[k];
        }
    }

    @Override
    public void adamUpdate(AdamHyper h, float[] grad, int n, float[] m, float[] v, float[] vmax, float[] value) {
        // PyTorch's float32 Adam: every tensor operation in float, its Python scalars rounded to float
        final float beta1 = (float) h.beta1();
        final float oneMinusBeta1 = (float) (1 - h.beta1());
        final float beta2 = (float) h.beta2();
        final float oneMinusBeta2 = (float) (1 - h.beta2());
        final float eps = (float) h.eps();
        final float weightDecay = (float) h.weightDecay();
        final boolean amsgrad = h.amsgrad();
        final boolean decoupled = h.decoupled();
        final float stepSize = (float) h.stepSize();
        final float biasCorrection2Sqrt = (float) h.biasCorrection2Sqrt();
        final float decay = (float) h.decay();
        for (int k = 0; k < n; k++) {
            float g = grad[k];
            if (decoupled) {
                value[k] *= decay;
            } else if (weightDecay != 0f) {
                g += weightDecay * value[k];
            }
            float mk = m[k] * beta1 + oneMinusBeta1 * g;
            float vk = v[k] * beta2 + oneMinusBeta2 * g * g;
            m[k] = mk;
            v[k] = vk;
            float second = vk;
            if (amsgrad) {
                second = Math.max(vmax[k], vk);
                vmax[k] = second;
            }
            float denom = (float) Math.sqrt(second) / biasCorrection2Sqrt + eps;
            value[k] += -stepSize * mk / denom;
        }
    }

    @Override
    public void addColumnSums(float[] flat, int rows, int width, float[] sum) {
        for (int r = 0; r < rows; r++) {
            int off = r * width;
            for (int k = 0; k < width; k++) {
                sum[k] += flat[off + k];
            }
        }
    }

    @Override
    public void copyRowsAndTranspose(float[] w, int rows, int n, float[][] asRows, float[][] transposed) {
        for (int k = 0; k < rows; k++) {
            float[] row = asRows[k];
            System.arraycopy(w, k * n, row, 0, n);
            for (int q = 0; q < n; q++) {
                transposed[q][k] = row[q];
            }
        }
    }

    @Override
    public void addTransposed(float[][] t, float[] w, int n, int j0, int j1) {
        for (int k = j0; k < j1; k++) {
            int off = k * n;
            for (int q = 0; q < n; q++) {
                w[off + q] += t[q][k];
            }
        }
    }

    @Override
    public float[] fromDoubles(double[] src, int n, float[] reuse) {
        float[] dst = reuse == null || reuse.length < n ? new float[n] : reuse;
        for (int k = 0; k < n; k++) {
            dst[k] = (float) src[k];
        }
        return dst;
    }

    @Override
    public void toDoubles(float[] src, int n, double[] dst) {
        for (int k = 0; k < n; k++) {
            dst[k] = src[k];
        }
    }
}
