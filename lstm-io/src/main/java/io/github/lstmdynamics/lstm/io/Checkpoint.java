package io.github.lstmdynamics.lstm.io;

import io.github.lstmdynamics.lstm.LrScheduler;
import io.github.lstmdynamics.lstm.LstmRegressor;
import io.github.lstmdynamics.lstm.Optimizer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The whole state of a training run at a batch boundary, as {@link Checkpoints} saves and loads it: the
 * model, its optimizer ({@link io.github.lstmdynamics.lstm.Sgd}, {@link io.github.lstmdynamics.lstm.Adam} or
 * {@link io.github.lstmdynamics.lstm.AdamW}: options, learning rate and state), the learning-rate schedule if
 * there is one, the number of batches done, and whatever else the caller needs to continue exactly where it
 * stopped.
 *
 * <p>The caller's part is free-form: {@code state} for strings (for example the data set's seed and the
 * index of the next batch, which together are the full state of a random generator that is re-seeded per
 * batch) and {@code arrays} for numbers (for example the loss history). A {@code double} scalar such as a
 * running loss round-trips exactly either as a one-element array or as the string
 * {@link Double#toString(double)} (which {@link Double#parseDouble} reads back to the same bits).
 *
 * @param model        the model being trained
 * @param optimizer    its optimizer; must update exactly {@code model.parameters()}, in that order
 * @param scheduler    the schedule of the optimizer's learning rate, or null for none
 * @param batchesDone  training batches completed so far, at least 0
 * @param state        the caller's strings (keys and values not null); copied, unmodifiable
 * @param arrays       the caller's arrays of doubles (keys and arrays not null); copied in, and copied
 *                     again on every call of {@link #arrays()}
 */
public record Checkpoint(LstmRegressor model, Optimizer optimizer, LrScheduler scheduler, long batchesDone,
        Map<String, String> state, Map<String, double[]> arrays) {

    /**
     * A checkpoint without a learning-rate schedule.
     *
     * @param model       the model being trained
     * @param optimizer   its optimizer, over exactly {@code model.parameters()} in that order
     * @param batchesDone training batches completed so far, at least 0
     * @param state       the caller's strings
     * @param arrays      the caller's arrays of doubles
     * @throws NullPointerException     if an argument, key, value or array is null
     * @throws IllegalArgumentException if {@code batchesDone < 0} or the optimizer does not update exactly
     *                                  the model's parameters
     */
    public Checkpoint(LstmRegressor model, Optimizer optimizer, long batchesDone, Map<String, String> state,
            Map<String, double[]> arrays) {
        this(model, optimizer, null, batchesDone, state, arrays);
    }

    /**
     * Holds the whole training state, checked and copied.
     *
     * @param model       the model being trained
     * @param optimizer   its optimizer, over exactly {@code model.parameters()} in that order
     * @param scheduler   the schedule of the optimizer's learning rate, or null for none
     * @param batchesDone training batches completed so far, at least 0
     * @param state       the caller's strings
     * @param arrays      the caller's arrays of doubles
     * @throws NullPointerException     if an argument, key, value or array is null
     * @throws IllegalArgumentException if {@code batchesDone < 0}, the optimizer does not update exactly
     *                                  the model's parameters, or the schedule drives another optimizer
     */
    public Checkpoint {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(arrays, "arrays");
        if (batchesDone < 0) {
            throw new IllegalArgumentException("batchesDone must be at least 0, got " + batchesDone);
        }
        List<?> own = model.parameters();
        List<?> optimized = optimizer.parameters();
        boolean same = own.size() == optimized.size();
        for (int k = 0; same && k < own.size(); k++) {
            same = own.get(k) == optimized.get(k);
        }
        if (!same) {
            throw new IllegalArgumentException("the optimizer must update exactly model.parameters(), in order; it "
                    + "updates " + optimized + ", the model has " + own);
        }
        if (scheduler != null && scheduler.optimizer() != optimizer) {
            throw new IllegalArgumentException("the schedule must drive the checkpoint's optimizer; it drives "
                    + scheduler.optimizer());
        }
        LinkedHashMap<String, String> stateCopy = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : state.entrySet()) {
            stateCopy.put(Objects.requireNonNull(e.getKey(), "state key"),
                    Objects.requireNonNull(e.getValue(), "state value of " + e.getKey()));
        }
        state = Collections.unmodifiableMap(stateCopy);
        arrays = Collections.unmodifiableMap(deepCopy(arrays));
    }

    /**
     * {@return a new unmodifiable map of copies of the caller's arrays, in the order they were given}
     */
    @Override
    public Map<String, double[]> arrays() {
        return Collections.unmodifiableMap(deepCopy(arrays));
    }

    private static LinkedHashMap<String, double[]> deepCopy(Map<String, double[]> arrays) {
        LinkedHashMap<String, double[]> copy = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> e : arrays.entrySet()) {
            copy.put(Objects.requireNonNull(e.getKey(), "array key"),
                    Objects.requireNonNull(e.getValue(), "array " + e.getKey()).clone());
        }
        return copy;
    }
}
