package io.github.lstmdynamics.lstm;

import java.util.Arrays;

/**
 * The matrix products of the LSTM and the readout, written so that the JIT (C2 on JDK 17)
 * vectorizes their inner loops.
 *
 * <p>Measured on JDK 17: C2 vectorizes {@code c[j] += a * b[j]} when every array in the loop is
 * indexed by the same {@code j}, but falls back to scalar code (about 4 GFLOP/s) as soon as two arrays
 * are indexed with different offsets ({@code c[cOff + j] += a * b[bOff + j]}, EJML's inner loop), and
 * it also gives up when one loop stores into two different arrays. So every kernel here works on
 * <em>zero-based rows</em> ({@code double[][]}) for the arrays of the inner loop, which always is one
 * store into a row of the result, and reads the scalar operand from flat arrays at any offset.
 *
 * <p>Register blocking: each inner loop adds FOUR rank-one terms at once,
 * {@code c[j] += a0*b0[j] + a1*b1[j] + a2*b2[j] + a3*b3[j]}: one load and one store of {@code c} per
 * four multiply-adds instead of per one (the plain axpy is store-bound). Measured in isolation
 * (64x256 times 256x1024 and 20x20 times 20x80): 13 to 20 GFLOP/s against 10 for the axpy on rows and
 * 4 with offsets; eight terms at once ran at 4 to 10 (the larger body is no longer unrolled and
 * vectorized), and two result rows per pass (two stores) at 5 to 8. Cache blocking: the matrix-level
 * calls take B in tiles that stay in cache while all rows of C stream past them.
 *
 * <p>Summation order, relied upon by the multi-threaded paths: every result element is the same
 * function of the inputs whatever column range or row range a call covers, so splitting the output
 * between threads gives bit-identical results.
 */
final class RowKernels {

    /**
     * Bytes of a tile of B that a cache block aims to keep resident while the rows of C pass it: half of
     * the 512 KiB L2 of the machine measured (AMD EPYC 7003); 512 KiB and 1 MiB measured no better.
     */
    static final int BLOCK_BYTES = 256 * 1024;
    /** Widest tile of B: long enough inner loops, short enough to leave room for depth. */
    private static final int TILE_COLUMNS = 256;
    /** Results narrower than this many columns are computed as dot products ({@link #setProductRows}). */
    static final int NARROW = 16;
    /**
     * Widest result that {@link #setProductRows} sums in L1 tiles of B (measured at 32 and 64 columns:
     * 0.71x); wider ones go through {@link #addProduct(double[][], int, double[][], int, double[][], int,
     * int, int)}, whose long rows stream well from L2.
     */
    private static final int SHORT = 64;
    /** Bytes of a tile of B that {@link #setProductRows} keeps in the 32 KiB L1 data cache. */
    private static final int L1_TILE_BYTES = 16 * 1024;
    /**
     * Bytes of a block of result rows kept in L2 while a tile of B passes ({@link #addProduct},
     * {@link #setProductRows}).
     */
    private static final int ROW_BLOCK_BYTES = 128 * 1024;

    private RowKernels() {
    }

