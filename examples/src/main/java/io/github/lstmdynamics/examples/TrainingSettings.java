package io.github.lstmdynamics.examples;

/**
 * The settings of a training run that must stay the same when it is resumed from a checkpoint: they
 * decide the data stream (seed, batch size, the system and its sampling) and the model and optimizer
 * (hidden units, optimizer, learning rate and its schedule). Only {@code --batches}, {@code --out} and
 * {@code --predict-steps} may change on resume.
 *
 * @param seed      seed of the data (batch k is a pure function of the seed and k)
 * @param batchSize trajectories per batch
 * @param hidden    LSTM hidden units
 * @param lr        SGD learning rate
 * @param mu        van der Pol damping
 * @param tEnd      length of each trajectory
 * @param dt        spacing of the samples
 * @param optimizer the optimizer
 * @param schedule  the learning-rate schedule
 */
public record TrainingSettings(long seed, int batchSize, int hidden, double lr, double mu, double tEnd,
                               double dt, OptimizerChoice optimizer, LrSchedule schedule) {

    /**
     * The settings of a plain SGD run without a schedule (the original tutorial's kind).
     *
     * @param seed      seed of the data
     * @param batchSize trajectories per batch
     * @param hidden    LSTM hidden units
     * @param lr        SGD learning rate
     * @param mu        van der Pol damping
     * @param tEnd      length of each trajectory
     * @param dt        spacing of the samples
     */
    public TrainingSettings(long seed, int batchSize, int hidden, double lr, double mu, double tEnd, double dt) {
        this(seed, batchSize, hidden, lr, mu, tEnd, dt, OptimizerChoice.SGD, LrSchedule.NONE);
    }

    /**
     * The settings of a run's configuration.
     *
     * @param config the run's settings
     * @return the ones that must not change on resume
     */
    public static TrainingSettings of(TutorialConfig config) {
        return new TrainingSettings(config.seed(), config.batchSize(), config.hidden(), config.lr(), config.mu(),
                config.tEnd(), config.dt(), config.optimizer(), config.schedule());
    }
}
