package io.github.lstmdynamics.lstm;

import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Splits the items {@code [0, n)} of a parallel phase between the parts of a {@link WorkerPool} so that
 * a part that finishes early takes over what another has not started: on a machine whose second CPU is
 * sometimes much slower than the first (a shared host), a fixed split waits for the slower one.
 *
 * <p>Each part owns a home range, its {@link #split} share of the items, cut into pieces: the
 * first half, then half of the rest, and so on, as long as a piece keeps at least {@code minPiece} items
 * (the last piece takes the remainder). A part takes its own pieces in order, then the pieces the other
 * parts have not taken yet. When the parts run alike each does its own range, in a few pieces; when one
 * is slow the others take the pieces at the end of its range that it has not started. Which part computes an item never changes the
 * result: every phase computes each item (a sequence, a row) the same way whatever range a call covers.
 *
 * <p>{@link #reset} runs on the calling thread before the pool starts the phase (the pool's hand-over
 * publishes it); {@link #next} runs on the parts. A piece is returned as {@code from << 32 | to}.
 */
final class SharedSplit {

    /** Ints between two parts' counters: one cache line each. */
    private static final int STRIDE = 16;

    private AtomicIntegerArray taken = new AtomicIntegerArray(STRIDE);
    private int n;
    private int parts = 1;
    private int minPiece = 1;

    /**
     * Starts a phase over {@code n} items split between {@code parts}; with one part, a single piece.
     *
     * @param minPiece the fewest items a piece other than a home range's last one may hold, at least 1
     */
    void reset(int n, int parts, int minPiece) {
        if (taken.length() < parts * STRIDE) {
            taken = new AtomicIntegerArray(parts * STRIDE);
        }
        this.n = n;
        this.parts = parts;
        this.minPiece = parts == 1 ? Math.max(1, n) : Math.max(1, minPiece);
        for (int p = 0; p < parts; p++) {
            taken.set(p * STRIDE, 0);
        }
    }

    /** {@return the next piece for {@code part} as {@code from << 32 | to}, or -1 when none is left} */
    long next(int part) {
        for (int k = 0; k < parts; k++) {
            int owner = (part + k) % parts;
            int h0 = split(n, owner, parts);
            int m = split(n, owner + 1, parts) - h0;
            int count = pieces(m, minPiece);
            if (taken.get(owner * STRIDE) >= count) {
                continue;
            }
            int i = taken.getAndIncrement(owner * STRIDE);
            if (i < count) {
                int from = h0 + m - remaining(m, minPiece, i);
                int to = h0 + m - remaining(m, minPiece, i + 1);
                return (long) from << 32 | to;
            }
        }
        return -1;
    }

    /** Start of part {@code part} of {@code n} items split into {@code parts} nearly equal ranges. */
    static int split(int n, int part, int parts) {
        return (int) ((long) n * part / parts);
    }

    /** First item of a piece returned by {@link #next}. */
    static int from(long piece) {
        return (int) (piece >>> 32);
    }

    /** End (exclusive) of a piece returned by {@link #next}. */
    static int to(long piece) {
        return (int) piece;
    }

    /** Items of a home range of {@code m} not yet covered by its first {@code i} pieces. */
    static int remaining(int m, int minPiece, int i) {
        int r = m;
        for (int k = 0; k < i && r > 0; k++) {
            int half = r / 2;
            r = half >= minPiece ? half : 0;
        }
        return r;
    }

    /** Pieces of a home range of {@code m} items. */
    static int pieces(int m, int minPiece) {
        int count = 0;
        for (int r = m; r > 0; count++) {
            int half = r / 2;
            r = half >= minPiece ? half : 0;
        }
        return count;
    }
}
