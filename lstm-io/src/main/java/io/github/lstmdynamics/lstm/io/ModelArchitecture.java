package io.github.lstmdynamics.lstm.io;

import io.github.lstmdynamics.lstm.LstmRegressor;
import io.github.lstmdynamics.lstm.Precision;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sizes that determine an {@link LstmRegressor}'s parameters, their names and shapes, and how they
 * are written to, read from and inferred from a file.
 *
 * @param inputSize  input features per step
 * @param hiddenSize LSTM hidden units
 * @param outputSize output features per step
 * @param numLayers  stacked LSTM layers
 * @param bias       whether the LSTM layers and the readout have biases
 */
record ModelArchitecture(long inputSize, long hiddenSize, long outputSize, long numLayers, boolean bias) {

    static final String INPUT_SIZE = "input_size";
    static final String HIDDEN_SIZE = "hidden_size";
    static final String OUTPUT_SIZE = "output_size";
    static final String NUM_LAYERS = "num_layers";
    static final String BIAS = "bias";

    static ModelArchitecture of(LstmRegressor model) {
        return new ModelArchitecture(model.inputSize(), model.lstm().hiddenSize(), model.outputSize(),
                model.lstm().numLayers(), model.lstm().hasBias());
    }

    /** Adds the architecture's keys to metadata, as decimal integers and "true"/"false". */
    void writeTo(Map<String, String> metadata) {
        metadata.put(INPUT_SIZE, Long.toString(inputSize));
        metadata.put(HIDDEN_SIZE, Long.toString(hiddenSize));
        metadata.put(OUTPUT_SIZE, Long.toString(outputSize));
        metadata.put(NUM_LAYERS, Long.toString(numLayers));
        metadata.put(BIAS, Boolean.toString(bias));
    }

    /** Reads the architecture's keys; each must be present and valid. */
    static ModelArchitecture readFrom(Map<String, String> metadata, String where) throws SafetensorsFormatException {
        return new ModelArchitecture(
                Metadata.positiveInt(metadata, INPUT_SIZE, where),
                Metadata.positiveInt(metadata, HIDDEN_SIZE, where),
                Metadata.positiveInt(metadata, OUTPUT_SIZE, where),
                Metadata.positiveInt(metadata, NUM_LAYERS, where),
                Metadata.bool(metadata, BIAS, where));
    }

    /**
     * Infers the architecture from the tensor names and shapes alone, as a file written by PyTorch's
     * {@code safetensors} without metadata needs: sizes from {@code lstm.weight_ih_l0} {@code [4H, I]},
     * {@code lstm.weight_hh_l0} {@code [4H, H]} and {@code output.weight} {@code [O, H]}, the layer count
     * from the {@code lstm.weight_ih_lK} present, bias from {@code lstm.bias_ih_l0}. The result must still
     * be checked against all tensors ({@link #checkTensors}).
     */
    static ModelArchitecture infer(Map<String, int[]> tensors, String where) throws SafetensorsFormatException {
        int[] ih = matrixShape(tensors, "lstm.weight_ih_l0", where);
        int[] hh = matrixShape(tensors, "lstm.weight_hh_l0", where);
        int[] out = matrixShape(tensors, "output.weight", where);
        long hidden = hh[1];
        long layers = 0;
        while (tensors.containsKey("lstm.weight_ih_l" + layers)) {
            layers++;
        }
        ModelArchitecture inferred = new ModelArchitecture(ih[1], hidden, out[0], layers,
                tensors.containsKey("lstm.bias_ih_l0"));
        if (hidden < 1 || ih[1] < 1 || out[0] < 1) {
            throw new SafetensorsFormatException(where + ": the tensor shapes give " + inferred.describe()
                    + ": every size must be at least 1");
        }
        return inferred;
    }

    /**
     * Checks the architecture keys that are present in metadata (a file without our format may still
     * carry some) against this architecture, inferred from the tensors: each must be valid and agree.
     */
    void checkPresentKeys(Map<String, String> metadata, String where) throws SafetensorsFormatException {
        long[] sizes = {inputSize, hiddenSize, outputSize, numLayers};
        String[] keys = {INPUT_SIZE, HIDDEN_SIZE, OUTPUT_SIZE, NUM_LAYERS};
        for (int k = 0; k < keys.length; k++) {
            if (metadata.containsKey(keys[k]) && Metadata.positiveInt(metadata, keys[k], where) != sizes[k]) {
                throw new SafetensorsFormatException(where + ": metadata " + keys[k] + " = "
                        + Quoted.of(metadata.get(keys[k]))
                        + " disagrees with the tensors, which give " + describe());
            }
        }
        if (metadata.containsKey(BIAS) && Metadata.bool(metadata, BIAS, where) != bias) {
            throw new SafetensorsFormatException(where + ": metadata " + BIAS + " = " + Quoted.of(metadata.get(BIAS))
                    + " disagrees with the tensors, which give " + describe());
        }
    }

