package io.github.lstmdynamics.examples;

import io.github.lstmdynamics.lstm.LstmRegressor;
import io.github.lstmdynamics.lstm.SequenceBatch;
import io.github.lstmdynamics.lstm.Sgd;
import io.github.lstmdynamics.lstm.SgdOptions;
import io.github.lstmdynamics.lstm.io.AtomicFiles;
import io.github.lstmdynamics.ode.IvpOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The van der Pol tutorial end to end: trajectories from RK45, an LSTM trained on them with SGD, and
 * the pictures and tables of the result.
 *
 * <p>Two threads share the work: a background thread integrates the next batches' trajectories
 * while the current batch trains (see {@link BatchPrefetcher}), and another draws the flow field,
 * which does not depend on training. With the same settings the printed lines (all but the timings)
 * and every file are identical from run to run.
 */
public final class Tutorial {

    /** The box of initial states, [-5, 5]^2. */
    static final double[] BOX_LOWER = {-5, -5};
    /** See {@link #BOX_LOWER}. */
    static final double[] BOX_UPPER = {5, 5};
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
     * Runs the tutorial and writes its five files into {@code config.out()}.
     *
     * @param config the settings
     * @param log    where the progress and summary lines go
     * @return the final running loss, the timings and the files
     * @throws IOException if an output file cannot be written
     */
    public static TutorialResult run(TutorialConfig config, PrintWriter log) throws IOException {
        Path out = config.out();
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IOException("--out " + out + " exists and is not a directory");
        }
        Files.createDirectories(out);
        SamplingGrid grid = config.grid();
        VanDerPol system = new VanDerPol(config.mu());
        log.printf("van der Pol tutorial: mu %s, x0 uniform in [-5, 5]^2, t in [0, %s] every %s (%d samples)%n",
                config.mu(), config.tEnd(), config.dt(), grid.samples());
        log.printf("LSTM(2 -> %d) + Linear(%d -> 2), MSE, SGD lr %s, %d batches of %d, seed %d%n",
                config.hidden(), config.hidden(), config.lr(), config.batches(), config.batchSize(), config.seed());

