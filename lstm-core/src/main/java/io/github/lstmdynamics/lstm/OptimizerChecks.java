package io.github.lstmdynamics.lstm;

import java.util.List;

/** Checks shared by the optimizers. */
final class OptimizerChecks {

    private OptimizerChecks() {
    }

    /** A learning rate set on a running optimizer: finite and at least 0 (a schedule may reach 0). */
    static double learningRate(double value) {
        if (!(value >= 0.0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException("Invalid learning rate: " + value + " (must be finite and >= 0)");
        }
        return value;
    }

    /** The parameters as an array: not empty, no null. */
    static Parameter[] parameters(List<Parameter> parameters) {
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException("optimizer got an empty parameter list");
        }
        Parameter[] array = parameters.toArray(new Parameter[0]);
        for (Parameter p : array) {
            if (p == null) {
                throw new NullPointerException("parameter");
            }
        }
        return array;
    }

    /** A copy of a state buffer, checked against the parameter's size. */
    static double[] buffer(String what, int index, Parameter p, double[] values) {
        if (values.length != p.size()) {
            throw new IllegalArgumentException(what + " of " + p.name() + " (parameter " + index + "): "
                    + values.length + " values do not fit shape " + p.shapeString() + " (" + p.size() + " elements)");
        }
        return values.clone();
    }
}
