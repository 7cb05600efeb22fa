package io.github.lstmdynamics.ode;

import java.util.function.DoubleUnaryOperator;

/**
 * Brent's bracketing root finder in the form of scipy's {@code brentq} (Charles Harris's C code):
 * inverse quadratic extrapolation or secant steps when they shrink the bracket fast enough,
 * bisection otherwise.
 */
final class Brent {

    /** Machine epsilon of double. */
    static final double EPS = 0x1.0p-52;
    /** Absolute and relative tolerance with which solve_ivp locates events: 4 eps. */
    static final double EVENT_TOLERANCE = 4 * EPS;
    /** scipy's default iteration limit. */
    static final int MAX_ITERATIONS = 100;

    private Brent() {
    }

    /**
     * Finds a root of f in [xa, xb] (either order) to within {@code xtol + rtol |x|}.
     *
     * <p>Returns an endpoint where f is exactly zero. If f(xa) and f(xb) have the same sign bit
     * there is no bracket, and the end with the smaller |f| is returned. After
     * {@value #MAX_ITERATIONS} iterations the current best estimate is returned.
     */
    static double root(DoubleUnaryOperator f, double xa, double xb, double xtol, double rtol) {
        double xpre = xa;
        double xcur = xb;
        double xblk = 0;
        double fblk = 0;
        double spre = 0;
        double scur = 0;
        double fpre = f.applyAsDouble(xpre);
        double fcur = f.applyAsDouble(xcur);
        if (fpre == 0) {
            return xpre;
        }
        if (fcur == 0) {
            return xcur;
        }
        if (signBit(fpre) == signBit(fcur)) {
            // No bracket (scipy raises here). It happens only when g is within rounding of zero at
            // an end, where the interpolant and the step's state differ in the last bits: that end
            // is the root.
            return Math.abs(fpre) <= Math.abs(fcur) ? xpre : xcur;
        }
        for (int i = 0; i < MAX_ITERATIONS; i++) {
            if (fpre != 0 && fcur != 0 && signBit(fpre) != signBit(fcur)) {
                xblk = xpre;
                fblk = fpre;
                spre = xcur - xpre;
                scur = spre;
            }
            if (Math.abs(fblk) < Math.abs(fcur)) {
                xpre = xcur;
                xcur = xblk;
                xblk = xpre;
                fpre = fcur;
                fcur = fblk;
                fblk = fpre;
            }
            double delta = (xtol + rtol * Math.abs(xcur)) / 2;
            double sbis = (xblk - xcur) / 2;
            if (fcur == 0 || Math.abs(sbis) < delta) {
                return xcur;
            }
            if (Math.abs(spre) > delta && Math.abs(fcur) < Math.abs(fpre)) {
                double stry;
                if (xpre == xblk) {
                    stry = -fcur * (xcur - xpre) / (fcur - fpre); // secant
                } else {
                    double dpre = (fpre - fcur) / (xpre - xcur);
                    double dblk = (fblk - fcur) / (xblk - xcur);
                    stry = -fcur * (fblk * dblk - fpre * dpre) / (dblk * dpre * (fblk - fpre));
                }
                if (2 * Math.abs(stry) < Math.min(Math.abs(spre), 3 * Math.abs(sbis) - delta)) {
                    spre = scur;
                    scur = stry;
                } else {
                    spre = sbis;
                    scur = sbis;
                }
            } else {
                spre = sbis;
                scur = sbis;
            }
            xpre = xcur;
            fpre = fcur;
            if (Math.abs(scur) > delta) {
                xcur += scur;
            } else {
                xcur += sbis > 0 ? delta : -delta;
            }
            fcur = f.applyAsDouble(xcur);
        }
        return xcur;
    }

    private static boolean signBit(double v) {
        return (Double.doubleToRawLongBits(v) & Long.MIN_VALUE) != 0;
    }
}
