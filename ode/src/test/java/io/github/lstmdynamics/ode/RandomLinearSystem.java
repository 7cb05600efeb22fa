package io.github.lstmdynamics.ode;

import java.util.Random;

/**
 * A random stable linear system y' = A y with a known exact solution, for property tests.
 *
 * <p>A = Q B Q^T with Q a random orthogonal matrix and B block diagonal: 2x2 blocks
 * [[-a, w], [-w, -a]] (a damped rotation, exp(B t) = e^{-a t} [[cos wt, sin wt], [-sin wt, cos wt]])
 * and, for odd n, a 1x1 block [-a]. So y(t) = Q exp(B t) Q^T y0 exactly.
 */
final class RandomLinearSystem implements OdeSystem {

    final int n;
    private final double[][] q;
    private final double[] decay;
    private final double[] frequency;
    private final double[][] a;

    RandomLinearSystem(Random random, int n) {
        this.n = n;
        this.q = randomOrthogonal(random, n);
        int blocks = (n + 1) / 2;
        this.decay = new double[blocks];
        this.frequency = new double[blocks];
        for (int b = 0; b < blocks; b++) {
            decay[b] = 0.05 + random.nextDouble();
            frequency[b] = 2 * 2 * random.nextDouble() - 2;
        }
        double[][] bMatrix = new double[n][n];
        for (int b = 0; b < blocks; b++) {
            int i = 2 * b;
            bMatrix[i][i] = -decay[b];
            if (i + 1 < n) {
                bMatrix[i][i + 1] = frequency[b];
                bMatrix[i + 1][i] = -frequency[b];
                bMatrix[i + 1][i + 1] = -decay[b];
            }
        }
        this.a = multiply(multiply(q, bMatrix), transpose(q));
    }

    @Override
    public void derivatives(double t, double[] y, double[] dydt) {
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int j = 0; j < n; j++) {
                sum += a[i][j] * y[j];
            }
            dydt[i] = sum;
        }
    }

    /** The exact y(t) from y(t0) = y0. */
    double[] exact(double t0, double[] y0, double t) {
        double dt = t - t0;
        double[] z = multiply(transpose(q), y0);
        double[] w = new double[n];
        for (int b = 0; b < decay.length; b++) {
            int i = 2 * b;
            double damping = Math.exp(-decay[b] * dt);
            if (i + 1 < n) {
                double c = Math.cos(frequency[b] * dt);
                double s = Math.sin(frequency[b] * dt);
                w[i] = damping * (c * z[i] + s * z[i + 1]);
                w[i + 1] = damping * (-s * z[i] + c * z[i + 1]);
            } else {
                w[i] = damping * z[i];
            }
        }
        return multiply(q, w);
    }

    static double[] randomVector(Random random, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 2 * random.nextDouble() - 1;
        }
        return v;
    }

    private static double[][] randomOrthogonal(Random random, int n) {
        double[][] columns = new double[n][];
        for (int c = 0; c < n; c++) {
            double[] v = randomVector(random, n);
            for (int p = 0; p < c; p++) { // Gram-Schmidt, twice for stability
                for (int pass = 0; pass < 2; pass++) {
                    double dot = 0;
                    for (int i = 0; i < n; i++) {
                        dot += v[i] * columns[p][i];
                    }
                    for (int i = 0; i < n; i++) {
                        v[i] -= dot * columns[p][i];
                    }
                }
            }
            double norm = 0;
            for (double x : v) {
                norm += x * x;
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < n; i++) {
                v[i] /= norm;
            }
            columns[c] = v;
        }
        return transpose(columns);
    }

    private static double[][] transpose(double[][] m) {
        double[][] t = new double[m[0].length][m.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[0].length; j++) {
                t[j][i] = m[i][j];
            }
        }
        return t;
    }

    private static double[][] multiply(double[][] x, double[][] y) {
        double[][] r = new double[x.length][y[0].length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < y[0].length; j++) {
                double sum = 0;
                for (int k = 0; k < y.length; k++) {
                    sum += x[i][k] * y[k][j];
                }
                r[i][j] = sum;
            }
        }
        return r;
    }

    private static double[] multiply(double[][] m, double[] v) {
        double[] r = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            double sum = 0;
            for (int j = 0; j < v.length; j++) {
                sum += m[i][j] * v[j];
            }
            r[i] = sum;
        }
        return r;
    }
}
