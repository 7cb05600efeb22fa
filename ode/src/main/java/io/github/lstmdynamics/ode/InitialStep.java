package io.github.lstmdynamics.ode;

/**
 * scipy's empirical choice of the first step (Hairer, Norsett and Wanner, Solving ODEs I, II.4), in
 * its scipy &ge; 1.14 form, which keeps the probe and the result inside the interval and below the
 * maximum step.
 *
 * <p>Comparisons and minima follow Python's {@code min}/{@code max} (the first argument wins unless
 * a later one compares strictly smaller/larger), which decides what a NaN does.
 */
final class InitialStep {

    /** Below this rms size y0 or f0 counts as zero and the fallback step {@link #FALLBACK} is used. */
    static final double TINY_NORM = 1e-5;
    /** Fallback first guess h0. */
    static final double FALLBACK = 1e-6;
    /** Fraction of the scaled size ratio d0/d1 used as the first guess. */
    static final double GUESS_FRACTION = 0.01;
    /** Below this, both the derivative and its estimated change count as zero. */
    static final double NEGLIGIBLE_DERIVATIVE = 1e-15;
    /** The final step is at most this multiple of the first guess. */
    static final double MAX_GROWTH = 100;

    private InitialStep() {
    }

    /**
     * Returns the absolute size of the first step; evaluates the system once (the probe), except on
     * an empty interval, where it returns 0 without evaluating.
     *
     * @param system    evaluates f and counts the evaluation
     * @param f0        f(t0, y0)
     * @param atol      absolute tolerance per component
     */
    static double select(OdeSystem system, double t0, double[] y0, double tBound, double maxStep,
            double[] f0, int direction, double rtol, double[] atol) {
        double intervalLength = Math.abs(tBound - t0);
        if (intervalLength == 0.0) {
            return 0.0;
        }
        int n = y0.length;
        double[] scale = new double[n];
        double[] scaled = new double[n];
        for (int i = 0; i < n; i++) {
            scale[i] = atol[i] + Math.abs(y0[i]) * rtol;
        }
        for (int i = 0; i < n; i++) {
            scaled[i] = y0[i] / scale[i];
        }
        double d0 = RmsNorm.of(scaled);
        for (int i = 0; i < n; i++) {
            scaled[i] = f0[i] / scale[i];
        }
        double d1 = RmsNorm.of(scaled);

        double h0 = (d0 < TINY_NORM || d1 < TINY_NORM) ? FALLBACK : GUESS_FRACTION * d0 / d1;
        h0 = pyMin(h0, intervalLength);

        double[] y1 = new double[n];
        double signedH0 = h0 * direction;
        for (int i = 0; i < n; i++) {
            y1[i] = y0[i] + signedH0 * f0[i];
        }
        double[] f1 = new double[n];
        system.derivatives(t0 + signedH0, y1, f1);
        for (int i = 0; i < n; i++) {
            scaled[i] = (f1[i] - f0[i]) / scale[i];
        }
        double d2 = RmsNorm.of(scaled) / h0;

        double h1;
        if (d1 <= NEGLIGIBLE_DERIVATIVE && d2 <= NEGLIGIBLE_DERIVATIVE) {
            h1 = pyMax(FALLBACK, h0 * 1e-3);
        } else {
            h1 = Math.pow(GUESS_FRACTION / pyMax(d1, d2), 1.0 / (DormandPrince.ERROR_ESTIMATOR_ORDER + 1));
        }
        return pyMin(pyMin(pyMin(MAX_GROWTH * h0, h1), intervalLength), maxStep);
    }

    /** Python's {@code min(a, b)}: a unless b is strictly smaller. */
    private static double pyMin(double a, double b) {
        return b < a ? b : a;
    }

    /** Python's {@code max(a, b)}: a unless b is strictly larger. */
    private static double pyMax(double a, double b) {
        return b > a ? b : a;
    }
}
