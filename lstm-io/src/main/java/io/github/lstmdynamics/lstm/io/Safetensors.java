package io.github.lstmdynamics.lstm.io;

import com.google.gson.stream.JsonWriter;
import java.io.EOFException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads and writes <a href="https://github.com/huggingface/safetensors">safetensors</a> files, the format
 * PyTorch users exchange weights in, for the dtypes {@link DType#F64} and {@link DType#F32}:
 * <pre>
 *   8 bytes    N, the header length, unsigned little-endian
 *   N bytes    the header: UTF-8 JSON
 *              {"__metadata__": {"key": "value", ...},
 *               "name": {"dtype": "F64", "shape": [d0, d1, ...], "data_offsets": [begin, end]}, ...}
 *   the rest   the data section: each tensor's values, little-endian, row-major, at [begin, end)
 *              relative to the start of this section
 * </pre>
 *
 * <p>Reading checks everything before it trusts it, and refuses a file that breaks a rule with a
 * {@link SafetensorsFormatException} naming the tensor and the problem: a file shorter than 8 bytes; a
 * header length beyond the file or beyond {@link #MAX_HEADER_BYTES} (checked before anything is
 * allocated); a header that is not strict UTF-8 JSON, not an object, or has entries of the wrong JSON
 * type, unknown fields or repeated names; an unknown dtype; a shape with a dimension below 0 or an
 * element count that overflows; data offsets that are not two non-negative integers, have begin after
 * end, a byte count other than elements x dtype size, or that overlap, leave gaps, or do not cover the
 * data section exactly. The header is parsed by Gson's strict reader. Memory use is bounded by the file:
 * the data once as doubles (twice its size for F32, which is widened), and up to about 4.5 times the
 * header length for the header (a 100 MiB header of 1.7 million empty tensors, the worst case, needs
 * about 450 MB and 5 seconds).
 *
 * <p>Writing lays the data out in the order of the given list, and pads the header with spaces to a
 * multiple of 8 bytes (as the reference implementation does) so that every tensor starts 8-byte aligned.
 * Files are replaced atomically through {@link AtomicFiles}.
 */
public final class Safetensors {

    /** The largest header length accepted on read: 100 MiB, 100 x 2^20 bytes. */
    public static final long MAX_HEADER_BYTES = 100L << 20;

    private static final int CHUNK_BYTES = 1 << 16;

    private Safetensors() {
    }

    /**
     * Reads a whole safetensors file.
     *
     * @param file the file to read
     * @return its metadata and tensors, the tensors in data-offset order
     * @throws SafetensorsFormatException if the file is not a valid safetensors file of F64/F32 tensors (see
     *                                    the class comment)
     * @throws IOException                if the file cannot be read
     */
    public static SafetensorsContents read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        String where = String.valueOf(file.getFileName());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < 8) {
                throw new SafetensorsFormatException(where + ": file has " + size
                        + " bytes, fewer than the 8 of the header length");
            }
            ByteBuffer lengthBytes = readFully(channel, 0, 8, where, "the header length");
            long headerLength = lengthBytes.order(ByteOrder.LITTLE_ENDIAN).getLong(0);
            if (headerLength < 0 || headerLength > MAX_HEADER_BYTES) {
                throw new SafetensorsFormatException(where + ": header length " + Long.toUnsignedString(headerLength)
                        + " exceeds the limit of " + MAX_HEADER_BYTES + " bytes");
            }
            if (headerLength > size - 8) {
                throw new SafetensorsFormatException(where + ": header length " + headerLength
                        + " is larger than the " + (size - 8) + " bytes after the length field");
            }
            Header header = HeaderParser.parse(where, readFully(channel, 8, (int) headerLength, where, "the header"));
            long dataStart = 8 + headerLength;
            List<HeaderEntry> entries = checkLayout(header.entries(), size - dataStart, where);
            List<Tensor> tensors = new ArrayList<>(entries.size());
            for (HeaderEntry entry : entries) {
                double[] values = readValues(channel, dataStart + entry.begin(), entry, where);
                tensors.add(new Tensor(entry.name(), entry.dtype(), entry.shape(), values));
            }
            return new SafetensorsContents(header.metadata(), tensors);
        }
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
        return sorted;
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

    /** Reads and widens one tensor's values, 64 KiB at a time. */
    private static double[] readValues(FileChannel channel, long position, HeaderEntry entry, String where)
            throws IOException {
        double[] values = new double[entry.elements()];
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

    /**
     * Writes a safetensors file atomically (see {@link AtomicFiles}), replacing any existing file.
     *
     * @param file     the file to create or replace
     * @param metadata the header's {@code "__metadata__"}, written in iteration order; omitted from the
     *                 header when empty
     * @param tensors  the tensors, laid out in this order; names unique and not {@code "__metadata__"}
     * @throws IllegalArgumentException if a name repeats or is {@code "__metadata__"}, or the header would be
     *                                  longer than {@link #MAX_HEADER_BYTES}
     * @throws NullPointerException     if an argument, key, value or element is null
     * @throws IOException              if the file cannot be written; the old file is then unchanged
     */
    public static void write(Path file, Map<String, String> metadata, List<Tensor> tensors) throws IOException {
        Objects.requireNonNull(file, "file");
        SafetensorsContents contents = new SafetensorsContents(metadata, tensors); // copies, checks nulls
        byte[] header = header(contents);
        if (header.length > MAX_HEADER_BYTES) {
            throw new IllegalArgumentException("the header would have " + header.length + " bytes, more than the "
                    + MAX_HEADER_BYTES + " that read accepts (too much metadata or too many tensors)");
        }
        AtomicFiles.write(file, channel -> {
            ByteBuffer prefix = ByteBuffer.allocate(8 + header.length).order(ByteOrder.LITTLE_ENDIAN);
            prefix.putLong(header.length).put(header).flip();
            writeFully(channel, prefix);
            ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (Tensor t : contents.tensors()) {
                for (int k = 0; k < t.size(); k++) {
                    if (chunk.remaining() < 8) {
                        writeFully(channel, chunk.flip());
                        chunk.clear();
                    }
                    if (t.dtype() == DType.F64) {
                        chunk.putDouble(t.value(k));
                    } else {
                        chunk.putFloat((float) t.value(k));
                    }
                }
            }
            writeFully(channel, chunk.flip());
        });
    }

    /** The header JSON as UTF-8, padded with spaces to a multiple of 8 bytes. */
    static byte[] header(SafetensorsContents contents) {
        Set<String> names = new HashSet<>();
        StringWriter text = new StringWriter();
        try (JsonWriter json = new JsonWriter(text)) {
            json.setHtmlSafe(false);
            json.beginObject();
            if (!contents.metadata().isEmpty()) {
                json.name(HeaderParser.METADATA).beginObject();
                for (Map.Entry<String, String> e : contents.metadata().entrySet()) {
                    json.name(e.getKey()).value(e.getValue());
                }
                json.endObject();
            }
            long offset = 0;
            for (Tensor t : contents.tensors()) {
                if (t.name().equals(HeaderParser.METADATA)) {
                    throw new IllegalArgumentException("a tensor may not be called '" + HeaderParser.METADATA + "'");
                }
                if (!names.add(t.name())) {
                    throw new IllegalArgumentException("tensor name '" + t.name() + "' appears twice");
                }
                json.name(t.name()).beginObject();
                json.name("dtype").value(t.dtype().name());
                json.name("shape").beginArray();
                for (int d : t.shape()) {
                    json.value(d);
                }
                json.endArray();
                long end = offset + t.byteCount();
                json.name("data_offsets").beginArray().value(offset).value(end).endArray();
                json.endObject();
                offset = end;
            }
            json.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        byte[] utf8 = text.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (utf8.length + 7) / 8 * 8;
        byte[] header = new byte[padded];
        System.arraycopy(utf8, 0, header, 0, utf8.length);
        for (int k = utf8.length; k < padded; k++) {
            header[k] = ' ';
        }
        return header;
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }
}