    /**
     * {@code c[j] += sum_q a[aOff + q] * b[q][j]} for {@code q0 <= q < q1}, {@code j0 <= j < j1}: one row
     * of {@code c += A B} with {@code A} read from a flat array and {@code B} given as rows. The sum over
     * {@code q} runs in groups of four from {@code q0}, each group summed first and then added to {@code c}
     * (so a caller that splits {@code [q0, q1)} at multiples of four gets the same bits as one call); the
     * last one to three terms are added to {@code c} one after the other.
     *
     * @param a    flat array holding the row of A, element {@code q} at {@code aOff + q}
     * @param aOff offset of the row of A
     * @param b    rows of B, each at least {@code j1} long
     * @param q0   first row of B (inner index)
     * @param q1   end of the rows of B (exclusive)
     * @param c    the result row, at least {@code j1} long
     * @param j0   first column
     * @param j1   end of the columns (exclusive)
     */
    static void addRowTimesRows(double[] a, int aOff, double[][] b, int q0, int q1, double[] c, int j0, int j1) {
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
        // (an input of 2 features, the readout's gradient of 2 outputs: a whole product of this shape)
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

    /**
     * {@code c[r * width + j] = sum_q a[r * depth + q] * b[q][j]} for {@code r < rows}, {@code j < width},
     * {@code q < depth}: a product of small depth (below {@link #NARROW}, such as the readout's gradient
     * {@code dX = dY W} with 2 outputs) written straight into a flat result. Scalar: with a few terms per
     * element, a vector loop per row is mostly set-up, and so were the zeroing and copying of a row buffer
     * around it. Every element is summed exactly as {@link #addRowTimesRows} sums into a row of zeros
     * (terms in groups of four, each group summed and then added; the last one to three added one after
     * the other), so both give the same bits.
     *
     * @param a     flat {@code rows x depth}
     * @param rows  rows of A and C
     * @param depth columns of A, rows of B
     * @param b     rows of B, each at least {@code width} long
     * @param c     flat {@code rows x width}, overwritten
     * @param width columns of B and C
     */
    static void setNarrowDepthProduct(double[] a, int rows, int depth, double[][] b, double[] c, int width) {
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

    /**
     * {@code y[r * width + o] = bias[o] + dot(x[r * depth ..], w[o])} for {@code r < rows}, {@code o < width}:
     * a product with a narrow result (below {@link #NARROW} columns, such as the readout's 2 outputs), one
     * dot product per element. Every dot product is summed exactly as {@link #dot(double[], int, int,
     * double[], int, int, int)} sums it (same bits), but two outputs share one pass over a row: eight
     * independent sums in flight instead of four, and each element of the row loaded once for both.
     *
     * @param x     flat {@code rows x depth}
     * @param rows  rows of X and Y
     * @param depth columns of X, length of each {@code w[o]}
     * @param w     the {@code width} weight rows
     * @param bias  {@code width} values added to the dot products, or null for none
     * @param y     flat {@code rows x width}, overwritten
     * @param width columns of Y
     */
    static void setRowDots(double[] x, int rows, int depth, double[][] w, double[] bias, double[] y, int width) {
        int grouped = depth & ~3;
        for (int r = 0; r < rows; r++) {
            int xo = r * depth;
            int yo = r * width;
            int o = 0;
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
                y[yo + o] = (bias == null ? 0.0 : bias[o]) + dot(x, xo, 1, w[o], 0, 1, depth);
            }
        }
    }

    /**
     * {@code dw[o * depth + i] += dot(d[o ..; stride width], x[i ..; stride depth])} over {@code rows} for
     * {@code o < width}, {@code i < depth}: {@code dW += dY^T X} with a narrow {@code dY} (below
     * {@link #NARROW} columns), one dot product down the rows per element. Every dot product is summed
     * exactly as {@link #dot(double[], int, int, double[], int, int, int)} sums it (same bits): its four
     * partial sums (rows taken in turn, the last one to three into the first) are kept as four arrays and
     * updated a whole row of X at a time, a loop the JIT vectorizes, instead of one strided scalar dot
     * product per element.
     *
     * @param d       flat {@code rows x width}
     * @param width   columns of dY, rows of dW
     * @param x       flat {@code rows x depth}
     * @param depth   columns of X and dW
     * @param rows    rows of dY and X
     * @param partial four scratch arrays of at least {@code width * depth}, overwritten
     * @param dw      flat {@code width x depth}, added to
     */
    static void addNarrowTransposedProduct(double[] d, int width, double[] x, int depth, int rows,
            double[][] partial, double[] dw) {
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

    /**
     * {@code c[c0 + i][j] += sum_q a[(a0 + i) * aStride + q] * b[q][j]} for {@code i < rows},
     * {@code q < depth}, {@code j < width}: a block of rows of {@code C += A B}, A flat. When B is larger
     * than a cache block, it is taken in tiles of at most {@link #TILE_COLUMNS} columns by a multiple of
     * four rows, sized to {@link #BLOCK_BYTES}, and all rows of C pass each tile while it is resident, in
     * blocks of rows of {@link #ROW_BLOCK_BYTES}. Within a block, each group of four rows of B is added to
     * every row of the block before the next group: consecutive inner loops write different rows (no
     * chain of stores and loads through one row) and each group's rows are loaded once per block. Against
     * row after row over the whole depth (in-process A/B): the tutorial's training step 0.953 on one
     * thread, 0.875 at 32:256:64:50 on two; the recurrent products 0.73 to 0.94 (without the blocks of
     * rows, the input projection of 3,200 rows of 1,024 columns took twice as long: the rows of C left the
     * cache between groups). Each element still receives the groups in ascending order, and its last one
     * to three terms as {@link #addRowTimesRows} adds them, so the result is bit for bit that of one
     * {@link #addRowTimesRows} call over the whole depth.
     */
    static void addProduct(double[] a, int a0, int aStride, double[][] b, int depth, double[][] c, int c0,
            int rows, int width) {
        addProduct(a, null, a0, aStride, b, depth, c, c0, rows, width);
    }

    /**
     * As {@link #addProduct(double[], int, int, double[][], int, double[][], int, int, int)} with the rows
     * of A given as arrays: {@code c[c0 + i][j] += sum_q a[a0 + i][q] * b[q][j]}.
     */
    static void addProduct(double[][] a, int a0, double[][] b, int depth, double[][] c, int c0, int rows,
            int width) {
        addProduct(null, a, a0, 0, b, depth, c, c0, rows, width);
    }

    /** The two forms of {@code addProduct}: A as {@code aFlat} with a row stride, or (if not null) as {@code aRows}. */
    private static void addProduct(double[] aFlat, double[][] aRows, int a0, int aStride, double[][] b, int depth,
            double[][] c, int c0, int rows, int width) {
        int tileColumns = tileColumns(depth, width);
        int tileDepth = tileDepth(depth, tileColumns);
        for (int j0 = 0; j0 < width; j0 += tileColumns) {
            int j1 = Math.min(width, j0 + tileColumns);
            int rowBlock = rowBlock(j1 - j0);
            for (int q0 = 0; q0 < depth; q0 += tileDepth) {
                int q1 = Math.min(depth, q0 + tileDepth);
                for (int i0 = 0; i0 < rows; i0 += rowBlock) {
                    addBlock(aFlat, aRows, a0 + i0, aStride, b, q0, q1, c, c0 + i0, Math.min(rows - i0, rowBlock),
                            j0, j1);
                }
            }
        }
    }

    /**
     * {@code c[c0 + i][j] += sum_q A[a0 + i][q] * b[q][j]} for {@code i < rows}, {@code q0 <= q < q1},
     * {@code j0 <= j < j1}, with A as in {@link #addProduct(double[], double[][], int, int, double[][], int,
     * double[][], int, int, int)}: one block of rows, group of four rows of B after group.
     */
    private static void addBlock(double[] aFlat, double[][] aRows, int a0, int aStride, double[][] b, int q0,
            int q1, double[][] c, int c0, int rows, int j0, int j1) {
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
                addRowTimesRows(a, aRows == null ? (a0 + i) * aStride : 0, b, q, q1, c[c0 + i], j0, j1);
            }
        }
    }

