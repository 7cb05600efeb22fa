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
     * Requires that the product of the sizes fits one array.
     *
     * @param what  what the sizes are, for example "steps x batchSize x features"
     * @param sizes the sizes, each at least 1
     * @throws IllegalArgumentException naming what, the sizes and the limit
     */
    static void requireFits(String what, long... sizes) {
        long product = 1;
        StringBuilder text = new StringBuilder();
        boolean over = false;
        for (long size : sizes) {
            text.append(text.length() == 0 ? "" : " x ").append(size);
            over |= size > 0 && product > MAX_ELEMENTS / size;
            product = over ? product : product * size;
        }
        if (over || product > MAX_ELEMENTS) {
            throw new IllegalArgumentException(what + " = " + text + " is more than the " + MAX_ELEMENTS
                    + " elements one Java array holds");
        }
    }
}
