package io.github.lstmdynamics.examples;

/**
 * Hears each batch of {@link TutorialTraining#train}'s loop, on the training thread, after the
 * optimizer's and the schedule's step: for progress lines and checkpoints.
 */
@FunctionalInterface
public interface TrainingListener {

    /**
     * After a batch trained.
     *
     * @param done    batches trained so far, counted from the start of the whole training (a starting
     *                point's batches included): the batch just trained is number {@code done}
     * @param loss    the loss of batch k + 1 at index k; the first {@code done} values are set. The loop's
     *                own array: read it during the call only, and do not change it
     * @param running the running loss r = 0.9 r + 0.1 loss after batch k + 1 at index k, as {@code loss}
     */
    void batchDone(int done, double[] loss, double[] running);
}
