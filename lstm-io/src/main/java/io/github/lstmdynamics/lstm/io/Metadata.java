package io.github.lstmdynamics.lstm.io;

import java.util.Arrays;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Strict readers of {@code "__metadata__"} values (all strings in the file): each names the key and the
 * value when it refuses, and none throws anything but {@link SafetensorsFormatException}.
 */
final class Metadata {

    static final String FORMAT = "format";
    static final String FORMAT_VERSION = "format_version";

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,19}");
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?");

    private Metadata() {
    }

    static String require(Map<String, String> metadata, String key, String where) throws SafetensorsFormatException {
        String value = metadata.get(key);
        if (value == null) {
            throw new SafetensorsFormatException(where + ": metadata key '" + key + "' is missing");
        }
        return value;
    }

    /** The format_version key, which must be present and equal to the version this library reads. */
    static void requireVersion(Map<String, String> metadata, String supported, String where)
            throws SafetensorsFormatException {
        String version = require(metadata, FORMAT_VERSION, where);
        if (!version.equals(supported)) {
            throw new SafetensorsFormatException(where + ": metadata " + FORMAT_VERSION + " = " + Quoted.of(version)
                    + " is not supported (this library reads version " + supported + ")");
        }
    }

    /** A decimal integer from 1 to {@link Integer#MAX_VALUE}. */
    static int positiveInt(Map<String, String> metadata, String key, String where) throws SafetensorsFormatException {
        long value = nonNegativeLong(metadata, key, where);
        if (value < 1 || value > Integer.MAX_VALUE) {
            throw new SafetensorsFormatException(where + ": metadata " + key + " = " + Quoted.of(Long.toString(value))
                    + " is not an integer from 1 to " + Integer.MAX_VALUE);
        }
        return (int) value;
    }

    /** A decimal integer from 0 to {@link Long#MAX_VALUE}, digits only. */
    static long nonNegativeLong(Map<String, String> metadata, String key, String where)
            throws SafetensorsFormatException {
        String text = require(metadata, key, where);
        if (DIGITS.matcher(text).matches()) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                // 19 digits beyond Long.MAX_VALUE: refused below
            }
        }
        throw new SafetensorsFormatException(where + ": metadata " + key + " = " + Quoted.of(text)
                + " is not a non-negative decimal integer");
    }

    /** "true" or "false". */
    static boolean bool(Map<String, String> metadata, String key, String where) throws SafetensorsFormatException {
        String text = require(metadata, key, where);
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new SafetensorsFormatException(where + ": metadata " + key + " = " + Quoted.of(text)
                    + " is not 'true' or 'false'");
        };
    }

    /**
     * A finite number in plain decimal notation, as {@link Double#toString} writes it (which reads back to
     * the same bits); no NaN, Infinity, hexadecimal or type suffix.
     */
    static double finiteDouble(Map<String, String> metadata, String key, String where)
            throws SafetensorsFormatException {
        String text = require(metadata, key, where);
        if (text.length() <= 64 && DECIMAL.matcher(text).matches()) {
            double value = Double.parseDouble(text);
            if (Double.isFinite(value)) {
                return value;
            }
        }
        throw new SafetensorsFormatException(where + ": metadata " + key + " = " + Quoted.of(text)
                + " is not a finite decimal number");
    }

    /** Refuses any key not among the allowed ones (and not starting with an allowed prefix ending in "."). */
    static void requireOnly(Map<String, String> metadata, String where, String... allowed)
            throws SafetensorsFormatException {
        for (String key : metadata.keySet()) {
            boolean known = false;
            for (String a : allowed) {
                known |= a.endsWith(".") ? key.startsWith(a) : key.equals(a);
            }
            if (!known) {
                throw new SafetensorsFormatException(where + ": unknown metadata key " + Quoted.of(key) + " (expected "
                        + Arrays.toString(allowed) + ")");
            }
        }
    }
}
