package io.github.lstmdynamics.lstm;

/**
 * The LSTM's nonlinearities over whole rows, in a form the JIT vectorizes.
 *
 * <p>Every activation is one shape, {@code y = m / (1 + exp(s * x)) + a}, with per-column constants:
 * the logistic sigmoid is {@code s = -1, m = 1, a = 0} and tanh is {@code s = 2, m = -2, a = 1}
 * ({@code tanh x = 1 - 2 / (1 + exp(2x))}). So the four gates of a row of pre-activations
 * {@code [i | f | g | o]} are activated by one pass over 4H columns with {@link Constants#gates}, and
 * {@code tanh(c)} by one pass with {@link Constants#tanh}.
 *
 * <p>{@link Math#exp} is an intrinsic call that C2 on JDK 17 does not vectorize. Here exp is computed
 * as {@code 2^k * p(r)}: {@code k = round(x / ln 2)} (by adding and subtracting 1.5 * 2^52),
 * {@code r = x - k ln 2} in two parts (Cody-Waite; {@code k * LN2_HI} is exact), {@code p} the degree-13
 * Taylor polynomial of exp on {@code |r| <= ln(2)/2} evaluated in Estrin's scheme (short dependency
 * chains), and {@code 2^k} assembled in the exponent bits. Relative error within 2 ulp of
 * {@link Math#exp}; an activation differs from the {@code Math.exp} formula by at most a few ulp of 1
 * (about 3e-16 absolute). Arguments are clamped to [-708, 708], where sigmoid and tanh are saturated to
 * the last bit or below 1e-300; NaN stays NaN.
 *
 * <p>The work is split into small passes with ONE store each, because C2 does not vectorize a loop that
 * stores into two arrays, nor one whose body is too large to unroll (the polynomial together with the
 * range reduction was such a loop: 4.4 ns per element, the same as without SuperWord; alone, 0.9 ns).
 * The exponent-bits pass stays scalar (C2 on JDK 17 does not vectorize {@code doubleToRawLongBits}),
 * about 1 ns per element.
 */
final class GateMath {

    private static final double LOG2E = 1.4426950408889634;
    /** ln 2, high part with 32 trailing zero bits so that {@code k * LN2_HI} is exact for |k| < 2^20. */
    private static final double LN2_HI = 0.6931471803691238;
    private static final double LN2_LO = 1.9082149292705877e-10;
    /** 1.5 * 2^52: adding it rounds to an integer, which then sits in the low mantissa bits. */
    private static final double ROUND = 6755399441055744.0;
    private static final double MAX_ARG = 708.0;

    private static final double C2 = 1.0 / 2;
    private static final double C3 = 1.0 / 6;
    private static final double C4 = 1.0 / 24;
    private static final double C5 = 1.0 / 120;
    private static final double C6 = 1.0 / 720;
    private static final double C7 = 1.0 / 5040;
    private static final double C8 = 1.0 / 40320;
    private static final double C9 = 1.0 / 362880;
    private static final double C10 = 1.0 / 3628800;
    private static final double C11 = 1.0 / 39916800;
    private static final double C12 = 1.0 / 479001600;
    private static final double C13 = 1.0 / 6227020800.0;

    /** The per-column constants {@code s, m, a} of one activation pass. */
    static final class Constants {
        final double[] scale;
        final double[] numerator;
        final double[] offset;

        private Constants(int n) {
            scale = new double[n];
            numerator = new double[n];
            offset = new double[n];
        }

        private void set(int from, int to, double s, double m, double a) {
            for (int k = from; k < to; k++) {
                scale[k] = s;
                numerator[k] = m;
                offset[k] = a;
            }
        }

        /** Sigmoid, sigmoid, tanh, sigmoid over the gate blocks i, f, g, o of width {@code hidden}. */
        static Constants gates(int hidden) {
            return gates(hidden, 1);
        }

        /**
         * {@link #gates(int)} repeated for {@code rows} consecutive rows of 4H: the constants of a block of
         * gate rows activated in one pass.
         */
        static Constants gates(int hidden, int rows) {
            Constants c = new Constants(rows * 4 * hidden);
            for (int r = 0; r < rows; r++) {
                int o = r * 4 * hidden;
                c.set(o, o + 2 * hidden, -1.0, 1.0, 0.0);
                c.set(o + 2 * hidden, o + 3 * hidden, 2.0, -2.0, 1.0);
                c.set(o + 3 * hidden, o + 4 * hidden, -1.0, 1.0, 0.0);
            }
            return c;
        }

        /** Tanh over {@code n} columns. */
        static Constants tanh(int n) {
            Constants c = new Constants(n);
            c.set(0, n, 2.0, -2.0, 1.0);
            return c;
        }
    }

    private GateMath() {
    }

    /**
     * In place, {@code x[k] = m[k] / (1 + exp(s[k] * x[k])) + a[k]} for {@code k < n}.
     *
     * @param x  the row, overwritten
     * @param c  constants of at least {@code n} columns
     * @param v  scratch of at least {@code n}, overwritten
     * @param p  second scratch of at least {@code n}, overwritten (the polynomial pass needs an output
     *           array of its own to be vectorized)
     * @param n  number of columns
     */
    static void activate(double[] x, Constants c, double[] v, double[] p, int n) {
        double[] s = c.scale;
        // v = clamp(s * x)
        for (int k = 0; k < n; k++) {
            v[k] = Math.max(-MAX_ARG, Math.min(MAX_ARG, s[k] * x[k]));
        }
        // x = v / ln2 + ROUND: the integer k = round(v / ln2) is in the low mantissa bits
        for (int k = 0; k < n; k++) {
            x[k] = v[k] * LOG2E + ROUND;
        }
        // v = r = v - k ln2
        for (int k = 0; k < n; k++) {
            double kd = x[k] - ROUND;
            v[k] = v[k] - kd * LN2_HI - kd * LN2_LO;
        }
        // p = exp(r)
        for (int k = 0; k < n; k++) {
            p[k] = expReduced(v[k]);
        }
        // x = exp(r) * 2^k, 2^k assembled from the integer's bits (scalar on JDK 17)
        for (int k = 0; k < n; k++) {
            x[k] = p[k] * Double.longBitsToDouble((Double.doubleToRawLongBits(x[k]) + 1023L) << 52);
        }
        double[] m = c.numerator;
        double[] a = c.offset;
        for (int k = 0; k < n; k++) {
            x[k] = m[k] / (1.0 + x[k]) + a[k];
        }
    }

    /** exp(r) for |r| <= ln(2)/2: Taylor polynomial of degree 13 in Estrin's scheme. */
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
}
