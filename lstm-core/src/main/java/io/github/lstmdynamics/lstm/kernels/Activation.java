package io.github.lstmdynamics.lstm.kernels;

/**
 * The per-column constants of one activation pass, {@code y = m / (1 + exp(s * x)) + a}: the logistic
 * sigmoid is {@code s = -1, m = 1, a = 0} and tanh is {@code s = 2, m = -2, a = 1}
 * ({@code tanh x = 1 - 2 / (1 + exp(2x))}). So the four gates of a row of pre-activations
 * {@code [i | f | g | o]} are activated by one pass over 4H columns ({@link #gates}), and {@code tanh(c)}
 * by one pass ({@link #tanh}).
 */
public final class Activation {

    final double[] scale;
    final double[] numerator;
    final double[] offset;
    /** The same three, in float for the float32 kernels (the values, -2 to 2, are exact in float). */
    final float[] scale32;
    final float[] numerator32;
    final float[] offset32;

    private Activation(int n) {
        scale = new double[n];
        numerator = new double[n];
        offset = new double[n];
        scale32 = new float[n];
        numerator32 = new float[n];
        offset32 = new float[n];
    }

    private void set(int from, int to, double s, double m, double a) {
        for (int k = from; k < to; k++) {
            scale[k] = s;
            numerator[k] = m;
            offset[k] = a;
            scale32[k] = (float) s;
            numerator32[k] = (float) m;
            offset32[k] = (float) a;
        }
    }

    /**
     * Sigmoid, sigmoid, tanh, sigmoid over the gate blocks i, f, g, o of width {@code hidden}, repeated for
     * {@code rows} consecutive rows of 4H.
     */
    public static Activation gates(int hidden, int rows) {
        Activation c = new Activation(rows * 4 * hidden);
        for (int r = 0; r < rows; r++) {
            int o = r * 4 * hidden;
            c.set(o, o + 2 * hidden, -1.0, 1.0, 0.0);
            c.set(o + 2 * hidden, o + 3 * hidden, 2.0, -2.0, 1.0);
            c.set(o + 3 * hidden, o + 4 * hidden, -1.0, 1.0, 0.0);
        }
        return c;
    }

    /** Tanh over {@code n} columns. */
    public static Activation tanh(int n) {
        Activation c = new Activation(n);
        c.set(0, n, 2.0, -2.0, 1.0);
        return c;
    }

    /** Logistic sigmoid over {@code n} columns. */
    public static Activation sigmoid(int n) {
        Activation c = new Activation(n);
        c.set(0, n, -1.0, 1.0, 0.0);
        return c;
    }

    /** {@return the number of columns these constants cover} */
    public int columns() {
        return scale.length;
    }
}
