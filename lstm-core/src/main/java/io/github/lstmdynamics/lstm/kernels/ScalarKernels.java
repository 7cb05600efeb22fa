package io.github.lstmdynamics.lstm.kernels;

import static io.github.lstmdynamics.lstm.kernels.ExpConstants.*;

import java.util.Arrays;

/**
 * The kernels in plain Java 17, written so that C2's auto-vectorizer handles what it can: inner loops
 * over zero-based rows with one store each, and four rank-one terms per pass
 * ({@code c[j] += a0*b0[j] + a1*b1[j] + a2*b2[j] + a3*b3[j]}: one load and one store of {@code c} per four
 * multiply-adds). Why each form was chosen, with measurements: docs/performance.md.
 */
final class ScalarKernels implements Kernels {

    static final ScalarKernels INSTANCE = new ScalarKernels();

    private ScalarKernels() {
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void multAddRow(double[] a, int aOff, double[][] b, int q0, int q1, int j0, int j1, double[] c) {
        int q = q0;
        for (; q + 4 <= q1; q += 4) {
            double a0 = a[aOff + q];
            double a1 = a[aOff + q + 1];
            double a2 = a[aOff + q + 2];
            double a3 = a[aOff + q + 3];
            double[] b0 = b[q];
            double[] b1 = b[q + 1];
            double[] b2 = b[q + 2];
            double[] b3 = b[q + 3];
            for (int j = j0; j < j1; j++) {
                c[j] += a0 * b0[j] + a1 * b1[j] + a2 * b2[j] + a3 * b3[j];
            }
        }
        // the last one to three terms in one pass, added one after the other as separate passes would
        int left = q1 - q;
        if (left == 3) {
            double a0 = a[aOff + q];
            double a1 = a[aOff + q + 1];
            double a2 = a[aOff + q + 2];
            double[] b0 = b[q];
            double[] b1 = b[q + 1];
            double[] b2 = b[q + 2];
            for (int j = j0; j < j1; j++) {
                c[j] = c[j] + a0 * b0[j] + a1 * b1[j] + a2 * b2[j];
            }
        } else if (left == 2) {
            double a0 = a[aOff + q];
            double a1 = a[aOff + q + 1];
            double[] b0 = b[q];
            double[] b1 = b[q + 1];
            for (int j = j0; j < j1; j++) {
                c[j] = c[j] + a0 * b0[j] + a1 * b1[j];
            }
        } else if (left == 1) {
            double a0 = a[aOff + q];
            double[] b0 = b[q];
            for (int j = j0; j < j1; j++) {
                c[j] += a0 * b0[j];
            }
        }
    }

    @Override
    public void multAddRows(double[] a, int a0, int aStride, double[][] b, int q0, int q1, int j0, int j1,
            int rows, double[][] c, int c0) {
        block(a, null, a0, aStride, b, q0, q1, j0, j1, rows, c, c0);
    }

    @Override
    public void multAddRows(double[][] a, int a0, double[][] b, int q0, int q1, int j0, int j1, int rows,
            double[][] c, int c0) {
        block(null, a, a0, 0, b, q0, q1, j0, j1, rows, c, c0);
    }

    /** Both forms of {@code multAddRows}: A as {@code aFlat} with a row stride, or (if not null) as {@code aRows}. */
    private void block(double[] aFlat, double[][] aRows, int a0, int aStride, double[][] b, int q0, int q1,
            int j0, int j1, int rows, double[][] c, int c0) {
        int q = q0;
        for (; q + 4 <= q1; q += 4) {
            double[] b0 = b[q];
            double[] b1 = b[q + 1];
            double[] b2 = b[q + 2];
            double[] b3 = b[q + 3];
            for (int i = 0; i < rows; i++) {
                double[] a = aRows == null ? aFlat : aRows[a0 + i];
                int o = (aRows == null ? (a0 + i) * aStride : 0) + q;
                double x0 = a[o];
                double x1 = a[o + 1];
                double x2 = a[o + 2];
                double x3 = a[o + 3];
                double[] ci = c[c0 + i];
                for (int j = j0; j < j1; j++) {
                    ci[j] += x0 * b0[j] + x1 * b1[j] + x2 * b2[j] + x3 * b3[j];
                }
            }
        }
        if (q < q1) {
            for (int i = 0; i < rows; i++) {
                double[] a = aRows == null ? aFlat : aRows[a0 + i];
                multAddRow(a, aRows == null ? (a0 + i) * aStride : 0, b, q, q1, j0, j1, c[c0 + i]);
            }
        }
    }

    @Override
    public void multSmallDepth(double[] a, int rows, int depth, double[][] b, int width, double[] c) {
        int grouped = depth & ~3;
        int left = depth - grouped;
        for (int r = 0; r < rows; r++) {
            int aOff = r * depth;
            int cOff = r * width;
            for (int j = 0; j < width; j++) {
                double s = 0.0;
                for (int q = 0; q < grouped; q += 4) {
                    s += a[aOff + q] * b[q][j] + a[aOff + q + 1] * b[q + 1][j] + a[aOff + q + 2] * b[q + 2][j]
                            + a[aOff + q + 3] * b[q + 3][j];
                }
                int q = aOff + grouped;
                if (left == 3) {
                    s = s + a[q] * b[grouped][j] + a[q + 1] * b[grouped + 1][j] + a[q + 2] * b[grouped + 2][j];
                } else if (left == 2) {
                    s = s + a[q] * b[grouped][j] + a[q + 1] * b[grouped + 1][j];
                } else if (left == 1) {
                    s += a[q] * b[grouped][j];
                }
                c[cOff + j] = s;
            }
        }
    }

    @Override
    public void multTransB(double[] x, int rows, int depth, double[][] w, double[] bias, int width, double[] y) {
        int grouped = depth & ~3;
        for (int r = 0; r < rows; r++) {
            int xo = r * depth;
            int yo = r * width;
            int o = 0;
            // two outputs share one pass over a row: eight independent sums in flight
            for (; o + 2 <= width; o += 2) {
                double[] u = w[o];
                double[] v = w[o + 1];
                double a0 = 0;
                double a1 = 0;
                double a2 = 0;
                double a3 = 0;
                double b0 = 0;
                double b1 = 0;
                double b2 = 0;
                double b3 = 0;
                for (int i = 0; i < grouped; i += 4) {
                    double x0 = x[xo + i];
                    double x1 = x[xo + i + 1];
                    double x2 = x[xo + i + 2];
                    double x3 = x[xo + i + 3];
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
                y[yo + o] = (bias == null ? 0.0 : bias[o]) + ((a0 + a1) + (a2 + a3));
                y[yo + o + 1] = (bias == null ? 0.0 : bias[o + 1]) + ((b0 + b1) + (b2 + b3));
            }
            if (o < width) {
                y[yo + o] = (bias == null ? 0.0 : bias[o]) + dot(x, xo, w[o], depth);
            }
        }
    }

    /** {@code sum_q x[xOff + q] * y[q]} in four lanes joined as (s0 + s1) + (s2 + s3), the tail into lane 0. */
    private static double dot(double[] x, int xOff, double[] y, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
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
    public void multFused(double[][] a, int r0, int rows, double[][] b, double[][] bT, int depth, int width,
            double[] c) {
        // eight rows at a time share the loads of bT[j] and keep eight independent sums in flight; every
        // element is one left-to-right chain of fused multiply-adds, whatever the grouping of the rows
        int end = r0 + rows;
        int r = r0;
        for (; r + 8 <= end; r += 8) {
            double[] a0 = a[r];
            double[] a1 = a[r + 1];
            double[] a2 = a[r + 2];
            double[] a3 = a[r + 3];
            double[] a4 = a[r + 4];
            double[] a5 = a[r + 5];
            double[] a6 = a[r + 6];
            double[] a7 = a[r + 7];
            for (int j = 0; j < width; j++) {
                double[] w = bT[j];
                double s0 = 0;
                double s1 = 0;
                double s2 = 0;
                double s3 = 0;
                double s4 = 0;
                double s5 = 0;
                double s6 = 0;
                double s7 = 0;
                for (int q = 0; q < depth; q++) {
                    double wq = w[q];
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
            double[] a0 = a[r];
            for (int j = 0; j < width; j++) {
                double[] w = bT[j];
                double s0 = 0;
                for (int q = 0; q < depth; q++) {
                    s0 = Math.fma(a0[q], w[q], s0);
                }
                c[r * width + j] = s0;
            }
        }
    }

    @Override
    public void multAddTransA(double[] d, int width, double[] x, int depth, int rows, double[][] partial,
            double[] dw) {
        int n = width * depth;
        for (int k = 0; k < 4; k++) {
            Arrays.fill(partial[k], 0, n, 0.0);
        }
        int grouped = rows & ~3;
        for (int r = 0; r < rows; r++) {
            double[] s = partial[r < grouped ? r & 3 : 0];
            int xo = r * depth;
            for (int o = 0; o < width; o++) {
                double dro = d[r * width + o];
                int so = o * depth;
                for (int i = 0; i < depth; i++) {
                    s[so + i] += dro * x[xo + i];
                }
            }
        }
        double[] s0 = partial[0];
        double[] s1 = partial[1];
        double[] s2 = partial[2];
        double[] s3 = partial[3];
        for (int k = 0; k < n; k++) {
            dw[k] += (s0[k] + s1[k]) + (s2[k] + s3[k]);
        }
    }

    @Override
    public void multAddTransA(double[] y, int yStride, int q0, int q1, double[][] d, int rows, int j0, int j1,
            double[][] wt) {
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            double[] d0 = d[r];
            double[] d1 = d[r + 1];
            double[] d2 = d[r + 2];
            double[] d3 = d[r + 3];
            int y0 = r * yStride;
            for (int q = q0; q < q1; q++) {
                double a0 = y[y0 + q];
                double a1 = y[y0 + yStride + q];
                double a2 = y[y0 + 2 * yStride + q];
                double a3 = y[y0 + 3 * yStride + q];
                double[] w = wt[q];
                for (int j = j0; j < j1; j++) {
                    w[j] += a0 * d0[j] + a1 * d1[j] + a2 * d2[j] + a3 * d3[j];
                }
            }
        }
        for (; r < rows; r++) {
            double[] d0 = d[r];
            int y0 = r * yStride;
            for (int q = q0; q < q1; q++) {
                double a0 = y[y0 + q];
                double[] w = wt[q];
                for (int j = j0; j < j1; j++) {
                    w[j] += a0 * d0[j];
                }
            }
        }
    }

    @Override
    public void addColumnSums(double[][] rows, int r0, int r1, int j0, int j1, double[] sum) {
        for (int r = r0; r < r1; r++) {
            double[] row = rows[r];
            for (int k = j0; k < j1; k++) {
                sum[k] += row[k];
            }
        }
    }

    @Override
    public void activate(Activation act, int n, double[] v, double[] p, double[] x) {
        // small passes with ONE store each: C2 vectorizes neither a loop storing into two arrays nor one
        // whose body is too large to unroll
        double[] s = act.scale;
        for (int k = 0; k < n; k++) {
            v[k] = Math.max(-MAX_ARG, Math.min(MAX_ARG, s[k] * x[k]));
        }
        // x = v / ln2 + ROUND: the integer k = round(v / ln2) is in the low mantissa bits
        for (int k = 0; k < n; k++) {
            x[k] = v[k] * LOG2E + ROUND;
        }
        // v = r = v - k ln2
        for (int k = 0; k < n; k++) {
            double kd = x[k] - ROUND;
            v[k] = v[k] - kd * LN2_HI - kd * LN2_LO;
        }
        // p = exp(r)
        for (int k = 0; k < n; k++) {
            p[k] = expReduced(v[k]);
        }
        // x = exp(r) * 2^k, 2^k assembled from the integer's bits
        for (int k = 0; k < n; k++) {
            x[k] = p[k] * Double.longBitsToDouble((Double.doubleToRawLongBits(x[k]) + 1023L) << 52);
        }
        double[] m = act.numerator;
        double[] a = act.offset;
        for (int k = 0; k < n; k++) {
            x[k] = m[k] / (1.0 + x[k]) + a[k];
        }
    }

    /**
     * exp(r) for |r| <= ln(2)/2: Taylor polynomial of degree 13 in Estrin's scheme; the vector kernels use it
     * for the columns that do not fill a vector, so both paths give the same bits.
     */
    static double expReduced(double r) {
        double r2 = r * r;
        double r4 = r2 * r2;
        double r8 = r4 * r4;
        double q0 = 1.0 + r;
        double q1 = C2 + C3 * r;
        double q2 = C4 + C5 * r;
        double q3 = C6 + C7 * r;
        double q4 = C8 + C9 * r;
        double q5 = C10 + C11 * r;
        double q6 = C12 + C13 * r;
        double s0 = q0 + q1 * r2;
        double s1 = q2 + q3 * r2;
        double s2 = q4 + q5 * r2;
        return (s0 + s1 * r4) + (s2 + q6 * r4) * r8;
    }

    @Override
    public void cellState(double[] gates, int hidden, double[] cells, int prevOff, double[] row, int nextOff) {
        LstmCell.state(gates, hidden, cells, prevOff, row, nextOff);
    }

    @Override
    public void cellOutput(double[] gates, int hidden, double[] tanhCells, int tOff, double[] row, double[] h,
            int hOff) {
        LstmCell.output(gates, hidden, tanhCells, tOff, row, h, hOff);
    }

    @Override
    public void cellBackward(double[] gates, double[] cells, double[] tanhCells, double[] dOut, int off,
            int hidden, double[] dhNext, double[] dcNext, double[] dGates) {
        LstmCell.backward(gates, cells, tanhCells, dOut, off, hidden, dhNext, dcNext, dGates);
    }

    @Override
    public double sumSquaredDifferences(double[] p, double[] y, int n) {
        double sum = 0.0;
        for (int k = 0; k < n; k++) {
            double d = p[k] - y[k];
            sum += d * d;
        }
        return sum;
    }

    @Override
    public void scaledDifference(double scale, double[] p, double[] y, int n, double[] g) {
        for (int k = 0; k < n; k++) {
            g[k] = scale * (p[k] - y[k]);
        }
    }

    @Override
    public void sgdUpdate(SgdHyper h, boolean firstStep, double[] grad, int n, double[] buf, double[] value) {
        final double lr = h.lr();
        final double momentum = h.momentum();
        final double dampening = h.dampening();
        final double weightDecay = h.weightDecay();
        final boolean nesterov = h.nesterov();
        for (int k = 0; k < n; k++) {
            double g = grad[k];
            if (weightDecay != 0.0) {
                g += weightDecay * value[k];
            }
            if (momentum != 0.0) {
                double b = firstStep ? g : momentum * buf[k] + (1.0 - dampening) * g;
                buf[k] = b;
                g = nesterov ? g + momentum * b : b;
            }
            value[k] -= lr * g;
        }
    }
}