    /**
     * Sets rows {@code [r0, r0 + rows)} of the flat {@code rows x width} matrix {@code c} to {@code A B}:
     * {@code c[r * width + j] = sum_q a[r][q] * b[q][j]}, with B given both as rows ({@code b}, depth rows
     * of width) and transposed ({@code bT}, width rows of depth). Results of up to {@link #SHORT} columns are
     * summed by {@link #addRowTimesRows} into the rows {@code [r0, r0 + rows)} of {@code scratch} (at
     * least {@code width} long), in L1-sized tiles of B and L2-sized blocks of rows, and copied; wider ones
     * go through the tiled {@link #addProduct(double[][], int, double[][], int, double[][], int, int, int)}
     * the same way; narrow
     * ones (fewer than {@link #NARROW} columns, such as the LSTM's input gradient for a 2-feature input)
     * as dot products over the depth (chains of {@link Math#fma}), eight rows at a time (eight independent
     * sums sharing the loads of B),
     * since a vector loop over 2 columns is all overhead.
     */
    static void setProductRows(double[][] a, int r0, int rows, double[][] b, double[][] bT, int depth, double[] c,
            int width, double[][] scratch) {
        if (width < NARROW) {
            // eight rows at a time share the loads of bT[j] and keep eight independent sums in flight
            // (four left the adds waiting on each other), the last few rows one by one; every element
            // is one left-to-right chain of fused multiply-adds, so the result does not depend on how the
            // rows are grouped (or split between threads). Math.fma (one rounding per term) took 0.81 of
            // the time of a multiply and an add here (2:64:64:50, in-process A/B)
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
            return;
        }
        for (int r = r0; r < r0 + rows; r++) {
            java.util.Arrays.fill(scratch[r], 0, width, 0.0);
        }
        int end = r0 + rows;
        if (width > SHORT) {
            addProduct(a, r0, b, depth, scratch, r0, rows, width);
        } else {
            // short result rows: every pass over the depth is many short loops, and B (the weights,
            // depth rows) is read once per result row; so B is taken in tiles that stay in L1 while a
            // block of result rows that stays in L2 passes each tile (splitting the depth at multiples of
            // four keeps every element the same sum)
            int tileDepth = Math.min(depth, Math.max(4, (L1_TILE_BYTES / 8 / width) & ~3));
            int rowBlock = rowBlock(width);
            for (int i0 = r0; i0 < end; i0 += rowBlock) {
                int i1 = Math.min(end, i0 + rowBlock);
                for (int q0 = 0; q0 < depth; q0 += tileDepth) {
                    int q1 = Math.min(depth, q0 + tileDepth);
                    for (int i = i0; i < i1; i++) {
                        addRowTimesRows(a[i], 0, b, q0, q1, scratch[i], 0, width);
                    }
                }
            }
        }
        for (int r = r0; r < end; r++) {
            System.arraycopy(scratch[r], 0, c, r * width, width);
        }
    }

