package io.github.lstmdynamics.lstm.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float32 kernels on the JDK's Vector API: {@link ScalarFloatKernels} with its matrix products of many
 * terms ({@code multAddRows} and the weight gradients' {@code multAddTransA}) replaced by a register-blocked
 * product, eight lanes of {@link FloatVector#SPECIES_256} on every machine (AVX2 and AVX-512 alike).
 *
 * <p>The product keeps a block of 4 rows by 24 columns of C in twelve vector registers while it runs along
 * the summed index, broadcasting one element of A per row and reading B from a panel of {@value #PANEL}
 * columns whose rows are contiguous: packed once per step for the recurrent weights
 * ({@link #packRowsAndTranspose}), else copied here {@value #DEPTH_BLOCK} rows at a time. Every element of
 * C is one chain of fused multiply-adds along the summed index, in order, from its value: the order of
 * {@link ScalarFloatKernels}, so the two give the same bits whatever the blocks. Rows and columns that do
 * not fill a block take 16-, 8- and 1-column forms of the same chains.
 *
 * <p>Loaded reflectively by {@link KernelProvider} only when {@code jdk.incubator.vector} is readable;
 * compiled separately (src/main/vector). Thread-safe: the packed copies of A and B live in per-thread
 * buffers ({@code Scratch}), grown on first use to the largest block seen (at most 128 KiB of B and
 * {@code 4 * 128} floats of A per four rows), so the steady state allocates nothing.
 */
final class VectorFloatKernels extends ScalarFloatKernels {

    static final VectorFloatKernels INSTANCE = new VectorFloatKernels();

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
    /** Columns of C kept in registers: three vectors of eight. */
    private static final int PANEL = 24;
    /**
     * Most rows of a panel of B packed at a time: 128 rows of 24 floats (12 KiB) and the 128 lines of A
     * they meet (8 KiB) fit the 32 KiB L1 data cache together.
     */
    private static final int DEPTH_BLOCK = 128;

    /** The most elements of B packed whole for a rows-first product: 128 KiB, a quarter of the 512 KiB L2. */
    private static final int ROWS_FIRST_FLOATS = 32 * 1024;

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** A thread's packed copies: a panel of B, and A's rows in groups of four (grown, never shrunk). */
    private static final class Scratch {
        final float[] panel = new float[DEPTH_BLOCK * PANEL];
        float[] quads = new float[0];
        float[] panels = new float[0];

        float[] panels(int n) {
            if (panels.length < n) {
                panels = new float[n];
            }
            return panels;
        }

        float[] quads(int n) {
            if (quads.length < n) {
                quads = new float[n];
            }
            return quads;
        }
    }

    private static final IntVector EXPONENT_BIAS = IntVector.broadcast(IntVector.SPECIES_256, 127);
    private static final IntVector MANTISSA_BITS = IntVector.broadcast(IntVector.SPECIES_256, 23);

    private VectorFloatKernels() {
    }

    @Override
    public String name() {
        return "vector-float32";
    }

    // ------------------------------------------------------------------ activations

    /**
     * {@link ScalarFloatKernels#activate}'s operations lanewise, in the same order (separate multiply and
     * add, never fused), so the same bits: the range reduction, then 2^k from the bits, the polynomial and
     * the activation; the elements after the last whole vector by the scalar expressions.
     */
    @Override
    public void activate(Activation act, int n, float[] v, float[] p, float[] x) {
        float[] sc = act.scale32;
        float[] m = act.numerator32;
        float[] a = act.offset32;
        int bound = S.loopBound(n);
        for (int k = 0; k < bound; k += 8) {
            FloatVector arg = FloatVector.fromArray(S, sc, k).mul(FloatVector.fromArray(S, x, k))
                    .min(MAX_ARG).max(-MAX_ARG);
            FloatVector shifted = arg.mul(LOG2E).add(ROUND);
            FloatVector kf = shifted.sub(ROUND);
            arg.sub(kf.mul(LN2_HI)).sub(kf.mul(LN2_LO)).intoArray(v, k);
            shifted.intoArray(x, k);
        }
        for (int k = 0; k < bound; k += 8) {
            FloatVector twoToK = (FloatVector) ((IntVector) FloatVector.fromArray(S, x, k).viewAsIntegralLanes())
                    .add(EXPONENT_BIAS).lanewise(VectorOperators.LSHL, MANTISSA_BITS).viewAsFloatingLanes();
            FloatVector r = FloatVector.fromArray(S, v, k);
            FloatVector q = r.mul(EXP_P0).add(EXP_P1);
            q = q.mul(r).add(EXP_P2);
            q = q.mul(r).add(EXP_P3);
            q = q.mul(r).add(EXP_P4);
            q = q.mul(r).add(EXP_P5);
            FloatVector e = q.mul(r.mul(r)).add(r).add(1f).mul(twoToK);
            FloatVector.fromArray(S, m, k).div(e.add(1f)).add(FloatVector.fromArray(S, a, k)).intoArray(x, k);
        }
        for (int k = bound; k < n; k++) {
            float arg = Math.max(-MAX_ARG, Math.min(MAX_ARG, sc[k] * x[k]));
            float shifted = arg * LOG2E + ROUND;
            float kf = shifted - ROUND;
            float r = arg - kf * LN2_HI - kf * LN2_LO;
            float e = expReduced(r) * Float.intBitsToFloat((Float.floatToRawIntBits(shifted) + 127) << 23);
            x[k] = m[k] / (1f + e) + a[k];
        }
    }

    // ------------------------------------------------------------------ products

    @Override
    public void multAddRows(float[] a, int a0, int aStride, float[][] b, int q0, int q1, int j0, int j1,
            int rows, float[][] c, int c0) {
        product(a, null, a0, aStride, 1, b, null, q0, q1, j0, j1, rows, c, c0);
    }

    @Override
    public void multAddRows(float[][] a, int a0, float[][] b, int q0, int q1, int j0, int j1, int rows,
            float[][] c, int c0) {
        product(null, a, a0, 0, 1, b, null, q0, q1, j0, j1, rows, c, c0);
    }

    @Override
    public void multAddPackedRows(float[] a, int a0, int aStride, float[][] packed, int q0, int q1, int j0,
            int j1, int rows, float[][] c, int c0) {
        product(a, null, a0, aStride, 1, null, packed, q0, q1, j0, j1, rows, c, c0);
    }

    @Override
    public void multAddPackedRows(float[][] a, int a0, float[][] packed, int q0, int q1, int j0, int j1,
            int rows, float[][] c, int c0) {
        product(null, a, a0, 0, 1, null, packed, q0, q1, j0, j1, rows, c, c0);
    }

    @Override
    public void multAddTransA(float[] y, int yStride, int q0, int q1, float[][] d, int rows, int j0, int j1,
            float[][] wt) {
        // wt[q0 + i][j] += sum_r y[r * yStride + q0 + i] d[r][j]: row i of A is column q0 + i of Y, so A's
        // rows are one element apart and its summed index yStride elements apart
        product(y, null, q0, 1, yStride, d, null, 0, rows, j0, j1, q1 - q0, wt, q0);
    }

    // ------------------------------------------------------------------ packed B

    /**
     * Panels of {@value #PANEL} columns (the last one narrower), panel {@code p} holding
     * {@code B[q][24 p + t]} at {@code q * w + t}, {@code w} its width: {@code depth * width} elements in all.
     */
    @Override
    public float[][] newPacked(int depth, int width) {
        int panels = (width + PANEL - 1) / PANEL;
        float[][] packed = new float[panels][];
        for (int p = 0; p < panels; p++) {
            packed[p] = new float[depth * Math.min(PANEL, width - p * PANEL)];
        }
        return packed;
    }

    @Override
    public void packRowsAndTranspose(float[] w, int rows, int n, float[][] asRows, float[][] transposed) {
        // asRows: B = W, depth rows, width n; transposed: B = W^T, depth n, width rows
        for (int p = 0; p < asRows.length; p++) {
            int j = p * PANEL;
            int pw = Math.min(PANEL, n - j);
            float[] panel = asRows[p];
            for (int q = 0; q < rows; q++) {
                System.arraycopy(w, q * n + j, panel, q * pw, pw);
            }
        }
        for (int p = 0; p < transposed.length; p++) {
            int j = p * PANEL;
            int pw = Math.min(PANEL, rows - j);
            float[] panel = transposed[p];
            for (int q = 0; q < n; q++) {
                for (int t = 0; t < pw; t++) {
                    panel[q * pw + t] = w[(j + t) * n + q];
                }
            }
        }
    }

    // ------------------------------------------------------------------ the product

    /**
     * {@code c[c0 + i][j] += sum_q A(i, q) B(q, j)} for {@code i < rows}, {@code q0 <= q < q1},
     * {@code j0 <= j < j1}, with {@code A(i, q) = aRows[a0 + i][q]} when {@code aRows} is not null, else
     * {@code aFlat[(a0 + i) * rowStride + q * depthStride]}; B as rows ({@code bRows}, packed here a panel at
     * a time) or packed ({@code bPanels}, by {@link #packRowsAndTranspose}, {@code j0} a multiple of
     * {@value #PANEL}).
     */
    private static void product(float[] aFlat, float[][] aRows, int a0, int rowStride, int depthStride,
            float[][] bRows, float[][] bPanels, int q0, int q1, int j0, int j1, int rows, float[][] c, int c0) {
        if (bPanels != null && j0 % PANEL != 0) {
            throw new IllegalArgumentException("packed B starts at column " + j0 + ": expected a multiple of "
                    + PANEL + " (Products tiles at multiples of 240)");
        }
        Scratch scratch = SCRATCH.get();
        // packed B is read in place over the whole depth; B as rows is packed in equal blocks of at most
        // DEPTH_BLOCK rows, so that a panel and the lines of A it meets stay in L1
        int blocks = bPanels != null ? 1 : (q1 - q0 + DEPTH_BLOCK - 1) / DEPTH_BLOCK;
        int block = blocks <= 1 ? q1 - q0 : (q1 - q0 + blocks - 1) / blocks;
        // A whose summed index is strided (the weight gradient's columns of Y) is packed too, per depth
        // block: four rows' elements side by side for each term, read in order by every panel
        boolean packA = aRows == null && depthStride != 1 && rows >= 4;
        for (int k0 = q0; k0 < q1; k0 += block) {
            int kc = Math.min(block, q1 - k0);
            float[] quads = null;
            if (packA) {
                quads = scratch.quads((rows & ~3) * kc);
                for (int g = 0; g < rows / 4; g++) {
                    int o = g * 4 * kc;
                    for (int p = 0; p < kc; p++) {
                        int src = (a0 + 4 * g) * rowStride + (k0 + p) * depthStride;
                        quads[o + 4 * p] = aFlat[src];
                        quads[o + 4 * p + 1] = aFlat[src + rowStride];
                        quads[o + 4 * p + 2] = aFlat[src + 2 * rowStride];
                        quads[o + 4 * p + 3] = aFlat[src + 3 * rowStride];
                    }
                }
            }
            if (bPanels == null && quads == null && kc * (j1 - j0) <= ROWS_FIRST_FLOATS) {
                // B's block is small (a shallow product such as the input projection): pack all its
                // panels, then take C four rows at a time across all of them, so that C streams row by row
                float[] b = scratch.panels(kc * (j1 - j0));
                for (int j = j0; j < j1; j += PANEL) {
                    int w = Math.min(PANEL, j1 - j);
                    pack(bRows, k0, kc, j, w, b, (j - j0) * kc);
                }
                for (int i = 0; i < rows; i += 4) {
                    int n = Math.min(4, rows - i);
                    for (int j = j0; j < j1; j += PANEL) {
                        panel(aFlat, aRows, a0 + i, rowStride, depthStride, null, k0, kc, b, (j - j0) * kc,
                                Math.min(PANEL, j1 - j), n, c, c0 + i, j);
                    }
                }
                continue;
            }
            for (int j = j0; j < j1; j += PANEL) {
                // a packed panel is full width unless it is the last of B, which is where j1 then falls
                int w = Math.min(PANEL, j1 - j);
                float[] b;
                int bBase;
                if (bPanels != null) {
                    b = bPanels[j / PANEL];
                    bBase = k0 * w;
                } else {
                    b = scratch.panel;
                    bBase = 0;
                    pack(bRows, k0, kc, j, w, b, 0);
                }
                panel(aFlat, aRows, a0, rowStride, depthStride, quads, k0, kc, b, bBase, w, rows, c, c0, j);
            }
        }
    }

    /**
     * {@code b[base + p * w + t] = bRows[k0 + p][j + t]} for {@code p < kc}, {@code t < w}: a panel of B with
     * its rows contiguous; a full panel by three vector moves per row (a copy call per row of 24 floats
     * costs more than the copy).
     */
    private static void pack(float[][] bRows, int k0, int kc, int j, int w, float[] b, int base) {
        if (w == PANEL) {
            for (int p = 0; p < kc; p++) {
                float[] row = bRows[k0 + p];
                int o = base + p * PANEL;
                FloatVector.fromArray(S, row, j).intoArray(b, o);
                FloatVector.fromArray(S, row, j + 8).intoArray(b, o + 8);
                FloatVector.fromArray(S, row, j + 16).intoArray(b, o + 16);
            }
        } else {
            for (int p = 0; p < kc; p++) {
                System.arraycopy(bRows[k0 + p], j, b, base + p * w, w);
            }
        }
    }

    /**
     * Columns {@code [j, j + w)} of C over the {@code kc} terms from {@code k0}: B(k0 + p, j + t) at
     * {@code b[bBase + p * w + t]}.
     */
    private static void panel(float[] aFlat, float[][] aRows, int a0, int rowStride, int ds, float[] quads,
            int k0, int kc, float[] b, int bBase, int w, int rows, float[][] c, int c0, int j) {
        int i = 0;
        for (; i + 4 <= rows; i += 4) {
            // A(i + r, k0 + p) at quads[4 kc (i / 4) + 4 p + r] when packed: rows 1 apart, terms 4 apart
            float[] qa = quads == null ? aFlat : quads;
            float[][] qRows = quads == null ? aRows : null;
            int qi = quads == null ? a0 + i : i * kc;
            int qStride = quads == null ? rowStride : 1;
            int qds = quads == null ? ds : 4;
            int qk0 = quads == null ? k0 : 0;
            int t = 0;
            if (w == PANEL) {
                block4x24(qa, qRows, qi, qStride, qds, qk0, kc, b, bBase, c, c0 + i, j);
                t = PANEL;
            }
            if (w - t >= 16) {
                block4x16(qa, qRows, qi, qStride, qds, qk0, kc, b, bBase + t, w, c, c0 + i, j + t);
                t += 16;
            }
            if (w - t >= 8) {
                block4x8(qa, qRows, qi, qStride, qds, qk0, kc, b, bBase + t, w, c, c0 + i, j + t);
                t += 8;
            }
            for (int r = 0; r < 4 && t < w; r++) {
                chains(aFlat, aRows, a0 + i + r, rowStride, ds, k0, kc, b, bBase, w, t, c[c0 + i + r], j);
            }
        }
        for (; i < rows; i++) {
            int t = 0;
            for (; t + 8 <= w; t += 8) {
                block1x8(aFlat, aRows, a0 + i, rowStride, ds, k0, kc, b, bBase + t, w, c[c0 + i], j + t);
            }
            if (t < w) {
                chains(aFlat, aRows, a0 + i, rowStride, ds, k0, kc, b, bBase, w, t, c[c0 + i], j);
            }
        }
    }

    /** The array holding row {@code i} of A. */
    private static float[] rowArray(float[] aFlat, float[][] aRows, int i) {
        return aRows == null ? aFlat : aRows[i];
    }

    /** The offset of {@code A(i, k0)} in {@link #rowArray}. */
    private static int offset(float[][] aRows, int i, int rowStride, int k0, int ds) {
        return (aRows == null ? i * rowStride : 0) + k0 * ds;
    }

    /**
     * Rows {@code i..i+3}, columns {@code j..j+23} of C: twelve accumulators along the {@code kc} terms from
     * {@code k0}, B(k0 + p, j + t) at {@code b[bBase + 24 p + t]}.
     */
    private static void block4x24(float[] aFlat, float[][] aRows, int i, int rowStride, int ds, int k0, int kc,
            float[] b, int bBase, float[][] c, int ci, int j) {
        float[] x0 = rowArray(aFlat, aRows, i);
        float[] x1 = rowArray(aFlat, aRows, i + 1);
        float[] x2 = rowArray(aFlat, aRows, i + 2);
        float[] x3 = rowArray(aFlat, aRows, i + 3);
        int o0 = offset(aRows, i, rowStride, k0, ds);
        int o1 = offset(aRows, i + 1, rowStride, k0, ds);
        int o2 = offset(aRows, i + 2, rowStride, k0, ds);
        int o3 = offset(aRows, i + 3, rowStride, k0, ds);
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
            int bp = bBase + p * PANEL;
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + 8);
            FloatVector b2 = FloatVector.fromArray(S, b, bp + 16);
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

    /** Rows {@code i..i+3}, columns {@code j..j+15} of C, B(k0 + p, j + t) at {@code b[bBase + p * bStride + t]}. */
    private static void block4x16(float[] aFlat, float[][] aRows, int i, int rowStride, int ds, int k0, int kc,
            float[] b, int bBase, int bStride, float[][] c, int ci, int j) {
        float[] x0 = rowArray(aFlat, aRows, i);
        float[] x1 = rowArray(aFlat, aRows, i + 1);
        float[] x2 = rowArray(aFlat, aRows, i + 2);
        float[] x3 = rowArray(aFlat, aRows, i + 3);
        int o0 = offset(aRows, i, rowStride, k0, ds);
        int o1 = offset(aRows, i + 1, rowStride, k0, ds);
        int o2 = offset(aRows, i + 2, rowStride, k0, ds);
        int o3 = offset(aRows, i + 3, rowStride, k0, ds);
        float[] c0 = c[ci];
        float[] c1 = c[ci + 1];
        float[] c2 = c[ci + 2];
        float[] c3 = c[ci + 3];
        FloatVector s00 = FloatVector.fromArray(S, c0, j);
        FloatVector s01 = FloatVector.fromArray(S, c0, j + 8);
        FloatVector s10 = FloatVector.fromArray(S, c1, j);
        FloatVector s11 = FloatVector.fromArray(S, c1, j + 8);
        FloatVector s20 = FloatVector.fromArray(S, c2, j);
        FloatVector s21 = FloatVector.fromArray(S, c2, j + 8);
        FloatVector s30 = FloatVector.fromArray(S, c3, j);
        FloatVector s31 = FloatVector.fromArray(S, c3, j + 8);
        for (int p = 0; p < kc; p++) {
            int bp = bBase + p * bStride;
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + 8);
            int pd = p * ds;
            FloatVector x = FloatVector.broadcast(S, x0[o0 + pd]);
            s00 = b0.fma(x, s00);
            s01 = b1.fma(x, s01);
            x = FloatVector.broadcast(S, x1[o1 + pd]);
            s10 = b0.fma(x, s10);
            s11 = b1.fma(x, s11);
            x = FloatVector.broadcast(S, x2[o2 + pd]);
            s20 = b0.fma(x, s20);
            s21 = b1.fma(x, s21);
            x = FloatVector.broadcast(S, x3[o3 + pd]);
            s30 = b0.fma(x, s30);
            s31 = b1.fma(x, s31);
        }
        s00.intoArray(c0, j);
        s01.intoArray(c0, j + 8);
        s10.intoArray(c1, j);
        s11.intoArray(c1, j + 8);
        s20.intoArray(c2, j);
        s21.intoArray(c2, j + 8);
        s30.intoArray(c3, j);
        s31.intoArray(c3, j + 8);
    }

    /** Rows {@code i..i+3}, columns {@code j..j+7} of C, B(k0 + p, j + t) at {@code b[bBase + p * bStride + t]}. */
    private static void block4x8(float[] aFlat, float[][] aRows, int i, int rowStride, int ds, int k0, int kc,
            float[] b, int bBase, int bStride, float[][] c, int ci, int j) {
        float[] x0 = rowArray(aFlat, aRows, i);
        float[] x1 = rowArray(aFlat, aRows, i + 1);
        float[] x2 = rowArray(aFlat, aRows, i + 2);
        float[] x3 = rowArray(aFlat, aRows, i + 3);
        int o0 = offset(aRows, i, rowStride, k0, ds);
        int o1 = offset(aRows, i + 1, rowStride, k0, ds);
        int o2 = offset(aRows, i + 2, rowStride, k0, ds);
        int o3 = offset(aRows, i + 3, rowStride, k0, ds);
        FloatVector s0 = FloatVector.fromArray(S, c[ci], j);
        FloatVector s1 = FloatVector.fromArray(S, c[ci + 1], j);
        FloatVector s2 = FloatVector.fromArray(S, c[ci + 2], j);
        FloatVector s3 = FloatVector.fromArray(S, c[ci + 3], j);
        for (int p = 0; p < kc; p++) {
            FloatVector bp = FloatVector.fromArray(S, b, bBase + p * bStride);
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

    /** Row {@code i}, columns {@code j..j+7} of C, B(k0 + p, j + t) at {@code b[bBase + p * bStride + t]}. */
    private static void block1x8(float[] aFlat, float[][] aRows, int i, int rowStride, int ds, int k0, int kc,
            float[] b, int bBase, int bStride, float[] c, int j) {
        float[] x0 = rowArray(aFlat, aRows, i);
        int o0 = offset(aRows, i, rowStride, k0, ds);
        FloatVector s = FloatVector.fromArray(S, c, j);
        for (int p = 0; p < kc; p++) {
            s = FloatVector.fromArray(S, b, bBase + p * bStride).fma(FloatVector.broadcast(S, x0[o0 + p * ds]), s);
        }
        s.intoArray(c, j);
    }

    /** Row {@code i}, columns {@code j + t0 .. j + w - 1} of C, one scalar chain per element, B as in {@code panel}. */
    private static void chains(float[] aFlat, float[][] aRows, int i, int rowStride, int ds, int k0, int kc,
            float[] b, int bBase, int w, int t0, float[] c, int j) {
        float[] x0 = rowArray(aFlat, aRows, i);
        int o0 = offset(aRows, i, rowStride, k0, ds);
        for (int t = t0; t < w; t++) {
            float s = c[j + t];
            for (int p = 0; p < kc; p++) {
                s = Math.fma(x0[o0 + p * ds], b[bBase + p * w + t], s);
            }
            c[j + t] = s;
        }
    }
}
