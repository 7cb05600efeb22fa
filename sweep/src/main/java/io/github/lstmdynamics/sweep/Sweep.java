package io.github.lstmdynamics.sweep;

import io.github.lstmdynamics.lstm.LstmRegressor;
import io.github.lstmdynamics.lstm.io.ModelFiles;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.TaskContext;
import org.apache.spark.TaskFailedReason;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import scala.collection.Iterator;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * Runs a sweep on Spark: the runs not yet in {@code OUT/runs.csv} become one Spark job with one task
 * (one partition) per run; each task trains its run on one thread of its executor. As each task's result
 * reaches the driver, the driver saves the model if it is the best so far, adds the row to
 * {@code runs.csv} (atomically) and tells the listener. At the end it writes {@code runs.csv} in the
 * sweep's order, {@code summary.csv}, {@code sweep.png} and makes sure {@code best-model.safetensors}
 * holds the best run's model.
 *
 * <p>A sweep stopped at any moment and started again with the same plan and directory runs only the
 * missing runs and ends with the same files (the training times apart). A task that throws is run again
 * by Spark, up to its limit of failures; a run whose training diverges is a result, not a failure.
 */
public final class Sweep {

    /** The file of the per-run rows. */
    public static final String RUNS = "runs.csv";
    /** The file of the per-setting statistics. */
    public static final String SUMMARY = "summary.csv";
    /** The chart. */
    public static final String CHART = "sweep.png";
    /** The best run's model (safetensors, as {@link ModelFiles} writes it). */
    public static final String BEST_MODEL = "best-model.safetensors";

    private static final AtomicLong JOBS = new AtomicLong();

    private Sweep() {
    }

