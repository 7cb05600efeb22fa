package io.github.lstmdynamics.lstm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.lstmdynamics.lstm.kernels.KernelProvider;
import io.github.lstmdynamics.lstm.kernels.Kernels;
import io.github.lstmdynamics.lstm.kernels.Products;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The products, through the kernels in use (the suite runs once per path), compute the same numbers as straightforward loops and as EJML (to 1e-12
 * relative to the size of the terms), on random shapes including the LSTM's, and splitting the output
 * columns between calls does not change a bit (what the multi-threaded paths rely on).
 */
class ProductsTest {

    private final Kernels kernels = KernelProvider.kernels();

    private static final double TOLERANCE = 1e-12;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void rowTimesRowsEqualsReferenceAndEjml(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int m = 1 + rnd.nextInt(40);
        int depth = 1 + rnd.nextInt(70);
        int n = 1 + rnd.nextInt(300);
        DMatrixRMaj a = random(m, depth, rnd);
        DMatrixRMaj b = random(depth, n, rnd);
        DMatrixRMaj c0 = random(m, n, rnd);
        double[][] bRows = rows(b);
        double[][] c = rows(c0);
        for (int i = 0; i < m; i++) {
            kernels.multAddRow(a.data, i * depth, bRows, 0, depth, 0, n, c[i]);
        }
        DMatrixRMaj ejml = c0.copy();
        CommonOps_DDRM.multAdd(a, b, ejml);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double expected = c0.get(i, j);
                double scale = Math.abs(c0.get(i, j));
                for (int q = 0; q < depth; q++) {
                    expected += a.get(i, q) * b.get(q, j);
                    scale += Math.abs(a.get(i, q) * b.get(q, j));
                }
                assertEquals(expected, c[i][j], TOLERANCE * scale, "reference at " + i + "," + j);
                assertEquals(ejml.get(i, j), c[i][j], TOLERANCE * scale, "EJML at " + i + "," + j);
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12, 13, 14, 15, 16})
    void rowTimesRowsIsTheSameBitsWhenColumnsOrDepthAreSplit(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int depth = 1 + rnd.nextInt(90);
        int n = 8 + rnd.nextInt(500);
        double[] a = random(1, depth, rnd).data;
        double[][] b = rows(random(depth, n, rnd));
        double[] whole = new double[n];
        kernels.multAddRow(a, 0, b, 0, depth, 0, n, whole);
        double[] split = new double[n];
        int cut = rnd.nextInt(n + 1);
        int depthCut = 4 * rnd.nextInt(depth / 4 + 1);
        for (int[] cols : new int[][] {{0, cut}, {cut, n}}) {
            kernels.multAddRow(a, 0, b, 0, depthCut, cols[0], cols[1], split);
            kernels.multAddRow(a, 0, b, depthCut, depth, cols[0], cols[1], split);
        }
        assertArrayEquals(whole, split);
    }

    /**
     * A block product (each group of four rows of B added to all rows of C in turn, in cache tiles when B
     * is large) gives every element the bits of one row product over the whole depth: at the LSTM's
     * small shapes, at depths that leave one to three terms over, and at shapes large enough to be tiled
     * in both directions, with up to 150 rows of C in blocks of 64 (even seeds). Both forms of A: a flat
     * array with a row stride, and rows.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {71, 72, 73, 74, 75, 76, 77, 78, 79, 80})
    void blockProductIsTheSameBitsAsOneRowProductPerRow(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        boolean tiled = seed % 2 == 0;
        int rows = tiled ? 1 + rnd.nextInt(150) : 1 + rnd.nextInt(9);
        int depth = tiled ? 200 + rnd.nextInt(120) : 1 + rnd.nextInt(90);
        int width = tiled ? 260 + rnd.nextInt(60) : 1 + rnd.nextInt(100);
        int first = rnd.nextInt(3);
        int stride = depth + rnd.nextInt(3);
        double[] aFlat = random(first + rows, stride, rnd).data;
        double[][] aRows = new double[first + rows][];
        for (int i = 0; i < first + rows; i++) {
            aRows[i] = Arrays.copyOfRange(aFlat, i * stride, i * stride + depth);
        }
        double[][] b = rows(random(depth, width, rnd));
        double[][] start = rows(random(first + rows, width, rnd));
        double[][] expected = copy(start);
        for (int i = first; i < first + rows; i++) {
            kernels.multAddRow(aFlat, i * stride, b, 0, depth, 0, width, expected[i]);
        }
        double[][] fromFlat = copy(start);
        Products.multAdd(kernels, aFlat, first, stride, b, depth, width, rows, fromFlat, first);
        double[][] fromRows = copy(start);
        Products.multAdd(kernels, aRows, first, b, depth, width, rows, fromRows, first);
        for (int i = 0; i < first + rows; i++) {
            assertArrayEquals(expected[i], fromFlat[i], "flat A, row " + i);
            assertArrayEquals(expected[i], fromRows[i], "rows of A, row " + i);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52})
    void setProductRowsEqualsEjmlForNarrowAndWideResults(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        // up to 400 rows: several of the L2 row blocks of a wide result
        int m = 1 + rnd.nextInt(400);
        int depth = 1 + rnd.nextInt(200);
        int width = seed % 2 == 0 ? 1 + rnd.nextInt(Products.NARROW - 1) : Products.NARROW + rnd.nextInt(100);
        DMatrixRMaj a = random(m, depth, rnd);
        DMatrixRMaj b = random(depth, width, rnd);
        double[] c = new double[m * width];
        Products.mult(kernels, rows(a), 0, m, rows(b), rows(CommonOps_DDRM.transpose(b, null)), depth, width, new double[m][width], c);
        DMatrixRMaj ejml = new DMatrixRMaj(m, width);
        CommonOps_DDRM.mult(a, b, ejml);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < width; j++) {
                double scale = 0;
                for (int q = 0; q < depth; q++) {
                    scale += Math.abs(a.get(i, q) * b.get(q, j));
                }
                assertEquals(ejml.get(i, j), c[i * width + j], TOLERANCE * scale, "at " + i + "," + j);
            }
        }
        // rows split between two calls, as between threads: the same bits
        int cut = rnd.nextInt(m + 1);
        double[] split = new double[m * width];
        double[][] scratch = new double[m][width];
        Products.mult(kernels, rows(a), 0, cut, rows(b), rows(CommonOps_DDRM.transpose(b, null)), depth, width, scratch, split);
        Products.mult(kernels, rows(a), cut, m - cut, rows(b), rows(CommonOps_DDRM.transpose(b, null)), depth, width, scratch, split);
        assertArrayEquals(c, split, "rows split at " + cut);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {21, 22, 23, 24, 25, 26, 27, 28})
    void transposedProductEqualsReferenceAndEjml(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int rows = 1 + rnd.nextInt(120);
        int n = 1 + rnd.nextInt(70);
        int width = 1 + rnd.nextInt(300);
        DMatrixRMaj y = random(rows, n, rnd);
        DMatrixRMaj d = random(rows, width, rnd);
        DMatrixRMaj wt0 = random(n, width, rnd);
        double[][] wt = rows(wt0);
        Products.multAddTransA(kernels, y.data, n, 0, n, rows(d), rows, 0, width, wt);
        DMatrixRMaj ejml = wt0.copy();
        CommonOps_DDRM.multAddTransA(y, d, ejml);
        for (int q = 0; q < n; q++) {
            for (int j = 0; j < width; j++) {
                double expected = wt0.get(q, j);
                double scale = Math.abs(expected);
                for (int r = 0; r < rows; r++) {
                    expected += y.get(r, q) * d.get(r, j);
                    scale += Math.abs(y.get(r, q) * d.get(r, j));
                }
                assertEquals(expected, wt[q][j], TOLERANCE * scale, "reference at " + q + "," + j);
                assertEquals(ejml.get(q, j), wt[q][j], TOLERANCE * scale, "EJML at " + q + "," + j);
            }
        }
    }

    /** The threads split the weight gradients by rows of dW^T and add them in by columns. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {31, 32, 33, 34, 35, 36, 37, 38})
    void transposedProductIsTheSameBitsWhenItsRowsAndColumnsAreSplit(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int rows = 1 + rnd.nextInt(200);
        int n = 1 + rnd.nextInt(300);
        int width = 8 + rnd.nextInt(seed % 2 == 0 ? 3000 : 300);
        double[] y = random(rows, n, rnd).data;
        double[][] d = rows(random(rows, width, rnd));
        double[][] whole = new double[n][width];
        Products.multAddTransA(kernels, y, n, 0, n, d, rows, 0, width, whole);
        double[][] split = new double[n][width];
        int rowCut = rnd.nextInt(n + 1);
        int columnCut = rnd.nextInt(width + 1);
        Products.multAddTransA(kernels, y, n, 0, rowCut, d, rows, 0, columnCut, split);
        Products.multAddTransA(kernels, y, n, 0, rowCut, d, rows, columnCut, width, split);
        Products.multAddTransA(kernels, y, n, rowCut, n, d, rows, 0, columnCut, split);
        Products.multAddTransA(kernels, y, n, rowCut, n, d, rows, columnCut, width, split);
        for (int q = 0; q < n; q++) {
            assertArrayEquals(whole[q], split[q], "row " + q + " (rows " + rows + ", n " + n + ", cut at row "
                    + rowCut + " and column " + columnCut + ")");
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {41, 42, 43, 44, 45, 46, 47, 48})
    void narrowDepthProductIsTheSameBitsAsRowProductsIntoZeroRows(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int rows = 1 + rnd.nextInt(60);
        int depth = 1 + rnd.nextInt(Products.NARROW - 1);
        int width = 1 + rnd.nextInt(40);
        double[] a = random(rows, depth, rnd).data;
        double[][] b = rows(random(depth, width, rnd));
        double[] c = new double[rows * width];
        kernels.multSmallDepth(a, rows, depth, b, width, c);
        for (int r = 0; r < rows; r++) {
            double[] expected = new double[width];
            kernels.multAddRow(a, r * depth, b, 0, depth, 0, width, expected);
            double[] actual = java.util.Arrays.copyOfRange(c, r * width, (r + 1) * width);
            assertArrayEquals(expected, actual, "row " + r + " (depth " + depth + ", width " + width + ")");
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {51, 52, 53, 54, 55, 56, 57, 58})
    void rowDotsAreTheSameBitsAsOneDotProductPerElement(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int rows = 1 + rnd.nextInt(60);
        int depth = 1 + rnd.nextInt(40);
        int width = 1 + rnd.nextInt(Products.NARROW - 1);
        double[] x = random(rows, depth, rnd).data;
        double[][] w = rows(random(width, depth, rnd));
        double[] bias = random(1, width, rnd).data;
        for (double[] b : new double[][] {bias, null}) {
            double[] y = new double[rows * width];
            kernels.multTransB(x, rows, depth, w, b, width, y);
            for (int r = 0; r < rows; r++) {
                for (int o = 0; o < width; o++) {
                    double expected = (b == null ? 0.0 : b[o]) + dot(x, r * depth, 1, w[o], 0, 1, depth);
                    assertEquals(expected, y[r * width + o], 0.0, "row " + r + ", output " + o + " (depth " + depth
                            + ", width " + width + ", bias " + (b != null) + ")");
                }
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {61, 62, 63, 64, 65, 66, 67, 68})
    void narrowTransposedProductIsTheSameBitsAsOneDotProductDownTheRowsPerElement(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int rows = 1 + rnd.nextInt(500);
        int depth = 1 + rnd.nextInt(40);
        int width = 1 + rnd.nextInt(Products.NARROW - 1);
        double[] d = random(rows, width, rnd).data;
        double[] x = random(rows, depth, rnd).data;
        double[] start = random(width, depth, rnd).data;
        double[] dw = start.clone();
        double[][] partial = new double[4][width * depth + rnd.nextInt(5)];
        for (double[] p : partial) {
            java.util.Arrays.fill(p, Double.NaN);
        }
        kernels.multAddTransA(d, width, x, depth, rows, partial, dw);
        for (int o = 0; o < width; o++) {
            for (int i = 0; i < depth; i++) {
                double expected = start[o * depth + i] + dot(d, o, width, x, i, depth, rows);
                assertEquals(expected, dw[o * depth + i], 0.0, "element (" + o + ", " + i + ") (rows " + rows
                        + ", depth " + depth + ", width " + width + ")");
            }
        }
    }

    private static DMatrixRMaj random(int rows, int cols, SplittableRandom rnd) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int k = 0; k < rows * cols; k++) {
            m.data[k] = rnd.nextDouble(-1, 1);
        }
        return m;
    }

    private static double[][] copy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }

    private static double[][] rows(DMatrixRMaj m) {
        double[][] r = new double[m.numRows][m.numCols];
        for (int i = 0; i < m.numRows; i++) {
            System.arraycopy(m.data, i * m.numCols, r[i], 0, m.numCols);
        }
        return r;
    }

    /** A strided dot product in four lanes joined as (s0 + s1) + (s2 + s3), the tail into lane 0. */
    private static double dot(double[] x, int xOff, int xStride, double[] y, int yOff, int yStride, int n) {
        double[] s = new double[4];
        int q = 0;
        for (; q + 4 <= n; q += 4) {
            for (int l = 0; l < 4; l++) {
                s[l] += x[xOff + (q + l) * xStride] * y[yOff + (q + l) * yStride];
            }
        }
        for (; q < n; q++) {
            s[0] += x[xOff + q * xStride] * y[yOff + q * yStride];
        }
        return (s[0] + s[1]) + (s[2] + s[3]);
    }
}
