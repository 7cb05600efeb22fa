package io.github.lstmdynamics.ode;

/**
 * The root-mean-square norm scipy's solvers use, {@code ||x||_2 / sqrt(n)}, with the sum of squares
 * added up as numpy's {@code x.dot(x)} does it through OpenBLAS's {@code ddot} (x86-64 AVX2 kernel):
 * the leading {@code n - n % 16} elements in four fused multiply-add accumulators of four lanes each,
 * reduced lane pair by lane pair; the remaining elements one at a time. Below 16 elements that is a
 * plain left-to-right sum. See {@link StageSums} for why the order matters.
 */
final class RmsNorm {

    private static final int LANES = 4;
    private static final int ACCUMULATORS = 4;
    private static final int BLOCK = LANES * ACCUMULATORS;

    private RmsNorm() {
    }

    /** Returns {@code ||x||_2 / sqrt(x.length)}; NaN if any component is NaN. */
    static double of(double[] x) {
        return Math.sqrt(sumOfSquares(x)) / Math.sqrt(x.length);
    }

    /** The sum of x_i^2 in OpenBLAS's order. */
    static double sumOfSquares(double[] x) {
        int blocked = x.length & -BLOCK;
        double sum = 0;
        if (blocked > 0) {
            // accumulator k, lane l: acc[k * LANES + l]; with only a few of them, use locals
            double a00 = 0, a01 = 0, a02 = 0, a03 = 0;
            double a10 = 0, a11 = 0, a12 = 0, a13 = 0;
            double a20 = 0, a21 = 0, a22 = 0, a23 = 0;
            double a30 = 0, a31 = 0, a32 = 0, a33 = 0;
            for (int i = 0; i < blocked; i += BLOCK) {
                a00 = Math.fma(x[i], x[i], a00);
                a01 = Math.fma(x[i + 1], x[i + 1], a01);
                a02 = Math.fma(x[i + 2], x[i + 2], a02);
                a03 = Math.fma(x[i + 3], x[i + 3], a03);
                a10 = Math.fma(x[i + 4], x[i + 4], a10);
                a11 = Math.fma(x[i + 5], x[i + 5], a11);
                a12 = Math.fma(x[i + 6], x[i + 6], a12);
                a13 = Math.fma(x[i + 7], x[i + 7], a13);
                a20 = Math.fma(x[i + 8], x[i + 8], a20);
                a21 = Math.fma(x[i + 9], x[i + 9], a21);
                a22 = Math.fma(x[i + 10], x[i + 10], a22);
                a23 = Math.fma(x[i + 11], x[i + 11], a23);
                a30 = Math.fma(x[i + 12], x[i + 12], a30);
                a31 = Math.fma(x[i + 13], x[i + 13], a31);
                a32 = Math.fma(x[i + 14], x[i + 14], a32);
                a33 = Math.fma(x[i + 15], x[i + 15], a33);
            }
            // fold the upper lane pair onto the lower one, then the accumulators pairwise
            double low = ((a00 + a02) + (a10 + a12)) + ((a20 + a22) + (a30 + a32));
            double high = ((a01 + a03) + (a11 + a13)) + ((a21 + a23) + (a31 + a33));
            sum = low + high;
        }
        for (int i = blocked; i < x.length; i++) {
            sum += x[i] * x[i];
        }
        return sum;
    }
}
