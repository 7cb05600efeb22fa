package io.github.lstmdynamics.examples;

import io.github.lstmdynamics.lstm.LstmRegressor;
import io.github.lstmdynamics.lstm.LrScheduler;
import io.github.lstmdynamics.lstm.Optimizer;
import io.github.lstmdynamics.ode.IvpOptions;
import java.util.Arrays;
import java.util.function.LongFunction;

/**
 * The tutorial's training as a library, for programs that run it many times (a hyper-parameter sweep,
 * a seed ensemble) without its command line, pictures or files: the data ({@link #dataset}), the model
 * and optimizer ({@link StartingPoint#fresh}), the loop ({@link #train}) and the evaluation on the
 * held-out batch ({@link #evaluate}).
 *
 * <p>Everything runs on the calling thread (the data of each batch is integrated just before it
 * trains), so a run occupies one core and, with the same settings and seed, gives bit for bit the same
 * losses and weights as {@link Tutorial#run(TutorialConfig, java.io.PrintWriter)}, which integrates the
 * same batches ahead on a second thread.
 */
public final class TutorialTraining {

    /**
     * The index of the held-out batch in the data stream: training takes batches 0, 1, 2, ..., so this
     * one is never trained on, and it is the same for a given seed and batch size however long the run.
     */
    public static final long EVALUATION_BATCH = -1;

    private TutorialTraining() {
    }

    /**
     * The lower corner of the box of initial states, [-5, 5]^2.
     *
     * @return {-5, -5}, a new array
     */
    public static double[] boxLower() {
        return Tutorial.BOX_LOWER.clone();
    }

    /**
     * The upper corner of the box of initial states.
     *
     * @return {5, 5}, a new array
     */
    public static double[] boxUpper() {
        return Tutorial.BOX_UPPER.clone();
    }

    /**
     * The tutorial's data stream: van der Pol trajectories at the settings' mu, sampled from 0 to t_end
     * every dt, from initial states uniform in [-5, 5]^2, integrated by RK45 (max step 0.1).
     *
     * @param config the settings (mu, t_end, dt, seed)
     * @return the dataset; batch k of it is the tutorial's batch k + 1
     */
    public static TrajectoryDataset dataset(TutorialConfig config) {
        return dataset(config, config.grid());
    }

    /**
     * The tutorial's data stream sampled on another grid (for example a longer horizon): the same
     * system, box, solver options and seed, so batch k starts from the same initial states as batch k of
     * {@link #dataset(TutorialConfig)}.
     *
     * @param config the settings (mu, seed)
     * @param grid   the sample times
     * @return the dataset
     */
    public static TrajectoryDataset dataset(TutorialConfig config, SamplingGrid grid) {
        return new TrajectoryDataset(new VanDerPol(config.mu()), Tutorial.BOX_LOWER, Tutorial.BOX_UPPER, grid,
                IvpOptions.defaults().withMaxStep(0.1), config.seed());
    }

    /**
     * The tutorial's training loop on the calling thread: one optimizer step per batch, batches
     * {@code start.batchesDone()} to {@code config.batches() - 1} of the data stream, the running loss
     * r = 0.9 r + 0.1 loss from the starting point's, then the schedule's step (a plateau schedule
     * watches the running loss). A batch whose loss or gradient is not finite ends the loop (the model
     * keeps the parameters from before it) and is reported in the history; it does not throw.
     *
     * @param start    the model and optimizer to train (changed in place), and the history so far
     * @param config   the settings (batches, batch size; the rest is in the start and the data)
     * @param data     the data stream, normally {@link #dataset(TutorialConfig)}
     * @param listener hears each batch trained, for progress or checkpoints; may be null
     * @return the loss and running loss of every batch done, and where training diverged if it did
     */
    public static TrainingHistory train(StartingPoint start, TutorialConfig config, TrajectoryDataset data,
                                        TrainingListener listener) {
        int batchSize = config.batchSize();
        return train(start, config.batches(), k -> data.batch(k, batchSize), listener);
    }

    /**
     * The loop of {@link #train(StartingPoint, TutorialConfig, TrajectoryDataset, TrainingListener)} over
     * any source of batches: {@code batchOf} is asked for batches {@code start.batchesDone()},
     * {@code start.batchesDone() + 1}, ..., {@code batches - 1}, once each and in that order (so a
     * {@link BatchPrefetcher} of those indices can hand them out).
     */
    static TrainingHistory train(StartingPoint start, int batches, LongFunction<TrajectoryBatch> batchOf,
                                 TrainingListener listener) {
        LstmRegressor model = start.model();
        Optimizer optimizer = start.optimizer();
        LrScheduler scheduler = start.scheduler();
        int first = (int) start.batchesDone();
        int end = Math.max(first, batches);
        double[] loss = Arrays.copyOf(start.loss(), end);
        double[] running = Arrays.copyOf(start.running(), end);
        double r = start.runningLoss();
        for (int k = first; k < end; k++) {
            TrajectoryBatch batch = batchOf.apply(k);
            try {
                loss[k] = model.trainStep(batch.input(), batch.target(), optimizer);
            } catch (ArithmeticException e) {
                return new TrainingHistory(Arrays.copyOf(loss, k), Arrays.copyOf(running, k), k + 1L,
                        e.getMessage());
            }
            r = 0.9 * r + 0.1 * loss[k];
            running[k] = r;
            LrSchedule.step(scheduler, r);
            if (listener != null) {
                listener.batchDone(k + 1, loss, running);
            }
        }
        return new TrainingHistory(loss, running, 0, null);
    }

    /**
     * The model's loss (MSE) on the held-out batch ({@link #EVALUATION_BATCH}) of the data stream.
     *
     * @param model     the model
     * @param data      the data stream, normally {@link #dataset(TutorialConfig)}
     * @param batchSize trajectories in the batch
     * @return the mean squared error over all samples, trajectories and both coordinates
     */
    public static double evaluate(LstmRegressor model, TrajectoryDataset data, int batchSize) {
        TrajectoryBatch heldOut = data.batch(EVALUATION_BATCH, batchSize);
        return model.loss(heldOut.input(), heldOut.target());
    }
}
