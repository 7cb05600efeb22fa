package io.github.lstmdynamics.lstm;

/**
 * How an {@link LstmLayer}'s phases are split between the parts of a {@link WorkerPool}: every phase
 * splits its OUTPUT, never a sum, so the result is bit-identical to one thread. Rows of the batch for
 * the recurrences (the B sequences are independent through time, so no synchronisation is needed
 * between steps), rows of {@code T*B} for the projections, rows of {@code dW^T} (inputs and hidden units)
 * for the weight gradients, columns of {@code 4H} (at whole vectors) for adding them in.
 *
 * <p>The input projection, the forward recurrence and the input gradient hand out their rows and
 * sequences through a {@link SharedSplit} in a few pieces per part, so a part on a CPU that is slow for a
 * while does not hold the step back; the backward recurrence and the weight gradients keep one fixed
 * range per part, since each piece there repeats a pass over all rows. docs/performance.md has the
 * measurements behind these choices.
 */
final class LayerSchedule implements WorkerPool.Task {

    /** The parallel phases of forward and backward. */
    enum Phase {
        INPUT_PROJECTION, RECURRENCE, BACK_RECURRENCE, WEIGHT_GRADIENTS, GRADIENT_ACCUMULATION, INPUT_GRADIENT
    }

    private final LstmLayer<?, ?> layer;
    private final SharedSplit work = new SharedSplit();
    private Phase phase;

    LayerSchedule(LstmLayer<?, ?> layer) {
        this.layer = layer;
    }

    /** Runs one phase over the layer's current shape, split between the parts of {@code pool}. */
    void run(Phase p, WorkerPool pool, int steps, int batch, int in, int hidden) {
        phase = p;
        int parts = pool.parts();
        switch (p) {
            case INPUT_PROJECTION:
            case INPUT_GRADIENT:
                work.reset(steps * batch, parts, 8);
                break;
            case RECURRENCE:
                // two or so pieces per part: each piece costs two more activation passes per step
                work.reset(batch, parts, Math.max(1, batch / parts / 3));
                break;
            case BACK_RECURRENCE:
                work.reset(batch, parts, batch);
                break;
            case WEIGHT_GRADIENTS:
                // one piece per part: each piece streams all T*B rows of dG
                work.reset(in + hidden, parts, in + hidden);
                break;
            default:
                break;
        }
        pool.run(this);
    }

    @Override
    public void run(int part, int parts) {
        if (phase == Phase.GRADIENT_ACCUMULATION) {
            int width = layer.gateWidth();
            layer.accumulateGradients(splitColumns(width, part, parts), splitColumns(width, part + 1, parts), part);
            return;
        }
        for (long piece = work.next(part); piece >= 0; piece = work.next(part)) {
            int from = SharedSplit.from(piece);
            int to = SharedSplit.to(piece);
            switch (phase) {
                case INPUT_PROJECTION:
                    layer.inputProjection(from, to);
                    break;
                case RECURRENCE:
                    layer.recurrence(from, to, part);
                    break;
                case BACK_RECURRENCE:
                    layer.backRecurrence(from, to);
                    break;
                case WEIGHT_GRADIENTS:
                    layer.weightGradients(from, to);
                    break;
                case INPUT_GRADIENT:
                    layer.inputGradient(from, to);
                    break;
                default:
                    throw new IllegalStateException("unknown phase " + phase);
            }
        }
    }

    /** As {@link SharedSplit#split}, at whole vectors (multiples of 8) except the end. */
    static int splitColumns(int n, int part, int parts) {
        return part >= parts ? n : ((n / 8) * part / parts) * 8;
    }
}
