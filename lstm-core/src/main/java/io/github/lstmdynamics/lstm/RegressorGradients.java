package io.github.lstmdynamics.lstm;

/**
 * What {@link LstmRegressor#computeGradients(SequenceBatch, SequenceBatch, LstmState, LstmState)} returns
 * besides the parameter gradients it leaves in {@link Parameter#grad()}: the loss, the final states and the
 * gradients of the objective with respect to the model's inputs, as PyTorch's {@code x.grad},
 * {@code h0.grad} and {@code c0.grad}.
 *
 * <p>The batches are buffers owned by the model, overwritten by its next forward or backward call;
 * {@link SequenceBatch#copy()} them to keep them.
 *
 * @param loss       the mean squared error of the prediction
 * @param finalState {@code (h_n, c_n)}, each {@code [L, B, H]}
 * @param dInput     gradient with respect to the input sequence, {@code [T, B, I]}
 * @param dh0        gradient with respect to the initial hidden state, {@code [L, B, H]}
 * @param dc0        gradient with respect to the initial cell state, {@code [L, B, H]}
 */
public record RegressorGradients(double loss, LstmState finalState, SequenceBatch dInput, SequenceBatch dh0,
        SequenceBatch dc0) {
}
