package io.github.lstmdynamics.bench;

import java.util.SplittableRandom;

/**
 * The random operands of {@link KernelBenchmark} at one shape, drawn once in double precision (uniform in
 * [-1, 1), seeded), flat and row-major; each precision converts them into its own arrays, so float32 runs on
 * the float64 numbers rounded.
 *
 * @param in        I
 * @param hidden    H
 * @param batch     B
 * @param rows      M = T*B
 * @param x         M x I, the input sequence
 * @param wIh       4H x I, W_ih
 * @param wHh       4H x H, W_hh
 * @param h         B x H, one step's hidden state
 * @param gStep     B x 4H, one step's gates (EJML's recurrent step adds to them)
 * @param dgStep    B x 4H, one step's gate gradients
 * @param dg        M x 4H, the gate gradients of all steps
 * @param hPrev     M x H, the hidden states entering each step
 * @param gates     B x 4H, gate pre-activations
 * @param cells     (M + B) x H, cell states
 * @param tanhCells M x H, tanh of the cell states
 * @param dOut      M x H, the output gradient
 * @param dhNext    B x H, the hidden-state gradient from the next step
 * @param dcNext    B x H, the cell-state gradient from the next step
 */
record KernelInputs(int in, int hidden, int batch, int rows, double[] x, double[] wIh, double[] wHh, double[] h,
        double[] gStep, double[] dgStep, double[] dg, double[] hPrev, double[] gates, double[] cells,
        double[] tanhCells, double[] dOut, double[] dhNext, double[] dcNext) {

    /** 4H. */
    int gateWidth() {
        return 4 * hidden;
    }

    /** The operands at {@code shape} = {@code I:H:B:T}, drawn from {@code seed} in a fixed order. */
    static KernelInputs random(String shape, long seed) {
        String[] p = shape == null ? new String[0] : shape.split(":");
        if (p.length != 4) {
            throw new IllegalArgumentException("shape: expected I:H:B:T, got \"" + shape + "\"");
        }
        int in = Integer.parseInt(p[0]);
        int hidden = Integer.parseInt(p[1]);
        int batch = Integer.parseInt(p[2]);
        int rows = Integer.parseInt(p[3]) * batch;
        int g = 4 * hidden;
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] x = random(rows * in, rnd);
        double[] wIh = random(g * in, rnd);
        double[] wHh = random(g * hidden, rnd);
        double[] h = random(batch * hidden, rnd);
        double[] gStep = random(batch * g, rnd);
        double[] dgStep = random(batch * g, rnd);
        double[] dg = random(rows * g, rnd);
        double[] hPrev = random(rows * hidden, rnd);
        double[] gates = random(batch * g, rnd);
        double[] cells = random((rows + batch) * hidden, rnd);
        double[] tanhCells = random(rows * hidden, rnd);
        double[] dOut = random(rows * hidden, rnd);
        double[] dhNext = random(batch * hidden, rnd);
        double[] dcNext = random(batch * hidden, rnd);
        return new KernelInputs(in, hidden, batch, rows, x, wIh, wHh, h, gStep, dgStep, dg, hPrev, gates, cells,
                tanhCells, dOut, dhNext, dcNext);
    }

    private static double[] random(int n, SplittableRandom rnd) {
        double[] v = new double[n];
        for (int k = 0; k < n; k++) {
            v[k] = rnd.nextDouble(-1, 1);
        }
        return v;
    }
}
