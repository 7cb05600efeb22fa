package io.github.lstmdynamics.examples;

import io.github.lstmdynamics.lstm.KernelSelection;
import io.github.lstmdynamics.lstm.Precision;
import io.github.lstmdynamics.lstm.LstmRegressor;
import io.github.lstmdynamics.lstm.RolloutMode;
import io.github.lstmdynamics.lstm.SequenceBatch;
import io.github.lstmdynamics.lstm.io.AtomicFiles;
import io.github.lstmdynamics.lstm.io.Checkpoints;
import io.github.lstmdynamics.lstm.io.ModelFiles;
import io.github.lstmdynamics.ode.IvpOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The van der Pol tutorial end to end: trajectories from RK45, an LSTM trained on them (with SGD as the
 * original, or Adam or AdamW, optionally on a learning-rate schedule), and the pictures and tables of the
 * result, the predictions over the trained horizon or a longer one (closed loop from the initial state).
 *
 * <p>Two threads share the work: a background thread integrates the next batches' trajectories
 * while the current batch trains (see {@link BatchPrefetcher}), and another draws the flow field,
 * which does not depend on training. With the same settings the printed lines (all but the timings)
 * and every file are identical from run to run, and a run interrupted and resumed from its checkpoint
 * ends exactly (bit for bit) as a run that was not.
 */
public final class Tutorial {

    /** The box of initial states, [-5, 5]^2. */
    static final double[] BOX_LOWER = {-5, -5};
    /** See {@link #BOX_LOWER}. */
    static final double[] BOX_UPPER = {5, 5};
    /**
     * The index of the held-out batch that every run evaluates and draws: the same 20 (or batch size)
     * initial states for a given seed however long the run, never trained on (training takes batches
     * 0, 1, 2, ...), so runs of different lengths, and a saved model loaded again, are compared on the
     * same trajectories.
     */
    static final long EVALUATION_BATCH = -1;
    /** Largest coordinate a picture shows, whatever a diverging prediction does. */
    private static final double VIEW_LIMIT = 50;
    /**
     * Batches generated ahead of training: up to 8, to ride out scheduling jitter, within about 16 MB
     * (a batch holds input and target, samples x batch size x 2 doubles each).
     */
    private static int lookahead(SamplingGrid grid, int batchSize) {
        long bytes = 2L * grid.samples() * batchSize * 2 * Double.BYTES;
        return (int) Math.max(1, Math.min(8, (16L << 20) / bytes));
    }
    /** Width of the phase-plane pictures in pixels. */
    private static final int WIDTH = 800;

    private Tutorial() {
    }

    /**
     * Runs the original tutorial (fresh weights, nothing saved) and writes its five files into
     * {@code config.out()}.
     *
     * @param config the settings
     * @param log    where the progress and summary lines go
     * @return the final running loss, the timings and the files
     * @throws IOException if an output file cannot be written
     */
    public static TutorialResult run(TutorialConfig config, PrintWriter log) throws IOException {
        StartingPoint start = StartingPoint.fresh(config);
        try {
            return run(config, start, PersistenceOptions.none(), log);
        } finally {
            start.model().close();
        }
    }

