package io.github.lstmdynamics.examples;

import io.github.lstmdynamics.lstm.SequenceBatch;

/**
 * One batch of trajectories, ready for sequence training: the input is the initial state at step 0
 * and zeros after it, the target is the whole sampled trajectory (both T x B x n, time-major).
 *
 * @param index         the batch's index in its dataset
 * @param initialStates B x n initial states
 * @param input         T x B x n: x0 at step 0, zeros after
 * @param target        T x B x n: the sampled trajectories, target.get(t, b, i) = x_i(t_t) of sequence b
 */
public record TrajectoryBatch(long index, double[][] initialStates, SequenceBatch input,
                              SequenceBatch target) {
}
