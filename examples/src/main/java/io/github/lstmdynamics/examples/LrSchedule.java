package io.github.lstmdynamics.examples;

import io.github.lstmdynamics.lstm.CosineAnnealingLR;
import io.github.lstmdynamics.lstm.ExponentialLR;
import io.github.lstmdynamics.lstm.LrScheduler;
import io.github.lstmdynamics.lstm.Optimizer;
import io.github.lstmdynamics.lstm.PlateauOptions;
import io.github.lstmdynamics.lstm.ReduceLROnPlateau;
import io.github.lstmdynamics.lstm.StepLR;

/**
 * A learning-rate schedule as {@code --lr-schedule} names it; the schedule steps once per batch (the
 * tutorial's batches are its epochs: every batch is fresh data), after the optimizer's step:
 * <pre>
 *   none                      constant learning rate (the default)
 *   step:N:GAMMA              StepLR: times GAMMA every N batches
 *   exponential:GAMMA         ExponentialLR: times GAMMA every batch
 *   cosine:T_MAX[:ETA_MIN]    CosineAnnealingLR: down to ETA_MIN (default 0) over T_MAX batches
 *   plateau:PATIENCE:FACTOR   ReduceLROnPlateau on the running loss: times FACTOR after PATIENCE batches
 *                             without a 1e-4 relative improvement
 * </pre>
 *
 * @param spec the text as given, checked
 */
public record LrSchedule(String spec) {

    /** The constant learning rate. */
    public static final LrSchedule NONE = new LrSchedule("none");

    /** The forms accepted, for error messages and the help. */
    public static final String FORMS = "none, step:N:GAMMA, exponential:GAMMA, cosine:T_MAX[:ETA_MIN] or"
            + " plateau:PATIENCE:FACTOR";

    /**
     * Checks the text.
     *
     * @param spec one of the forms of the class comment
     * @throws IllegalArgumentException naming the option, the value and the forms
     */
    public LrSchedule {
        if (spec == null) {
            throw new IllegalArgumentException("--lr-schedule must be one of " + FORMS);
        }
        try {
            build(spec, null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--lr-schedule '" + spec + "': " + e.getMessage() + " (expected "
                    + FORMS + ")", e);
        }
    }

    /**
     * The schedule over an optimizer.
     *
     * @param optimizer the optimizer whose learning rate it sets
     * @return the schedule, or null for {@code none}
     */
    public LrScheduler create(Optimizer optimizer) {
        return build(spec, optimizer);
    }

    /**
     * Ends a batch: steps the schedule, the plateau with the running loss.
     *
     * @param scheduler   the schedule, or null for none
     * @param runningLoss the running loss after the batch
     */
    public static void step(LrScheduler scheduler, double runningLoss) {
        if (scheduler instanceof StepLR s) {
            s.step();
        } else if (scheduler instanceof ExponentialLR s) {
            s.step();
        } else if (scheduler instanceof CosineAnnealingLR s) {
            s.step();
        } else if (scheduler instanceof ReduceLROnPlateau s) {
            s.step(runningLoss);
        }
    }

    @Override
    public String toString() {
        return spec;
    }

    /** Parses the spec; with a null optimizer only checks it (and returns null). */
    private static LrScheduler build(String spec, Optimizer optimizer) {
        String[] parts = spec.split(":", -1);
        String kind = parts[0];
        switch (kind) {
            case "none" -> {
                arity(parts, 1, 1);
                return null;
            }
            case "step" -> {
                arity(parts, 3, 3);
                int n = positiveInt(parts[1], "N");
                double gamma = factor(parts[2], "GAMMA");
                return optimizer == null ? null : new StepLR(optimizer, n, gamma);
            }
            case "exponential" -> {
                arity(parts, 2, 2);
                double gamma = factor(parts[1], "GAMMA");
                return optimizer == null ? null : new ExponentialLR(optimizer, gamma);
            }
            case "cosine" -> {
                arity(parts, 2, 3);
                int tMax = positiveInt(parts[1], "T_MAX");
                double etaMin = parts.length == 3 ? number(parts[2], "ETA_MIN") : 0.0;
                if (!(etaMin >= 0)) {
                    throw new IllegalArgumentException("ETA_MIN must be at least 0; got " + parts[2]);
                }
                return optimizer == null ? null : new CosineAnnealingLR(optimizer, tMax, etaMin);
            }
            case "plateau" -> {
                arity(parts, 3, 3);
                int patience = Integer.parseInt(checkedInt(parts[1], "PATIENCE", 0));
                double factor = factor(parts[2], "FACTOR");
                if (!(factor < 1)) {
                    throw new IllegalArgumentException("FACTOR must be below 1; got " + parts[2]);
                }
                return optimizer == null ? null : new ReduceLROnPlateau(optimizer,
                        PlateauOptions.defaults().withPatience(patience).withFactor(factor));
            }
            default -> throw new IllegalArgumentException("unknown schedule '" + kind + "'");
        }
    }

    private static void arity(String[] parts, int min, int max) {
        if (parts.length < min || parts.length > max) {
            throw new IllegalArgumentException("'" + parts[0] + "' takes " + (min == max ? min - 1 : (min - 1) + " or "
                    + (max - 1)) + " value(s) after it, separated by ':'");
        }
    }

    private static int positiveInt(String text, String name) {
        return Integer.parseInt(checkedInt(text, name, 1));
    }

    private static String checkedInt(String text, String name, int min) {
        try {
            if (Integer.parseInt(text) >= min) {
                return text;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException(name + " must be an integer from " + min + " to " + Integer.MAX_VALUE
                + "; got '" + text + "'");
    }

    private static double factor(String text, String name) {
        double value = number(text, name);
        if (!(value > 0)) {
            throw new IllegalArgumentException(name + " must be above 0; got " + text);
        }
        return value;
    }

    private static double number(String text, String name) {
        try {
            double value = Double.parseDouble(text);
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException(name + " must be a finite number; got '" + text + "'");
    }
}
