package io.github.lstmdynamics.examples;

import java.io.IOException;
import java.nio.file.Path;
import java.lang.management.ManagementFactory;
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
            "The defaults are the original tutorial's.",
            "",
        })
public final class VanDerPolTutorial implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--batches", paramLabel = "N", description = "training batches (default: ${DEFAULT-VALUE})")
    private int batches = 2000;

    @Option(names = "--batch-size", paramLabel = "B", description = "trajectories per batch (default: ${DEFAULT-VALUE})")
    private int batchSize = 20;

    @Option(names = "--hidden", paramLabel = "H", description = "LSTM hidden units (default: ${DEFAULT-VALUE})")
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

    @Override
    public Integer call() throws IOException {
        TutorialConfig config;
        try {
            config = new TutorialConfig(batches, batchSize, hidden, lr, mu, tEnd, dt, seed, out);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Tutorial.run(config, spec.commandLine().getOut());
        return 0;
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
