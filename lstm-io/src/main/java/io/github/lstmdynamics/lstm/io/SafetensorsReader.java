package io.github.lstmdynamics.lstm.io;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An open safetensors file whose header has been read and checked, with the tensor data still on disk:
 * callers look at the names, shapes and sizes first (and refuse what they cannot use, or cannot afford)
 * and then read the values of one tensor at a time.
 *
 * <p>Opening checks the length field, the header and the layout of the data section (see
 * {@link Safetensors}); nothing of the data section is read until {@link #values} is called.
 */
final class SafetensorsReader implements Closeable {

    private static final int CHUNK_BYTES = 1 << 16;

    private final FileChannel channel;
    private final String where;
    private final Map<String, String> metadata;
    private final List<HeaderEntry> entries;
    private final long dataStart;

    private SafetensorsReader(FileChannel channel, String where, Map<String, String> metadata,
                              List<HeaderEntry> entries, long dataStart) {
        this.channel = channel;
        this.where = where;
        this.metadata = metadata;
        this.entries = entries;
        this.dataStart = dataStart;
    }

    /**
     * Opens the file and reads and checks its header and layout.
     *
     * @throws SafetensorsFormatException if the header or layout breaks a rule
     * @throws IOException                if the file cannot be read
     */
    static SafetensorsReader open(Path file) throws IOException {
        String where = String.valueOf(file.getFileName());
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            long size = channel.size();
            if (size < 8) {
                throw new SafetensorsFormatException(where + ": file has " + size
                        + " bytes, fewer than the 8 of the header length");
            }
            ByteBuffer lengthBytes = readFully(channel, 0, 8, where, "the header length");
            long headerLength = lengthBytes.order(ByteOrder.LITTLE_ENDIAN).getLong(0);
            if (headerLength < 0 || headerLength > Safetensors.MAX_HEADER_BYTES) {
                throw new SafetensorsFormatException(where + ": header length " + Long.toUnsignedString(headerLength)
                        + " exceeds the limit of " + Safetensors.MAX_HEADER_BYTES + " bytes");
            }
            if (headerLength > size - 8) {
                throw new SafetensorsFormatException(where + ": header length " + headerLength
                        + " is larger than the " + (size - 8) + " bytes after the length field");
            }
            Header header = HeaderParser.parse(where, readFully(channel, 8, (int) headerLength, where, "the header"));
            long dataStart = 8 + headerLength;
            List<HeaderEntry> entries = checkLayout(header.entries(), size - dataStart, where);
            return new SafetensorsReader(channel, where, header.metadata(), entries, dataStart);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The file name, for messages. */
    String where() {
        return where;
    }

    /** The header's {@code "__metadata__"}, in header order. */
    Map<String, String> metadata() {
        return metadata;
    }

    /** The tensor entries in data-offset order (unmodifiable). */
    List<HeaderEntry> entries() {
        return entries;
    }

    /** The entries by name, in data-offset order. */
    Map<String, HeaderEntry> byName() {
        Map<String, HeaderEntry> map = new LinkedHashMap<>();
        for (HeaderEntry e : entries) {
            map.put(e.name(), e);
        }
        return map;
    }

    /** The number of values of all tensors together. */
    long totalElements() {
        long total = 0;
        for (HeaderEntry e : entries) {
            total += e.elements();
        }
        return total;
    }

    /**
     * The bytes that {@code elements} doubles take {@code copies} times over, saturated at
     * {@link Long#MAX_VALUE}.
     */
    static long bytes(long elements, int copies) {
        return elements > Long.MAX_VALUE / ((long) Double.BYTES * copies)
                ? Long.MAX_VALUE : elements * Double.BYTES * copies;
    }

    /**
     * Refuses a file whose loaded contents, {@code needBytes} as the caller counts them from the header,
     * would take more than {@code maxBytes}: checked before any value is read.
     *
     * @throws IOException naming the file, the need and the budget
     */
    void requireWithinBudget(long needBytes, long maxBytes, String holder) throws IOException {
        if (needBytes > maxBytes) {
            throw new IOException(where + ": its " + entries.size() + " tensor(s) declare " + totalElements()
                    + " values; " + holder + " takes " + needBytes + " bytes, more than the memory budget of "
                    + maxBytes + " bytes" + (maxBytes == Safetensors.defaultMaxBytes()
                    ? " (half the JVM's maximum heap, -Xmx)" : ""));
        }
    }

    /** Reads and widens one tensor's values, 64 KiB at a time, into a new array. */
    double[] values(HeaderEntry entry) throws IOException {
        double[] values = new double[entry.elements()];
        long position = dataStart + entry.begin();
        int width = entry.dtype().bytesPerElement();
        int perChunk = CHUNK_BYTES / width;
        for (int first = 0; first < values.length; first += perChunk) {
            int count = Math.min(perChunk, values.length - first);
            ByteBuffer bytes = readFully(channel, position + (long) first * width, count * width, where,
                    Quoted.tensor(entry.name()));
            if (entry.dtype() == DType.F64) {
                bytes.asDoubleBuffer().get(values, first, count);
            } else {
                for (int k = 0; k < count; k++) {
                    values[first + k] = bytes.getFloat(4 * k);
                }
            }
        }
        return values;
    }

    /** Reads one F32 tensor's values as they are, 64 KiB at a time, into a new float array. */
    float[] floatValues(HeaderEntry entry) throws IOException {
        if (entry.dtype() != DType.F32) {
            throw new IllegalArgumentException(Quoted.tensor(entry.name()) + " is " + entry.dtype() + ", not F32");
        }
        float[] values = new float[entry.elements()];
        long position = dataStart + entry.begin();
        int perChunk = CHUNK_BYTES / 4;
        for (int first = 0; first < values.length; first += perChunk) {
            int count = Math.min(perChunk, values.length - first);
            ByteBuffer bytes = readFully(channel, position + (long) first * 4, count * 4, where,
                    Quoted.tensor(entry.name()));
            bytes.asFloatBuffer().get(values, first, count);
        }
        return values;
    }

    /** Reads one tensor. */
    Tensor tensor(HeaderEntry entry) throws IOException {
        return Tensor.adopt(entry.name(), entry.dtype(), entry.shape().clone(), values(entry));
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /**
     * Sorts the entries by data offset and checks that they tile the data section exactly: the first
     * begins at 0, each begins where the previous ends, the last ends at the end of the file.
     */
    private static List<HeaderEntry> checkLayout(List<HeaderEntry> entries, long dataLength, String where)
            throws SafetensorsFormatException {
        List<HeaderEntry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(HeaderEntry::begin).thenComparingLong(HeaderEntry::end));
        long position = 0;
        HeaderEntry previous = null;
        for (HeaderEntry e : sorted) {
            if (e.end() > dataLength) {
                throw new SafetensorsFormatException(where + ": " + Quoted.tensor(e.name())
                        + ": data_offsets [" + e.begin() + ", " + e.end() + "] run past the end of the "
                        + dataLength + "-byte data section");
            }
            if (e.begin() < position) {
                throw new SafetensorsFormatException(where + ": " + Quoted.tensor(e.name())
                        + ": data_offsets [" + e.begin() + ", " + e.end() + "] overlap "
                        + Quoted.tensor(previous.name()) + " which ends at " + position);
            }
            if (e.begin() > position) {
                throw new SafetensorsFormatException(where + ": " + Quoted.tensor(e.name())
                        + ": data_offsets [" + e.begin() + ", " + e.end() + "] leave a gap of "
                        + (e.begin() - position) + " bytes before them (the data so far ends at " + position + ")");
            }
            position = e.end();
            previous = e;
        }
        if (position != dataLength) {
            throw new SafetensorsFormatException(where + ": the tensors cover " + position + " bytes but the data "
                    + "section has " + dataLength + " (" + (dataLength - position) + " bytes unaccounted for)");
        }
        return Collections.unmodifiableList(sorted);
    }

    private static ByteBuffer readFully(FileChannel channel, long position, int length, String where, String what)
            throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + buffer.position());
            if (n < 0) {
                throw new SafetensorsFormatException(where + ": file ended while reading " + what
                        + " (was it truncated while being read?)", new EOFException());
            }
        }
        return buffer.flip().order(ByteOrder.LITTLE_ENDIAN);
    }
}
