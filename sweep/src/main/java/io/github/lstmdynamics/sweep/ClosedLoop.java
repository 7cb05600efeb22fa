package io.github.lstmdynamics.sweep;

import io.github.lstmdynamics.examples.SamplingGrid;
import io.github.lstmdynamics.examples.TrajectoryBatch;
import io.github.lstmdynamics.examples.TrajectoryDataset;
import io.github.lstmdynamics.examples.TutorialConfig;
import io.github.lstmdynamics.examples.TutorialTraining;
import io.github.lstmdynamics.lstm.LstmRegressor;
import io.github.lstmdynamics.lstm.RolloutMode;
import io.github.lstmdynamics.lstm.SequenceBatch;

/**
 * The error of a closed-loop prediction over a longer horizon than training: the model predicts one
 * training window (t_end) from an initial state, its own last predicted state starts the next window,
 * and so on for {@code windows} windows; the result is the mean squared error against the true
 * trajectories over the whole horizon.
 *
 * <p>Each window is {@link LstmRegressor#rollout} in the tutorial's convention
 * ({@link RolloutMode#INITIAL_CONDITION}: the window's initial state at step 0, zeros after) from zero
 * LSTM states, so every window is the kind of sequence the model was trained on. One rollout over the
 * whole horizon would instead run the LSTM past the trained length on zero inputs (what the tutorial's
 * {@code --predict-steps} shows).
 *
 * <p>The initial states are fresh: batch {@link #BATCH} of the data stream, which neither training
 * (batches 0, 1, ...) nor the held-out evaluation ({@link TutorialTraining#EVALUATION_BATCH}) uses.
 * The true trajectories come from the same RK45 integration as the training data, over
 * [0, windows * t_end] every dt.
 */
public final class ClosedLoop {

    /** The index of the batch whose initial states start the closed-loop predictions. */
    public static final long BATCH = -2;

    private ClosedLoop() {
    }

    /**
     * The closed-loop mean squared error.
     *
     * @param model   the trained model (2 inputs, 2 outputs)
     * @param config  the run's settings (t_end, dt, mu, seed, batch size)
     * @param windows the horizon in training windows, at least 2
     * @return the MSE over (windows * (samples - 1) + 1) times x batch size x 2 coordinates; +infinity
     *         if the prediction overflowed
     */
    public static double error(LstmRegressor model, TutorialConfig config, int windows) {
        if (windows < 2) {
            throw new IllegalArgumentException("the closed-loop horizon must be at least 2 windows; got " + windows);
        }
        SamplingGrid window = config.grid();
        int steps = window.samples();
        SamplingGrid horizon = new SamplingGrid(windows * window.tEnd(), windows * window.intervals());
        TrajectoryDataset truth = TutorialTraining.dataset(config, horizon);
        TrajectoryBatch actual = truth.batch(BATCH, config.batchSize());
        int batchSize = config.batchSize();
        SequenceBatch x0 = SequenceBatch.zeros(1, batchSize, 2);
        for (int b = 0; b < batchSize; b++) {
            x0.set(0, b, 0, actual.initialStates()[b][0]);
            x0.set(0, b, 1, actual.initialStates()[b][1]);
        }
        double sum = 0;
        long count = 0;
        for (int w = 0; w < windows; w++) {
            SequenceBatch predicted;
            try {
                predicted = model.rollout(x0, steps, RolloutMode.INITIAL_CONDITION, null).output();
            } catch (IllegalArgumentException nonFiniteInput) {
                return Double.POSITIVE_INFINITY;
            }
            for (int t = w == 0 ? 0 : 1; t < steps; t++) {
                int sample = w * (steps - 1) + t;
                for (int b = 0; b < batchSize; b++) {
                    for (int i = 0; i < 2; i++) {
                        double d = predicted.get(t, b, i) - actual.target().get(sample, b, i);
                        sum += d * d;
                        count++;
                    }
                }
            }
            for (int b = 0; b < batchSize; b++) {
                x0.set(0, b, 0, predicted.get(steps - 1, b, 0));
                x0.set(0, b, 1, predicted.get(steps - 1, b, 1));
            }
        }
        double mse = sum / count;
        return Double.isFinite(mse) ? mse : Double.POSITIVE_INFINITY;
    }
}
