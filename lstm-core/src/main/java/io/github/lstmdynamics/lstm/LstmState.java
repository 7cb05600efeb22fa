package io.github.lstmdynamics.lstm;

import java.util.Objects;

/**
 * The hidden and cell states of an LSTM stack, PyTorch's {@code (h, c)} pair: each of shape
 * {@code [L, B, H]} (layers, sequences, hidden units). As an initial state it is {@code (h_0, c_0)}; as a
 * result, {@code (h_n, c_n)}, from which the next chunk of a sequence goes on.
 *
 * @param h hidden states {@code [L, B, H]}
 * @param c cell states {@code [L, B, H]}
 */
public record LstmState(SequenceBatch h, SequenceBatch c) {

    /**
     * Checks the pair.
     *
     * @param h hidden states {@code [L, B, H]}
     * @param c cell states {@code [L, B, H]}
     * @throws NullPointerException     if either is null
     * @throws IllegalArgumentException if the two shapes differ
     */
    public LstmState {
        Objects.requireNonNull(h, "h");
        Objects.requireNonNull(c, "c");
        if (!c.hasShape(h.steps(), h.batchSize(), h.features())) {
            throw new IllegalArgumentException("h " + h.shape() + " and c " + c.shape()
                    + " must have the same shape [L, B, H]");
        }
    }

    /**
     * Zero states, PyTorch's default initial state.
     *
     * @param layers    {@code L}, at least 1
     * @param batchSize {@code B}, at least 1
     * @param hidden    {@code H}, at least 1
     * @return new zero states {@code [L, B, H]}
     * @throws IllegalArgumentException if a size is below 1
     */
    public static LstmState zeros(int layers, int batchSize, int hidden) {
        return new LstmState(SequenceBatch.zeros(layers, batchSize, hidden),
                SequenceBatch.zeros(layers, batchSize, hidden));
    }

    /**
     * Returns a deep copy with its own storage.
     *
     * @return a deep copy with its own storage
     */
    public LstmState copy() {
        return new LstmState(h.copy(), c.copy());
    }
}
