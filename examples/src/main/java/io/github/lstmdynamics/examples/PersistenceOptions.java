package io.github.lstmdynamics.examples;

import java.nio.file.Path;

/**
 * What a tutorial run saves and where it starts from: the four command-line options
 * {@code --save-model}, {@code --load-model}, {@code --checkpoint-every} and {@code --resume}.
 *
 * @param saveModel       where to save the trained model (F64 safetensors), or null for nowhere
 * @param loadModel       the model file to start from instead of fresh weights, or null
 * @param checkpointEvery save {@code OUT/checkpoint.safetensors} every this many batches and at the end;
 *                        0 for never
 * @param resume          the checkpoint to continue from, or null
 */
public record PersistenceOptions(Path saveModel, Path loadModel, int checkpointEvery, Path resume) {

    /** Largest {@code --checkpoint-every}, the largest {@code --batches}. */
    public static final int MAX_CHECKPOINT_EVERY = TutorialConfig.MAX_BATCHES;

    /** The name of the checkpoint file in the output directory. */
    public static final String CHECKPOINT_FILE = "checkpoint.safetensors";

    /**
     * Validates the combination.
     *
     * @param saveModel       see the record's description
     * @param loadModel       see the record's description
     * @param checkpointEvery see the record's description
     * @param resume          see the record's description
     * @throws IllegalArgumentException naming the command-line option, the value and what is expected
     */
    public PersistenceOptions {
        if (checkpointEvery < 0 || checkpointEvery > MAX_CHECKPOINT_EVERY) {
            throw new IllegalArgumentException("--checkpoint-every must be in [1, " + MAX_CHECKPOINT_EVERY
                    + "]; got " + checkpointEvery);
        }
        if (loadModel != null && resume != null) {
            throw new IllegalArgumentException("--load-model and --resume cannot be combined: a checkpoint"
                    + " holds its own model; got --load-model " + loadModel + " and --resume " + resume);
        }
        requireName("--save-model", saveModel);
        requireName("--load-model", loadModel);
        requireName("--resume", resume);
    }

    /**
     * Nothing saved, nothing loaded: the original tutorial.
     *
     * @return options with every path null and no checkpoints
     */
    public static PersistenceOptions none() {
        return new PersistenceOptions(null, null, 0, null);
    }

    /**
     * Whether training starts from a file (a model or a checkpoint) rather than fresh weights.
     *
     * @return true with {@code --load-model} or {@code --resume}
     */
    public boolean startsFromFile() {
        return loadModel != null || resume != null;
    }

    private static void requireName(String option, Path path) {
        if (path != null && path.toString().isEmpty()) {
            throw new IllegalArgumentException(option + " must name a file; got an empty path");
        }
    }
}
