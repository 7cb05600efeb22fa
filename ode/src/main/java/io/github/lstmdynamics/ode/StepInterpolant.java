package io.github.lstmdynamics.ode;

/**
 * The continuous solution over one accepted step: Shampine's quartic dense output of the
 * Dormand-Prince pair (scipy's {@code RkDenseOutput}).
 *
 * <p>{@code y(t) = y_old + h * Q [x, x^2, x^3, x^4]} with {@code h = t - t_old},
 * {@code x = (t - t_old) / h} and {@code Q = K^T P} (n x 4). Exact at both ends up to rounding and
 * accurate to fourth order inside; evaluation outside the step is allowed but not accurate. A step
 * of length zero (an empty interval) is a constant. Immutable.
 */
public final class StepInterpolant {

    private final double tOld;
    private final double t;
    private final double[] yOld;
    /** Row-major n x 4. */
    private final double[] q;

    /** Takes ownership of yOld and q. */
    StepInterpolant(double tOld, double t, double[] yOld, double[] q) {
        this.tOld = tOld;
        this.t = t;
        this.yOld = yOld;
        this.q = q;
    }

    /** {@return the time at which the step starts} */
    public double tOld() {
        return tOld;
    }

    /** {@return the time at which the step ends (smaller than {@link #tOld()} when integrating backward)} */
    public double t() {
        return t;
    }

    /** {@return the number of components n} */
    public int dimension() {
        return yOld.length;
    }

    /**
     * Evaluates the interpolant.
     *
     * @param time the time, normally inside the step
     * @return y(time), a new array of length n
     */
    public double[] at(double time) {
        double[] out = new double[yOld.length];
        at(time, out);
        return out;
    }

    /**
     * Writes y(time) into out without allocating.
     *
     * @param time the time
     * @param out  length n
     * @throws IllegalArgumentException if out has the wrong length
     */
    public void at(double time, double[] out) {
        if (out == null || out.length != yOld.length) {
            throw new IllegalArgumentException("out must have length " + yOld.length + "; got "
                    + (out == null ? "null" : Integer.toString(out.length)));
        }
        evaluate(tOld, t, yOld, q, time, out);
    }

    /**
     * Evaluates the quartic interpolant; shared with the solver, which evaluates from its own buffers.
     *
     * @param q row-major n x 4, n = yOld.length
     */
    static void evaluate(double tOld, double t, double[] yOld, double[] q, double time, double[] out) {
        int n = yOld.length;
        double h = t - tOld;
        if (h == 0) {
            System.arraycopy(yOld, 0, out, 0, n);
            return;
        }
        double x = (time - tOld) / h;
        double x2 = x * x;
        double x3 = x2 * x;
        double x4 = x3 * x;
        for (int i = 0, row = 0; i < n; i++, row += DormandPrince.DENSE_ORDER) {
            double poly = q[row] * x + q[row + 1] * x2 + q[row + 2] * x3 + q[row + 3] * x4;
            out[i] = h * poly + yOld[i];
        }
    }

    /** Computes Q = K^T P into q (row-major n x 4) from the stage array K (7 x n). */
    static void coefficients(double[][] k, double[] q) {
        int n = k[0].length;
        double[] k0 = k[0];
        double[] k1 = k[1];
        double[] k2 = k[2];
        double[] k3 = k[3];
        double[] k4 = k[4];
        double[] k5 = k[5];
        double[] k6 = k[6];
        double[] p0 = DormandPrince.P[0];
        double[] p1 = DormandPrince.P[1];
        double[] p2 = DormandPrince.P[2];
        double[] p3 = DormandPrince.P[3];
        double[] p4 = DormandPrince.P[4];
        double[] p5 = DormandPrince.P[5];
        double[] p6 = DormandPrince.P[6];
        for (int i = 0, row = 0; i < n; i++, row += DormandPrince.DENSE_ORDER) {
            double a0 = k0[i];
            double a1 = k1[i];
            double a2 = k2[i];
            double a3 = k3[i];
            double a4 = k4[i];
            double a5 = k5[i];
            double a6 = k6[i];
            // the stages left to right from 0.0, as a plain loop over s sums them; four columns in flight
            for (int c = 0; c < DormandPrince.DENSE_ORDER; c++) {
                q[row + c] = 0.0 + a0 * p0[c] + a1 * p1[c] + a2 * p2[c] + a3 * p3[c] + a4 * p4[c] + a5 * p5[c]
                        + a6 * p6[c];
            }
        }
    }
}
