package io.github.lstmdynamics.lstm.io;

import java.util.Collection;
import java.util.Iterator;

/**
 * Names and values from a file, quoted for exception messages and cut short where they are long: a
 * hostile file may carry a name or a value of many megabytes, or a million tensors.
 */
final class Quoted {

    static final int MAX_CHARS = 80;
    static final int MAX_NAMES = 10;

    private Quoted() {
    }

    /** 'text', or its first characters and how long it is. */
    static String of(String text) {
        if (text.length() <= MAX_CHARS) {
            return "'" + text + "'";
        }
        return "'" + text.substring(0, MAX_CHARS) + "...' (" + text.length() + " characters)";
    }

    /** tensor 'name'. */
    static String tensor(String name) {
        return "tensor " + of(name);
    }

    /** ['a', 'b', ...], at most {@link #MAX_NAMES} of them and then how many there are in all. */
    static String names(Collection<String> names) {
        StringBuilder text = new StringBuilder("[");
        Iterator<String> it = names.iterator();
        for (int k = 0; it.hasNext() && k < MAX_NAMES; k++) {
            text.append(k == 0 ? "" : ", ").append(of(it.next()));
        }
        if (names.size() > MAX_NAMES) {
            text.append(", ... (").append(names.size()).append(" in all)");
        }
        return text.append(']').toString();
    }
}
