package io.github.lstmdynamics.ode;

/** The root-mean-square norm scipy's solvers use: {@code sqrt(sum x_i^2) / sqrt(n)}. */
final class RmsNorm {

    private RmsNorm() {
    }

    /** Returns {@code ||x||_2 / sqrt(x.length)}; NaN if any component is NaN. */
    static double of(double[] x) {
        double sumOfSquares = 0;
        for (double v : x) {
            sumOfSquares += v * v;
        }
        return Math.sqrt(sumOfSquares) / Math.sqrt(x.length);
    }
}
