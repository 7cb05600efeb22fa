package io.github.lstmdynamics.examples;

import io.github.lstmdynamics.lstm.LstmRegressor;
import io.github.lstmdynamics.lstm.io.Checkpoint;
import io.github.lstmdynamics.lstm.io.Checkpoints;
import io.github.lstmdynamics.lstm.io.ModelFiles;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The command line of the van der Pol tutorial: an LSTM learns to behave like the van der Pol
 * oscillator from RK45 trajectories. The defaults reproduce the original PyTorch tutorial; run with
 * {@code --help} for the options. Exit status 0 on success, 2 for a bad option, 1 if the run failed.
 */
@Command(name = "vanderpol-tutorial", mixinStandardHelpOptions = true, sortOptions = false,
        version = "lstm-dynamics examples 0.1.0-SNAPSHOT",
        description = {
            "Trains an LSTM to imitate the van der Pol oscillator",
            "  x1' = x2,  x2' = mu (1 - x1^2) x2 - x1",
            "on RK45 trajectories from initial states uniform in [-5, 5]^2, and writes",
            "flow-field.png, predictions.png, loss.png, loss.csv and predictions.csv.",
            "The defaults are the original tutorial's. A trained model can be saved",
            "(--save-model) and loaded again (--load-model); a training can be checkpointed",
            "(--checkpoint-every) and resumed exactly (--resume).",
            "",
        })