    /** {@code sum_q x[q] y[q]} for {@code q < n}, in four interleaved partial sums joined as (s0 + s1) + (s2 + s3). */
    static double dot(double[] x, double[] y, int n) {
        return dot(x, 0, 1, y, 0, 1, n);
    }

    /**
     * {@code sum_q x[xOff + q * xStride] * y[yOff + q * yStride]} for {@code q < n}, in four interleaved
     * partial sums joined as (s0 + s1) + (s2 + s3): a scalar dot product with four independent chains,
     * for results too narrow for a vector loop.
     */
    static double dot(double[] x, int xOff, int xStride, double[] y, int yOff, int yStride, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int xi = xOff;
        int yi = yOff;
        int q = 0;
        for (; q + 4 <= n; q += 4) {
            s0 += x[xi] * y[yi];
            s1 += x[xi + xStride] * y[yi + yStride];
            s2 += x[xi + 2 * xStride] * y[yi + 2 * yStride];
            s3 += x[xi + 3 * xStride] * y[yi + 3 * yStride];
            xi += 4 * xStride;
            yi += 4 * yStride;
        }
        for (; q < n; q++) {
            s0 += x[xi] * y[yi];
            xi += xStride;
            yi += yStride;
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Columns of a tile of B: all when B fits a block, else at most {@link #TILE_COLUMNS}. */
    private static int tileColumns(int depth, int width) {
        if ((long) depth * width * 8 <= BLOCK_BYTES) {
            return Math.max(1, width);
        }
        return Math.min(width, TILE_COLUMNS);
    }

    /** Rows of C of {@code columns} columns that fill {@link #ROW_BLOCK_BYTES}, at least one. */
    private static int rowBlock(int columns) {
        return Math.max(1, ROW_BLOCK_BYTES / 8 / Math.max(1, columns));
    }

    /** Rows of a tile of B: a multiple of four such that the tile fits {@link #BLOCK_BYTES}, at least four. */
    private static int tileDepth(int depth, int tileColumns) {
        int d = (BLOCK_BYTES / 8 / tileColumns) & ~3;
        return Math.min(depth, Math.max(4, d));
    }

    /**
     * {@code wt[q][j] += sum_r y[r * yStride + q] * d[r][j]} for {@code r < rows}, {@code q < n},
     * {@code j0 <= j < j1}: the transposed weight gradient {@code dW^T += Y^T D} accumulated over all
     * rows (time steps and sequences) of a batch; as {@link #addTransposedProduct(double[], int, int, int,
     * double[][], int, double[][], int, int)} over the rows {@code [0, n)} of {@code wt}.
     */
    static void addTransposedProduct(double[] y, int yStride, int n, double[][] d, int rows, double[][] wt,
            int j0, int j1) {
        addTransposedProduct(y, yStride, 0, n, d, rows, wt, j0, j1);
    }

    /**
     * {@code wt[q][j] += sum_r y[r * yStride + q] * d[r][j]} for {@code r < rows}, {@code q0 <= q < q1},
     * {@code j0 <= j < j1}: rows {@code [q0, q1)} of the transposed weight gradient {@code dW^T += Y^T D}.
     * The rows {@code r} are taken four at a time, in order, so every element is the same sum whatever
     * range of rows or columns a call covers; the columns go in cache blocks so that the block of
     * {@code wt} stays resident while the rows of {@code d} stream through once.
     *
     * @param y       flat row-major Y, {@code rows x yStride}, of which columns {@code [q0, q1)} are used
     * @param yStride row length of Y
     * @param q0      first row of {@code wt} (column of Y)
     * @param q1      end of the rows of {@code wt} (exclusive)
     * @param d       rows of D, each at least {@code j1} long
     * @param rows    rows of Y and D summed over
     * @param wt      the result, rows at least {@code j1} long
     * @param j0      first column
     * @param j1      end of the columns (exclusive)
     */
    static void addTransposedProduct(double[] y, int yStride, int q0, int q1, double[][] d, int rows,
            double[][] wt, int j0, int j1) {
        int n = q1 - q0;
        int block = Math.max(64, (BLOCK_BYTES / 2 / 8 / Math.max(1, n)) & ~7);
        for (int c0 = j0; c0 < j1; c0 += block) {
            int c1 = Math.min(j1, c0 + block);
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
                    for (int j = c0; j < c1; j++) {
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
                    for (int j = c0; j < c1; j++) {
                        w[j] += a0 * d0[j];
                    }
                }
            }
        }
    }
}
