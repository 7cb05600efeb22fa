package io.github.lstmdynamics.lstm.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The float32 products and activations give the same bits on the scalar and the vector path: every
 * element of a product is one chain of fused multiply-adds along the summed index on both, whatever blocks
 * of rows, columns and depth the vector path takes, and the activations do the same operations lanewise.
 * Shapes are drawn at random (seed in the name) to leave every remainder: rows not a multiple of four,
 * columns not a multiple of 24 or of 8, depth across the packed panel's 128 rows. Runs where the vector
 * kernels are available (the suite's second execution adds jdk.incubator.vector).
 */
class FloatKernelBitIdentityTest {

    private final ArrayKernels<float[], float[][]> scalar = KernelProvider.float32Matching(KernelProvider.scalar());
    private ArrayKernels<float[], float[][]> vector;

    @BeforeEach
    void vectorKernels() {
        assumeTrue(KernelProvider.vectorAvailable(), "jdk.incubator.vector is not readable in this JVM");
        vector = KernelProvider.float32Matching(KernelProvider.vector());
    }

    @Test
    void thePathsAreTheFloat32KernelsNamedForThem() {
        assertEquals("scalar-float32", scalar.name());
        assertEquals("vector-float32", vector.name());
    }

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 24);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void productsGiveTheSameBits(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int rows = 1 + rnd.nextInt(11);
        int depth = pick(rnd, 1, 3, 4, 5, 17, 255, 256, 257, 300, 530);
        int width = pick(rnd, 1, 5, 7, 8, 15, 16, 23, 24, 25, 31, 47, 48, 49, 80, 100);
        int stride = depth + rnd.nextInt(4);
        float[] aFlat = random(rows * stride + 3, rnd);
        float[][] aRows = random(rows, depth, rnd);
        float[][] b = random(depth, width, rnd);
        float[][] c = random(rows + 2, width, rnd);
        String shape = rows + " x " + depth + " x " + width;

        same("multAddRows, flat A, " + shape, c,
                (k, out) -> k.multAddRows(aFlat, 0, stride, b, 0, depth, 0, width, rows, out, 1));
        int q0 = Math.min(depth - 1, rnd.nextInt(5));
        int j0 = Math.min(width - 1, rnd.nextInt(9));
        same("multAddRows, A as rows, ranges from " + q0 + " and " + j0 + ", " + shape, c,
                (k, out) -> k.multAddRows(aRows, 0, b, q0, depth, j0, width, rows, out, 2));
        same("Products.multAdd, " + shape, c, (k, out) -> Products.multAdd(k, aRows, 0, b, depth, width, rows, out, 0));

        // dW^T += Y^T D: Y has depth rows of (yStride) columns, rows [q0, q1) of wt
        int yStride = rows + rnd.nextInt(3);
        float[] y = random(depth * yStride, rnd);
        float[][] wt = random(yStride, width, rnd);
        int t0 = rnd.nextInt(Math.max(1, yStride - rows + 1));
        same("multAddTransA, " + shape, wt,
                (k, out) -> Products.multAddTransA(k, y, yStride, t0, t0 + rows, b, depth, j0, width, out));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void packedWeightsGiveTheSameBitsAsRows(long seed) {
        // B = W (4H x H) and B = W^T (H x 4H) packed once, then multiplied as the recurrences do; widths
        // past 240 columns make Products tile B
        SplittableRandom rnd = new SplittableRandom(seed);
        int hidden = pick(rnd, 1, 5, 6, 20, 37, 64, 70, 130);
        int gates = 4 * hidden;
        int rows = 1 + rnd.nextInt(11);
        float[] w = random(gates * hidden, rnd);
        for (ArrayKernels<float[], float[][]> k : java.util.List.of(scalar, vector)) {
            float[][] asRows = k.newPacked(gates, hidden);
            float[][] transposed = k.newPacked(hidden, gates);
            assertEquals(gates * hidden, Arrays.stream(asRows).mapToLong(r -> r.length).sum(),
                    k.name() + " W elements");
            assertEquals(gates * hidden, Arrays.stream(transposed).mapToLong(r -> r.length).sum(),
                    k.name() + " W^T elements");
        }
        float[][] wRows = new float[gates][];
        float[][] wT = new float[hidden][gates];
        for (int r = 0; r < gates; r++) {
            wRows[r] = Arrays.copyOfRange(w, r * hidden, (r + 1) * hidden);
            for (int q = 0; q < hidden; q++) {
                wT[q][r] = w[r * hidden + q];
            }
        }
        float[][] vRows = vector.newPacked(gates, hidden);
        float[][] vT = vector.newPacked(hidden, gates);
        vector.packRowsAndTranspose(w, gates, hidden, vRows, vT);
        String shape = "H " + hidden + ", " + rows + " rows";

        float[] h = random(rows * hidden + 5, rnd);
        float[][] g = random(rows + 1, gates, rnd);
        sameTwoWays("forward recurrence, " + shape, g,
                out -> Products.multAdd(scalar, h, 0, hidden, wT, hidden, gates, rows, out, 1),
                out -> Products.multAddPacked(vector, h, 0, hidden, vT, hidden, gates, rows, out, 1));
        float[][] dg = random(rows, gates, rnd);
        float[][] dh = random(rows, hidden, rnd);
        sameTwoWays("backward recurrence, " + shape, dh,
                out -> Products.multAdd(scalar, dg, 0, wRows, gates, hidden, rows, out, 0),
                out -> Products.multAddPacked(vector, dg, 0, vRows, gates, hidden, rows, out, 0));
    }

    private static void sameTwoWays(String what, float[][] output, java.util.function.Consumer<float[][]> scalarWay,
            java.util.function.Consumer<float[][]> vectorWay) {
        float[][] a = copy(output);
        float[][] b = copy(output);
        scalarWay.accept(a);
        vectorWay.accept(b);
        for (int r = 0; r < a.length; r++) {
            assertArrayEquals(a[r], b[r], 0f, what + ": row " + r);
        }
        assertFalse(Arrays.deepEquals(a, output), what + ": the kernels wrote nothing");
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void activationsGiveTheSameBits(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int hidden = 1 + rnd.nextInt(40);
        int rows = 1 + rnd.nextInt(5);
        for (Activation act : java.util.List.of(Activation.gates(hidden, rows), Activation.tanh(rows * hidden),
                Activation.sigmoid(rows * hidden))) {
            int n = act.columns();
            float[] x = new float[n];
            for (int k = 0; k < n; k++) {
                // mostly the usual range, some far beyond the clamp at 87, some zeros
                double scale = rnd.nextInt(8) == 0 ? 200 : 6;
                x[k] = rnd.nextInt(16) == 0 ? 0f : (float) rnd.nextDouble(-scale, scale);
            }
            float[] a = x.clone();
            float[] b = x.clone();
            scalar.activate(act, n, new float[n], new float[n], a);
            vector.activate(act, n, new float[n], new float[n], b);
            assertArrayEquals(a, b, 0f, "activation of " + n + " elements");
            assertFalse(Arrays.equals(a, x), "the activation wrote nothing");
        }
    }

    /** Runs {@code op} on a copy of {@code output} per path and compares the copies bit for bit. */
    private void same(String what, float[][] output,
            BiConsumer<ArrayKernels<float[], float[][]>, float[][]> op) {
        float[][] a = copy(output);
        float[][] b = copy(output);
        op.accept(scalar, a);
        op.accept(vector, b);
        for (int r = 0; r < a.length; r++) {
            assertArrayEquals(a[r], b[r], 0f, what + ": row " + r);
        }
        assertFalse(Arrays.deepEquals(a, output), what + ": the kernels wrote nothing");
    }

    private static int pick(SplittableRandom rnd, int... values) {
        return values[rnd.nextInt(values.length)];
    }

    private static float[] random(int n, SplittableRandom rnd) {
        float[] v = new float[n];
        for (int k = 0; k < n; k++) {
            v[k] = (float) rnd.nextDouble(-1, 1);
        }
        return v;
    }

    private static float[][] random(int rows, int cols, SplittableRandom rnd) {
        float[][] m = new float[rows][];
        for (int r = 0; r < rows; r++) {
            m[r] = random(cols, rnd);
        }
        return m;
    }

    private static float[][] copy(float[][] m) {
        float[][] c = new float[m.length][];
        for (int r = 0; r < m.length; r++) {
            c[r] = m[r].clone();
        }
        return c;
    }
}
