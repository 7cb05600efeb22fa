package io.github.lstmdynamics.examples;

import io.github.lstmdynamics.lstm.LstmRegressor;
import io.github.lstmdynamics.lstm.Parameter;

/**
 * Finds a NaN or infinite value among a model's parameters, as a model that diverged in training and was
 * saved carries: such a model predicts NaN, and training it cannot work.
 */
final class NonFiniteParameters {

    private NonFiniteParameters() {
    }

    /**
     * The first non-finite parameter value, in words.
     *
     * @param model the model
     * @return for example "parameter lstm.weight_ih_l0 holds NaN at index 3 (and 79 values in all are not
     *         finite)", or null if every value is finite
     */
    static String describeFirst(LstmRegressor model) {
        String first = null;
        long count = 0;
        for (Parameter p : model.parameters()) {
            double[] values = p.toArray();
            for (int i = 0; i < values.length; i++) {
                if (!Double.isFinite(values[i])) {
                    if (first == null) {
                        first = "parameter " + p.name() + " holds " + values[i] + " at index " + i;
                    }
                    count++;
                }
            }
        }
        return first == null ? null : first + " (" + count + " value" + (count == 1 ? " is" : "s in all are")
                + " not finite)";
    }
}
