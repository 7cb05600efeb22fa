package io.github.lstmdynamics.lstm.io;

import java.util.List;
import java.util.Map;

/**
 * A parsed safetensors header.
 *
 * @param metadata the {@code "__metadata__"} entries in header order (empty if absent)
 * @param entries  the tensor entries in header order
 */
record Header(Map<String, String> metadata, List<HeaderEntry> entries) {
}
