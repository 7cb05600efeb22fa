package io.github.lstmdynamics.lstm.io;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses the JSON header of a safetensors file with Gson's strict streaming reader and checks each entry
 * on its own: the header is an object; {@code "__metadata__"}, if present, maps strings to strings; every
 * other key is a tensor name mapping to an object with exactly {@code "dtype"} (a known dtype string),
 * {@code "shape"} (an array of non-negative integers) and {@code "data_offsets"} (two non-negative
 * integers {@code [begin, end]}, {@code begin <= end}, {@code end - begin} = elements x dtype size).
 * Names may not repeat. Anything else is refused with a {@link SafetensorsFormatException}.
 *
 * <p>Walking the tokens (rather than building a tree) lets the parser see duplicate keys, which a tree
 * silently merges, and stop at the first wrong token, whatever the nesting depth of the rest.
 */
final class HeaderParser {

    static final String METADATA = "__metadata__";

    private final String where;
    private final JsonReader reader;

    private HeaderParser(String where, String json) {
        this.where = where;
        this.reader = new JsonReader(new StringReader(json));
        this.reader.setStrictness(Strictness.STRICT);
    }

    /**
     * @param where the file name, for messages
     * @param json  the header text
     * @return the header
     * @throws SafetensorsFormatException if the header is not valid (see the class comment)
     */
    static Header parse(String where, String json) throws SafetensorsFormatException {
        HeaderParser parser = new HeaderParser(where, json);
        try {
            return parser.header();
        } catch (SafetensorsFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // MalformedJsonException, EOFException, or Gson's IllegalStateException on a token it did not expect
            throw new SafetensorsFormatException(where + ": header is not valid JSON: " + gsonProblem(e), e);
        }
    }

    /** Gson's message without its advice to parse leniently and its link (first line only). */
    private static String gsonProblem(Exception e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        if (newline >= 0) {
            message = message.substring(0, newline);
        }
        return message.replace("Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON", "malformed JSON");
    }

    private Header header() throws IOException {
        expect(JsonToken.BEGIN_OBJECT, "the header", "a JSON object");
        reader.beginObject();
        Map<String, String> metadata = new LinkedHashMap<>();
        List<HeaderEntry> entries = new ArrayList<>();
        Set<String> names = new HashSet<>();
        while (reader.hasNext()) {
            String name = reader.nextName();
            if (!names.add(name)) {
                throw refuse(describe(name) + " appears twice in the header");
            }
            if (name.equals(METADATA)) {
                metadata = metadata();
            } else {
                entries.add(entry(name));
            }
        }
        reader.endObject();
        if (reader.peek() != JsonToken.END_DOCUMENT) {
            throw refuse("header has data after its JSON object");
        }
        return new Header(metadata, entries);
    }

    private Map<String, String> metadata() throws IOException {
        expect(JsonToken.BEGIN_OBJECT, "\"" + METADATA + "\"", "an object of strings");
        reader.beginObject();
        Map<String, String> metadata = new LinkedHashMap<>();
        while (reader.hasNext()) {
            String key = reader.nextName();
            if (metadata.containsKey(key)) {
                throw refuse("metadata key '" + key + "' appears twice");
            }
            expect(JsonToken.STRING, "metadata key '" + key + "'", "a string value");
            metadata.put(key, reader.nextString());
        }
        reader.endObject();
        return metadata;
    }