        ExecutorService drawer = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "drawing");
            thread.setDaemon(true);
            return thread;
        });
        TrajectoryDataset dataset = new TrajectoryDataset(system, BOX_LOWER, BOX_UPPER, grid,
                IvpOptions.defaults().withMaxStep(0.1), config.seed());
        try (BatchPrefetcher batches = new BatchPrefetcher(dataset, config.batchSize(), config.batches() + 1L,
                lookahead(grid, config.batchSize()))) {
            CompletableFuture<FlowField> flowField = CompletableFuture.supplyAsync(
                    () -> drawFlowField(system, config, out.resolve("flow-field.png")), drawer);

            long trainStart = System.nanoTime();
            LstmRegressor model = new LstmRegressor(2, config.hidden(), 2, config.seed());
            TrainingCurve curve = train(model, config, batches, log);
            double trainingSeconds = seconds(System.nanoTime() - trainStart);

            long drawStart = System.nanoTime();
            TrajectoryBatch fresh = batches.next();
            SequenceBatch prediction = model.predict(fresh.input());
            CompletableFuture<Void> lossFiles = CompletableFuture.runAsync(() -> {
                try {
                    AtomicFiles.write(out.resolve("loss.png"), LossChart.png(curve.loss(), curve.running(), 900, 560));
                    CsvFiles.writeLoss(out.resolve("loss.csv"), curve.loss(), curve.running());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, drawer);
            FlowField field = join(flowField);
            double[] view = PredictionsChart.view(BOX_LOWER, BOX_UPPER, fresh.target(), prediction, VIEW_LIMIT);
            List<Streamline> streamlines = Arrays.equals(view, field.view())
                    ? field.streamlines()
                    : new StreamPlot(system, view[0], view[1], view[2], view[3], 1).streamlines();
            AtomicFiles.write(out.resolve("predictions.png"), PredictionsChart.png(
                    "LSTM predictions (solid) and true trajectories (dashed)", view, streamlines,
                    fresh.target(), prediction, WIDTH));
            CsvFiles.writePredictions(out.resolve("predictions.csv"), grid.times(), fresh.target(), prediction);
            join(lossFiles);
            double drawingSeconds = seconds(System.nanoTime() - drawStart);

            List<Path> files = List.of(out.resolve("flow-field.png"), out.resolve("predictions.png"),
                    out.resolve("loss.png"), out.resolve("loss.csv"), out.resolve("predictions.csv"));
            double finalRunningLoss = curve.running()[config.batches() - 1];
            TutorialResult result = new TutorialResult(finalRunningLoss, seconds(batches.generationNanos()),
                    seconds(batches.waitNanos()), trainingSeconds, field.seconds(), drawingSeconds, files);
            printSummary(result, config, (long) (config.batches() + 1) * config.batchSize(), log);
            log.flush();
            return result;
        } finally {
            drawer.shutdownNow();
        }
    }

    /** The loss of each batch and the running loss after it. */
    private record TrainingCurve(double[] loss, double[] running) {
    }

    /**
     * The tutorial's training loop: one SGD step per batch, the running loss r = 0.9 r + 0.1 loss
     * (from r = 0) printed every 50 batches.
     */
    private static TrainingCurve train(LstmRegressor model, TutorialConfig config, BatchPrefetcher batches,
                                       PrintWriter log) {
        Sgd sgd = new Sgd(model.parameters(), SgdOptions.of(config.lr()));
        double[] loss = new double[config.batches()];
        double[] running = new double[config.batches()];
        double r = 0;
        for (int k = 0; k < config.batches(); k++) {
            TrajectoryBatch batch = batches.next();
            try {
                loss[k] = model.trainStep(batch.input(), batch.target(), sgd);
            } catch (ArithmeticException e) {
                throw new ArithmeticException("batch #" + (k + 1) + ": " + e.getMessage()
                        + " (training diverged; a smaller --lr may help)");
            }
            r = 0.9 * r + 0.1 * loss[k];
            running[k] = r;
            if ((k + 1) % 50 == 0) {
                log.println("Batch #" + (k + 1) + "  Loss " + r);
            }
        }
        return new TrainingCurve(loss, running);
    }

    /** The flow field over the box of initial states, its streamlines and the time it took. */
    private record FlowField(double[] view, List<Streamline> streamlines, double seconds) {
    }

    private static FlowField drawFlowField(VanDerPol system, TutorialConfig config, Path file) {
        long start = System.nanoTime();
        double[] view = {BOX_LOWER[0], BOX_UPPER[0], BOX_LOWER[1], BOX_UPPER[1]};
        List<Streamline> streamlines = new StreamPlot(system, view[0], view[1], view[2], view[3], 1).streamlines();
        PhasePortrait portrait = new PhasePortrait("van der Pol flow field, mu = " + config.mu(),
                view[0], view[1], view[2], view[3], streamlines, ChartStyle.STREAMLINE_DARK, 1.5f, WIDTH);
        try {
            AtomicFiles.write(file, portrait.png());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new FlowField(view, streamlines, seconds(System.nanoTime() - start));
    }

    private static void printSummary(TutorialResult result, TutorialConfig config, long trajectories,
                                     PrintWriter log) {
        log.println("Final running loss " + result.finalRunningLoss());
        log.printf("Time: generating data %.2f s (%d trajectories, on a background thread; training waited %.2f s"
                + " for it), training %.2f s, drawing %.2f s (flow field %.2f s during training)%n",
                result.generationSeconds(), trajectories, result.dataWaitSeconds(), result.trainingSeconds(),
                result.drawingSeconds(), result.flowFieldSeconds());
        StringBuilder names = new StringBuilder();
        for (Path file : result.files()) {
            names.append(names.length() == 0 ? "" : ", ").append(file.getFileName());
        }
        log.println("Wrote " + names + " to " + config.out() + "/");
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
