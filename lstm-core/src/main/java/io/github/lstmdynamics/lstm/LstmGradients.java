package io.github.lstmdynamics.lstm;

/**
 * What {@link Lstm#backward} returns besides the parameter gradients it accumulates: the gradients of
 * the objective with respect to the layer's inputs.
 *
 * <p>The three batches are buffers owned by the layer, overwritten by its next backward call.
 *
 * @param dInput gradient with respect to the input sequence, {@code [T, B, I]}
 * @param dh0    gradient with respect to the initial hidden state, {@code [L, B, H]}
 * @param dc0    gradient with respect to the initial cell state, {@code [L, B, H]}
 */
public record LstmGradients(SequenceBatch dInput, SequenceBatch dh0, SequenceBatch dc0) {
}
