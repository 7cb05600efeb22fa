package io.github.lstmdynamics.lstm.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a safetensors file holds: the string-to-string {@code "__metadata__"} of its header and its
 * tensors, in the order of their data in the file (by data offset).
 *
 * @param metadata the header's {@code "__metadata__"}, in header order; empty if the file has none
 *                 (unmodifiable)
 * @param tensors  the tensors in data-offset order (unmodifiable)
 */
public record SafetensorsContents(Map<String, String> metadata, List<Tensor> tensors) {

    /**
     * Copies both collections into unmodifiable ones (the metadata keeps its iteration order).
     *
     * @param metadata string keys and values, none null
     * @param tensors  tensors, none null
     * @throws NullPointerException if an argument, key, value or element is null
     */
    public SafetensorsContents {
        Objects.requireNonNull(metadata, "metadata");
        LinkedHashMap<String, String> copy = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            copy.put(Objects.requireNonNull(e.getKey(), "metadata key"),
                    Objects.requireNonNull(e.getValue(), "metadata value of " + e.getKey()));
        }
        metadata = Collections.unmodifiableMap(copy);
        tensors = List.copyOf(tensors);
    }

    /** The tensor of that name, or null. */
    Tensor tensor(String name) {
        for (Tensor t : tensors) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }
}
