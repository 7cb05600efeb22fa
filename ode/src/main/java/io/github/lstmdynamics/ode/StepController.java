package io.github.lstmdynamics.ode;

/**
 * The step-size controller of scipy's explicit Runge-Kutta solvers.
 *
 * <p>A step is accepted iff its error norm is strictly below 1. After an accepted step the step
 * size is multiplied by {@code min(10, 0.9 err^(-1/5))} (10 when err is 0), but never grows when
 * the same step had to be retried; after a rejection it is multiplied by
 * {@code max(0.2, 0.9 err^(-1/5))}, where a NaN error counts as the smallest factor 0.2 (as Python's
 * {@code max(0.2, nan)} does), so a non-finite error shrinks the step instead of poisoning it.
 */
final class StepController {

    /** Multiplies step sizes computed from the asymptotic behaviour of the error. */
    static final double SAFETY = 0.9;
    /** Smallest factor by which a step may shrink. */
    static final double MIN_FACTOR = 0.2;
    /** Largest factor by which a step may grow. */
    static final double MAX_FACTOR = 10;
    /** Error exponent -1/(q+1) for the embedded order q = 4. */
    static final double ERROR_EXPONENT = -1.0 / (DormandPrince.ERROR_ESTIMATOR_ORDER + 1);
    /** The minimum step is this many spacings between t and the next double toward the end. */
    static final double MIN_STEP_ULPS = 10;

    private StepController() {
    }

    /** The smallest allowed step at t: ten times the distance to the next double in the direction. */
    static double minStep(double t, int direction) {
        return MIN_STEP_ULPS * Math.abs(Math.nextAfter(t, direction * Double.POSITIVE_INFINITY) - t);
    }

    /** Whether a step with this error norm is accepted (strictly below 1; NaN is rejected). */
    static boolean accepts(double errorNorm) {
        return errorNorm < 1;
    }

    /**
     * The growth factor after an accepted step.
     *
     * @param errorNorm       the accepted step's error norm, in [0, 1)
     * @param stepWasRejected whether this step was retried after a rejection (then no growth)
     */
    static double factorAfterAccept(double errorNorm, boolean stepWasRejected) {
        double factor;
        if (errorNorm == 0) {
            factor = MAX_FACTOR;
        } else {
            double proposed = SAFETY * Math.pow(errorNorm, ERROR_EXPONENT);
            factor = proposed < MAX_FACTOR ? proposed : MAX_FACTOR;
        }
        if (stepWasRejected && !(factor < 1)) {
            factor = 1;
        }
        return factor;
    }

    /** The shrink factor after a rejected step; NaN or infinite errors give {@link #MIN_FACTOR}. */
    static double factorAfterReject(double errorNorm) {
        double proposed = SAFETY * Math.pow(errorNorm, ERROR_EXPONENT);
        return proposed > MIN_FACTOR ? proposed : MIN_FACTOR;
    }
}
