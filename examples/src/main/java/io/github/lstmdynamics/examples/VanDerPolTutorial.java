package io.github.lstmdynamics.examples;

import io.github.lstmdynamics.lstm.LstmRegressor;
import io.github.lstmdynamics.lstm.Precision;
import io.github.lstmdynamics.lstm.io.Checkpoint;
import io.github.lstmdynamics.lstm.io.Checkpoints;
import io.github.lstmdynamics.lstm.io.ModelFiles;
import io.github.lstmdynamics.lstm.io.Safetensors;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
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

    @Option(names = "--optimizer", paramLabel = "NAME",
            description = "sgd (the original tutorial's), adam or adamw, as torch.optim's (default: sgd)")
    private String optimizer = "sgd";

    @Option(names = "--dtype", paramLabel = "DTYPE",
            description = "precision of the model, its training and its files: float64 or float32 (default: float64;"
                    + " with --load-model, the file's; with --resume, the checkpoint's)")
    private String dtype = "float64";

    @Option(names = "--lr", paramLabel = "RATE",
            description = "learning rate; 0.01 with --optimizer adam or adamw (default: 0.05)")
    private Double lr;

    @Option(names = "--lr-schedule", paramLabel = "SCHEDULE",
            description = "learning-rate schedule, stepped after every batch: none, step:N:GAMMA, exponential:GAMMA,"
                    + " cosine:T_MAX[:ETA_MIN] or plateau:PATIENCE:FACTOR (on the running loss), as"
                    + " torch.optim.lr_scheduler's StepLR, ExponentialLR, CosineAnnealingLR, ReduceLROnPlateau"
                    + " (default: none)")
    private String lrSchedule = "none";

    @Option(names = "--predict-steps", paramLabel = "N",
            description = "steps of the closed-loop prediction (x0, then the model on its own) drawn in"
                    + " predictions.png and written to predictions.csv; more than --t-end / --dt + 1 forecasts"
                    + " beyond the trained horizon (default: the trained horizon)")
    private Integer predictSteps;

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
            description = "after training, save the model to PATH: safetensors in the model's precision (F64, or F32 with --dtype"
                    + " float32), PyTorch's state_dict names")
    private Path saveModel;

    @Option(names = "--load-model", paramLabel = "PATH",
            description = "start from the model in PATH (from --save-model or PyTorch) instead of fresh weights and"
                    + " train it on with --batches of --seed's data (0: only evaluate it); its hidden size is the file's")
    private Path loadModel;

    @Option(names = "--checkpoint-every", paramLabel = "N",
            description = "every N batches and at the end, save the whole training state to DIR/"
                    + PersistenceOptions.CHECKPOINT_FILE + " (default: never; when resuming, the checkpoint's N)")
    private Integer checkpointEvery;

    @Option(names = "--resume", paramLabel = "PATH",
            description = "continue the training saved in checkpoint PATH up to --batches in all (at least the"
                    + " batches it has done), exactly as if it had not stopped; its --seed, --batch-size, --hidden,"
                    + " --optimizer, --lr, --lr-schedule, --mu, --t-end, --dt and --checkpoint-every are kept, so the"
                    + " resumed run goes on checkpointing to DIR/" + PersistenceOptions.CHECKPOINT_FILE
                    + " (--checkpoint-every N changes N)")
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
        } catch (OutOfMemoryError e) {
            throw new IOException("out of memory (the JVM may use " + Runtime.getRuntime().maxMemory() / (1 << 20)
                    + " MB, -Xmx): lower --batch-size, --hidden or --t-end, or raise -Xmx; the files of this run"
                    + " were not written", e);
        } finally {
            setup.start().model().close();
        }
        return 0;
    }

    /**
     * Validates the options, reads the model or checkpoint to start from, and checks the outputs and the
     * size of the run, before anything is written.
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
        if (predictSteps != null) {
            TutorialConfig.requireRange("--predict-steps", predictSteps, 1, 100_000);
        }
        OptimizerChoice optimizerChoice = OptimizerChoice.parse(optimizer);
        LrSchedule schedule = new LrSchedule(lrSchedule);
        double rate = lr != null ? lr : optimizerChoice.defaultLr();
        Precision precision = Precision.parse(dtype);
        TutorialConfig given = new TutorialConfig(batches, batchSize, hidden, rate, mu, tEnd, dt, seed, out,
                optimizerChoice, schedule, predictSteps == null ? 0 : predictSteps, precision);
        Setup setup;
        if (resume != null) {
            setup = resumed(given, files);
        } else if (loadModel != null) {
            setup = fromModelFile(given, files);
        } else {
            setup = new Setup(given, StartingPoint.fresh(given), files);
        }
        OutputPaths.of(setup.config().out(), setup.files()).check();
        RunSize.check(setup.config(), setup.start().model().lstm().numLayers());
        return setup;
    }

    /** Training goes on from the model in --load-model, whose hidden size wins over the default --hidden. */
    private Setup fromModelFile(TutorialConfig given, PersistenceOptions files) {
        String option = "--load-model " + loadModel;
        requireKind(option, loadModel, false);
        // the file's precision, unless --dtype asks for a conversion
        LstmRegressor model = explicit("--dtype")
                ? load(option, loadModel, "a model", file -> ModelFiles.load(file, given.precision()))
                : load(option, loadModel, "a model", ModelFiles::load);
        int fileHidden = model.lstm().hiddenSize();
        if (explicit("--hidden") && hidden != fileHidden) {
            throw new IllegalArgumentException("--hidden " + hidden + " conflicts with " + option
                    + ", whose model has " + fileHidden + " hidden units (leave --hidden out to use the file's)");
        }
        TutorialConfig config;
        StartingPoint start;
        try {
            config = new TutorialConfig(given.batches(), given.batchSize(), fileHidden, given.lr(),
                    given.mu(), given.tEnd(), given.dt(), given.seed(), given.out(), given.optimizer(),
                    given.schedule(), given.predictSteps(), model.precision());
            start = StartingPoint.fromModel(model, config,
                    "Starting from the model in " + loadModel + " instead of fresh weights");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
        return new Setup(config, requireFiniteToTrain(option, start, config), files);
    }

    /**
     * Training goes on from the checkpoint in --resume, with the checkpoint's settings and checkpoint
     * interval (--checkpoint-every, if given, changes the interval).
     */
    private Setup resumed(TutorialConfig given, PersistenceOptions files) {
        String option = "--resume " + resume;
        requireKind(option, resume, true);
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
        requireSame(option, "--optimizer", given.optimizer().optionName(), kept.optimizer().optionName());
        requireSame(option, "--lr-schedule", given.schedule().spec(), kept.schedule().spec());
        Precision keptPrecision = checkpoint.model().precision();
        if (explicit("--dtype") && given.precision() != keptPrecision) {
            throw new IllegalArgumentException("--dtype " + given.precision().label() + " conflicts with " + option
                    + ", whose model is " + keptPrecision.label() + " (leave --dtype out to resume in it)");
        }
        long done = checkpoint.batchesDone();
        if (given.batches() != 0 && given.batches() < done) {
            throw new IllegalArgumentException("--batches " + given.batches() + " is fewer than the " + done
                    + " batches " + option + " has done: --batches counts all batches, those done included; give"
                    + " more than " + done + " to train on, or " + done + " (or 0) to only evaluate the model");
        }
        TutorialConfig config;
        try {
            config = new TutorialConfig(given.batches(), kept.batchSize(), kept.hidden(), kept.lr(), kept.mu(),
                    kept.tEnd(), kept.dt(), kept.seed(), given.out(), kept.optimizer(), kept.schedule(),
                    given.predictSteps(), keptPrecision);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": the checkpoint's settings are invalid: " + e.getMessage(), e);
        }
        int every = checkpointEvery != null ? checkpointEvery : saved.checkpointEvery();
        PersistenceOptions resumedFiles = new PersistenceOptions(files.saveModel(), files.loadModel(), every,
                files.resume());
        StartingPoint start = saved.start();
        if (checkpointEvery == null && saved.checkpointEvery() == 0) {
            start = start.describedAs(start.description() + " (the checkpoint does not record --checkpoint-every:"
                    + " give it to go on checkpointing)");
        }
        return new Setup(config, requireFiniteToTrain(option, start, config), resumedFiles);
    }

    /**
     * A model with a NaN or infinite parameter cannot be trained (every loss is NaN): refused before
     * training, naming the parameter; when it is only evaluated, the run says that its results are NaN.
     */
    private static StartingPoint requireFiniteToTrain(String option, StartingPoint start, TutorialConfig config) {
        String bad = NonFiniteParameters.describeFirst(start.model());
        if (bad == null) {
            return start;
        }
        if (config.batches() > start.batchesDone()) {
            throw new IllegalArgumentException(option + ": the model's " + bad + " (it diverged when it was trained):"
                    + " it cannot be trained on; start from fresh weights or from another model");
        }
        return start.describedAs(start.description() + "\nWarning: the model's " + bad
                + ": its predictions and loss are NaN");
    }

    /**
     * A model file given to --resume or a checkpoint given to --load-model is refused with the option that
     * takes it.
     */
    private static void requireKind(String option, Path path, boolean checkpoint) {
        Map<String, String> metadata;
        try {
            if (!Files.isRegularFile(path)) {
                return; // reported by load
            }
            metadata = Safetensors.readMetadata(path);
        } catch (IOException e) {
            return; // reported by load, with the rest of what is wrong with the file
        }
        boolean isCheckpoint = Checkpoints.FORMAT.equals(metadata.get("format"));
        if (checkpoint && !isCheckpoint) {
            throw new IllegalArgumentException(option + ": is not a training checkpoint"
                    + (ModelFiles.FORMAT.equals(metadata.get("format")) || !metadata.containsKey("format")
                    ? " but a model file: start from it with --load-model " + path : ""));
        }
        if (!checkpoint && isCheckpoint) {
            throw new IllegalArgumentException(option + ": is a training checkpoint, not a model file: continue"
                    + " its training with --resume " + path);
        }
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

    /**
     * The allowed values of the integer options, for the message when a value is not an int at all (such as
     * 2147483648); the options' own checks give the same ranges.
     */
    private static final Map<String, String> INT_RANGES = Map.of(
            "--batches", "an integer in [1, " + TutorialConfig.MAX_BATCHES + "] (0 with --load-model or --resume)",
            "--batch-size", "an integer in [1, " + TutorialConfig.MAX_BATCH_SIZE + "]",
            "--hidden", "an integer in [1, " + TutorialConfig.MAX_HIDDEN + "]",
            "--checkpoint-every", "an integer in [1, " + PersistenceOptions.MAX_CHECKPOINT_EVERY + "]",
            "--seed", "an integer in [" + Long.MIN_VALUE + ", " + Long.MAX_VALUE + "]");

    /**
     * The command line parser. A bad option or file is reported as one line naming the option, the value
     * and what was expected, and a pointer to {@code --help} (exit status 2); a failure of the run as one
     * line (exit status 1). Neither prints a stack trace.
     */
    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new VanDerPolTutorial());
        commandLine.setParameterExceptionHandler((e, args) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("vanderpol-tutorial: " + withRange(e));
            err.println("Run 'vanderpol-tutorial --help' for the options.");
            err.flush();
            return 2;
        });
        commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
            // A file system error's message is only the path: say what failed and the OS's reason.
            String message = e instanceof FileSystemException fs
                    ? "cannot write or read " + fs.getFile() + ": " + OutputPaths.reason(fs) : e.getMessage();
            cl.getErr().println("vanderpol-tutorial: " + message);
            return 1;
        });
        return commandLine;
    }

    /** Picocli's "'x' is not an int" (or long) for an integer option, with the allowed range added. */
    private static String withRange(ParameterException e) {
        String message = e.getMessage();
        if (e.getArgSpec() instanceof OptionSpec option && (message.endsWith(" is not an int")
                || message.endsWith(" is not a long"))) {
            String range = INT_RANGES.get(option.longestName());
            if (range != null) {
                return message.substring(0, message.lastIndexOf(" is not a")) + " is not " + range;
            }
        }
        return message;
    }
}