    /**
     * Runs the tutorial from a starting point: trains batches {@code start.batchesDone()} to
     * {@code config.batches() - 1} of the data stream (none if the start is already there), then
     * evaluates the model on the held-out batch and writes the five files into {@code config.out()},
     * plus the checkpoint and the saved model if asked for.
     *
     * @param config the settings (its hidden size must be the model's)
     * @param start  the model and optimizer to train, the batches done and their losses
     * @param files  what to save: the model at the end, checkpoints
     * @param log    where the progress and summary lines go
     * @return the final running loss (NaN if nothing was trained), the timings and the files
     * @throws IOException              if an output file, the checkpoint or the model cannot be written
     * @throws IllegalArgumentException if the model's hidden size is not the settings', if an output path
     *                                  cannot be written or two outputs are the same file, or if the run
     *                                  needs more memory than the JVM may use (all checked before any work)
     */
    public static TutorialResult run(TutorialConfig config, StartingPoint start, PersistenceOptions files,
                                     PrintWriter log) throws IOException {
        if (start.hidden() != config.hidden()) {
            throw new IllegalArgumentException("the model has " + start.hidden() + " hidden units, the settings "
                    + config.hidden());
        }
        Path out = config.out();
        OutputPaths.of(out, files).check();
        RunSize.check(config, start.model().lstm().numLayers());
        Files.createDirectories(out);
        SamplingGrid grid = config.grid();
        VanDerPol system = new VanDerPol(config.mu());
        log.printf("van der Pol tutorial: mu %s, x0 uniform in [-5, 5]^2, t in [0, %s] every %s (%d samples)%n",
                config.mu(), config.tEnd(), config.dt(), grid.samples());
        long first = start.batchesDone();
        long toTrain = Math.max(0, config.batches() - first);
        String batchesText;
        if (toTrain == 0) {
            batchesText = "no batches to train (" + first + " done), batch size " + config.batchSize();
        } else if (first == 0) {
            batchesText = config.batches() + " batches of " + config.batchSize();
        } else {
            batchesText = "batches " + (first + 1) + " to " + config.batches() + " of " + config.batchSize();
        }
        log.printf("%s, MSE, %s lr %s%s, %s, seed %d%n", describe(start.model()), optimizerName(config.optimizer()),
                config.lr(), config.schedule().equals(LrSchedule.NONE) ? "" : " (schedule " + config.schedule() + ")",
                batchesText, config.seed());
        if (start.description() != null) {
            log.println(start.description());
        }
        if (toTrain == 0) {
            log.println("--batches " + config.batches() + ": evaluating the model only");
        }

        ExecutorService drawer = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "drawing");
            thread.setDaemon(true);
            return thread;
        });
        TrajectoryDataset dataset = new TrajectoryDataset(system, BOX_LOWER, BOX_UPPER, grid,
                IvpOptions.defaults().withMaxStep(0.1), config.seed());
        // Training batches first..batches-1 of the data stream, then the held-out batch.
        try (BatchPrefetcher batches = new BatchPrefetcher(dataset, config.batchSize(),
                i -> i < toTrain ? first + i : EVALUATION_BATCH, toTrain + 1, lookahead(grid, config.batchSize()))) {
            // Drawn during training, written after it: a run that fails leaves no files of its own.
            CompletableFuture<FlowField> flowField = CompletableFuture.supplyAsync(
                    () -> drawFlowField(system, config), drawer);

            long trainStart = System.nanoTime();
            TrainingHistory curve = train(start, config, files, batches, log);
            double trainingSeconds = seconds(System.nanoTime() - trainStart);
            LstmRegressor model = start.model();
            if (files.saveModel() != null) {
                // First the model, the costly result, then the pictures and tables.
                Path parent = files.saveModel().toAbsolutePath().getParent();
                Files.createDirectories(parent);
                ModelFiles.save(model, files.saveModel());
            }

            long drawStart = System.nanoTime();
            TrajectoryBatch fresh = batches.next();
            double evaluationLoss = model.loss(fresh.input(), fresh.target());
            int horizon = config.horizon();
            SamplingGrid shown = horizon == grid.samples() ? grid : new SamplingGrid(config.dt() * (horizon - 1),
                    horizon - 1);
            TrajectoryBatch truth = horizon == grid.samples() ? fresh
                    : new TrajectoryDataset(system, BOX_LOWER, BOX_UPPER, shown, IvpOptions.defaults().withMaxStep(0.1),
                            config.seed()).batch(EVALUATION_BATCH, config.batchSize());
            // closed loop from the initial states, in the tutorial's input convention (x0, then zeros)
            SequenceBatch x0 = SequenceBatch.zeros(1, config.batchSize(), 2);
            System.arraycopy(truth.input().matrix().data, 0, x0.matrix().data, 0, 2 * config.batchSize());
            SequenceBatch prediction = model.rollout(x0, horizon, RolloutMode.INITIAL_CONDITION, null).output();
            if (horizon != grid.samples()) {
                log.printf("Closed-loop prediction over %d steps (t in [0, %s], trained on [0, %s]): loss %s%n", horizon,
                        shown.tEnd(), config.tEnd(), model.loss(truth.input(), truth.target()));
            }
            CompletableFuture<Void> lossFiles = CompletableFuture.runAsync(() -> {
                try {
                    AtomicFiles.write(out.resolve("loss.png"), LossChart.png(curve.loss(), curve.running(), 900, 560));
                    CsvFiles.writeLoss(out.resolve("loss.csv"), curve.loss(), curve.running());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, drawer);
            FlowField field = join(flowField);
            AtomicFiles.write(out.resolve("flow-field.png"), field.png());
            double[] view = PredictionsChart.view(BOX_LOWER, BOX_UPPER, truth.target(), prediction, VIEW_LIMIT);
            List<Streamline> streamlines = Arrays.equals(view, field.view())
                    ? field.streamlines()
                    : new StreamPlot(system, view[0], view[1], view[2], view[3], 1).streamlines();
            AtomicFiles.write(out.resolve("predictions.png"), PredictionsChart.png(
                    horizon == grid.samples() ? "LSTM predictions (solid) and true trajectories (dashed)"
                            : "LSTM closed-loop predictions over " + horizon + " steps (solid), true (dashed)",
                    view, streamlines, truth.target(), prediction, WIDTH));
            CsvFiles.writePredictions(out.resolve("predictions.csv"), shown.times(), truth.target(), prediction);
            join(lossFiles);
            double drawingSeconds = seconds(System.nanoTime() - drawStart);

            List<Path> written = new ArrayList<>(List.of(out.resolve("flow-field.png"), out.resolve("predictions.png"),
                    out.resolve("loss.png"), out.resolve("loss.csv"), out.resolve("predictions.csv")));
            if (files.checkpointEvery() > 0) {
                written.add(out.resolve(PersistenceOptions.CHECKPOINT_FILE));
            }
            if (files.saveModel() != null) {
                written.add(files.saveModel());
            }
            double finalRunningLoss = curve.running().length == 0 ? Double.NaN
                    : curve.running()[curve.running().length - 1];
            TutorialResult result = new TutorialResult(finalRunningLoss, evaluationLoss,
                    seconds(batches.generationNanos()), seconds(batches.waitNanos()), trainingSeconds,
                    field.seconds(), drawingSeconds, List.copyOf(written));
            printSummary(result, config, (toTrain + 1) * config.batchSize(), files, log);
            log.flush();
            return result;
        } finally {
            drawer.shutdownNow();
        }
    }

    /**
     * The tutorial's training: {@link TutorialTraining}'s loop over the prefetched batches, with the
     * running loss printed every 50 batches, numbered from the start of the whole training, and a
     * checkpoint every {@code files.checkpointEvery()} batches and at the end. A batch whose loss or
     * gradient is not finite ends the run with an {@link ArithmeticException} naming it.
     */
    private static TrainingHistory train(StartingPoint start, TutorialConfig config, PersistenceOptions files,
                                       BatchPrefetcher batches, PrintWriter log) throws IOException {
        int checkpointEvery = files.checkpointEvery();
        Path checkpointFile = config.out().resolve(PersistenceOptions.CHECKPOINT_FILE);
        TrainingSettings settings = TrainingSettings.of(config);
        int[] checkpointed = {-1};
        TrainingHistory history;
        try {
            // The prefetcher hands out batches first, first + 1, ... in the order the loop asks for them.
            history = TutorialTraining.train(start, config.batches(), k -> batches.next(), (done, loss, running) -> {
                if (done % 50 == 0) {
                    log.println("Batch #" + done + "  Loss " + running[done - 1]);
                }
                if (checkpointEvery > 0 && done % checkpointEvery == 0) {
                    saveCheckpoint(checkpointFile, settings, checkpointEvery, start, done, loss, running);
                    checkpointed[0] = done;
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (!history.finished()) {
            throw new ArithmeticException("batch #" + history.divergedAt() + ": " + history.divergence()
                    + " (training diverged; a smaller --lr may help)");
        }
        int end = history.loss().length;
        if (checkpointEvery > 0 && checkpointed[0] != end) {
            saveCheckpoint(checkpointFile, settings, checkpointEvery, start, end, history.loss(), history.running());
        }
        return history;
    }

    /**
     * Saves the training state after batch {@code done} (the histories' first {@code done} values); a
     * file system error is an {@link UncheckedIOException}, as the training listener may throw.
     */
    private static void saveCheckpoint(Path file, TrainingSettings settings, int every, StartingPoint start,
                                       int done, double[] loss, double[] running) {
        StartingPoint state = new StartingPoint(start.model(), start.optimizer(), start.scheduler(), done,
                Arrays.copyOf(loss, done), Arrays.copyOf(running, done), null);
        try {
            Checkpoints.save(file, new TrainingCheckpoint(settings, state, every).toCheckpoint());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String optimizerName(OptimizerChoice choice) {
        return switch (choice) {
            case SGD -> "SGD";
            case ADAM -> "Adam";
            case ADAMW -> "AdamW";
        };
    }

    /** The flow field over the box of initial states, its streamlines, its picture and the time it took. */
    private record FlowField(double[] view, List<Streamline> streamlines, byte[] png, double seconds) {
    }

    private static FlowField drawFlowField(VanDerPol system, TutorialConfig config) {
        long start = System.nanoTime();
        double[] view = {BOX_LOWER[0], BOX_UPPER[0], BOX_LOWER[1], BOX_UPPER[1]};
        List<Streamline> streamlines = new StreamPlot(system, view[0], view[1], view[2], view[3], 1).streamlines();
        PhasePortrait portrait = new PhasePortrait("van der Pol flow field, mu = " + config.mu(),
                view[0], view[1], view[2], view[3], streamlines, ChartStyle.STREAMLINE_DARK, 1.5f, WIDTH);
        byte[] png;
        try {
            png = portrait.png();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new FlowField(view, streamlines, png, seconds(System.nanoTime() - start));
    }

    private static void printSummary(TutorialResult result, TutorialConfig config, long trajectories,
                                     PersistenceOptions files, PrintWriter log) {
        if (Double.isNaN(result.finalRunningLoss())) {
            log.println("No batches trained: loss.csv and loss.png are empty");
        } else {
            log.println("Final running loss " + result.finalRunningLoss());
        }
        log.println("Loss on the held-out batch " + result.evaluationLoss());
        log.printf("Time: generating data %.2f s (%d trajectories, on a background thread; training waited %.2f s"
                + " for it), training %.2f s, drawing %.2f s (flow field %.2f s during training)%n",
                result.generationSeconds(), trajectories, result.dataWaitSeconds(), result.trainingSeconds(),
                result.drawingSeconds(), result.flowFieldSeconds());
        log.println("Kernels: " + KernelSelection.current() + "; precision " + config.precision().label());
        StringBuilder names = new StringBuilder();
        for (Path file : result.files()) {
            if (!file.equals(files.saveModel())) {
                names.append(names.length() == 0 ? "" : ", ").append(file.getFileName());
            }
        }
        log.println("Wrote " + names + " to " + config.out() + "/");
        if (files.saveModel() != null) {
            log.println("Saved the model to " + files.saveModel());
        }
    }

    /**
     * The model in words, in PyTorch's terms: "LSTM(2 -> 20) + Linear(20 -> 2)" for the tutorial's, with the
     * layer count and a missing bias said when they differ.
     */
    static String describe(LstmRegressor model) {
        int hidden = model.lstm().hiddenSize();
        int layers = model.lstm().numLayers();
        String bias = model.lstm().hasBias() ? "" : ", no bias";
        return "LSTM(" + model.inputSize() + " -> " + hidden + (layers == 1 ? "" : ", " + layers + " layers") + bias
                + ") + Linear(" + hidden + " -> " + model.outputSize() + bias + ")";
    }

    private static <T> T join(CompletableFuture<T> future) throws IOException {
        try {
            return future.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    private static double seconds(long nanos) {
        return nanos * 1e-9;
    }
}
