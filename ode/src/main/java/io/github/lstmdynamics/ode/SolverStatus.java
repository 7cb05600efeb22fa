package io.github.lstmdynamics.ode;

/** The state of a step-by-step {@link Rk45} solver (scipy's 'running', 'finished', 'failed'). */
public enum SolverStatus {
    /** More steps can be taken. */
    RUNNING,
    /** The last step reached the end of the interval. */
    FINISHED,
    /** A step failed; {@link Rk45#message()} says why. */
    FAILED
}
