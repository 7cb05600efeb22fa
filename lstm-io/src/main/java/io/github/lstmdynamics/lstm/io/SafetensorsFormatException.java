package io.github.lstmdynamics.lstm.io;

import java.io.IOException;

/**
 * A file that is not a valid safetensors file, or not a valid model or checkpoint file, was refused.
 * The message names the file, the tensor or metadata key concerned (when there is one), the value found
 * and what was expected, for example
 * {@code "model.safetensors: tensor 'lstm.weight_hh_l0': shape [80, 10] does not fit input_size 2, hidden_size 20,
 * output_size 2, num_layers 1, bias true: expected [80, 20]"}.
 */
public class SafetensorsFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * Builds the exception with its message.
     *
     * @param message what is wrong, naming the tensor or key and the value found
     */
    public SafetensorsFormatException(String message) {
        super(message);
    }

    /**
     * Builds the exception with its message and the error that caused it.
     *
     * @param message what is wrong, naming the tensor or key and the value found
     * @param cause   the underlying error (for example the JSON parser's)
     */
    public SafetensorsFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
