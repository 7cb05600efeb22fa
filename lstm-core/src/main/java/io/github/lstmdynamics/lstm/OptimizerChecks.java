package io.github.lstmdynamics.lstm;

import io.github.lstmdynamics.lstm.kernels.ArrayKernels;
import io.github.lstmdynamics.lstm.kernels.KernelProvider;
import io.github.lstmdynamics.lstm.kernels.Kernels;

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

    /**
     * The kernels for {@code parameters}, all of one precision: {@code float64} (the given float64 kernels)
     * or float32.
     */
    @SuppressWarnings("unchecked")
    static ArrayKernels<Object, Object> kernels(Parameter[] parameters, Kernels float64) {
        Precision precision = parameters.length == 0 ? Precision.FLOAT64 : parameters[0].precision();
        for (Parameter p : parameters) {
            if (p.precision() != precision) {
                throw new IllegalArgumentException("parameters of two precisions: " + parameters[0].name() + " is "
                        + precision.label() + ", " + p.name() + " is " + p.precision().label()
                        + "; one optimizer updates the parameters of one model");
            }
        }
        ArrayKernels<?, ?> k = precision == Precision.FLOAT64 ? float64 : KernelProvider.float32Matching(float64);
        return (ArrayKernels<Object, Object>) k;
    }
}
