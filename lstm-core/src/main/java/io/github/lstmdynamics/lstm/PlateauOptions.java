package io.github.lstmdynamics.lstm;

import java.util.Objects;

/**
 * Settings of {@link ReduceLROnPlateau}, with the meaning and defaults of
 * {@code torch.optim.lr_scheduler.ReduceLROnPlateau} ({@link #defaults()}).
 *
 * @param mode          {@link Mode#MIN}: the metric should fall (a loss); {@link Mode#MAX}: rise (default MIN)
 * @param factor        the rate is multiplied by it on a plateau, in [0, 1) (default 0.1)
 * @param patience      epochs without improvement tolerated before the rate drops, at least 0 (default 10)
 * @param threshold     how much better than the best a metric must be to count, finite and at least 0
 *                      (default 1e-4)
 * @param thresholdMode {@link ThresholdMode#REL}: better than {@code best * (1 -+ threshold)};
 *                      {@link ThresholdMode#ABS}: better than {@code best -+ threshold} (default REL)
 * @param cooldown      epochs after a drop during which bad epochs are not counted, at least 0 (default 0)
 * @param minLr         the rate never drops below it, finite and at least 0 (default 0)
 * @param eps           a drop smaller than this is skipped, finite and at least 0 (default 1e-8)
 */
public record PlateauOptions(Mode mode, double factor, int patience, double threshold, ThresholdMode thresholdMode,
        int cooldown, double minLr, double eps) {

    /** Which way the metric improves. */
    public enum Mode {
        /** Smaller is better (PyTorch's {@code 'min'}). */
        MIN,
        /** Larger is better (PyTorch's {@code 'max'}). */
        MAX
    }

    /** How the threshold applies. */
    public enum ThresholdMode {
        /** Relative to the best value (PyTorch's {@code 'rel'}). */
        REL,
        /** Absolute (PyTorch's {@code 'abs'}). */
        ABS
    }

    /**
     * Validates every setting.
     *
     * @param mode          which way the metric improves
     * @param factor        in [0, 1)
     * @param patience      at least 0
     * @param threshold     finite and at least 0
     * @param thresholdMode relative or absolute
     * @param cooldown      at least 0
     * @param minLr         finite and at least 0
     * @param eps           finite and at least 0
     * @throws IllegalArgumentException naming the value and what was expected
     * @throws NullPointerException     if a mode is null
     */
    public PlateauOptions {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(thresholdMode, "thresholdMode");
        if (!(factor >= 0.0 && factor < 1.0)) {
            throw new IllegalArgumentException("factor must be in [0, 1), got " + factor);
        }
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be at least 0, got " + patience);
        }
        requireFiniteNonNegative("threshold", threshold);
        if (cooldown < 0) {
            throw new IllegalArgumentException("cooldown must be at least 0, got " + cooldown);
        }
        requireFiniteNonNegative("min_lr", minLr);
        requireFiniteNonNegative("eps", eps);
    }

    /**
     * Returns PyTorch's defaults: min, factor 0.1, patience 10, threshold 1e-4 rel, cooldown 0, min_lr 0, eps 1e-8.
     *
     * @return PyTorch's defaults: min, factor 0.1, patience 10, threshold 1e-4 rel, cooldown 0, min_lr 0, eps 1e-8
     */
    public static PlateauOptions defaults() {
        return new PlateauOptions(Mode.MIN, 0.1, 10, 1e-4, ThresholdMode.REL, 0, 0.0, 1e-8);
    }

    /**
     * A copy with one setting changed.
     *
     * @param value which way the metric improves
     * @return a copy with this mode
     */
    public PlateauOptions withMode(Mode value) {
        return new PlateauOptions(value, factor, patience, threshold, thresholdMode, cooldown, minLr, eps);
    }

    /**
     * A copy with one setting changed.
     *
     * @param value in [0, 1)
     * @return a copy with this factor
     * @throws IllegalArgumentException if the value is out of range
     */
    public PlateauOptions withFactor(double value) {
        return new PlateauOptions(mode, value, patience, threshold, thresholdMode, cooldown, minLr, eps);
    }

    /**
     * A copy with one setting changed.
     *
     * @param value at least 0
     * @return a copy with this patience
     * @throws IllegalArgumentException if the value is out of range
     */
    public PlateauOptions withPatience(int value) {
        return new PlateauOptions(mode, factor, value, threshold, thresholdMode, cooldown, minLr, eps);
    }

    /**
     * A copy with one setting changed.
     *
     * @param value     finite and at least 0
     * @param valueMode relative or absolute
     * @return a copy with this threshold
     * @throws IllegalArgumentException if the value is out of range
     */
    public PlateauOptions withThreshold(double value, ThresholdMode valueMode) {
        return new PlateauOptions(mode, factor, patience, value, valueMode, cooldown, minLr, eps);
    }

    /**
     * A copy with one setting changed.
     *
     * @param value at least 0
     * @return a copy with this cooldown
     * @throws IllegalArgumentException if the value is out of range
     */
    public PlateauOptions withCooldown(int value) {
        return new PlateauOptions(mode, factor, patience, threshold, thresholdMode, value, minLr, eps);
    }

    /**
     * A copy with one setting changed.
     *
     * @param value finite and at least 0
     * @return a copy with this lower bound of the rate
     * @throws IllegalArgumentException if the value is out of range
     */
    public PlateauOptions withMinLr(double value) {
        return new PlateauOptions(mode, factor, patience, threshold, thresholdMode, cooldown, value, eps);
    }

    /**
     * A copy with one setting changed.
     *
     * @param value finite and at least 0
     * @return a copy with this smallest drop
     * @throws IllegalArgumentException if the value is out of range
     */
    public PlateauOptions withEps(double value) {
        return new PlateauOptions(mode, factor, patience, threshold, thresholdMode, cooldown, minLr, value);
    }

    private static void requireFiniteNonNegative(String name, double value) {
        if (!(value >= 0.0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and >= 0, got " + value);
        }
    }
}
