package io.github.lstmdynamics.examples;

import java.nio.file.Path;
import java.util.List;

/**
 * What a tutorial run produced: the final running loss, where its time went and the files it wrote.
 *
 * @param finalRunningLoss    the running loss after the last batch, NaN if there is none (nothing trained)
 * @param evaluationLoss      the model's loss (MSE) on the held-out batch of the pictures
 * @param generationSeconds   time the background thread spent integrating trajectories
 * @param dataWaitSeconds     time training waited for trajectories
 * @param trainingSeconds     wall time of the training loop (waits included)
 * @param flowFieldSeconds    time spent on flow-field.png, on a background thread during training
 * @param drawingSeconds      wall time after training: prediction, predictions.png, loss.png, CSV
 * @param files               the files written
 */
public record TutorialResult(double finalRunningLoss, double evaluationLoss, double generationSeconds, double dataWaitSeconds,
                             double trainingSeconds, double flowFieldSeconds, double drawingSeconds,
                             List<Path> files) {
}
