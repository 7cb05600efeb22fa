package io.github.lstmdynamics.sweep;

/** What a sweep reports while it runs, on the driver; every method does nothing by default. */
public interface SweepListener {

    /**
     * Before the first run.
     *
     * @param total   runs in the sweep
     * @param skipped runs already in {@code runs.csv}, not run again
     */
    default void started(int total, int skipped) {
    }

    /**
     * After a run's row is in {@code runs.csv} (and its model saved if it is the best so far).
     *
     * @param result    the run's result
     * @param remaining runs of the sweep not finished yet
     */
    default void finished(RunResult result, int remaining) {
    }

    /**
     * A task attempt failed (its executor threw or died); Spark runs it again up to its limit of
     * failures ({@code spark.task.maxFailures}, or F in {@code local[N,F]}).
     *
     * @param spec    the run
     * @param attempt the attempt that failed, counted from 1
     * @param reason  Spark's account of the failure
     */
    default void attemptFailed(RunSpec spec, int attempt, String reason) {
    }
}
