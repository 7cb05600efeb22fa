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
    /** Groups of four rows of D per depth tile of the weight gradient: 128 rows, their eight columns 8 to 16 KiB of L1. */
    private static final int DEPTH_TILE_GROUPS = 32;
    /** Each thread's buffer for panels of B, eight columns wide ({@link #pack}). */
    private static final ThreadLocal<double[][]> PANEL = ThreadLocal.withInitial(() -> new double[][] {new double[0]});

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
        block(a, null, a0, aStride, b, q0, q1, j0, j1, rows, c, c0);
    }

    @Override
    public void multAddRows(double[][] a, int a0, double[][] b, int q0, int q1, int j0, int j1, int rows,
            double[][] c, int c0) {
        block(null, a, a0, 0, b, q0, q1, j0, j1, rows, c, c0);
    }

    /**
     * Both forms of {@code multAddRows}, A as {@code aFlat} with a row stride or (if not null) as
     * {@code aRows}. Blocks of three rows by eight columns of C stay in registers across all groups of four
     * terms ({@link #kernel3x8}); the rows and columns left over take the groups two rows at a time
     * ({@link #groupsByPairs}); the last one to three terms are added one after the other.
     */
    private static void block(double[] aFlat, double[][] aRows, int a0, int aStride, double[][] b, int q0,
            int q1, int j0, int j1, int rows, double[][] c, int c0) {
        int groups = (q1 - q0) >> 2;
        int qg = q0 + 4 * groups;
        int jv = j0 + ((j1 - j0) & ~7);
        int rb = rows - rows % 3;
        if (groups > 0) {
            double[] p = panel(32 * groups);
            for (int j = j0; j < jv; j += 8) {
                pack(b, q0, 4 * groups, j, p);
                for (int i = 0; i < rb; i += 3) {
                    double[] x = aRows == null ? aFlat : aRows[a0 + i];
                    double[] y = aRows == null ? aFlat : aRows[a0 + i + 1];
                    double[] z = aRows == null ? aFlat : aRows[a0 + i + 2];
                    int xo = aRows == null ? (a0 + i) * aStride : 0;
                    int yo = aRows == null ? xo + aStride : 0;
                    int zo = aRows == null ? xo + 2 * aStride : 0;
                    kernel3x8(x, xo + q0, y, yo + q0, z, zo + q0, p, 4 * groups, c[c0 + i], c[c0 + i + 1],
                            c[c0 + i + 2], j);
                }
            }
            groupsByPairs(aFlat, aRows, a0 + rb, aStride, b, q0, qg, j0, jv, rows - rb, c, c0 + rb);
            groupsByPairs(aFlat, aRows, a0, aStride, b, q0, qg, jv, j1, rows, c, c0);
        }
        if (qg < q1) {
            for (int i = 0; i < rows; i++) {
                double[] x = aRows == null ? aFlat : aRows[a0 + i];
                addTerms(x, aRows == null ? (a0 + i) * aStride : 0, 1, b, qg, q1, j0, j1, c[c0 + i], 0);
            }
        }
    }

    /**
     * Three rows by eight columns of C, {@code j} to {@code j + 8} of {@code c0}, {@code c1}, {@code c2}, kept in
     * registers while {@code terms} terms (a multiple of four) are added in groups of four:
     * {@code c_i[j] += t} with {@code t = a_i(k) B(k, j) + a_i(k+1) B(k+1, j) + a_i(k+2) B(k+2, j) + a_i(k+3) B(k+3, j)}
     * summed left to right, for {@code k = 0, 4, ...}, exactly as the scalar kernels sum. The factors are
     * {@code a_0(k) = x[xo + k]}, {@code a_1(k) = y[yo + k]}, {@code a_2(k) = z[zo + k]}; row {@code k} of the
     * panel of B is {@code p[8k]} to {@code p[8k + 7]} ({@link #pack}). Twelve vectors hold C and the partial
     * sums; each vector of B is loaded once for the three rows; every index is a constant multiple of the
     * loop counter plus an invariant, so C2 removes the bounds checks from the loop.
     */
    private static void kernel3x8(double[] x, int xo, double[] y, int yo, double[] z, int zo, double[] p,
            int terms, double[] c0, double[] c1, double[] c2, int j) {
        DoubleVector c00 = DoubleVector.fromArray(S, c0, j);
        DoubleVector c01 = DoubleVector.fromArray(S, c0, j + LANES);
        DoubleVector c10 = DoubleVector.fromArray(S, c1, j);
        DoubleVector c11 = DoubleVector.fromArray(S, c1, j + LANES);
        DoubleVector c20 = DoubleVector.fromArray(S, c2, j);
        DoubleVector c21 = DoubleVector.fromArray(S, c2, j + LANES);
        for (int k = 0; k < terms; k += 4) {
            DoubleVector v0 = DoubleVector.fromArray(S, p, 8 * k);
            DoubleVector v1 = DoubleVector.fromArray(S, p, 8 * k + 4);
            DoubleVector f = DoubleVector.broadcast(S, x[xo + k]);
            DoubleVector t00 = v0.mul(f);
            DoubleVector t01 = v1.mul(f);
            f = DoubleVector.broadcast(S, y[yo + k]);
            DoubleVector t10 = v0.mul(f);
            DoubleVector t11 = v1.mul(f);
            f = DoubleVector.broadcast(S, z[zo + k]);
            DoubleVector t20 = v0.mul(f);
            DoubleVector t21 = v1.mul(f);
            v0 = DoubleVector.fromArray(S, p, 8 * k + 8);
            v1 = DoubleVector.fromArray(S, p, 8 * k + 12);
            f = DoubleVector.broadcast(S, x[xo + k + 1]);
            t00 = t00.add(v0.mul(f));
            t01 = t01.add(v1.mul(f));
            f = DoubleVector.broadcast(S, y[yo + k + 1]);
            t10 = t10.add(v0.mul(f));
            t11 = t11.add(v1.mul(f));
            f = DoubleVector.broadcast(S, z[zo + k + 1]);
            t20 = t20.add(v0.mul(f));
            t21 = t21.add(v1.mul(f));
            v0 = DoubleVector.fromArray(S, p, 8 * k + 16);
            v1 = DoubleVector.fromArray(S, p, 8 * k + 20);
            f = DoubleVector.broadcast(S, x[xo + k + 2]);
            t00 = t00.add(v0.mul(f));
            t01 = t01.add(v1.mul(f));
            f = DoubleVector.broadcast(S, y[yo + k + 2]);
            t10 = t10.add(v0.mul(f));
            t11 = t11.add(v1.mul(f));
            f = DoubleVector.broadcast(S, z[zo + k + 2]);
            t20 = t20.add(v0.mul(f));
            t21 = t21.add(v1.mul(f));
            v0 = DoubleVector.fromArray(S, p, 8 * k + 24);
            v1 = DoubleVector.fromArray(S, p, 8 * k + 28);
            f = DoubleVector.broadcast(S, x[xo + k + 3]);
            c00 = c00.add(t00.add(v0.mul(f)));
            c01 = c01.add(t01.add(v1.mul(f)));
            f = DoubleVector.broadcast(S, y[yo + k + 3]);
            c10 = c10.add(t10.add(v0.mul(f)));
            c11 = c11.add(t11.add(v1.mul(f)));
            f = DoubleVector.broadcast(S, z[zo + k + 3]);
            c20 = c20.add(t20.add(v0.mul(f)));
            c21 = c21.add(t21.add(v1.mul(f)));
        }
        c00.intoArray(c0, j);
        c01.intoArray(c0, j + LANES);
        c10.intoArray(c1, j);
        c11.intoArray(c1, j + LANES);
        c20.intoArray(c2, j);
        c21.intoArray(c2, j + LANES);
    }

    /** Copies columns {@code j} to {@code j + 8} of rows {@code k0} to {@code k0 + n} of {@code b} to {@code p}, one row after the other. */
    private static void pack(double[][] b, int k0, int n, int j, double[] p) {
        for (int m = 0; m < n; m++) {
            double[] row = b[k0 + m];
            DoubleVector.fromArray(S, row, j).intoArray(p, 8 * m);
            DoubleVector.fromArray(S, row, j + LANES).intoArray(p, 8 * m + LANES);
        }
    }

    /** This thread's panel buffer for {@link #pack}, at least {@code n} long (grown, never shrunk). */
    private static double[] panel(int n) {
        double[][] slot = PANEL.get();
        if (slot[0].length < n) {
            slot[0] = new double[n];
        }
        return slot[0];
    }

    /**
     * The groups of four terms {@code [q0, qg)} for rows of C, two at a time ({@link #addGroupPair}), the
     * last row alone.
     */
    private static void groupsByPairs(double[] aFlat, double[][] aRows, int a0, int aStride, double[][] b,
            int q0, int qg, int j0, int j1, int rows, double[][] c, int c0) {
        if (rows == 0 || j0 >= j1) {
            return;
        }
        for (int q = q0; q < qg; q += 4) {
            double[] b0 = b[q];
            double[] b1 = b[q + 1];
            double[] b2 = b[q + 2];
            double[] b3 = b[q + 3];
            int i = 0;
            for (; i + 2 <= rows; i += 2) {
                double[] x = aRows == null ? aFlat : aRows[a0 + i];
                double[] y = aRows == null ? aFlat : aRows[a0 + i + 1];
                int xo = (aRows == null ? (a0 + i) * aStride : 0) + q;
                int yo = (aRows == null ? (a0 + i + 1) * aStride : 0) + q;
                addGroupPair(x[xo], x[xo + 1], x[xo + 2], x[xo + 3], y[yo], y[yo + 1], y[yo + 2], y[yo + 3],
                        b0, b1, b2, b3, j0, j1, c[c0 + i], c[c0 + i + 1]);
            }
            if (i < rows) {
                double[] x = aRows == null ? aFlat : aRows[a0 + i];
                int xo = (aRows == null ? (a0 + i) * aStride : 0) + q;
                addGroup(x[xo], x[xo + 1], x[xo + 2], x[xo + 3], b0, b1, b2, b3, j0, j1, c[c0 + i], 0);
            }
        }
    }

    /**
     * Two rows of C take the same group of four rows of B:
     * {@code c[j] += x0 b0[j] + x1 b1[j] + x2 b2[j] + x3 b3[j]} and
     * {@code d[j] += y0 b0[j] + y1 b1[j] + y2 b2[j] + y3 b3[j]}, each summed left to right and then added,
     * as the scalar kernel sums one row. Each vector of B is loaded once for both rows, and the eight factors
     * stay in registers across the columns.
     */
    private static void addGroupPair(double x0, double x1, double x2, double x3, double y0, double y1,
            double y2, double y3, double[] b0, double[] b1, double[] b2, double[] b3, int j0, int j1,
            double[] c, double[] d) {
        DoubleVector vx0 = DoubleVector.broadcast(S, x0);
        DoubleVector vx1 = DoubleVector.broadcast(S, x1);
        DoubleVector vx2 = DoubleVector.broadcast(S, x2);
        DoubleVector vx3 = DoubleVector.broadcast(S, x3);
        DoubleVector vy0 = DoubleVector.broadcast(S, y0);
        DoubleVector vy1 = DoubleVector.broadcast(S, y1);
        DoubleVector vy2 = DoubleVector.broadcast(S, y2);
        DoubleVector vy3 = DoubleVector.broadcast(S, y3);
        int j = j0;
        int vectorEnd = j0 + ((j1 - j0) & ~(LANES - 1));
        for (; j < vectorEnd; j += LANES) {
            DoubleVector v0 = DoubleVector.fromArray(S, b0, j);
            DoubleVector v1 = DoubleVector.fromArray(S, b1, j);
            DoubleVector v2 = DoubleVector.fromArray(S, b2, j);
            DoubleVector v3 = DoubleVector.fromArray(S, b3, j);
            DoubleVector tc = v0.mul(vx0).add(v1.mul(vx1)).add(v2.mul(vx2)).add(v3.mul(vx3));
            DoubleVector td = v0.mul(vy0).add(v1.mul(vy1)).add(v2.mul(vy2)).add(v3.mul(vy3));
            DoubleVector.fromArray(S, c, j).add(tc).intoArray(c, j);
            DoubleVector.fromArray(S, d, j).add(td).intoArray(d, j);
        }
        for (; j < j1; j++) {
            c[j] += x0 * b0[j] + x1 * b1[j] + x2 * b2[j] + x3 * b3[j];
            d[j] += y0 * b0[j] + y1 * b1[j] + y2 * b2[j] + y3 * b3[j];
        }
    }

    @Override
    public void multAddTransA(double[] y, int yStride, int q0, int q1, double[][] d, int rows, int j0, int j1,
            double[][] wt) {
        // wt[q][j] += sum_r y[r * yStride + q] d[r][j]: the rows of D in groups of four from 0, blocks of
        // three rows by eight columns of wt in registers across all groups; rows and columns of wt left over
        // two rows at a time; the last rows of D one after the other
        int groups = rows >> 2;
        int jv = j0 + ((j1 - j0) & ~7);
        int qb = q1 - (q1 - q0) % 3;
        if (groups > 0 && jv > j0 && qb > q0) {
            int tile = 4 * DEPTH_TILE_GROUPS;
            double[] p = panel(8 * tile + (qb - q0) * tile);
            int a = 8 * tile;
            for (int r0 = 0; r0 < 4 * groups; r0 += tile) {
                int terms = Math.min(tile, 4 * groups - r0);
                // the factors y[(r0 + k) * yStride + q] of each row q of wt, one row after the other, after the panel
                for (int q = q0; q < qb; q++) {
                    int o = a + (q - q0) * terms;
                    for (int k = 0; k < terms; k++) {
                        p[o + k] = y[(r0 + k) * yStride + q];
                    }
                }
                for (int j = j0; j < jv; j += 8) {
                    pack(d, r0, terms, j, p);
                    for (int q = q0; q < qb; q += 3) {
                        int o = a + (q - q0) * terms;
                        kernel3x8(p, o, p, o + terms, p, o + 2 * terms, p, terms, wt[q], wt[q + 1], wt[q + 2], j);
                    }
                }
            }
        }
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            double[] d0 = d[r];
            double[] d1 = d[r + 1];
            double[] d2 = d[r + 2];
            double[] d3 = d[r + 3];
            int y0 = r * yStride;
            int y1 = y0 + yStride;
            int y2 = y1 + yStride;
            int y3 = y2 + yStride;
            transAPairs(y, y0, y1, y2, y3, d0, d1, d2, d3, qb, q1, j0, jv, wt);
            transAPairs(y, y0, y1, y2, y3, d0, d1, d2, d3, q0, q1, jv, j1, wt);
        }
        for (; r < rows; r++) {
            double[] d0 = d[r];
            int y0 = r * yStride;
            for (int q = q0; q < q1; q++) {
                addTerm(y[y0 + q], d0, j0, j1, wt[q], 0);
            }
        }
    }

    /** One group of four rows of D added to rows {@code [q0, q1)}, columns {@code [j0, j1)} of wt, two rows at a time. */
    private static void transAPairs(double[] y, int y0, int y1, int y2, int y3, double[] d0, double[] d1,
            double[] d2, double[] d3, int q0, int q1, int j0, int j1, double[][] wt) {
        if (j0 >= j1) {
            return;
        }
        int q = q0;
        for (; q + 2 <= q1; q += 2) {
            addGroupPair(y[y0 + q], y[y1 + q], y[y2 + q], y[y3 + q], y[y0 + q + 1], y[y1 + q + 1], y[y2 + q + 1],
                    y[y3 + q + 1], d0, d1, d2, d3, j0, j1, wt[q], wt[q + 1]);
        }
        if (q < q1) {
            addGroup(y[y0 + q], y[y1 + q], y[y2 + q], y[y3 + q], d0, d1, d2, d3, j0, j1, wt[q], 0);
        }
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
     * term {@code q}'s factor is {@code a[o + q * step]}.
     */
    private static void addTerms(double[] a, int o, int step, double[][] b, int q0, int q1, int j0, int j1,
            double[] c, int cOff) {
        for (int q = q0; q < q1; q++) {
            addTerm(a[o + q * step], b[q], j0, j1, c, cOff);
        }
    }

    /** {@code c[cOff + j] += x * bq[j]} for {@code j0 <= j < j1}. */
    private static void addTerm(double x, double[] bq, int j0, int j1, double[] c, int cOff) {
        int j = j0;
        for (; j + LANES <= j1; j += LANES) {
            DoubleVector.fromArray(S, c, cOff + j).add(DoubleVector.fromArray(S, bq, j).mul(x))
                    .intoArray(c, cOff + j);
        }
        for (; j < j1; j++) {
            c[cOff + j] += x * bq[j];
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
            double e = expReduced(r) * Double.longBitsToDouble((Double.doubleToRawLongBits(shifted) + 1023L) << 52);
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

    /** The scalar path's polynomial (for the columns that do not fill a vector). */
    private static double expReduced(double r) {
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