public final class VanDerPolTutorial implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--batches", paramLabel = "N",
            description = "training batches, in all when resuming; 0 with --load-model or --resume only evaluates"
                    + " (default: ${DEFAULT-VALUE})")
    private int batches = 2000;

    @Option(names = "--batch-size", paramLabel = "B", description = "trajectories per batch (default: ${DEFAULT-VALUE})")
    private int batchSize = 20;

    @Option(names = "--hidden", paramLabel = "H",
            description = "LSTM hidden units (default: ${DEFAULT-VALUE}, or the loaded model's)")
    private int hidden = 20;

    @Option(names = "--lr", paramLabel = "RATE", description = "SGD learning rate (default: ${DEFAULT-VALUE})")
    private double lr = 0.05;

    @Option(names = "--mu", paramLabel = "MU", description = "van der Pol damping mu (default: ${DEFAULT-VALUE})")
    private double mu = 0.1;

    @Option(names = "--t-end", paramLabel = "T", description = "length of each trajectory (default: ${DEFAULT-VALUE})")
    private double tEnd = 2.0;

    @Option(names = "--dt", paramLabel = "DT",
            description = "time between samples; --t-end must be a multiple of it (default: ${DEFAULT-VALUE})")
    private double dt = 0.1;

    @Option(names = "--seed", paramLabel = "SEED",
            description = "seed of the data and the initial weights; the same seed gives the same files (default: ${DEFAULT-VALUE})")
    private long seed = TutorialConfig.DEFAULT_SEED;

    @Option(names = "--out", paramLabel = "DIR", description = "output directory (default: ${DEFAULT-VALUE})")
    private Path out = Path.of("out");

    @Option(names = "--save-model", paramLabel = "PATH",
            description = "after training, save the model to PATH: safetensors, float64, PyTorch's state_dict names")
    private Path saveModel;

    @Option(names = "--load-model", paramLabel = "PATH",
            description = "start from the model in PATH (from --save-model or PyTorch) instead of fresh weights and"
                    + " train it on with --batches of --seed's data (0: only evaluate it); its hidden size is the file's")
    private Path loadModel;

    @Option(names = "--checkpoint-every", paramLabel = "N",
            description = "every N batches and at the end, save the whole training state to DIR/"
                    + PersistenceOptions.CHECKPOINT_FILE + " (default: never)")
    private Integer checkpointEvery;

    @Option(names = "--resume", paramLabel = "PATH",
            description = "continue the training saved in checkpoint PATH up to --batches in all, exactly as if it"
                    + " had not stopped; its --seed, --batch-size, --hidden, --lr, --mu, --t-end and --dt are kept")
    private Path resume;

    /** The resolved run: settings, starting point and what to save. */
    private record Setup(TutorialConfig config, StartingPoint start, PersistenceOptions files) {
    }

    @Override
    public Integer call() throws IOException {
        Setup setup;
        try {
            setup = setUp();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        try {
            Tutorial.run(setup.config(), setup.start(), setup.files(), spec.commandLine().getOut());
        } finally {
            setup.start().model().close();
        }
        return 0;
    }

    /**
     * Validates the options and reads the model or checkpoint to start from, before anything is written.
     *
     * @throws IllegalArgumentException naming the option, the value and what was expected
     */
    private Setup setUp() {
        if (checkpointEvery != null) {
            TutorialConfig.requireRange("--checkpoint-every", checkpointEvery, 1, PersistenceOptions.MAX_CHECKPOINT_EVERY);
        }
        PersistenceOptions files = new PersistenceOptions(saveModel, loadModel,
                checkpointEvery == null ? 0 : checkpointEvery, resume);
        if (batches == 0 && !files.startsFromFile()) {
            throw new IllegalArgumentException("--batches must be in [1, " + TutorialConfig.MAX_BATCHES
                    + "]; got 0 (0, to only evaluate, needs --load-model or --resume)");
        }
        TutorialConfig.requireRange("--batches", batches, files.startsFromFile() ? 0 : 1, TutorialConfig.MAX_BATCHES);
        TutorialConfig given = new TutorialConfig(batches, batchSize, hidden, lr, mu, tEnd, dt, seed, out);
        if (saveModel != null) {
            requireWritableFile("--save-model", saveModel);
        }
        if (resume != null) {
            return resumed(given, files);
        }
        if (loadModel != null) {
            return fromModelFile(given, files);
        }
        return new Setup(given, StartingPoint.fresh(given), files);
    }

    /** Training goes on from the model in --load-model, whose hidden size wins over the default --hidden. */
    private Setup fromModelFile(TutorialConfig given, PersistenceOptions files) {
        String option = "--load-model " + loadModel;
        LstmRegressor model = load(option, loadModel, "a model", ModelFiles::load);
        int fileHidden = model.lstm().hiddenSize();
        if (explicit("--hidden") && hidden != fileHidden) {
            throw new IllegalArgumentException("--hidden " + hidden + " conflicts with " + option
                    + ", whose model has " + fileHidden + " hidden units (leave --hidden out to use the file's)");
        }
        try {
            TutorialConfig config = new TutorialConfig(given.batches(), given.batchSize(), fileHidden, given.lr(),
                    given.mu(), given.tEnd(), given.dt(), given.seed(), given.out());
            return new Setup(config, StartingPoint.fromModel(model, config,
                    "Starting from the model in " + loadModel + " instead of fresh weights"), files);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
    }

    /** Training goes on from the checkpoint in --resume, with the checkpoint's settings. */
    private Setup resumed(TutorialConfig given, PersistenceOptions files) {
        String option = "--resume " + resume;
        Checkpoint checkpoint = load(option, resume, "a checkpoint", Checkpoints::load);
        TrainingCheckpoint saved;
        try {
            saved = TrainingCheckpoint.from(checkpoint, "Resuming from the checkpoint " + resume + " after batch "
                    + checkpoint.batchesDone());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
        TrainingSettings kept = saved.settings();
        requireSame(option, "--seed", given.seed(), kept.seed());
        requireSame(option, "--batch-size", given.batchSize(), kept.batchSize());
        requireSame(option, "--hidden", given.hidden(), kept.hidden());
        requireSame(option, "--lr", given.lr(), kept.lr());
        requireSame(option, "--mu", given.mu(), kept.mu());
        requireSame(option, "--t-end", given.tEnd(), kept.tEnd());
        requireSame(option, "--dt", given.dt(), kept.dt());
        TutorialConfig config;
        try {
            config = new TutorialConfig(given.batches(), kept.batchSize(), kept.hidden(), kept.lr(), kept.mu(),
                    kept.tEnd(), kept.dt(), kept.seed(), given.out());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": the checkpoint's settings are invalid: " + e.getMessage(), e);
        }
        return new Setup(config, saved.start(), files);
    }

    /** An option given on the command line must agree with the checkpoint's setting; one left out takes it. */
    private void requireSame(String checkpoint, String name, Object given, Object kept) {
        if (explicit(name) && !given.equals(kept)) {
            throw new IllegalArgumentException(name + " " + given + " conflicts with " + checkpoint
                    + ", which was trained with " + name + " " + kept + " (leave " + name
                    + " out to go on with the checkpoint's)");
        }
    }

    private boolean explicit(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    /** Checked before training, so that a run is not lost for want of a place to save its model. */
    private static void requireWritableFile(String option, Path path) {
        if (Files.isDirectory(path)) {
            throw new IllegalArgumentException(option + " " + path + " is a directory; expected the path of a file");
        }
        Path directory = path.toAbsolutePath().getParent();
        while (directory != null && !Files.exists(directory)) {
            directory = directory.getParent();
        }
        if (directory != null && !Files.isDirectory(directory)) {
            throw new IllegalArgumentException(option + " " + path + ": " + directory + " is not a directory");
        }
        if (directory != null && !Files.isWritable(directory)) {
            throw new IllegalArgumentException(option + " " + path + ": cannot write in " + directory);
        }
    }

    /** Reads a file given to an option: a model or a checkpoint. */
    private interface FileReader<T> {
        T read(Path path) throws IOException;
    }

    /**
     * Reads the regular file {@code path} given as {@code option}, with every failure (missing, not a
     * regular file, refused by lstm-io) reported as a bad option naming what was expected.
     */
    private static <T> T load(String option, Path path, String what, FileReader<T> reader) {
        if (!Files.exists(path)) {
            throw new IllegalArgumentException(option + ": no such file");
        }
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException(option + ": not a regular file");
        }
        try {
            return reader.read(path);
        } catch (IOException e) {
            throw new IllegalArgumentException(option + ": not " + what + " this tutorial can load: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Runs the tutorial; see the class description.
     *
     * @param args the command-line options
     */
    public static void main(String[] args) {
        // Pictures are drawn off screen; no display is needed or wanted.
        System.setProperty("java.awt.headless", "true");
        // Drawing has a one-time set-up cost of a few hundred milliseconds: pay it on the second core
        // while the command line is parsed (picocli's own set-up takes about as long).
        Thread warmUp = new Thread(PngImages::warmUp, "warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
        CommandLine commandLine = commandLine();
        int status = commandLine.execute(args);
        if (status == 0 && commandLine.getExecutionResult() != null) {
            long started = ManagementFactory.getRuntimeMXBean().getStartTime();
            System.out.printf("Total %.2f s from the start of the JVM%n",
                    (System.currentTimeMillis() - started) / 1000.0);
        }
        System.exit(status);
    }

    /** The command line parser, with errors reported as one clear line plus the usage. */
    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new VanDerPolTutorial());
        commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
            cl.getErr().println("vanderpol-tutorial: " + e.getMessage());
            return 1;
        });
        return commandLine;
    }
}
