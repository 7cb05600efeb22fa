package io.github.lstmdynamics.examples;

import io.github.lstmdynamics.lstm.SequenceBatch;
import io.github.lstmdynamics.lstm.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The two CSV files of the tutorial, written atomically, numbers in full double precision
 * ({@link Double#toString}, which round-trips exactly).
 */
final class CsvFiles {

    /** Header of loss.csv. */
    static final String LOSS_HEADER = "batch,loss,running_loss";
    /** Header of predictions.csv. */
    static final String PREDICTIONS_HEADER = "sequence,step,t,x1_true,x2_true,x1_pred,x2_pred";

    private CsvFiles() {
    }

    /** Writes loss.csv: one line per batch (numbered from 1). */
    static void writeLoss(Path file, double[] loss, double[] running) throws IOException {
        StringBuilder csv = new StringBuilder(LOSS_HEADER.length() + 48 * loss.length);
        csv.append(LOSS_HEADER).append('\n');
        for (int k = 0; k < loss.length; k++) {
            csv.append(k + 1).append(',').append(loss[k]).append(',').append(running[k]).append('\n');
        }
        AtomicFiles.write(file, csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Writes predictions.csv: one line per sequence and step, sequence-major. */
    static void writePredictions(Path file, double[] times, SequenceBatch truth, SequenceBatch prediction)
            throws IOException {
        StringBuilder csv = new StringBuilder(PREDICTIONS_HEADER.length()
                + 120 * truth.steps() * truth.batchSize());
        csv.append(PREDICTIONS_HEADER).append('\n');
        for (int b = 0; b < truth.batchSize(); b++) {
            for (int t = 0; t < truth.steps(); t++) {
                csv.append(b).append(',').append(t).append(',').append(times[t])
                        .append(',').append(truth.get(t, b, 0)).append(',').append(truth.get(t, b, 1))
                        .append(',').append(prediction.get(t, b, 0)).append(',').append(prediction.get(t, b, 1))
                        .append('\n');
            }
        }
        AtomicFiles.write(file, csv.toString().getBytes(StandardCharsets.UTF_8));
    }
}
