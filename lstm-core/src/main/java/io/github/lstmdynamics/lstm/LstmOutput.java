package io.github.lstmdynamics.lstm;

/**
 * What {@link Lstm#forward} returns, as PyTorch's {@code output, (h_n, c_n)}.
 *
 * <p>The three batches are buffers owned by the layer: they stay valid until its next forward call
 * and are overwritten by it. {@link SequenceBatch#copy()} them to keep them.
 *
 * @param output hidden states of the last layer at every step, {@code [T, B, H]}
 * @param hN     hidden state of every layer after the last step, {@code [L, B, H]}
 * @param cN     cell state of every layer after the last step, {@code [L, B, H]}
 */
public record LstmOutput(SequenceBatch output, SequenceBatch hN, SequenceBatch cN) {
}
