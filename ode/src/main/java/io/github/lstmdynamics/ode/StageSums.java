package io.github.lstmdynamics.ode;

/**
 * Weighted sums of Runge-Kutta stages, {@code out[i] = sum_{j<s} w[j] K[j][i]}, added up in the order
 * in which scipy's numpy computes {@code np.dot(K[:s].T, w[:s])}: OpenBLAS's {@code dgemv_n} kernel
 * for x86-64 with AVX2 and FMA (Haswell and later; the kernel numpy's wheels select on such CPUs).
 *
 * <p>Why this matters: the embedded error estimate {@code h K^T E} cancels almost all digits of the
 * stages at tight tolerances, so the last bits of these sums decide the step sizes. Summed plainly
 * left to right, scipy's own RK45 drifts from its BLAS-summed self by 4e-8 relative on the Arenstorf
 * orbit at rtol 1e-9; summed in OpenBLAS's order the two agree to rounding. The order is:
 * <ul>
 *   <li>rows {@code i < n - n % 4} (vector kernel): columns in groups of four, each group as
 *       {@code (fma(K2 w2, K0 w0) + fma(K3 w3, K1 w1))}, then a pair {@code (K0 w0 + K1 w1)}, then a
 *       single {@code K0 w0}, each group added to the running sum;</li>
 *   <li>the last {@code n % 4} rows (scalar tail): for n &lt; 4 the columns go in pairs (for n = 1
 *       in fours) added left to right, for n &ge; 4 one at a time.</li>
 * </ul>
 * Other BLAS builds sum differently; the results then differ from scipy in the last bits only.
 */
final class StageSums {

    private static final int BLOCK = 4;

    private StageSums() {
    }

    /**
     * Writes {@code out[i] = sum_{j<stages} w[j] k[j][i]} for i in [0, n).
     *
     * @param k      stage rows, each of length &ge; n
     * @param w      weights, length &ge; stages
     * @param stages number of stages to combine, &ge; 1
     */
    static void combine(double[][] k, double[] w, int stages, int n, double[] out) {
        int tailRows = n & (BLOCK - 1);
        int blockedRows = n - tailRows;
        for (int i = 0; i < blockedRows; i += BLOCK) {
            vectorKernelRows(k, w, stages, i, out);
        }
        if (n == 2 || n == 3) {
            smallMatrixRowPair(k, w, stages, out);
            if (n == 3) {
                out[2] = smallMatrixRow(k, w, stages, 2, n);
            }
            return;
        }
        for (int i = blockedRows; i < n; i++) {
            out[i] = n < BLOCK ? smallMatrixRow(k, w, stages, i, n) : scalarRow(k, w, stages, i);
        }
    }

    /**
     * Rows 0 and 1 of a matrix with two or three rows, each summed exactly as {@link #smallMatrixRow} sums
     * it (columns in pairs), in one pass: each stage row is loaded once, and two sums are in flight.
     */
    private static void smallMatrixRowPair(double[][] k, double[] w, int stages, double[] out) {
        double s0 = 0;
        double s1 = 0;
        int c = 0;
        for (; c < (stages & -BLOCK); c += BLOCK) {
            double[] k0 = k[c];
            double[] k1 = k[c + 1];
            double[] k2 = k[c + 2];
            double[] k3 = k[c + 3];
            double w0 = w[c];
            double w1 = w[c + 1];
            double w2 = w[c + 2];
            double w3 = w[c + 3];
            s0 += k0[0] * w0 + k1[0] * w1;
            s1 += k0[1] * w0 + k1[1] * w1;
            s0 += k2[0] * w2 + k3[0] * w3;
            s1 += k2[1] * w2 + k3[1] * w3;
        }
        for (; c < stages; c++) {
            double[] kc = k[c];
            double wc = w[c];
            s0 += kc[0] * wc;
            s1 += kc[1] * wc;
        }
        out[0] = s0;
        out[1] = s1;
    }

    /**
     * The AVX2 kernels (4x4 with fused multiply-adds, then 4x2, then 4x1) for the rows {@code [i, i + 4)},
     * all four at once: four independent sums in flight (docs/performance.md has the measurements).
     */
    private static void vectorKernelRows(double[][] k, double[] w, int stages, int i, double[] out) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int c = 0;
        for (int group = 0; group < stages / BLOCK; group++, c += BLOCK) {
            double[] k0 = k[c];
            double[] k1 = k[c + 1];
            double[] k2 = k[c + 2];
            double[] k3 = k[c + 3];
            double w0 = w[c];
            double w1 = w[c + 1];
            double w2 = w[c + 2];
            double w3 = w[c + 3];
            s0 += Math.fma(k2[i], w2, k0[i] * w0) + Math.fma(k3[i], w3, k1[i] * w1);
            s1 += Math.fma(k2[i + 1], w2, k0[i + 1] * w0) + Math.fma(k3[i + 1], w3, k1[i + 1] * w1);
            s2 += Math.fma(k2[i + 2], w2, k0[i + 2] * w0) + Math.fma(k3[i + 2], w3, k1[i + 2] * w1);
            s3 += Math.fma(k2[i + 3], w2, k0[i + 3] * w0) + Math.fma(k3[i + 3], w3, k1[i + 3] * w1);
        }
        if ((stages & 2) != 0) {
            double[] k0 = k[c];
            double[] k1 = k[c + 1];
            double w0 = w[c];
            double w1 = w[c + 1];
            s0 += k0[i] * w0 + k1[i] * w1;
            s1 += k0[i + 1] * w0 + k1[i + 1] * w1;
            s2 += k0[i + 2] * w0 + k1[i + 2] * w1;
            s3 += k0[i + 3] * w0 + k1[i + 3] * w1;
            c += 2;
        }
        if ((stages & 1) != 0) {
            double[] k0 = k[c];
            double w0 = w[c];
            s0 += k0[i] * w0;
            s1 += k0[i + 1] * w0;
            s2 += k0[i + 2] * w0;
            s3 += k0[i + 3] * w0;
        }
        out[i] = s0;
        out[i + 1] = s1;
        out[i + 2] = s2;
        out[i + 3] = s3;
    }

    /** The scalar tail when the whole matrix has fewer than four rows (leading dimension = n). */
    private static double smallMatrixRow(double[][] k, double[] w, int stages, int i, int n) {
        double sum = 0;
        int c = 0;
        for (; c < (stages & -BLOCK); c += BLOCK) {
            if (n == 1) {
                sum += k[c][i] * w[c] + k[c + 1][i] * w[c + 1] + k[c + 2][i] * w[c + 2]
                        + k[c + 3][i] * w[c + 3];
            } else {
                sum += k[c][i] * w[c] + k[c + 1][i] * w[c + 1];
                sum += k[c + 2][i] * w[c + 2] + k[c + 3][i] * w[c + 3];
            }
        }
        for (; c < stages; c++) {
            sum += k[c][i] * w[c];
        }
        return sum;
    }

    /** The scalar tail rows of a matrix with four or more rows. */
    private static double scalarRow(double[][] k, double[] w, int stages, int i) {
        double sum = 0;
        for (int c = 0; c < stages; c++) {
            sum += k[c][i] * w[c];
        }
        return sum;
    }
}
