package io.github.lstmdynamics.sweep;

/**
 * A sweep's option or file is not valid; the message names the option (or the file and line), the
 * value and what is expected, and is shown as it is, without a stack trace.
 */
public final class BadSweepInput extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong, with the value and what is expected
     */
    public BadSweepInput(String message) {
        super(message);
    }
}
