package io.github.lstmdynamics.lstm.kernels;

/**
 * The constants of our exp, shared by both kernel implementations so that they agree to the bit.
 *
 * <p>{@code exp(x) = 2^k * p(r)}: {@code k = round(x / ln 2)} (by adding and subtracting 1.5 * 2^52),
 * {@code r = x - k ln 2} in two parts (Cody-Waite; {@code k * LN2_HI} is exact), {@code p} the degree-13
 * Taylor polynomial of exp on {@code |r| <= ln(2)/2} evaluated in Estrin's scheme (short dependency
 * chains), and {@code 2^k} assembled in the exponent bits. Relative error within 2 ulp of
 * {@link Math#exp}; an activation differs from the {@code Math.exp} formula by at most a few ulp of 1
 * (about 3e-16 absolute). Arguments are clamped to [-708, 708], where sigmoid and tanh are saturated to
 * the last bit or below 1e-300; NaN stays NaN.
 */
final class ExpConstants {

    static final double LOG2E = 1.4426950408889634;
    /** ln 2, high part with 32 trailing zero bits so that {@code k * LN2_HI} is exact for |k| < 2^20. */
    static final double LN2_HI = 0.6931471803691238;
    static final double LN2_LO = 1.9082149292705877e-10;
    /** 1.5 * 2^52: adding it rounds to an integer, which then sits in the low mantissa bits. */
    static final double ROUND = 6755399441055744.0;
    static final double MAX_ARG = 708.0;

    static final double C2 = 1.0 / 2;
    static final double C3 = 1.0 / 6;
    static final double C4 = 1.0 / 24;
    static final double C5 = 1.0 / 120;
    static final double C6 = 1.0 / 720;
    static final double C7 = 1.0 / 5040;
    static final double C8 = 1.0 / 40320;
    static final double C9 = 1.0 / 362880;
    static final double C10 = 1.0 / 3628800;
    static final double C11 = 1.0 / 39916800;
    static final double C12 = 1.0 / 479001600;
    static final double C13 = 1.0 / 6227020800.0;

    private ExpConstants() {
    }
}
