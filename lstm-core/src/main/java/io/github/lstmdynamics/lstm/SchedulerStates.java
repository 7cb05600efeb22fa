package io.github.lstmdynamics.lstm;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** The text form of the schedules' state ({@link LrScheduler#stateDict()}) and its strict reading. */
final class SchedulerStates {

    private SchedulerStates() {
    }

    static double factor(String name, double value) {
        if (!(value >= 0.0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and >= 0, got " + value);
        }
        return value;
    }

    /** A map of the type and the given key-value pairs, in order. */
    static Map<String, String> map(String type, String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("type", type);
        for (int k = 0; k < keysAndValues.length; k += 2) {
            map.put(keysAndValues[k], keysAndValues[k + 1]);
        }
        return Collections.unmodifiableMap(map);
    }

    static LrScheduler restore(Optimizer optimizer, Map<String, String> state) {
        Objects.requireNonNull(optimizer, "optimizer");
        Reader r = new Reader(state);
        String type = r.text("type");
        LrScheduler scheduler;
        switch (type) {
            case "StepLR" -> {
                StepLR s = new StepLR(optimizer, r.integer("step_size"), r.number("gamma"));
                s.restore(r.rate("base_lr"), r.epoch(), r.rate("last_lr"));
                scheduler = s;
            }
            case "ExponentialLR" -> {
                ExponentialLR s = new ExponentialLR(optimizer, r.number("gamma"));
                s.restore(r.rate("base_lr"), r.epoch(), r.rate("last_lr"));
                scheduler = s;
            }
            case "CosineAnnealingLR" -> {
                CosineAnnealingLR s = new CosineAnnealingLR(optimizer, r.integer("T_max"), r.number("eta_min"));
                s.restore(r.rate("base_lr"), r.epoch(), r.rate("last_lr"));
                scheduler = s;
            }
            case "ReduceLROnPlateau" -> {
                PlateauOptions options = new PlateauOptions(
                        r.choice("mode", PlateauOptions.Mode.class), r.number("factor"), r.integer("patience"),
                        r.number("threshold"), r.choice("threshold_mode", PlateauOptions.ThresholdMode.class),
                        r.integer("cooldown"), r.number("min_lr"), r.number("eps"));
                ReduceLROnPlateau s = new ReduceLROnPlateau(optimizer, options);
                s.restore(r.number("best"), r.count("num_bad_epochs"), r.count("cooldown_counter"), r.epoch(),
                        r.rate("last_lr"));
                scheduler = s;
            }
            default -> throw new IllegalArgumentException("schedule type '" + type
                    + "' is not one of StepLR, ExponentialLR, CosineAnnealingLR, ReduceLROnPlateau");
        }
        if (!scheduler.stateDict().keySet().equals(state.keySet())) {
            throw new IllegalArgumentException("schedule state of " + type + " has the keys " + state.keySet()
                    + ", expected " + scheduler.stateDict().keySet());
        }
        return scheduler;
    }

    /** Reads values of the state, naming the key and value it refuses. */
    private record Reader(Map<String, String> state) {

        String text(String key) {
            String value = state.get(key);
            if (value == null) {
                throw new IllegalArgumentException("schedule state has no '" + key + "'");
            }
            return value;
        }

        /** A finite number; only {@code best} may also be infinite (its value before the first metric). */
        double number(String key) {
            String value = text(key);
            try {
                double number = Double.parseDouble(value);
                if (Double.isFinite(number) || (key.equals("best") && Double.isInfinite(number))) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // refused below
            }
            throw new IllegalArgumentException("schedule state '" + key + "' = '" + value + "' is not a finite number");
        }

        int integer(String key) {
            String value = text(key);
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("schedule state '" + key + "' = '" + value + "' is not an int");
            }
        }

        /** A learning rate: finite and at least 0. */
        double rate(String key) {
            double value = number(key);
            if (!(value >= 0)) {
                throw new IllegalArgumentException("schedule state '" + key + "' = '" + state.get(key)
                        + "' is not a learning rate (finite and >= 0)");
            }
            return value;
        }

        /** A counter: at least 0. */
        int count(String key) {
            int value = integer(key);
            if (value < 0) {
                throw new IllegalArgumentException("schedule state '" + key + "' = '" + value + "' is negative");
            }
            return value;
        }

        long epoch() {
            String value = text("last_epoch");
            try {
                long epoch = Long.parseLong(value);
                if (epoch >= 0) {
                    return epoch;
                }
            } catch (NumberFormatException e) {
                // refused below
            }
            throw new IllegalArgumentException("schedule state 'last_epoch' = '" + value
                    + "' is not a non-negative integer");
        }

        <E extends Enum<E>> E choice(String key, Class<E> type) {
            String value = text(key);
            for (E e : type.getEnumConstants()) {
                if (e.name().toLowerCase(Locale.ROOT).equals(value)) {
                    return e;
                }
            }
            throw new IllegalArgumentException("schedule state '" + key + "' = '" + value + "' is not one of "
                    + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
        }
    }
}
