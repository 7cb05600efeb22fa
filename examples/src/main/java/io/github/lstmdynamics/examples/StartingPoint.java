package io.github.lstmdynamics.examples;

import io.github.lstmdynamics.lstm.LrScheduler;
import io.github.lstmdynamics.lstm.LstmRegressor;
import io.github.lstmdynamics.lstm.Optimizer;

/**
 * Where training starts: fresh weights, a saved model or a checkpoint. Training goes on with batch
 * {@code batchesDone} of the data stream and appends to the loss history.
 *
 * @param model          the model to train and evaluate (the tutorial's 2 inputs and 2 outputs)
 * @param optimizer      its optimizer, with its state (momentum buffers, moment estimates)
 * @param scheduler      the schedule of its learning rate, or null for a constant one
 * @param batchesDone    batches already trained: the index of the next batch of the data stream
 * @param loss           loss of batch k + 1 at index k, {@code batchesDone} values
 * @param running        running loss after batch k + 1 at index k, {@code batchesDone} values
 * @param description    how the run started, printed when not fresh (null for fresh weights)
 */
public record StartingPoint(LstmRegressor model, Optimizer optimizer, LrScheduler scheduler, long batchesDone,
                            double[] loss, double[] running, String description) {

    /**
     * A starting point without a schedule.
     *
     * @param model       see the record's description
     * @param optimizer   see the record's description
     * @param batchesDone see the record's description
     * @param loss        see the record's description
     * @param running     see the record's description
     * @param description see the record's description
     * @throws IllegalArgumentException if the model is not 2 -> 2 or a history has the wrong length
     */
    public StartingPoint(LstmRegressor model, Optimizer optimizer, long batchesDone, double[] loss, double[] running,
                         String description) {
        this(model, optimizer, null, batchesDone, loss, running, description);
    }

    /**
     * Checks that the history covers the batches done.
     *
     * @param model       see the record's description
     * @param optimizer   see the record's description
     * @param scheduler   see the record's description
     * @param batchesDone see the record's description
     * @param loss        see the record's description
     * @param running     see the record's description
     * @param description see the record's description
     * @throws IllegalArgumentException if the model is not 2 -> 2 or a history has the wrong length
     */
    public StartingPoint {
        if (model.inputSize() != 2 || model.outputSize() != 2) {
            throw new IllegalArgumentException("the tutorial needs a model with 2 inputs and 2 outputs; got "
                    + model.inputSize() + " inputs and " + model.outputSize() + " outputs");
        }
        if (batchesDone < 0 || batchesDone > TutorialConfig.MAX_BATCHES
                || loss.length != batchesDone || running.length != batchesDone) {
            throw new IllegalArgumentException("the loss history must have one value per batch done; got "
                    + batchesDone + " batches done, " + loss.length + " losses and " + running.length
                    + " running losses");
        }
    }

    /**
     * A fresh start: PyTorch's default initialisation from the seed in the settings' precision (float32:
     * the float64 weights rounded), the settings' optimizer and schedule
     * (the original tutorial's: plain SGD, no schedule).
     *
     * @param config the run's settings
     * @return a fresh model and optimizer, nothing trained yet
     */
    public static StartingPoint fresh(TutorialConfig config) {
        return fromModel(new LstmRegressor(2, config.hidden(), 2, 1, true, config.seed(), config.precision()), config,
                null);
    }

    /**
     * A saved model, trained on with a new optimizer and schedule of the run's settings.
     *
     * @param model       the model
     * @param config      the run's settings
     * @param description how the model came, printed; null for fresh weights
     * @return the model and a new optimizer, nothing trained yet in this run
     */
    public static StartingPoint fromModel(LstmRegressor model, TutorialConfig config, String description) {
        Optimizer optimizer = config.optimizer().create(model.parameters(), config.lr());
        return new StartingPoint(model, optimizer, config.schedule().create(optimizer), 0, new double[0], new double[0],
                description);
    }

    /**
     * The same starting point with another description.
     *
     * @param newDescription how the run started, printed
     * @return a starting point that shares the model, optimizer and history with this one
     */
    public StartingPoint describedAs(String newDescription) {
        return new StartingPoint(model, optimizer, batchesDone, loss, running, newDescription);
    }

    /**
     * The running loss after the batches done (the tutorial's r = 0.9 r + 0.1 loss starts at 0).
     *
     * @return the last running loss, or 0 if nothing was trained
     */
    public double runningLoss() {
        return batchesDone == 0 ? 0.0 : running[running.length - 1];
    }

    /**
     * The model's hidden units.
     *
     * @return the LSTM's hidden size
     */
    public int hidden() {
        return model.lstm().hiddenSize();
    }
}
