package io.github.lstmdynamics.lstm.io;

/**
 * The element types this library reads and writes in safetensors files, named by their dtype strings in
 * the header. Values are little-endian IEEE 754. In memory every value is a {@code double}: {@link #F32}
 * values are widened exactly on read and rounded to the nearest {@code float} on write.
 */
public enum DType {

    /** 64-bit IEEE 754 ({@code torch.float64}), 8 bytes per element: exact for every {@code double}. */
    F64(8),

    /** 32-bit IEEE 754 ({@code torch.float32}), 4 bytes per element: about 7 significant digits. */
    F32(4);

    private final int bytesPerElement;

    DType(int bytesPerElement) {
        this.bytesPerElement = bytesPerElement;
    }

    /** Bytes one element takes in the data section: 8 or 4. */
    int bytesPerElement() {
        return bytesPerElement;
    }

    /** The dtype of a header string, or null if this library does not know it (names are case-sensitive). */
    static DType ofHeaderName(String name) {
        for (DType d : values()) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        return null;
    }
}
