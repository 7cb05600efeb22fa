package io.github.lstmdynamics.lstm;

import java.util.Locale;

/**
 * The floating-point precision of a model: its parameters, gradients, activations, optimizer state and
 * arithmetic. Inputs and targets are given as double {@link SequenceBatch}es in both, converted once per
 * call into the model's reused arrays; predictions come back as doubles.
 *
 * <ul>
 *   <li>{@link #FLOAT64}, the default: PyTorch's {@code torch.float64} to about 1e-10 relative; the
 *       reference, and the choice for stiff or long rollouts where rounding accumulates.</li>
 *   <li>{@link #FLOAT32}: PyTorch's default {@code torch.float32}; half the memory, about 1e-6 relative
 *       rounding per operation.</li>
 * </ul>
 */
public enum Precision {
    /** IEEE 754 double precision (8 bytes an element). */
    FLOAT64("float64", 8),
    /** IEEE 754 single precision (4 bytes an element). */
    FLOAT32("float32", 4);

    private final String label;
    private final int bytes;

    Precision(String label, int bytes) {
        this.label = label;
        this.bytes = bytes;
    }

    /**
     * Returns {@code "float64"} or {@code "float32"}, as PyTorch names the dtype.
     *
     * @return {@code "float64"} or {@code "float32"}, as PyTorch names the dtype
     */
    public String label() {
        return label;
    }

    /**
     * Returns bytes of one element: 8 or 4.
     *
     * @return bytes of one element: 8 or 4
     */
    public int bytes() {
        return bytes;
    }

    /**
     * The precision named {@code "float64"}/{@code "float32"} (also {@code "f64"}, {@code "f32"},
     * {@code "double"}, {@code "float"}), case-insensitive.
     *
     * @param name the name
     * @return the precision
     * @throws IllegalArgumentException naming the value and what is expected
     */
    public static Precision parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        switch (n) {
            case "float64", "f64", "double":
                return FLOAT64;
            case "float32", "f32", "float":
                return FLOAT32;
            default:
                throw new IllegalArgumentException("dtype '" + name + "' is not a precision: expected float64 or float32");
        }
    }
}
