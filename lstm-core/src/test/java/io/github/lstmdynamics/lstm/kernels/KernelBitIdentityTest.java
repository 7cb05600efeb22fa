package io.github.lstmdynamics.lstm.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every kernel gives the same bits on the scalar and the vector path, on shapes whose columns, depth and
 * rows leave remainders of 1 to 7 elements after whole vectors, groups of four and blocks of rows, and
 * on shapes large enough that {@link Products} tiles them. Runs where the vector kernels are available
 * (the suite's second execution adds jdk.incubator.vector); skipped elsewhere.
 */
class KernelBitIdentityTest {

    private final Kernels scalar = KernelProvider.scalar();
    private Kernels vector;

    @BeforeEach
    void vectorKernels() {
        assumeTrue(KernelProvider.vectorAvailable(), "jdk.incubator.vector is not readable in this JVM");
        vector = KernelProvider.vector();
    }

    /** Runs {@code op} on two copies of the same operands, one per path, and compares the outputs bit for bit. */
    private void same(String what, double[][][] operands, java.util.function.BiConsumer<Kernels, double[][][]> op) {
        double[][][] a = deepCopy(operands);
        double[][][] b = deepCopy(operands);
        op.accept(scalar, a);
        op.accept(vector, b);
        for (int m = 0; m < a.length; m++) {
            for (int r = 0; r < a[m].length; r++) {
                assertArrayEquals(a[m][r], b[m][r], 0.0, what + ": operand " + m + ", row " + r);
            }
        }
    }

    @ParameterizedTest(name = "remainder {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7})
    void smallProductsAgree(int rem) {
        SplittableRandom rnd = new SplittableRandom(rem);
        int rows = 8 + rem;
        int depth = 12 + rem;
        int width = 16 + rem;
        double[][] a = random(rows, depth, rnd);
        double[][] b = random(depth, width, rnd);
        double[][] bT = transpose(b);
        double[][] c = random(rows, width, rnd);
        // flat A with a stride: rows of (depth + 3)
        double[][] aFlat = {flatten(random(rows, depth + 3, rnd))};
        same("multAddRows flat", new double[][][] {aFlat, b, c},
                (k, o) -> k.multAddRows(o[0][0], 0, depth + 3, o[1], 0, depth, 0, width, rows, o[2], 0));
        same("multAddRows rows, column and depth ranges", new double[][][] {a, b, c},
                (k, o) -> k.multAddRows(o[0], 1, o[1], 4, depth, 1, width - 1, rows - 1, o[2], 0));
        same("multAddRow", new double[][][] {a, b, c},
                (k, o) -> k.multAddRow(flatten(o[0]), depth, o[1], 0, depth, 0, width, o[2][0]));
        same("Products.multAdd", new double[][][] {a, b, c},
                (k, o) -> Products.multAdd(k, o[0], 0, o[1], depth, width, rows, o[2], 0));
        same("multSmallDepth", new double[][][] {{flatten(a)}, b, {new double[rows * width]}},
                (k, o) -> k.multSmallDepth(o[0][0], rows, depth, o[1], width, o[2][0]));
        double[][] w = random(rem, depth, rnd);
        double[] bias = random(1, rem, rnd)[0];
        same("multTransB", new double[][][] {{flatten(a)}, w, {bias}, {new double[rows * rem]}},
                (k, o) -> k.multTransB(o[0][0], rows, depth, o[1], o[2][0], rem, o[3][0]));
        same("multTransB without bias", new double[][][] {{flatten(a)}, w, {new double[rows * rem]}},
                (k, o) -> k.multTransB(o[0][0], rows, depth, o[1], null, rem, o[2][0]));
        same("multFused", new double[][][] {a, b, bT, {new double[rows * width]}},
                (k, o) -> k.multFused(o[0], 0, rows, o[1], o[2], depth, width, o[3][0]));
        same("Products.mult narrow", new double[][][] {a, b, bT, {new double[rows * (rem + 8)]}},
                (k, o) -> k.multFused(o[0], 1, rows - 1, o[1], o[2], depth, rem + 8, o[3][0]));
        double[][] scratch = new double[rows][width];
        same("Products.mult short", new double[][][] {a, b, bT, {new double[rows * width]}},
                (k, o) -> Products.mult(k, o[0], 0, rows, o[1], o[2], depth, width, scratch, o[3][0]));
        double[][] d = random(rows, rem, rnd);
        double[][] partial = new double[4][rem * depth];
        same("multAddTransA narrow", new double[][][] {{flatten(d)}, {flatten(a)}, {random(1, rem * depth, rnd)[0]}},
                (k, o) -> k.multAddTransA(o[0][0], rem, o[1][0], depth, rows, partial, o[2][0]));
        double[][] wt = random(depth, width, rnd);
        double[][] dRows = random(rows, width, rnd);
        same("multAddTransA", new double[][][] {{flatten(a)}, dRows, wt},
                (k, o) -> k.multAddTransA(o[0][0], depth, 1, depth - 1, o[1], rows, 1, width, o[2]));
        same("addColumnSums", new double[][][] {dRows, {new double[width]}},
                (k, o) -> k.addColumnSums(o[0], 1, rows, 0, width, o[1][0]));
    }

    @ParameterizedTest(name = "remainder {0}")
    @ValueSource(ints = {1, 3, 5, 7})
    void tiledProductsAgree(int rem) {
        SplittableRandom rnd = new SplittableRandom(100 + rem);
        int rows = 64 + rem;
        int depth = 180 + rem;
        int width = 300 + rem; // depth x width of B is over 256 KiB: tiles of columns and of depth
        double[][] a = random(rows, depth, rnd);
        double[][] b = random(depth, width, rnd);
        double[][] c = random(rows, width, rnd);
        same("Products.multAdd tiled", new double[][][] {a, b, c},
                (k, o) -> Products.multAdd(k, o[0], 0, o[1], depth, width, rows, o[2], 0));
        double[][] scratch = new double[rows][width];
        same("Products.mult wide", new double[][][] {a, b, transpose(b), {new double[rows * width]}},
                (k, o) -> Products.mult(k, o[0], 0, rows, o[1], o[2], depth, width, scratch, o[3][0]));
        double[][] wt = random(depth, width, rnd);
        double[][] dRows = random(rows, width, rnd);
        same("Products.multAddTransA tiled", new double[][][] {{flatten(a)}, dRows, wt},
                (k, o) -> Products.multAddTransA(k, o[0][0], depth, 0, depth, o[1], rows, 0, width, o[2]));
    }

    @ParameterizedTest(name = "remainder {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7})
    void pointwiseKernelsAgree(int rem) {
        SplittableRandom rnd = new SplittableRandom(200 + rem);
        int hidden = 8 + rem;
        int n = 4 * hidden;
        double[] x = new double[n];
        for (int k = 0; k < n; k++) {
            double u = rnd.nextDouble();
            x[k] = u < 0.8 ? 6 * rnd.nextGaussian() : u < 0.9 ? rnd.nextDouble(-800, 800) : rnd.nextGaussian() * 1e-9;
        }
        x[0] = Double.NaN;
        Activation gates = Activation.gates(hidden, 1);
        same("activate gates", new double[][][] {{x}},
                (k, o) -> k.activate(gates, n, new double[n], new double[n], o[0][0]));
        Activation tanh = Activation.tanh(n);
        same("activate tanh", new double[][][] {{x}},
                (k, o) -> k.activate(tanh, n - 1, new double[n], new double[n], o[0][0]));
        double[] g = random(1, n, rnd)[0];
        scalar.activate(gates, n, new double[n], new double[n], g);
        double[] cells = random(1, 3 * hidden, rnd)[0];
        same("cellState", new double[][][] {{g}, {cells}},
                (k, o) -> k.cellState(o[0][0], hidden, o[1][0], hidden, new double[hidden], 2 * hidden));
        same("cellOutput", new double[][][] {{g}, {cells}, {new double[3 * hidden]}},
                (k, o) -> k.cellOutput(o[0][0], hidden, o[1][0], 1, new double[hidden], o[2][0], hidden + 2));
        same("cellBackward", new double[][][] {{g}, {cells}, {random(1, 3 * hidden, rnd)[0]},
            {random(1, 3 * hidden, rnd)[0]}, {random(1, hidden, rnd)[0]}, {random(1, hidden, rnd)[0]}, {new double[n]}},
                (k, o) -> k.cellBackward(o[0][0], o[1][0], o[2][0], o[3][0], hidden, hidden, o[4][0], o[5][0],
                        o[6][0]));
        double[] p = random(1, n, rnd)[0];
        double[] y = random(1, n, rnd)[0];
        assertEquals(Double.doubleToRawLongBits(scalar.sumSquaredDifferences(p, y, n - 1)),
                Double.doubleToRawLongBits(vector.sumSquaredDifferences(p, y, n - 1)), "sumSquaredDifferences");
        same("scaledDifference", new double[][][] {{new double[n]}},
                (k, o) -> k.scaledDifference(0.37, p, y, n - 1, o[0][0]));
        double[] grad = random(1, n, rnd)[0];
        for (Kernels.SgdHyper h : new Kernels.SgdHyper[] {new Kernels.SgdHyper(0.05, 0, 0, 0, false),
            new Kernels.SgdHyper(0.05, 0.9, 0.1, 1e-3, false), new Kernels.SgdHyper(0.05, 0.9, 0, 1e-3, true)}) {
            for (boolean first : new boolean[] {true, false}) {
                same("sgdUpdate " + h + (first ? " first" : ""), new double[][][] {{random(1, n, rnd)[0]},
                    {random(1, n, rnd)[0]}}, (k, o) -> k.sgdUpdate(h, first, grad, n - 1, o[0][0], o[1][0]));
            }
        }
    }

    private static double[][] random(int rows, int cols, SplittableRandom rnd) {
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int j = 0; j < cols; j++) {
                row[j] = rnd.nextDouble(-1, 1);
            }
        }
        return m;
    }

    private static double[][] transpose(double[][] m) {
        double[][] t = new double[m[0].length][m.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[0].length; j++) {
                t[j][i] = m[i][j];
            }
        }
        return t;
    }

    private static double[] flatten(double[][] m) {
        int cols = m[0].length;
        double[] f = new double[m.length * cols];
        for (int i = 0; i < m.length; i++) {
            System.arraycopy(m[i], 0, f, i * cols, cols);
        }
        return f;
    }

    private static double[][][] deepCopy(double[][][] m) {
        double[][][] c = new double[m.length][][];
        for (int i = 0; i < m.length; i++) {
            c[i] = new double[m[i].length][];
            for (int r = 0; r < m[i].length; r++) {
                c[i][r] = m[i][r].clone();
            }
        }
        return c;
    }
}
