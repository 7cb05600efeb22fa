package io.github.lstmdynamics.lstm;

/**
 * What {@link LstmRegressor#trainStep(SequenceBatch, SequenceBatch, Optimizer, LstmState)} returns: the loss
 * before the update and the states after the last step of the batch (computed with the parameters before the
 * update, as PyTorch's forward pass of that step), from which truncated backpropagation through time goes on
 * with the next chunk.
 *
 * @param loss       the mean squared error before the update
 * @param finalState {@code (h_n, c_n)}, each {@code [L, B, H]}; new batches owned by the caller
 */
public record TrainingStep(double loss, LstmState finalState) {
}
