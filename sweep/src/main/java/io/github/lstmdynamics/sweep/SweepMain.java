package io.github.lstmdynamics.sweep;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The sweep's command line ({@link SweepArguments}): embedded Spark ({@code local[*,4]}) by default,
 * the master of {@code spark-submit} or {@code --master} otherwise. Prints a line per finished run with
 * how many remain, and where the files are at the end. A bad option or sweep file prints one message
 * and exits with status 2; an error while running exits with status 1.
 */
public final class SweepMain {

    /** The default master: every core of this machine, a failed task tried up to 4 times. */
    public static final String DEFAULT_MASTER = "local[*,4]";
    private static final Pattern LOCAL_WITHOUT_RETRIES = Pattern.compile("local\\[([0-9]+|\\*)\\]");

    private SweepMain() {
    }

    /**
     * Runs a sweep.
     *
     * @param args see {@link SweepArguments}
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs a sweep and returns the exit status instead of exiting.
     *
     * @param args see {@link SweepArguments}
     * @param out  where the progress lines go
     * @param err  where error messages go
     * @return 0 on success, 1 if the sweep failed, 2 for a bad option or sweep file
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        SweepArguments arguments;
        try {
            arguments = SweepArguments.parse(args);
        } catch (BadSweepInput e) {
            err.println("sweep: " + e.getMessage());
            return 2;
        }
        if (arguments.help()) {
            out.println(SweepArguments.USAGE);
            return 0;
        }
        // Quiet unless asked, also under spark-submit, whose log configuration is Spark's own.
        Configurator.setRootLevel(arguments.verbose() ? Level.INFO : Level.ERROR);
        SparkConf conf = sparkConf(arguments.master());
        long start = System.nanoTime();
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            out.printf("sweep: %d runs (%d settings x %d seeds) on %s, %d cores for tasks, into %s%n",
                    arguments.plan().runs().size(), arguments.plan().points().size(), arguments.plan().seeds().size(),
                    spark.master(), spark.defaultParallelism(), arguments.out());
            SweepOutcome outcome = Sweep.run(spark, arguments.plan(), arguments.out(), new TutorialRun(),
                    new ProgressLines(out, arguments.plan().sweptAxes()));
            out.printf(Locale.ROOT, "sweep: %d runs done in %.1f s (%d trained now, %d found in runs.csv)%n",
                    outcome.results().size(), (System.nanoTime() - start) * 1e-9, outcome.ran(), outcome.skipped());
            if (outcome.best() == null) {
                out.println("sweep: every run diverged; no model saved");
            } else {
                out.println("sweep: best held-out loss " + outcome.best().heldOutLoss() + " ("
                        + ProgressLines.describe(outcome.best().spec(), java.util.List.of(Axis.values())) + "), model in " + outcome.bestModel());
            }
            out.println("sweep: wrote " + Sweep.RUNS + ", " + Sweep.SUMMARY + ", " + Sweep.CHART
                    + (outcome.best() == null ? "" : ", " + Sweep.BEST_MODEL) + " to " + arguments.out() + "/");
            return 0;
        } catch (BadSweepInput e) {
            err.println("sweep: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("sweep: cannot write the results: " + e);
            return 1;
        } catch (RuntimeException e) {
            err.println("sweep: the sweep failed: " + rootMessage(e));
            err.println("sweep: the runs finished so far are in " + arguments.out().resolve(Sweep.RUNS)
                    + "; run the same command again to finish the others");
            return 1;
        }
    }

    /**
     * The Spark configuration: the given master, else the one spark-submit set, else {@link #DEFAULT_MASTER};
     * a {@code local[N]} master gets Spark's retries as {@code local[N,4]}. A local master, or none given,
     * keeps the driver on 127.0.0.1 and without its web UI unless configured otherwise.
     *
     * @param master the master from {@code --master}, or null
     * @return the configuration
     */
    public static SparkConf sparkConf(String master) {
        SparkConf conf = new SparkConf().setAppName("lstm-dynamics sweep");
        String chosen = master != null ? master : conf.get("spark.master", DEFAULT_MASTER);
        Matcher local = LOCAL_WITHOUT_RETRIES.matcher(chosen);
        if (local.matches()) {
            chosen = "local[" + local.group(1) + ",4]";
        } else if (chosen.equals("local")) {
            chosen = "local[1,4]";
        }
        conf.setMaster(chosen);
        if (chosen.startsWith("local")) {
            conf.setIfMissing("spark.ui.enabled", "false");
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        return conf;
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (caused by " + cause + ")";
    }
}
