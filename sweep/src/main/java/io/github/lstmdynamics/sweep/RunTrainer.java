package io.github.lstmdynamics.sweep;

import java.io.Serializable;

/**
 * Trains one run of a sweep. Spark ships the trainer to its executors, so it is serializable; the
 * sweep's is {@link TutorialRun}, tests wrap it (for example to fail an attempt).
 */
@FunctionalInterface
public interface RunTrainer extends Serializable {

    /**
     * Trains and evaluates one run on the calling thread.
     *
     * @param spec the run
     * @return its result, with the trained parameters
     */
    RunResult train(RunSpec spec);
}
