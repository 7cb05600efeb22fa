package io.github.lstmdynamics.lstm;

/**
 * The limit on the arrays behind batches, weights and buffers: one Java array holds at most a few elements
 * less than 2^31. Sizes whose product passes it are refused where the user gives them, with an
 * {@link IllegalArgumentException} naming the arguments, instead of overflowing an {@code int} later.
 */
final class ArraySizes {

    /** The most elements of one array (HotSpot refuses a few less than {@link Integer#MAX_VALUE}). */
    static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private ArraySizes() {
    }

    /**
     * Whether the product of three sizes, each at least 0, fits one array. Allocates nothing, so that it
     * can guard a per-step call.
     */
    static boolean fits(long a, long b, long c) {
        return a == 0 || b == 0 || c == 0
                || (a <= MAX_ELEMENTS / b && a * b <= MAX_ELEMENTS / c && a * b * c <= MAX_ELEMENTS);
    }

    /**
     * Requires that the product of three sizes fits one array.
     *
     * @param what what the sizes are, for example "steps x batchSize x features"
     * @throws IllegalArgumentException naming what, the sizes and the limit
     */
    static void requireFits(String what, long a, long b, long c) {
        if (!fits(a, b, c)) {
            throw tooLarge(what, a, b, c);
        }
    }

    /** Requires that the product of two sizes fits one array (see the three-size form). */
    static void requireFits(String what, long a, long b) {
        if (!fits(a, b, 1)) {
            throw new IllegalArgumentException(what + " = " + a + " x " + b + " is more than the " + MAX_ELEMENTS
                    + " elements one Java array holds");
        }
    }

    /** The exception for sizes that do not fit: "what = a x b x c is more than ...". */
    static IllegalArgumentException tooLarge(String what, long a, long b, long c) {
        return new IllegalArgumentException(what + " = " + a + " x " + b + " x " + c + " is more than the "
                + MAX_ELEMENTS + " elements one Java array holds");
    }
}
