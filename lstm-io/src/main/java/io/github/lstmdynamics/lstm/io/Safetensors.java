package io.github.lstmdynamics.lstm.io;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
 * data section exactly. The header is parsed by Gson's strict reader. Memory use is bounded by a budget
 * checked from the header before any data is read (see {@link #read(Path, long)}): the data once as
 * doubles (twice its size for F32, which is widened), and up to about 4.5 times the header length for
 * the header (a 100 MiB header of 1.7 million empty tensors, the worst case, needs
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
     * The memory budget that reading uses unless told otherwise: half the JVM's maximum heap
     * ({@code -Xmx}), {@link Runtime#maxMemory()} / 2.
     *
     * @return the default budget in bytes
     */
    public static long defaultMaxBytes() {
        return Runtime.getRuntime().maxMemory() / 2;
    }

    /**
     * Reads a whole safetensors file within the default memory budget ({@link #defaultMaxBytes()}).
     *
     * @param file the file to read
     * @return its metadata and tensors, the tensors in data-offset order
     * @throws SafetensorsFormatException if the file is not a valid safetensors file of F64/F32 tensors (see
     *                                    the class comment)
     * @throws IOException                if the file cannot be read, or its values would take more memory
     *                                    than the budget
     */
    public static SafetensorsContents read(Path file) throws IOException {
        return read(file, defaultMaxBytes());
    }

    /**
     * Reads a whole safetensors file, if its values fit a memory budget: the values of all tensors, 8 bytes
     * each as doubles, known from the header, must take at most {@code maxBytes}. The header is checked
     * and the budget compared before any tensor data is read or allocated, so a file that declares more
     * than the budget (or than it holds) is refused at once, whatever its size on disk.
     *
     * @param file     the file to read
     * @param maxBytes the most memory the tensors' values may take, in bytes, at least 0
     * @return its metadata and tensors, the tensors in data-offset order
     * @throws IllegalArgumentException   if {@code maxBytes} is negative
     * @throws SafetensorsFormatException if the file is not a valid safetensors file of F64/F32 tensors (see
     *                                    the class comment)
     * @throws IOException                if the file cannot be read, or its values would take more than
     *                                    {@code maxBytes}
     */
    public static SafetensorsContents read(Path file, long maxBytes) throws IOException {
        Objects.requireNonNull(file, "file");
        requireBudget(maxBytes);
        try (SafetensorsReader reader = SafetensorsReader.open(file)) {
            reader.requireWithinBudget(SafetensorsReader.bytes(reader.totalElements(), 1), maxBytes,
                    "holding them as doubles");
            List<Tensor> tensors = new ArrayList<>(reader.entries().size());
            for (HeaderEntry entry : reader.entries()) {
                tensors.add(reader.tensor(entry));
            }
            return new SafetensorsContents(reader.metadata(), tensors);
        }
    }

    /**
     * Reads only the header's {@code "__metadata__"} of a safetensors file (after checking the whole header
     * and the layout of the data), for example to see what kind of file it is before loading it.
     *
     * @param file the file to read
     * @return the metadata in header order, empty if there is none (unmodifiable)
     * @throws SafetensorsFormatException if the header or layout is not valid
     * @throws IOException                if the file cannot be read
     */
    public static Map<String, String> readMetadata(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        try (SafetensorsReader reader = SafetensorsReader.open(file)) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(reader.metadata()));
        }
    }

    static void requireBudget(long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must be at least 0; got " + maxBytes);
        }
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