    private static int[] matrixShape(Map<String, int[]> tensors, String name, String where)
            throws SafetensorsFormatException {
        int[] shape = tensors.get(name);
        if (shape == null) {
            throw new SafetensorsFormatException(where + ": missing " + Quoted.tensor(name)
                    + " (the file declares no architecture, so it is inferred from the tensor names; found "
                    + Quoted.names(tensors.keySet()) + ")");
        }
        if (shape.length != 2) {
            throw new SafetensorsFormatException(where + ": " + Quoted.tensor(name) + ": shape "
                    + Arrays.toString(shape) + " is not a matrix (expected two dimensions)");
        }
        return shape;
    }

    /**
     * The parameters of this architecture, by {@code state_dict} name in {@code state_dict} order, with
     * their shapes. Only for an architecture already checked against a file ({@link #checkTensors}), whose
     * sizes therefore fit an int.
     */
    Map<String, int[]> parameterShapes() {
        int in = (int) inputSize;
        int hidden = (int) hiddenSize;
        Map<String, int[]> shapes = new LinkedHashMap<>();
        for (int k = 0; k < numLayers; k++) {
            shapes.put("lstm.weight_ih_l" + k, new int[] {4 * hidden, k == 0 ? in : hidden});
            shapes.put("lstm.weight_hh_l" + k, new int[] {4 * hidden, hidden});
            if (bias) {
                shapes.put("lstm.bias_ih_l" + k, new int[] {4 * hidden});
                shapes.put("lstm.bias_hh_l" + k, new int[] {4 * hidden});
            }
        }
        shapes.put("output.weight", new int[] {(int) outputSize, hidden});
        if (bias) {
            shapes.put("output.bias", new int[] {(int) outputSize});
        }
        return shapes;
    }

    /**
     * Checks that every parameter of this architecture is in tensors with its shape, and removes those
     * tensors from the map (what is left is not part of the model). Walks the layers one by one, so an
     * absurd layer count fails at the first missing tensor without building anything.
     */
    void checkTensors(Map<String, int[]> tensors, String where) throws SafetensorsFormatException {
        for (long k = 0; k < numLayers; k++) {
            long in = k == 0 ? inputSize : hiddenSize;
            take(tensors, "lstm.weight_ih_l" + k, new long[] {4 * hiddenSize, in}, where);
            take(tensors, "lstm.weight_hh_l" + k, new long[] {4 * hiddenSize, hiddenSize}, where);
            if (bias) {
                take(tensors, "lstm.bias_ih_l" + k, new long[] {4 * hiddenSize}, where);
                take(tensors, "lstm.bias_hh_l" + k, new long[] {4 * hiddenSize}, where);
            }
        }
        take(tensors, "output.weight", new long[] {outputSize, hiddenSize}, where);
        if (bias) {
            take(tensors, "output.bias", new long[] {outputSize}, where);
        }
    }

    private void take(Map<String, int[]> tensors, String name, long[] expected, String where)
            throws SafetensorsFormatException {
        int[] shape = tensors.remove(name);
        if (shape == null) {
            throw new SafetensorsFormatException(where + ": missing " + Quoted.tensor(name)
                    + " of shape " + Arrays.toString(expected) + " for " + describe());
        }
        boolean fits = shape.length == expected.length;
        for (int k = 0; fits && k < shape.length; k++) {
            fits = shape[k] == expected[k];
        }
        if (!fits) {
            throw new SafetensorsFormatException(where + ": " + Quoted.tensor(name) + ": shape "
                    + Arrays.toString(shape) + " does not fit " + describe() + ": expected "
                    + Arrays.toString(expected));
        }
    }

    /**
     * A new model of this architecture with the values of the (already checked) tensors, read one at a
     * time straight into the model's parameters.
     */
    LstmRegressor build(SafetensorsReader reader, Map<String, HeaderEntry> entries, Precision precision)
            throws IOException {
        LstmRegressor model = new LstmRegressor((int) inputSize, (int) hiddenSize, (int) outputSize,
                (int) numLayers, bias, 0L, precision);
        for (String name : parameterShapes().keySet()) {
            HeaderEntry entry = entries.get(name);
            if (precision == Precision.FLOAT32 && entry.dtype() == DType.F32) {
                model.parameter(name).set(reader.floatValues(entry)); // the file's floats, never widened
            } else {
                model.parameter(name).set(reader.values(entry)); // widened from F32, or rounded from F64
            }
        }
        return model;
    }

    /** For example "input_size 2, hidden_size 20, output_size 2, num_layers 1, bias true". */
    String describe() {
        return INPUT_SIZE + " " + inputSize + ", " + HIDDEN_SIZE + " " + hiddenSize + ", " + OUTPUT_SIZE + " "
                + outputSize + ", " + NUM_LAYERS + " " + numLayers + ", " + BIAS + " " + bias;
    }
}
