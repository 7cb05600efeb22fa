package io.github.lstmdynamics.examples;

import io.github.lstmdynamics.lstm.Adam;
import io.github.lstmdynamics.lstm.AdamOptions;
import io.github.lstmdynamics.lstm.AdamW;
import io.github.lstmdynamics.lstm.Optimizer;
import io.github.lstmdynamics.lstm.Parameter;
import io.github.lstmdynamics.lstm.Sgd;
import io.github.lstmdynamics.lstm.SgdOptions;
import java.util.List;
import java.util.Locale;

/**
 * The optimizers of {@code --optimizer}: plain SGD (the original tutorial's), Adam and AdamW with PyTorch's
 * defaults apart from the learning rate.
 */
public enum OptimizerChoice {
    /** {@code torch.optim.SGD(lr)}; default learning rate 0.05, the tutorial's. */
    SGD(0.05),
    /** {@code torch.optim.Adam(lr)}; default learning rate 0.01. */
    ADAM(0.01),
    /** {@code torch.optim.AdamW(lr)} (weight decay 0.01); default learning rate 0.01. */
    ADAMW(0.01);

    private final double defaultLr;

    OptimizerChoice(double defaultLr) {
        this.defaultLr = defaultLr;
    }

    /** @return the learning rate used when {@code --lr} is not given */
    public double defaultLr() {
        return defaultLr;
    }

    /** @return the name on the command line: sgd, adam or adamw */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * A new optimizer of this kind.
     *
     * @param parameters the parameters to update
     * @param lr         the learning rate, finite and positive
     * @return the optimizer
     */
    public Optimizer create(List<Parameter> parameters, double lr) {
        return switch (this) {
            case SGD -> new Sgd(parameters, SgdOptions.of(lr));
            case ADAM -> new Adam(parameters, AdamOptions.of(lr));
            case ADAMW -> new AdamW(parameters, AdamOptions.adamW(lr));
        };
    }

    /**
     * The kind of an optimizer.
     *
     * @param optimizer one of lstm-core's optimizers
     * @return its kind
     */
    public static OptimizerChoice of(Optimizer optimizer) {
        return optimizer instanceof Sgd ? SGD : optimizer instanceof AdamW ? ADAMW : ADAM;
    }

    /**
     * The learning rate an optimizer was built with (its options'; a schedule changes only the current one).
     *
     * @param optimizer one of lstm-core's optimizers
     * @return the options' learning rate
     */
    public static double initialLr(Optimizer optimizer) {
        if (optimizer instanceof Sgd sgd) {
            return sgd.options().learningRate();
        }
        return ((Adam) optimizer).options().learningRate();
    }

    /**
     * @param text sgd, adam or adamw
     * @return the choice
     * @throws IllegalArgumentException naming the option and the value
     */
    public static OptimizerChoice parse(String text) {
        for (OptimizerChoice c : values()) {
            if (c.optionName().equals(text)) {
                return c;
            }
        }
        throw new IllegalArgumentException("--optimizer must be sgd, adam or adamw; got '" + text + "'");
    }
}
