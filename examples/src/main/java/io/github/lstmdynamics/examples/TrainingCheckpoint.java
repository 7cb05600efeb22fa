package io.github.lstmdynamics.examples;

import io.github.lstmdynamics.lstm.io.Checkpoint;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A tutorial run's whole training state, as kept in {@code checkpoint.safetensors}: the settings that
 * must not change on resume and the point to go on from (model, optimizer, batches done, loss history).
 *
 * <p>In the file (an lstm-io {@link Checkpoint}) the model, the optimizer and the batch count are
 * lstm-io's; this class adds, as the checkpoint's own state, the settings, the next batch of the data
 * stream (batch k of a {@link TrajectoryDataset} is a pure function of its seed and k, so the seed and
 * the next k are the random generator's whole state) and the running loss, all as exact decimals
 * ({@link Double#toString} reads back as the same double), and, as arrays, the loss and running loss of
 * every batch done, so that the files of a resumed run cover the whole training.
 *
 * <p>The checkpoint also records the run's {@code --checkpoint-every}, so that a resumed run goes on
 * checkpointing at the same interval (0 in a checkpoint written before it was recorded).
 *
 * @param settings        the settings of the run
 * @param start           the model, optimizer, batches done and loss history
 * @param checkpointEvery the run's checkpoint interval in batches, at least 1 (0: not recorded)
 */
public record TrainingCheckpoint(TrainingSettings settings, StartingPoint start, int checkpointEvery) {

    /** Identifies the state of this tutorial among other users of lstm-io's checkpoints. */
    static final String KIND = "lstm-dynamics van der Pol tutorial, version 1";

    static final String KEY_KIND = "kind";
    static final String KEY_SEED = "seed";
    static final String KEY_NEXT_BATCH = "next_batch";
    static final String KEY_RUNNING_LOSS = "running_loss";
    static final String KEY_BATCH_SIZE = "batch_size";
    static final String KEY_HIDDEN = "hidden";
    static final String KEY_LR = "lr";
    static final String KEY_MU = "mu";
    static final String KEY_T_END = "t_end";
    static final String KEY_DT = "dt";
    static final String KEY_OPTIMIZER = "optimizer";
    static final String KEY_LR_SCHEDULE = "lr_schedule";

    static final String KEY_CHECKPOINT_EVERY = "checkpoint_every";
    static final String ARRAY_LOSS = "loss_history";
    static final String ARRAY_RUNNING = "running_loss_history";

    /**
     * The lstm-io checkpoint to save (it shares the model, optimizer and history arrays with this).
     *
     * @return the checkpoint
     */
    public Checkpoint toCheckpoint() {
        Map<String, String> state = new LinkedHashMap<>();
        state.put(KEY_KIND, KIND);
        state.put(KEY_SEED, Long.toString(settings.seed()));
        state.put(KEY_NEXT_BATCH, Long.toString(start.batchesDone()));
        state.put(KEY_RUNNING_LOSS, Double.toString(start.runningLoss()));
        state.put(KEY_BATCH_SIZE, Integer.toString(settings.batchSize()));
        state.put(KEY_HIDDEN, Integer.toString(settings.hidden()));
        state.put(KEY_LR, Double.toString(settings.lr()));
        state.put(KEY_MU, Double.toString(settings.mu()));
        state.put(KEY_T_END, Double.toString(settings.tEnd()));
        state.put(KEY_DT, Double.toString(settings.dt()));
        state.put(KEY_OPTIMIZER, settings.optimizer().optionName());
        state.put(KEY_LR_SCHEDULE, settings.schedule().spec());

        if (checkpointEvery > 0) {
            state.put(KEY_CHECKPOINT_EVERY, Integer.toString(checkpointEvery));
        }
        Map<String, double[]> arrays = new LinkedHashMap<>();
        arrays.put(ARRAY_LOSS, start.loss());
        arrays.put(ARRAY_RUNNING, start.running());
        return new Checkpoint(start.model(), start.optimizer(), start.scheduler(), start.batchesDone(), state, arrays);
    }

    /**
     * Reads the tutorial's state back from a loaded checkpoint and checks that it is consistent.
     *
     * @param checkpoint   a checkpoint loaded by lstm-io
     * @param description  how the run starts, printed (for example "resumed from FILE at batch k")
     * @return the settings and the point to go on from
     * @throws IllegalArgumentException if the checkpoint is not one of this tutorial's, or its parts disagree
     *                                  (the message says which)
     */
    public static TrainingCheckpoint from(Checkpoint checkpoint, String description) {
        Map<String, String> state = checkpoint.state();
        String kind = state.get(KEY_KIND);
        if (!KIND.equals(kind)) {
            throw new IllegalArgumentException("not a checkpoint of the van der Pol tutorial: its state has "
                    + KEY_KIND + " " + (kind == null ? "missing" : "'" + kind + "'") + ", expected '" + KIND + "'");
        }
        long seed = parseLong(state, KEY_SEED);
        long nextBatch = parseLong(state, KEY_NEXT_BATCH);
        int batchSize = parseInt(state, KEY_BATCH_SIZE);
        int hidden = parseInt(state, KEY_HIDDEN);
        // checkpoints from before --optimizer and --lr-schedule trained with plain SGD at a constant rate
        OptimizerChoice optimizerChoice = OptimizerChoice.parse(state.getOrDefault(KEY_OPTIMIZER, "sgd"));
        LrSchedule schedule = new LrSchedule(state.getOrDefault(KEY_LR_SCHEDULE, "none"));
        TrainingSettings settings = new TrainingSettings(seed, batchSize, hidden, parseDouble(state, KEY_LR),
                parseDouble(state, KEY_MU), parseDouble(state, KEY_T_END), parseDouble(state, KEY_DT), optimizerChoice,
                schedule);
        if (OptimizerChoice.of(checkpoint.optimizer()) != optimizerChoice) {
            throw new IllegalArgumentException("the checkpoint's optimizer is "
                    + OptimizerChoice.of(checkpoint.optimizer()).optionName() + " but its state says "
                    + optimizerChoice.optionName());
        }
        if ((checkpoint.scheduler() == null) != schedule.equals(LrSchedule.NONE)) {
            throw new IllegalArgumentException("the checkpoint's learning-rate schedule "
                    + (checkpoint.scheduler() == null ? "is missing" : "is " + checkpoint.scheduler().stateDict().get("type"))
                    + " but its state says " + schedule);
        }
        if (nextBatch != checkpoint.batchesDone()) {
            throw new IllegalArgumentException("the checkpoint's " + KEY_NEXT_BATCH + " (" + nextBatch
                    + ") differs from its batches done (" + checkpoint.batchesDone() + ")");
        }
        int modelHidden = checkpoint.model().lstm().hiddenSize();
        if (modelHidden != hidden) {
            throw new IllegalArgumentException("the checkpoint's model has " + modelHidden
                    + " hidden units but its state says " + hidden);
        }
        double optimizerLr = OptimizerChoice.initialLr(checkpoint.optimizer());
        if (Double.compare(optimizerLr, settings.lr()) != 0) {
            throw new IllegalArgumentException("the checkpoint's optimizer has learning rate " + optimizerLr
                    + " but its state says " + settings.lr());
        }
        double[] loss = requireArray(checkpoint, ARRAY_LOSS);
        double[] running = requireArray(checkpoint, ARRAY_RUNNING);
        StartingPoint start = new StartingPoint(checkpoint.model(), checkpoint.optimizer(), checkpoint.scheduler(),
                checkpoint.batchesDone(),
                loss, running, description);
        double runningLoss = parseDouble(state, KEY_RUNNING_LOSS);
        if (Double.compare(runningLoss, start.runningLoss()) != 0) {
            throw new IllegalArgumentException("the checkpoint's running loss (" + runningLoss
                    + ") differs from the last of its history (" + start.runningLoss() + ")");
        }
        int checkpointEvery = 0;
        if (state.containsKey(KEY_CHECKPOINT_EVERY)) {
            checkpointEvery = parseInt(state, KEY_CHECKPOINT_EVERY);
            if (checkpointEvery < 1 || checkpointEvery > PersistenceOptions.MAX_CHECKPOINT_EVERY) {
                throw new IllegalArgumentException("the checkpoint's '" + KEY_CHECKPOINT_EVERY + "' must be in [1, "
                        + PersistenceOptions.MAX_CHECKPOINT_EVERY + "]; got " + checkpointEvery);
            }
        }
        return new TrainingCheckpoint(settings, start, checkpointEvery);
    }

    private static String require(Map<String, String> state, String key) {
        String value = state.get(key);
        if (value == null) {
            throw new IllegalArgumentException("the checkpoint's state has no '" + key + "'");
        }
        return value;
    }

    private static long parseLong(Map<String, String> state, String key) {
        String value = require(state, key);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the checkpoint's '" + key + "' is not an integer: '" + value + "'");
        }
    }

    private static int parseInt(Map<String, String> state, String key) {
        String value = require(state, key);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the checkpoint's '" + key + "' is not an int: '" + value + "'");
        }
    }

    private static double parseDouble(Map<String, String> state, String key) {
        String value = require(state, key);
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the checkpoint's '" + key + "' is not a number: '" + value + "'");
        }
    }

    private static double[] requireArray(Checkpoint checkpoint, String key) {
        double[] values = checkpoint.arrays().get(key);
        if (values == null) {
            throw new IllegalArgumentException("the checkpoint has no array '" + key + "'");
        }
        return values;
    }
}
