package io.github.lstmdynamics.lstm;

import java.util.SplittableRandom;

/**
 * Random inputs of one LSTM forward and backward for property tests: {@code x [T, B, I]} drawn from
 * (-2, 2), and the gradients {@code dOutput [T, B, H]}, {@code dh_n} and {@code dc_n [L, B, H]} from
 * (-1, 1).
 */
record BackwardCase(int in, int hidden, int layers, int steps, int batch, SequenceBatch x, SequenceBatch dOut,
        SequenceBatch dhN, SequenceBatch dcN) {

    static BackwardCase draw(SplittableRandom rnd, int in, int hidden, int layers, int steps, int batch) {
        return new BackwardCase(in, hidden, layers, steps, batch,
                Fixtures.random(rnd, steps, batch, in, 2.0),
                Fixtures.random(rnd, steps, batch, hidden, 1.0),
                Fixtures.random(rnd, layers, batch, hidden, 1.0),
                Fixtures.random(rnd, layers, batch, hidden, 1.0));
    }

    /** The sizes, for assertion messages. */
    String shape() {
        return "I=" + in + " H=" + hidden + " L=" + layers + " T=" + steps + " B=" + batch;
    }
}
