package io.github.lstmdynamics.lstm;

/**
 * What {@link LstmRegressor#predict(SequenceBatch, LstmState)} and {@link LstmRegressor#rollout} return: the
 * output sequence and the LSTM states after its last step, from which a following chunk goes on. Both are
 * new batches owned by the caller.
 *
 * @param output     the predictions {@code [T, B, O]}
 * @param finalState {@code (h_n, c_n)}, each {@code [L, B, H]}
 */
public record Prediction(SequenceBatch output, LstmState finalState) {
}
