package io.github.lstmdynamics.lstm.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float32 kernels on the JDK's Vector API: {@link ScalarFloatKernels} with its matrix products of many
 * terms ({@code multAddRows} and the weight gradients' {@code multAddTransA}) replaced by a register-blocked
 * product, eight lanes of {@link FloatVector#SPECIES_256} on every machine (AVX2 and AVX-512 alike).
 *
 * <p>The product keeps a block of 4 rows by 24 columns of C in twelve vector registers while it runs along
 * the summed index, reading B from a packed copy of a panel of {@value #PANEL} columns by at most
 * {@value #DEPTH_BLOCK} rows (kept in the L1 cache) and broadcasting one element of A per row. Every element
 * of C is one chain of fused multiply-adds along the summed index, in order, from its value: the order of
 * {@link ScalarFloatKernels}, so the two give the same bits whatever the blocks. Rows and columns that do
 * not fill a block take 1-row or 8-column forms of the same chains, the last columns below eight the
 * scalar chain.
 *
 * <p>Loaded reflectively by {@link KernelProvider} only when {@code jdk.incubator.vector} is readable;
 * compiled separately (src/main/vector). Thread-safe: the packed panel is a per-thread buffer, allocated
 * once per thread.
 */
final class VectorFloatKernels extends ScalarFloatKernels {

    static final VectorFloatKernels INSTANCE = new VectorFloatKernels();

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
    /** Columns of C kept in registers: three vectors of eight. */
    private static final int PANEL = 24;
    /** Rows of a packed panel of B: 256 rows of 24 floats is 24 KiB, within the 32 KiB L1 data cache. */
    private static final int DEPTH_BLOCK = 256;

    private static final ThreadLocal<float[]> PACKED = ThreadLocal.withInitial(() -> new float[DEPTH_BLOCK * PANEL]);

    private VectorFloatKernels() {
    }

    @Override
    public String name() {
        return "vector-float32";
    }

    @Override
    public void multAddRows(float[] a, int a0, int aStride, float[][] b, int q0, int q1, int j0, int j1,
            int rows, float[][] c, int c0) {
        product(a, null, a0, aStride, 1, b, q0, q1, j0, j1, rows, c, c0);
    }

    @Override
    public void multAddRows(float[][] a, int a0, float[][] b, int q0, int q1, int j0, int j1, int rows,
            float[][] c, int c0) {
        product(null, a, a0, 0, 1, b, q0, q1, j0, j1, rows, c, c0);
    }

    @Override
    public void multAddTransA(float[] y, int yStride, int q0, int q1, float[][] d, int rows, int j0, int j1,
            float[][] wt) {
        // wt[q0 + i][j] += sum_r y[r * yStride + q0 + i] d[r][j]: row i of A is column q0 + i of Y, so A's
        // rows are one element apart and its summed index yStride elements apart
        product(y, null, q0, 1, yStride, d, 0, rows, j0, j1, q1 - q0, wt, q0);
    }

    /**
     * {@code c[c0 + i][j] += sum_q A(i, q) b[q][j]} for {@code i < rows}, {@code q0 <= q < q1},
     * {@code j0 <= j < j1}, with {@code A(i, q) = aRows[a0 + i][q]} when {@code aRows} is not null, else
     * {@code aFlat[(a0 + i) * rowStride + q * depthStride]}.
     */
    private static void product(float[] aFlat, float[][] aRows, int a0, int rowStride, int depthStride,
            float[][] b, int q0, int q1, int j0, int j1, int rows, float[][] c, int c0) {
        float[] packed = PACKED.get();
        for (int k0 = q0; k0 < q1; k0 += DEPTH_BLOCK) {
            int kc = Math.min(DEPTH_BLOCK, q1 - k0);
            int j = j0;
            for (; j + PANEL <= j1; j += PANEL) {
                pack(b, k0, kc, j, packed);
                int i = 0;
                for (; i + 4 <= rows; i += 4) {
                    block4x24(aFlat, aRows, a0 + i, rowStride, depthStride, k0, kc, packed, c, c0 + i, j);
                }
                for (; i < rows; i++) {
                    block1x24(aFlat, aRows, a0 + i, rowStride, depthStride, k0, kc, packed, c[c0 + i], j);
                }
            }
            for (; j + 8 <= j1; j += 8) {
                int i = 0;
                for (; i + 4 <= rows; i += 4) {
                    block4x8(aFlat, aRows, a0 + i, rowStride, depthStride, b, k0, kc, c, c0 + i, j);
                }
                for (; i < rows; i++) {
                    block1x8(aFlat, aRows, a0 + i, rowStride, depthStride, b, k0, kc, c[c0 + i], j);
                }
            }
            if (j < j1) {
                for (int i = 0; i < rows; i++) {
                    chains(aFlat, aRows, a0 + i, rowStride, depthStride, b, k0, kc, c[c0 + i], j, j1);
                }
            }
        }
    }

    /** {@code packed[p * PANEL + t] = b[k0 + p][j + t]} for {@code p < kc}, {@code t < PANEL}. */
    private static void pack(float[][] b, int k0, int kc, int j, float[] packed) {
        for (int p = 0; p < kc; p++) {
            System.arraycopy(b[k0 + p], j, packed, p * PANEL, PANEL);
        }
    }

    /** The array holding row {@code i} of A. */
    private static float[] rowArray(float[] aFlat, float[][] aRows, int i) {
        return aRows == null ? aFlat : aRows[i];
    }

    /** The offset of {@code A(i, 0)} in {@link #rowArray}. */
    private static int rowOffset(float[][] aRows, int i, int rowStride) {
        return aRows == null ? i * rowStride : 0;
    }

    /** Rows {@code i..i+3}, columns {@code j..j+23} of C: twelve accumulators along {@code kc} terms from {@code k0}. */
    private static void block4x24(float[] aFlat, float[][] aRows, int i, int rowStride, int ds, int k0, int kc,
            float[] packed, float[][] c, int ci, int j) {
        float[] x0 = rowArray(aFlat, aRows, i);
        float[] x1 = rowArray(aFlat, aRows, i + 1);
        float[] x2 = rowArray(aFlat, aRows, i + 2);
        float[] x3 = rowArray(aFlat, aRows, i + 3);
        int o0 = rowOffset(aRows, i, rowStride) + k0 * ds;
        int o1 = rowOffset(aRows, i + 1, rowStride) + k0 * ds;
        int o2 = rowOffset(aRows, i + 2, rowStride) + k0 * ds;
        int o3 = rowOffset(aRows, i + 3, rowStride) + k0 * ds;
        float[] c0 = c[ci];
        float[] c1 = c[ci + 1];
        float[] c2 = c[ci + 2];
        float[] c3 = c[ci + 3];
        FloatVector s00 = FloatVector.fromArray(S, c0, j);
        FloatVector s01 = FloatVector.fromArray(S, c0, j + 8);
        FloatVector s02 = FloatVector.fromArray(S, c0, j + 16);
        FloatVector s10 = FloatVector.fromArray(S, c1, j);
        FloatVector s11 = FloatVector.fromArray(S, c1, j + 8);
        FloatVector s12 = FloatVector.fromArray(S, c1, j + 16);
        FloatVector s20 = FloatVector.fromArray(S, c2, j);
        FloatVector s21 = FloatVector.fromArray(S, c2, j + 8);
        FloatVector s22 = FloatVector.fromArray(S, c2, j + 16);
        FloatVector s30 = FloatVector.fromArray(S, c3, j);
        FloatVector s31 = FloatVector.fromArray(S, c3, j + 8);
        FloatVector s32 = FloatVector.fromArray(S, c3, j + 16);
        for (int p = 0; p < kc; p++) {
            int bp = p * PANEL;
            FloatVector b0 = FloatVector.fromArray(S, packed, bp);
            FloatVector b1 = FloatVector.fromArray(S, packed, bp + 8);
            FloatVector b2 = FloatVector.fromArray(S, packed, bp + 16);
            int pd = p * ds;
            FloatVector x = FloatVector.broadcast(S, x0[o0 + pd]);
            s00 = b0.fma(x, s00);
            s01 = b1.fma(x, s01);
            s02 = b2.fma(x, s02);
            x = FloatVector.broadcast(S, x1[o1 + pd]);
            s10 = b0.fma(x, s10);
            s11 = b1.fma(x, s11);
            s12 = b2.fma(x, s12);
            x = FloatVector.broadcast(S, x2[o2 + pd]);
            s20 = b0.fma(x, s20);
            s21 = b1.fma(x, s21);
            s22 = b2.fma(x, s22);
            x = FloatVector.broadcast(S, x3[o3 + pd]);
            s30 = b0.fma(x, s30);
            s31 = b1.fma(x, s31);
            s32 = b2.fma(x, s32);
        }
        s00.intoArray(c0, j);
        s01.intoArray(c0, j + 8);
        s02.intoArray(c0, j + 16);
        s10.intoArray(c1, j);
        s11.intoArray(c1, j + 8);
        s12.intoArray(c1, j + 16);
        s20.intoArray(c2, j);
        s21.intoArray(c2, j + 8);
        s22.intoArray(c2, j + 16);
        s30.intoArray(c3, j);
        s31.intoArray(c3, j + 8);
        s32.intoArray(c3, j + 16);
    }

    /** Row {@code i}, columns {@code j..j+23} of C, B from the packed panel. */
    private static void block1x24(float[] aFlat, float[][] aRows, int i, int rowStride, int ds, int k0, int kc,
            float[] packed, float[] c, int j) {
        float[] x0 = rowArray(aFlat, aRows, i);
        int o0 = rowOffset(aRows, i, rowStride) + k0 * ds;
        FloatVector s0 = FloatVector.fromArray(S, c, j);
        FloatVector s1 = FloatVector.fromArray(S, c, j + 8);
        FloatVector s2 = FloatVector.fromArray(S, c, j + 16);
        for (int p = 0; p < kc; p++) {
            int bp = p * PANEL;
            FloatVector x = FloatVector.broadcast(S, x0[o0 + p * ds]);
            s0 = FloatVector.fromArray(S, packed, bp).fma(x, s0);
            s1 = FloatVector.fromArray(S, packed, bp + 8).fma(x, s1);
            s2 = FloatVector.fromArray(S, packed, bp + 16).fma(x, s2);
        }
        s0.intoArray(c, j);
        s1.intoArray(c, j + 8);
        s2.intoArray(c, j + 16);
    }

    /** Rows {@code i..i+3}, columns {@code j..j+7} of C, B read in place. */
    private static void block4x8(float[] aFlat, float[][] aRows, int i, int rowStride, int ds, float[][] b,
            int k0, int kc, float[][] c, int ci, int j) {
        float[] x0 = rowArray(aFlat, aRows, i);
        float[] x1 = rowArray(aFlat, aRows, i + 1);
        float[] x2 = rowArray(aFlat, aRows, i + 2);
        float[] x3 = rowArray(aFlat, aRows, i + 3);
        int o0 = rowOffset(aRows, i, rowStride) + k0 * ds;
        int o1 = rowOffset(aRows, i + 1, rowStride) + k0 * ds;
        int o2 = rowOffset(aRows, i + 2, rowStride) + k0 * ds;
        int o3 = rowOffset(aRows, i + 3, rowStride) + k0 * ds;
        FloatVector s0 = FloatVector.fromArray(S, c[ci], j);
        FloatVector s1 = FloatVector.fromArray(S, c[ci + 1], j);
        FloatVector s2 = FloatVector.fromArray(S, c[ci + 2], j);
        FloatVector s3 = FloatVector.fromArray(S, c[ci + 3], j);
        for (int p = 0; p < kc; p++) {
            FloatVector bp = FloatVector.fromArray(S, b[k0 + p], j);
            int pd = p * ds;
            s0 = bp.fma(FloatVector.broadcast(S, x0[o0 + pd]), s0);
            s1 = bp.fma(FloatVector.broadcast(S, x1[o1 + pd]), s1);
            s2 = bp.fma(FloatVector.broadcast(S, x2[o2 + pd]), s2);
            s3 = bp.fma(FloatVector.broadcast(S, x3[o3 + pd]), s3);
        }
        s0.intoArray(c[ci], j);
        s1.intoArray(c[ci + 1], j);
        s2.intoArray(c[ci + 2], j);
        s3.intoArray(c[ci + 3], j);
    }

    /** Row {@code i}, columns {@code j..j+7} of C, B read in place. */
    private static void block1x8(float[] aFlat, float[][] aRows, int i, int rowStride, int ds, float[][] b,
            int k0, int kc, float[] c, int j) {
        float[] x0 = rowArray(aFlat, aRows, i);
        int o0 = rowOffset(aRows, i, rowStride) + k0 * ds;
        FloatVector s = FloatVector.fromArray(S, c, j);
        for (int p = 0; p < kc; p++) {
            s = FloatVector.fromArray(S, b[k0 + p], j).fma(FloatVector.broadcast(S, x0[o0 + p * ds]), s);
        }
        s.intoArray(c, j);
    }

    /** Row {@code i}, columns {@code [j0, j1)} of C, one scalar chain per element. */
    private static void chains(float[] aFlat, float[][] aRows, int i, int rowStride, int ds, float[][] b,
            int k0, int kc, float[] c, int j0, int j1) {
        float[] x0 = rowArray(aFlat, aRows, i);
        int o0 = rowOffset(aRows, i, rowStride) + k0 * ds;
        for (int j = j0; j < j1; j++) {
            float s = c[j];
            for (int p = 0; p < kc; p++) {
                s = Math.fma(x0[o0 + p * ds], b[k0 + p][j], s);
            }
            c[j] = s;
        }
    }
}