    private HeaderEntry entry(String name) throws IOException {
        String what = describe(name);
        expect(JsonToken.BEGIN_OBJECT, what, "an object with dtype, shape and data_offsets");
        reader.beginObject();
        String dtypeName = null;
        long[] shape = null;
        long[] offsets = null;
        while (reader.hasNext()) {
            String key = reader.nextName();
            switch (key) {
                case "dtype" -> {
                    if (dtypeName != null) {
                        throw refuse(what + ": dtype appears twice");
                    }
                    expect(JsonToken.STRING, what + ": dtype", "a string");
                    dtypeName = reader.nextString();
                }
                case "shape" -> {
                    if (shape != null) {
                        throw refuse(what + ": shape appears twice");
                    }
                    shape = integers(what + ": shape");
                }
                case "data_offsets" -> {
                    if (offsets != null) {
                        throw refuse(what + ": data_offsets appears twice");
                    }
                    offsets = integers(what + ": data_offsets");
                }
                default -> throw refuse(what + ": unknown field '" + key
                        + "' (expected dtype, shape and data_offsets)");
            }
        }
        reader.endObject();
        if (dtypeName == null || shape == null || offsets == null) {
            throw refuse(what + ": missing " + (dtypeName == null ? "dtype" : shape == null ? "shape" : "data_offsets"));
        }
        DType dtype = DType.ofHeaderName(dtypeName);
        if (dtype == null) {
            throw refuse(what + ": unknown dtype '" + dtypeName + "' (this library reads F64 and F32)");
        }
        int[] dims = new int[shape.length];
        boolean empty = false;
        for (int k = 0; k < shape.length; k++) {
            if (shape[k] > Integer.MAX_VALUE) {
                throw refuse(what + ": shape " + Arrays.toString(shape) + " has a dimension above "
                        + Integer.MAX_VALUE);
            }
            dims[k] = (int) shape[k];
            empty |= dims[k] == 0;
        }
        long elements = empty ? 0 : 1;
        for (int k = 0; k < shape.length && elements > 0; k++) {
            try {
                elements = Math.multiplyExact(elements, shape[k]);
            } catch (ArithmeticException e) {
                throw refuse(what + ": shape " + Arrays.toString(shape) + ": the element count overflows");
            }
        }
        if (elements > Integer.MAX_VALUE - 8) {
            throw refuse(what + ": shape " + Arrays.toString(shape) + " has " + elements
                    + " elements, more than a Java array can hold");
        }
        if (offsets.length != 2) {
            throw refuse(what + ": data_offsets " + Arrays.toString(offsets) + " must be two integers [begin, end]");
        }
        long begin = offsets[0];
        long end = offsets[1];
        if (begin > end) {
            throw refuse(what + ": data_offsets " + Arrays.toString(offsets) + ": begin is after end");
        }
        long bytes = elements * dtype.bytesPerElement();
        if (end - begin != bytes) {
            throw refuse(what + ": data_offsets " + Arrays.toString(offsets) + " span " + (end - begin)
                    + " bytes but shape " + Arrays.toString(shape) + " of " + dtype + " needs " + bytes);
        }
        return new HeaderEntry(name, dtype, dims, (int) elements, begin, end);
    }

    /** An array of non-negative integers that fit a long, written as plain JSON integers. */
    private long[] integers(String what) throws IOException {
        expect(JsonToken.BEGIN_ARRAY, what, "an array of non-negative integers");
        reader.beginArray();
        List<Long> values = new ArrayList<>();
        while (reader.hasNext()) {
            expect(JsonToken.NUMBER, what + " element " + values.size(), "a non-negative integer");
            String text = reader.nextString();
            values.add(nonNegativeInteger(what + " element " + values.size(), text));
        }
        reader.endArray();
        long[] result = new long[values.size()];
        for (int k = 0; k < result.length; k++) {
            result[k] = values.get(k);
        }
        return result;
    }

    private long nonNegativeInteger(String what, String text) throws SafetensorsFormatException {
        if (text.startsWith("-")) {
            throw refuse(what + ": " + text + " is negative");
        }
        if (!text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw refuse(what + ": " + text + " is not an integer");
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw refuse(what + ": " + text + " is too large");
        }
    }

    private void expect(JsonToken token, String what, String expected) throws IOException {
        JsonToken found = reader.peek();
        if (found != token) {
            throw refuse(what + " must be " + expected + ", found " + describe(found));
        }
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case BEGIN_ARRAY -> "an array";
            case BEGIN_OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            case END_DOCUMENT -> "the end of the header";
            default -> token.toString();
        };
    }

    static String describe(String tensorName) {
        return "tensor '" + tensorName + "'";
    }

    private SafetensorsFormatException refuse(String problem) {
        return new SafetensorsFormatException(where + ": " + problem);
    }
}
