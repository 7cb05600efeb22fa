package io.github.lstmdynamics.lstm.io;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Well-formed safetensors files of any apparent size that take a few kilobytes on disk: the header is
 * written and the file is extended with {@link RandomAccessFile#setLength}, which leaves a hole (zeros
 * that occupy no blocks) where the data would be.
 */
final class SparseFiles {

    private SparseFiles() {
    }

    /**
     * A file whose header declares the given tensor entries (JSON members without the braces, laid out
     * with consecutive data offsets by the caller) and metadata, and whose data section is
     * {@code dataBytes} of zeros.
     */
    static Path write(Path file, String metadataJson, String tensorsJson, long dataBytes) throws IOException {
        String json = "{" + (metadataJson.isEmpty() ? "" : "\"__metadata__\":{" + metadataJson + "},")
                + tensorsJson + "}";
        byte[] text = json.getBytes(StandardCharsets.UTF_8);
        int padded = (text.length + 7) / 8 * 8;
        ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        head.putLong(padded).put(text);
        while (head.hasRemaining()) {
            head.put((byte) ' ');
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.write(head.array());
            raf.setLength(8L + padded + dataBytes);
        }
        return file;
    }

    /** One F64 tensor entry {@code "name": {..., "shape": [dims], "data_offsets": [begin, begin + bytes]}}. */
    static String f64(String name, long begin, long... dims) {
        long elements = 1;
        StringBuilder shape = new StringBuilder();
        for (long d : dims) {
            elements *= d;
            shape.append(shape.length() == 0 ? "" : ",").append(d);
        }
        return "\"" + name + "\":{\"dtype\":\"F64\",\"shape\":[" + shape + "],\"data_offsets\":[" + begin + ","
                + (begin + 8 * elements) + "]}";
    }

    /** The bytes of an F64 tensor of these dimensions. */
    static long bytes(long... dims) {
        long elements = 1;
        for (long d : dims) {
            elements *= d;
        }
        return 8 * elements;
    }
}
