package io.github.lstmdynamics.lstm.kernels;

import static io.github.lstmdynamics.lstm.kernels.ExpConstants.*;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The kernels on the JDK's Vector API, four lanes of {@link DoubleVector#SPECIES_256} on every machine
 * (AVX2 and AVX-512 alike), vectorised over output columns. Every output element is computed with the
 * same operations in the same order as {@link ScalarKernels} computes it, so the two give the same bits:
 * lanewise {@code mul} and {@code add} (never fused where the scalar path has a separate multiply and
 * add; {@code fma} where it has {@link Math#fma}), sums along a row in four lanes joined as
 * {@code (s0 + s1) + (s2 + s3)}, and the columns that do not fill a vector computed by the scalar
 * expressions.
 *
 * <p>The matrix products of more than a few terms per element ({@code multAddRow}, {@code multAddRows},
 * the weight gradients' {@code multAddTransA}) run the scalar kernels' code: C2 already vectorizes their
 * inner loops, and the explicit forms measured here (the same loop with Vector API lanes, or a block of C
 * kept in registers across the depth) ran at 0.5 to 0.8 of their speed on JDK 17 and 25
 * (docs/performance.md). Same bits either way.
 *
 * <p>Loaded reflectively by {@link KernelProvider} only when
 * {@code jdk.incubator.vector} is readable; compiled separately (src/main/vector).
 */
final class VectorKernels implements Kernels {

    static final VectorKernels INSTANCE = new VectorKernels();

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_256;
    private static final int LANES = 4;
    private static final LongVector EXPONENT_BIAS = LongVector.broadcast(LongVector.SPECIES_256, 1023L);
    private static final LongVector MANTISSA_BITS = LongVector.broadcast(LongVector.SPECIES_256, 52L);
    private static final ScalarKernels SCALAR = ScalarKernels.INSTANCE;

    private VectorKernels() {
    }

    @Override
    public String name() {
        return "vector";
    }

    // ------------------------------------------------------------------ products

    @Override
    public void multAddRow(double[] a, int aOff, double[][] b, int q0, int q1, int j0, int j1, double[] c) {
        SCALAR.multAddRow(a, aOff, b, q0, q1, j0, j1, c);
    }

    @Override
    public void multAddRows(double[] a, int a0, int aStride, double[][] b, int q0, int q1, int j0, int j1,
            int rows, double[][] c, int c0) {
        SCALAR.multAddRows(a, a0, aStride, b, q0, q1, j0, j1, rows, c, c0);
    }

    @Override
    public void multAddRows(double[][] a, int a0, double[][] b, int q0, int q1, int j0, int j1, int rows,
            double[][] c, int c0) {
        SCALAR.multAddRows(a, a0, b, q0, q1, j0, j1, rows, c, c0);
    }

    @Override
    public void multAddTransA(double[] y, int yStride, int q0, int q1, double[][] d, int rows, int j0, int j1,
            double[][] wt) {
        // wt[q] += sum_r y[r * yStride + q] d[r]: A(i, r) = y[q0 + i + r * yStride], depth r in [0, rows)
        SCALAR.multAddTransA(y, yStride, q0, q1, d, rows, j0, j1, wt);
    }

    /** {@code c[cOff + j] += x0 b0[j] + x1 b1[j] + x2 b2[j] + x3 b3[j]} (summed left to right, then added). */
    private static void addGroup(double x0, double x1, double x2, double x3, double[] b0, double[] b1,
            double[] b2, double[] b3, int j0, int j1, double[] c, int cOff) {
        int j = j0;
        for (; j + LANES <= j1; j += LANES) {
            DoubleVector t = DoubleVector.fromArray(S, b0, j).mul(x0)
                    .add(DoubleVector.fromArray(S, b1, j).mul(x1))
                    .add(DoubleVector.fromArray(S, b2, j).mul(x2))
                    .add(DoubleVector.fromArray(S, b3, j).mul(x3));
            DoubleVector.fromArray(S, c, cOff + j).add(t).intoArray(c, cOff + j);
        }
        for (; j < j1; j++) {
            c[cOff + j] += x0 * b0[j] + x1 * b1[j] + x2 * b2[j] + x3 * b3[j];
        }
    }

    /**
     * The last one to three terms, {@code q0 <= q < q1}, added to {@code c[cOff + j]} one after the other;
     * term {@code q}'s factor is {@code a[o + (q - q0) * step]}.
     */
    private static void addTerms(double[] a, int o, int step, double[][] b, int q0, int q1, int j0, int j1,
            double[] c, int cOff) {
        for (int q = q0; q < q1; q++) {
            double x = a[o + q * step];
            double[] bq = b[q];
            int j = j0;
            for (; j + LANES <= j1; j += LANES) {
                DoubleVector.fromArray(S, c, cOff + j).add(DoubleVector.fromArray(S, bq, j).mul(x))
                        .intoArray(c, cOff + j);
            }
            for (; j < j1; j++) {
                c[cOff + j] += x * bq[j];
            }
        }
    }

    /**
     * {@code c[cOff + j] += sum_q a[aOff + q] b[q][j]}: terms in groups of four from {@code q0}, each group
     * summed and then added, the last one to three added one after the other (as the scalar kernel).
     */
    private static void row1(double[] a, int aOff, double[][] b, int q0, int q1, int j0, int j1, double[] c,
            int cOff) {
        int q = q0;
        for (; q + 4 <= q1; q += 4) {
            addGroup(a[aOff + q], a[aOff + q + 1], a[aOff + q + 2], a[aOff + q + 3], b[q], b[q + 1], b[q + 2],
                    b[q + 3], j0, j1, c, cOff);
        }
        addTerms(a, aOff, 1, b, q, q1, j0, j1, c, cOff);
    }

    @Override
    public void multSmallDepth(double[] a, int rows, int depth, double[][] b, int width, double[] c) {
        for (int r = 0; r < rows; r++) {
            Arrays.fill(c, r * width, (r + 1) * width, 0.0);
            row1(a, r * depth, b, 0, depth, 0, width, c, r * width);
        }
    }

    @Override
    public void multTransB(double[] x, int rows, int depth, double[][] w, double[] bias, int width, double[] y) {
        int grouped = depth & ~3;
        for (int r = 0; r < rows; r++) {
            int xo = r * depth;
            int yo = r * width;
            int o = 0;
            for (; o + 2 <= width; o += 2) {
                double[] u = w[o];
                double[] v = w[o + 1];
                DoubleVector su = DoubleVector.zero(S);
                DoubleVector sv = DoubleVector.zero(S);
                for (int i = 0; i < grouped; i += LANES) {
                    DoubleVector xv = DoubleVector.fromArray(S, x, xo + i);
                    su = su.add(xv.mul(DoubleVector.fromArray(S, u, i)));
                    sv = sv.add(xv.mul(DoubleVector.fromArray(S, v, i)));
                }
                double a0 = su.lane(0);
                double b0 = sv.lane(0);
                for (int i = grouped; i < depth; i++) {
                    a0 += x[xo + i] * u[i];
                    b0 += x[xo + i] * v[i];
                }
                y[yo + o] = (bias == null ? 0.0 : bias[o]) + ((a0 + su.lane(1)) + (su.lane(2) + su.lane(3)));
                y[yo + o + 1] = (bias == null ? 0.0 : bias[o + 1]) + ((b0 + sv.lane(1)) + (sv.lane(2) + sv.lane(3)));
            }
            if (o < width) {
                double[] u = w[o];
                DoubleVector su = DoubleVector.zero(S);
                for (int i = 0; i < grouped; i += LANES) {
                    su = su.add(DoubleVector.fromArray(S, x, xo + i).mul(DoubleVector.fromArray(S, u, i)));
                }
                double a0 = su.lane(0);
                for (int i = grouped; i < depth; i++) {
                    a0 += x[xo + i] * u[i];
                }
                y[yo + o] = (bias == null ? 0.0 : bias[o]) + ((a0 + su.lane(1)) + (su.lane(2) + su.lane(3)));
            }
        }
    }

    @Override
    public void multFused(double[][] a, int r0, int rows, double[][] b, double[][] bT, int depth, int width,
            double[] c) {
        int vectorWidth = width & ~3;
        for (int r = r0; r < r0 + rows; r++) {
            double[] ar = a[r];
            int co = r * width;
            for (int j = 0; j < vectorWidth; j += LANES) {
                DoubleVector s = DoubleVector.zero(S);
                for (int q = 0; q < depth; q++) {
                    s = DoubleVector.broadcast(S, ar[q]).fma(DoubleVector.fromArray(S, b[q], j), s);
                }
                s.intoArray(c, co + j);
            }
            for (int j = vectorWidth; j < width; j++) {
                double[] w = bT[j];
                double s = 0;
                for (int q = 0; q < depth; q++) {
                    s = Math.fma(ar[q], w[q], s);
                }
                c[co + j] = s;
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
        int vectorDepth = depth & ~3;
        for (int r = 0; r < rows; r++) {
            double[] s = partial[r < grouped ? r & 3 : 0];
            int xo = r * depth;
            for (int o = 0; o < width; o++) {
                double dro = d[r * width + o];
                int so = o * depth;
                int i = 0;
                for (; i < vectorDepth; i += LANES) {
                    DoubleVector.fromArray(S, s, so + i)
                            .add(DoubleVector.fromArray(S, x, xo + i).mul(dro))
                            .intoArray(s, so + i);
                }
                for (; i < depth; i++) {
                    s[so + i] += dro * x[xo + i];
                }
            }
        }
        double[] s0 = partial[0];
        double[] s1 = partial[1];
        double[] s2 = partial[2];
        double[] s3 = partial[3];
        int k = 0;
        for (; k + LANES <= n; k += LANES) {
            DoubleVector left = DoubleVector.fromArray(S, s0, k).add(DoubleVector.fromArray(S, s1, k));
            DoubleVector right = DoubleVector.fromArray(S, s2, k).add(DoubleVector.fromArray(S, s3, k));
            DoubleVector.fromArray(S, dw, k).add(left.add(right)).intoArray(dw, k);
        }
        for (; k < n; k++) {
            dw[k] += (s0[k] + s1[k]) + (s2[k] + s3[k]);
        }
    }

    @Override
    public void addColumnSums(double[][] rows, int r0, int r1, int j0, int j1, double[] sum) {
        int k = j0;
        for (; k + LANES <= j1; k += LANES) {
            DoubleVector s = DoubleVector.fromArray(S, sum, k);
            for (int r = r0; r < r1; r++) {
                s = s.add(DoubleVector.fromArray(S, rows[r], k));
            }
            s.intoArray(sum, k);
        }
        for (; k < j1; k++) {
            double s = sum[k];
            for (int r = r0; r < r1; r++) {
                s += rows[r][k];
            }
            sum[k] = s;
        }
    }

    // ------------------------------------------------------------------ the LSTM cell

    @Override
    public void activate(Activation act, int n, double[] v, double[] p, double[] x) {
        double[] sc = act.scale;
        double[] m = act.numerator;
        double[] a = act.offset;
        int bound = S.loopBound(n);
        // two loops, as the scalar path's passes but fewer: the range reduction (r into v, the shifted
        // argument that holds k into x), then 2^k, the polynomial and the activation
        for (int k = 0; k < bound; k += LANES) {
            DoubleVector arg = DoubleVector.fromArray(S, sc, k).mul(DoubleVector.fromArray(S, x, k))
                    .min(MAX_ARG).max(-MAX_ARG);
            DoubleVector shifted = arg.mul(LOG2E).add(ROUND);
            DoubleVector kd = shifted.sub(ROUND);
            arg.sub(kd.mul(LN2_HI)).sub(kd.mul(LN2_LO)).intoArray(v, k);
            shifted.intoArray(x, k);
        }
        for (int k = 0; k < bound; k += LANES) {
            // 2^k from the integer's bits; the shift takes a vector count (with a scalar count, and with
            // reinterpretAsLongs, C2 on JDK 17 does not intrinsify the operations: docs/performance.md)
            DoubleVector twoToK = ((LongVector) DoubleVector.fromArray(S, x, k).viewAsIntegralLanes())
                    .add(EXPONENT_BIAS).lanewise(VectorOperators.LSHL, MANTISSA_BITS).viewAsFloatingLanes()
                    .reinterpretAsDoubles();
            DoubleVector e = expReduced(DoubleVector.fromArray(S, v, k)).mul(twoToK);
            DoubleVector.fromArray(S, m, k).div(e.add(1.0)).add(DoubleVector.fromArray(S, a, k)).intoArray(x, k);
        }
        for (int k = bound; k < n; k++) {
            double arg = Math.max(-MAX_ARG, Math.min(MAX_ARG, sc[k] * x[k]));
            double shifted = arg * LOG2E + ROUND;
            double kd = shifted - ROUND;
            double r = arg - kd * LN2_HI - kd * LN2_LO;
            double e = ScalarKernels.expReduced(r) * Double.longBitsToDouble((Double.doubleToRawLongBits(shifted) + 1023L) << 52);
            x[k] = m[k] / (1.0 + e) + a[k];
        }
    }

    /** exp(r) for |r| <= ln(2)/2, lanewise: the scalar path's Estrin polynomial, term for term. */
    private static DoubleVector expReduced(DoubleVector r) {
        DoubleVector r2 = r.mul(r);
        DoubleVector r4 = r2.mul(r2);
        DoubleVector r8 = r4.mul(r4);
        DoubleVector q0 = r.add(1.0);
        DoubleVector q1 = r.mul(C3).add(C2);
        DoubleVector q2 = r.mul(C5).add(C4);
        DoubleVector q3 = r.mul(C7).add(C6);
        DoubleVector q4 = r.mul(C9).add(C8);
        DoubleVector q5 = r.mul(C11).add(C10);
        DoubleVector q6 = r.mul(C13).add(C12);
        DoubleVector s0 = q0.add(q1.mul(r2));
        DoubleVector s1 = q2.add(q3.mul(r2));
        DoubleVector s2 = q4.add(q5.mul(r2));
        return s0.add(s1.mul(r4)).add(s2.add(q6.mul(r4)).mul(r8));
    }

    @Override
    public void cellState(double[] gates, int hidden, double[] cells, int prevOff, double[] row, int nextOff) {
        int j = 0;
        for (; j + LANES <= hidden; j += LANES) {
            DoubleVector f = DoubleVector.fromArray(S, gates, hidden + j);
            DoubleVector i = DoubleVector.fromArray(S, gates, j);
            DoubleVector g = DoubleVector.fromArray(S, gates, 2 * hidden + j);
            f.mul(DoubleVector.fromArray(S, cells, prevOff + j)).add(i.mul(g)).intoArray(cells, nextOff + j);
        }
        for (; j < hidden; j++) {
            cells[nextOff + j] = gates[hidden + j] * cells[prevOff + j] + gates[j] * gates[2 * hidden + j];
        }
    }

    @Override
    public void cellOutput(double[] gates, int hidden, double[] tanhCells, int tOff, double[] row, double[] h,
            int hOff) {
        int j = 0;
        for (; j + LANES <= hidden; j += LANES) {
            DoubleVector.fromArray(S, gates, 3 * hidden + j).mul(DoubleVector.fromArray(S, tanhCells, tOff + j))
                    .intoArray(h, hOff + j);
        }
        for (; j < hidden; j++) {
            h[hOff + j] = gates[3 * hidden + j] * tanhCells[tOff + j];
        }
    }

    @Override
    public void cellBackward(double[] g, double[] cells, double[] tanhCells, double[] dOut, int off, int hidden,
            double[] dhNext, double[] dcNext, double[] dg) {
        final int hd = hidden;
        int j = 0;
        for (; j + LANES <= hd; j += LANES) {
            DoubleVector ig = DoubleVector.fromArray(S, g, j);
            DoubleVector fg = DoubleVector.fromArray(S, g, hd + j);
            DoubleVector gg = DoubleVector.fromArray(S, g, 2 * hd + j);
            DoubleVector og = DoubleVector.fromArray(S, g, 3 * hd + j);
            DoubleVector tanhCell = DoubleVector.fromArray(S, tanhCells, off + j);
            DoubleVector dh = DoubleVector.fromArray(S, dOut, off + j).add(DoubleVector.fromArray(S, dhNext, j));
            DoubleVector dOg = dh.mul(tanhCell);
            DoubleVector one = DoubleVector.broadcast(S, 1.0);
            DoubleVector dCell = DoubleVector.fromArray(S, dcNext, j)
                    .add(dh.mul(og).mul(one.sub(tanhCell.mul(tanhCell))));
            DoubleVector dIg = dCell.mul(gg);
            DoubleVector dFg = dCell.mul(DoubleVector.fromArray(S, cells, off + j));
            DoubleVector dGg = dCell.mul(ig);
            dCell.mul(fg).intoArray(dcNext, j);
            dIg.mul(ig).mul(one.sub(ig)).intoArray(dg, j);
            dFg.mul(fg).mul(one.sub(fg)).intoArray(dg, hd + j);
            dGg.mul(one.sub(gg.mul(gg))).intoArray(dg, 2 * hd + j);
            dOg.mul(og).mul(one.sub(og)).intoArray(dg, 3 * hd + j);
        }
        for (; j < hd; j++) {
            double ig = g[j];
            double fg = g[hd + j];
            double gg = g[2 * hd + j];
            double og = g[3 * hd + j];
            double tanhCell = tanhCells[off + j];
            double dh = dOut[off + j] + dhNext[j];
            double dOg = dh * tanhCell;
            double dCell = dcNext[j] + dh * og * (1.0 - tanhCell * tanhCell);
            double dIg = dCell * gg;
            double dFg = dCell * cells[off + j];
            double dGg = dCell * ig;
            dcNext[j] = dCell * fg;
            dg[j] = dIg * ig * (1.0 - ig);
            dg[hd + j] = dFg * fg * (1.0 - fg);
            dg[2 * hd + j] = dGg * (1.0 - gg * gg);
            dg[3 * hd + j] = dOg * og * (1.0 - og);
        }
        Arrays.fill(dhNext, 0, hd, 0.0);
    }

    // ------------------------------------------------------------------ loss and update

    /**
     * In order, as the scalar path (the loss is a few hundred elements per step, and this keeps the loss
     * values of earlier releases bit for bit).
     */
    @Override
    public double sumSquaredDifferences(double[] p, double[] y, int n) {
        return ScalarKernels.INSTANCE.sumSquaredDifferences(p, y, n);
    }

    @Override
    public void scaledDifference(double scale, double[] p, double[] y, int n, double[] g) {
        int k = 0;
        for (; k + LANES <= n; k += LANES) {
            DoubleVector.fromArray(S, p, k).sub(DoubleVector.fromArray(S, y, k)).mul(scale).intoArray(g, k);
        }
        for (; k < n; k++) {
            g[k] = scale * (p[k] - y[k]);
        }
    }

    @Override
    public void sgdUpdate(SgdHyper h, boolean firstStep, double[] grad, int n, double[] buf, double[] value) {
        final double lr = h.lr();
        final double momentum = h.momentum();
        final double weightDecay = h.weightDecay();
        final double keep = 1.0 - h.dampening();
        final boolean nesterov = h.nesterov();
        int k = 0;
        for (; k + LANES <= n; k += LANES) {
            DoubleVector p = DoubleVector.fromArray(S, value, k);
            DoubleVector g = DoubleVector.fromArray(S, grad, k);
            if (weightDecay != 0.0) {
                g = g.add(p.mul(weightDecay));
            }
            if (momentum != 0.0) {
                DoubleVector b = firstStep ? g : DoubleVector.fromArray(S, buf, k).mul(momentum).add(g.mul(keep));
                b.intoArray(buf, k);
                g = nesterov ? g.add(b.mul(momentum)) : b;
            }
            p.sub(g.mul(lr)).intoArray(value, k);
        }
        for (; k < n; k++) {
            double g = grad[k];
            if (weightDecay != 0.0) {
                g += weightDecay * value[k];
            }
            if (momentum != 0.0) {
                double b = firstStep ? g : momentum * buf[k] + keep * g;
                buf[k] = b;
                g = nesterov ? g + momentum * b : b;
            }
            value[k] -= lr * g;
        }
    }
}
