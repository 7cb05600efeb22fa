package io.github.lstmdynamics.examples;

/**
 * The sizes a run's settings add up to, checked as a combination before any work starts: each option can
 * be within its range while together they need matrices larger than a Java array can hold, or more
 * memory than the JVM may use. A training step holds every activation of a batch, (samples x batch size)
 * rows of about 12 x hidden doubles per layer, and the evaluation writes a CSV line per row.
 */
final class RunSize {

    /** The largest number of elements of a Java array (a few below 2^31 - 1 on HotSpot). */
    static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    /** Bytes held per row of predictions.csv while it is written (the text, then its UTF-8 bytes). */
    private static final long CSV_BYTES_PER_ROW = 320;
    /** The batches generated ahead of training (see Tutorial's lookahead) and the pictures, at most. */
    private static final long FIXED_BYTES = 64L << 20;

    private RunSize() {
    }

    /**
     * Refuses a run whose matrices do not fit Java arrays or whose memory need exceeds the JVM's maximum
     * heap ({@link Runtime#maxMemory()}).
     *
     * @param config the settings
     * @param layers the model's LSTM layers
     * @throws IllegalArgumentException naming the options, what they add up to and the limit
     */
    static void check(TutorialConfig config, int layers) {
        check(config, layers, Runtime.getRuntime().maxMemory());
    }

    static void check(TutorialConfig config, int layers, long maxMemory) {
        long samples = config.grid().samples();
        long rows = samples * config.batchSize();
        long widest = Math.max(config.hidden(), 2);
        String sizes = "--batch-size " + config.batchSize() + " and --t-end " + config.tEnd() + " / --dt "
                + config.dt() + " (" + samples + " samples)";
        if ((rows + config.batchSize()) * widest > MAX_ARRAY) {
            throw new IllegalArgumentException(sizes + " give " + rows + " rows of training data per batch; with"
                    + " --hidden " + config.hidden() + " the hidden states of a batch need "
                    + (rows + config.batchSize()) * widest + " values in one array, more than the " + MAX_ARRAY
                    + " a Java array holds; lower --batch-size or --t-end, or raise --dt");
        }
        long need = bytes(config, layers);
        if (need > maxMemory) {
            throw new IllegalArgumentException(sizes + " with --hidden " + config.hidden()
                    + (layers > 1 ? " and " + layers + " layers" : "") + " need about " + gigabytes(need)
                    + " of memory for a training step and the evaluation, more than the " + gigabytes(maxMemory)
                    + " this JVM may use (-Xmx); lower --batch-size, --hidden or --t-end, raise --dt, or raise -Xmx");
        }
    }

    /** An estimate of the memory the run needs at its peak, in bytes. */
    static long bytes(TutorialConfig config, int layers) {
        long rows = (long) config.grid().samples() * config.batchSize();
        long hidden = config.hidden();
        long features = 2;
        // Per layer and row: gates and their gradients (4H each, padded rows), h, c, tanh(c), the output and
        // the input gradient; then the readout's output and gradients, input, target and prediction.
        long perLayer = 12 * hidden + 2 * hidden + 30;
        long perRow = layers * perLayer + 3 * hidden + 6 * features + 10;
        long history = 2L * Double.BYTES * config.batches();
        return rows * (perRow * Double.BYTES + CSV_BYTES_PER_ROW) + history + FIXED_BYTES;
    }

    private static String gigabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f GB", bytes / 1e9);
    }
}
