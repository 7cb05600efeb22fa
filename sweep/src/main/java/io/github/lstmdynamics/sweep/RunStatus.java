package io.github.lstmdynamics.sweep;

/** How a run ended. */
public enum RunStatus {
    /** Every batch trained with a finite loss and gradients. */
    OK,
    /** A batch's loss or gradient was NaN or infinite; training stopped there. A result, not a failure. */
    DIVERGED;

    /**
     * The word in {@code runs.csv}.
     *
     * @return "ok" or "diverged"
     */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
