package io.github.lstmdynamics.examples;

/**
 * What a training loop of {@link TutorialTraining} did: the loss of every batch it trained and the
 * running loss after it, and, if it stopped early, the batch whose loss or gradient was not finite.
 *
 * @param loss        loss of batch k + 1 at index k (of the whole training, a starting point's batches
 *                    included), one value per batch done
 * @param running     running loss r = 0.9 r + 0.1 loss after batch k + 1 at index k, one per batch done
 * @param divergedAt  0 if every batch trained; otherwise the number (counted from 1, as the tutorial's
 *                    "Batch #" lines count) of the batch whose loss or a gradient was NaN or infinite:
 *                    training stopped there and the model keeps the parameters from before that batch
 * @param divergence  why training stopped (the loss or gradient that was not finite), null if it did not
 */
public record TrainingHistory(double[] loss, double[] running, long divergedAt, String divergence) {

    /**
     * Checks that both histories have one value per batch done.
     *
     * @param loss       see the record's description
     * @param running    see the record's description
     * @param divergedAt see the record's description
     * @param divergence see the record's description
     */
    public TrainingHistory {
        if (loss.length != running.length) {
            throw new IllegalArgumentException("loss and running loss must have one value per batch; got "
                    + loss.length + " and " + running.length);
        }
        if (divergedAt < 0 || (divergedAt == 0) != (divergence == null)) {
            throw new IllegalArgumentException("divergedAt must be 0 without a divergence, a batch number with one;"
                    + " got " + divergedAt + " and " + divergence);
        }
    }

    /**
     * Whether every batch trained.
     *
     * @return true unless training stopped at a batch whose loss or gradient was not finite
     */
    public boolean finished() {
        return divergedAt == 0;
    }

    /**
     * The running loss after the last batch trained.
     *
     * @return the last running loss, NaN if no batch was trained
     */
    public double finalRunningLoss() {
        return running.length == 0 ? Double.NaN : running[running.length - 1];
    }
}
