package io.github.lstmdynamics.lstm;

import java.util.SplittableRandom;

/**
 * A fixed synthetic task in the tutorial's format: a 2-d damped rotation x_{t+1} = r R(theta) x_t from a
 * random x_0; the input is x_0 at step 0 and zeros after, the target is the whole trajectory x_0 .. x_{T-1}.
 */
final class DampedRotation {

    static final int STEPS = 21;
    static final double RADIUS = 0.9;
    static final double ANGLE = 0.4;

    private DampedRotation() {
    }

    /** Input [T, B, 2] and target [T, B, 2] for {@code batch} random starting points. */
    static SequenceBatch[] batch(SplittableRandom rnd, int batch) {
        SequenceBatch input = SequenceBatch.zeros(STEPS, batch, 2);
        SequenceBatch target = SequenceBatch.zeros(STEPS, batch, 2);
        double cos = Math.cos(ANGLE);
        double sin = Math.sin(ANGLE);
        for (int b = 0; b < batch; b++) {
            double u = rnd.nextDouble(-1, 1);
            double v = rnd.nextDouble(-1, 1);
            input.set(0, b, 0, u);
            input.set(0, b, 1, v);
            for (int t = 0; t < STEPS; t++) {
                target.set(t, b, 0, u);
                target.set(t, b, 1, v);
                double nu = RADIUS * (cos * u - sin * v);
                v = RADIUS * (sin * u + cos * v);
                u = nu;
            }
        }
        return new SequenceBatch[] {input, target};
    }
}