    /**
     * Runs the sweep's missing runs and writes its files.
     *
     * @param spark    the Spark context (local or a cluster)
     * @param plan     the sweep
     * @param out      the output directory (created if missing; its runs.csv, if any, must be this sweep's)
     * @param trainer  what trains a run, normally {@link TutorialRun}
     * @param listener progress, on the driver
     * @return every run's result and the best run
     * @throws IOException   if an output file cannot be written or runs.csv read
     * @throws BadSweepInput if {@code OUT/runs.csv} belongs to another sweep
     */
    public static SweepOutcome run(JavaSparkContext spark, SweepPlan plan, Path out, RunTrainer trainer,
                                   SweepListener listener) throws IOException, BadSweepInput {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new BadSweepInput("--out " + out + " exists and is not a directory");
        }
        Files.createDirectories(out);
        RunsCsv runs = RunsCsv.open(out.resolve(RUNS), plan);
        List<RunSpec> all = plan.runs();
        List<RunSpec> todo = new ArrayList<>();
        for (RunSpec spec : all) {
            if (!runs.contains(spec)) {
                todo.add(spec);
            }
        }
        Path modelFile = out.resolve(BEST_MODEL);
        RunResult[] best = {null};
        for (RunResult done : runs.results()) {
            if (better(done, best[0])) {
                best[0] = done;
            }
        }
        boolean bestSaved = best[0] != null && Files.exists(modelFile);
        listener.started(all.size(), all.size() - todo.size());
        if (!todo.isEmpty()) {
            Collector collector = new Collector(runs, todo.size(), modelFile, best, listener);
            runJob(spark, todo, trainer, collector, listener);
            bestSaved |= collector.savedBest;
        }
        runs.sort();
        List<RunResult> results = runs.results();
        SummaryCsv.write(out.resolve(SUMMARY), plan, results);
        SweepChart.write(out.resolve(CHART), plan, results);
        if (best[0] != null && !bestSaved) {
            // The best run was finished by an earlier start whose model file is gone: train it again here.
            saveModel(trainer.train(best[0].spec()), modelFile);
        }
        return new SweepOutcome(results, todo.size(), all.size() - todo.size(), best[0],
                best[0] == null ? null : modelFile);
    }

    /** Whether a result is better than the best so far: finite held-out loss, smaller, or equal and earlier. */
    static boolean better(RunResult candidate, RunResult best) {
        if (candidate.status() != RunStatus.OK || !Double.isFinite(candidate.heldOutLoss())) {
            return false;
        }
        return best == null || candidate.heldOutLoss() < best.heldOutLoss()
                || (candidate.heldOutLoss() == best.heldOutLoss() && candidate.spec().index() < best.spec().index());
    }

    private static void saveModel(RunResult result, Path file) throws IOException {
        LstmRegressor model = new LstmRegressor(2, result.spec().settings().intValue(Axis.HIDDEN), 2,
                result.spec().seed());
        for (Map.Entry<String, double[]> parameter : result.parameters().entrySet()) {
            model.setParameter(parameter.getKey(), parameter.getValue());
        }
        ModelFiles.save(model, file);
    }

    /** Receives the tasks' results on the driver, one at a time. */
    private static final class Collector {
        private final RunsCsv runs;
        private final Path modelFile;
        private final RunResult[] best;
        private final SweepListener listener;
        private int remaining;
        private boolean savedBest;
        private volatile RuntimeException failure;

        Collector(RunsCsv runs, int remaining, Path modelFile, RunResult[] best, SweepListener listener) {
            this.runs = runs;
            this.remaining = remaining;
            this.modelFile = modelFile;
            this.best = best;
            this.listener = listener;
        }

        synchronized void accept(RunResult result) {
            if (failure != null) {
                return;
            }
            try {
                // The model first: a driver killed between the two writes runs this run again, and it
                // comes back the same and best again.
                if (better(result, best[0])) {
                    saveModel(result, modelFile);
                    best[0] = result.withoutParameters();
                    savedBest = true;
                }
                runs.append(result);
                remaining--;
                listener.finished(result.withoutParameters(), remaining);
            } catch (IOException e) {
                failure = new UncheckedIOException(e);
                throw failure;
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            }
        }
    }

    private static void runJob(JavaSparkContext spark, List<RunSpec> todo, RunTrainer trainer, Collector collector,
                               SweepListener listener) throws IOException {
        String group = "lstm-dynamics-sweep-" + JOBS.incrementAndGet();
        Set<Integer> stages = new HashSet<>();
        SparkListener failures = new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart jobStart) {
                if (jobStart.properties() != null
                        && group.equals(jobStart.properties().getProperty("spark.jobGroup.id"))) {
                    synchronized (stages) {
                        for (Object stage : scala.jdk.javaapi.CollectionConverters.asJava(jobStart.stageIds())) {
                            stages.add((Integer) stage);
                        }
                    }
                }
            }

            @Override
            public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
                boolean ours;
                synchronized (stages) {
                    ours = stages.contains(taskEnd.stageId());
                }
                if (ours && taskEnd.reason() instanceof TaskFailedReason reason) {
                    listener.attemptFailed(todo.get(taskEnd.taskInfo().index()), taskEnd.taskInfo().attemptNumber() + 1,
                            reason.toErrorString());
                }
            }
        };
        spark.sc().addSparkListener(failures);
        spark.setJobGroup(group, todo.size() + " runs of a sweep", true);
        try {
            JavaRDD<RunSpec> tasks = spark.parallelize(todo, todo.size());
            ClassTag<RunResult> tag = ClassTag$.MODULE$.apply(RunResult.class);
            spark.sc().runJob(tasks.rdd(), new TrainPartition(trainer), new Handler(collector, spark, group), tag);
        } catch (Exception e) {
            // Spark's exceptions are checked ones (SparkException) that Scala does not declare.
            spark.cancelJobGroup(group);
            if (collector.failure instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            if (collector.failure != null) {
                throw collector.failure;
            }
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getMessage(), e);
        } finally {
            spark.clearJobGroup();
            spark.sc().removeSparkListener(failures);
        }
    }

    /** A task: trains the one run of its partition. */
    private static final class TrainPartition extends AbstractFunction2<TaskContext, Iterator<RunSpec>, RunResult>
            implements Serializable {
        private static final long serialVersionUID = 1L;
        private final RunTrainer trainer;

        TrainPartition(RunTrainer trainer) {
            this.trainer = trainer;
        }

        @Override
        public RunResult apply(TaskContext context, Iterator<RunSpec> partition) {
            RunSpec spec = partition.next();
            if (partition.hasNext()) {
                throw new IllegalStateException("a partition of the sweep holds more than one run");
            }
            return trainer.train(spec);
        }
    }

    /** On the driver: hands each task's result to the collector as the task finishes. */
    private static final class Handler extends AbstractFunction2<Object, RunResult, BoxedUnit>
            implements Serializable {
        private static final long serialVersionUID = 1L;
        private final transient Collector collector;
        private final transient JavaSparkContext spark;
        private final String group;

        Handler(Collector collector, JavaSparkContext spark, String group) {
            this.collector = collector;
            this.spark = spark;
            this.group = group;
        }

        @Override
        public BoxedUnit apply(Object partition, RunResult result) {
            try {
                collector.accept(result);
            } catch (RuntimeException e) {
                spark.cancelJobGroup(group);
                throw e;
            }
            return BoxedUnit.UNIT;
        }
    }
}
