package io.github.lstmdynamics.lstm.io;

import io.github.lstmdynamics.lstm.LstmRegressor;
import io.github.lstmdynamics.lstm.Parameter;
import io.github.lstmdynamics.lstm.Precision;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Saves and loads an {@link LstmRegressor} (the tutorial's model: {@code nn.LSTM} then {@code nn.Linear})
 * as a safetensors file that PyTorch reads with {@code load_state_dict}.
 *
 * <p>The tensors are the model's parameters under their PyTorch {@code state_dict} names, in
 * {@code state_dict} order: {@code lstm.weight_ih_l0} {@code [4H, I]}, {@code lstm.weight_hh_l0}
 * {@code [4H, H]}, {@code lstm.bias_ih_l0} {@code [4H]}, {@code lstm.bias_hh_l0} {@code [4H]}, ... per
 * layer (input width {@code H} from layer 1 on), then {@code output.weight} {@code [O, H]} and
 * {@code output.bias} {@code [O]} (no bias tensors for a model without bias). The header's
 * {@code "__metadata__"} holds exactly
 * <pre>
 *   format          "lstm-dynamics.model"
 *   format_version  "1"
 *   input_size      I, hidden_size H, output_size O, num_layers L   (decimal integers, at least 1)
 *   bias            "true" or "false"
 * </pre>
 *
 * <p>{@link #load} builds the model from the file alone. A file with that metadata must have exactly
 * those tensors with those shapes. A file without metadata, or whose only relevant metadata is
 * {@code "format": "pt"} (as PyTorch's {@code safetensors} writes), gets its architecture inferred from
 * the tensor names and shapes, and is then checked the same way; any of the architecture keys it does
 * carry must agree with the tensors, other metadata is ignored. Tensors may come in any order and as
 * F64 or F32. Anything else (an unknown format, missing or extra tensors, shapes that do not fit
 * together, metadata values that are not valid numbers, unknown metadata keys) is refused with a
 * {@link SafetensorsFormatException} naming the tensor or key.
 *
 * <p><b>Precision.</b> {@link #save(LstmRegressor, Path)} writes a model in its own precision: a float64
 * model as F64, a float32 model as F32 (the floats as they are). {@link #load(Path)} builds the model in
 * the precision of the file: F64 tensors give a float64 model, F32 tensors (PyTorch's default) a float32
 * model whose parameters are the file's floats, read as floats. Any other combination is an explicit
 * conversion: {@link #save(LstmRegressor, Path, DType)} with the other dtype, or
 * {@link #load(Path, Precision)}, which widens F32 into a float64 model or rounds F64 to the nearest float
 * for a float32 one. A file that mixes F64 and F32 tensors is refused by {@link #load(Path)} and loads
 * only with an explicit precision.
 *
 * <p><b>Non-finite values.</b> Parameters that are NaN or infinite are saved and loaded as they are, bit
 * for bit, as PyTorch does: a diverged model can still be inspected. Such a model predicts NaN; nothing
 * throws.
 */
public final class ModelFiles {

    /**
     * The value of the {@code format} metadata key of a model file (see {@link Safetensors#readMetadata}).
     */
    public static final String FORMAT = "lstm-dynamics.model";
    static final String VERSION = "1";
    /** The {@code format} that PyTorch's {@code safetensors.torch} writes: no architecture metadata. */
    static final String PYTORCH_FORMAT = "pt";

    private ModelFiles() {
    }

    /**
     * Saves the model's parameters in its own precision ({@link DType#F64} for a float64 model,
     * {@link DType#F32} for a float32 one), atomically.
     *
     * @param model the model to save
     * @param file  the file to create or replace
     * @throws IOException if the file cannot be written (an existing file is then unchanged)
     */
    public static void save(LstmRegressor model, Path file) throws IOException {
        Objects.requireNonNull(model, "model");
        save(model, file, dtypeOf(model.precision()));
    }

    /** @return the dtype that holds {@code precision} exactly: F64 or F32 */
    static DType dtypeOf(Precision precision) {
        return precision == Precision.FLOAT32 ? DType.F32 : DType.F64;
    }

    /**
     * Saves the model's parameters with the given element type, atomically: the explicit conversion.
     * {@link DType#F32} halves the file of a float64 model and rounds every value to the nearest float
     * (relative error below 6e-8); {@link DType#F64} widens a float32 model's values exactly.
     *
     * @param model the model to save
     * @param file  the file to create or replace
     * @param dtype the element type of every tensor
     * @throws IOException if the file cannot be written (an existing file is then unchanged)
     */
    public static void save(LstmRegressor model, Path file, DType dtype) throws IOException {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(dtype, "dtype");
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(Metadata.FORMAT, FORMAT);
        metadata.put(Metadata.FORMAT_VERSION, VERSION);
        ModelArchitecture.of(model).writeTo(metadata);
        Safetensors.write(file, metadata, tensors(model, dtype));
    }

    /** The model's parameters as tensors, in state_dict order. */
    static List<Tensor> tensors(LstmRegressor model, DType dtype) {
        List<Tensor> tensors = new ArrayList<>();
        for (Parameter p : model.parameters()) {
            tensors.add(new Tensor(p.name(), dtype, p.shape(), p.toArray()));
        }
        return tensors;
    }

    /**
     * Loads a model from a file written by {@link #save} or by PyTorch (see the class comment), within the
     * default memory budget ({@link Safetensors#defaultMaxBytes()}).
     *
     * @param file the file to read
     * @return a new model with the file's architecture and parameters, in the file's precision (float64
     *         from F64, float32 from F32)
     * @throws SafetensorsFormatException if the file is not a valid model file, naming the tensor or key, or
     *                                    mixes F64 and F32 tensors
     * @throws IOException                if the file cannot be read, or the model would take more memory than
     *                                    the budget
     */
    public static LstmRegressor load(Path file) throws IOException {
        return load(file, Safetensors.defaultMaxBytes());
    }

    /**
     * Loads a model into the given precision, converting explicitly where the file's dtype differs: F32
     * values widened exactly into a float64 model, F64 values rounded to the nearest float for a float32
     * model. Within the default memory budget.
     *
     * @param file      the file to read
     * @param precision the precision of the new model
     * @return a new model with the file's architecture and parameters in {@code precision}
     * @throws SafetensorsFormatException if the file is not a valid model file, naming the tensor or key
     * @throws IOException                if the file cannot be read, or the model would take more memory than
     *                                    the budget
     */
    public static LstmRegressor load(Path file, Precision precision) throws IOException {
        return load(file, Safetensors.defaultMaxBytes(), Objects.requireNonNull(precision, "precision"));
    }

    /**
     * Loads a model from a file written by {@link #save} or by PyTorch (see the class comment), if it fits
     * a memory budget. The names and shapes of the tensors are checked from the header, and the memory the
     * model will take (each parameter eight times as doubles: value, gradient and the
     * layers' working copies) compared with {@code maxBytes}, before any tensor data is read; the values are
     * then read one tensor at a time into the model.
     *
     * @param file     the file to read
     * @param maxBytes the most memory the model may take, in bytes, at least 0
     * @return a new model with the file's architecture and parameters, in the file's precision
     * @throws IllegalArgumentException   if {@code maxBytes} is negative
     * @throws SafetensorsFormatException if the file is not a valid model file, naming the tensor or key, or
     *                                    mixes F64 and F32 tensors
     * @throws IOException                if the file cannot be read, or the model would take more than
     *                                    {@code maxBytes}
     */
    public static LstmRegressor load(Path file, long maxBytes) throws IOException {
        return load(file, maxBytes, null);
    }

    /**
     * As {@link #load(Path, long)}, into {@code precision} (see {@link #load(Path, Precision)}), or the
     * file's precision when null.
     *
     * @param file      the file to read
     * @param maxBytes  the most memory the model may take, in bytes, at least 0
     * @param precision the precision of the new model, or null for the file's
     * @return a new model with the file's architecture and parameters
     * @throws IllegalArgumentException   if {@code maxBytes} is negative
     * @throws SafetensorsFormatException if the file is not a valid model file, naming the tensor or key
     * @throws IOException                if the file cannot be read, or the model would take more than
     *                                    {@code maxBytes}
     */
    public static LstmRegressor load(Path file, long maxBytes, Precision precision) throws IOException {
        Objects.requireNonNull(file, "file");
        Safetensors.requireBudget(maxBytes);
        try (SafetensorsReader reader = SafetensorsReader.open(file)) {
            String where = reader.where();
            Map<String, String> metadata = reader.metadata();
            Map<String, HeaderEntry> entries = reader.byName();
            Map<String, int[]> shapes = shapes(entries);
            String format = metadata.get(Metadata.FORMAT);
            ModelArchitecture architecture;
            if (format == null || format.equals(PYTORCH_FORMAT)) {
                architecture = ModelArchitecture.infer(shapes, where);
                architecture.checkPresentKeys(metadata, where);
            } else if (format.equals(FORMAT)) {
                Metadata.requireVersion(metadata, VERSION, where);
                Metadata.requireOnly(metadata, where, Metadata.FORMAT, Metadata.FORMAT_VERSION,
                        ModelArchitecture.INPUT_SIZE, ModelArchitecture.HIDDEN_SIZE, ModelArchitecture.OUTPUT_SIZE,
                        ModelArchitecture.NUM_LAYERS, ModelArchitecture.BIAS);
                architecture = ModelArchitecture.readFrom(metadata, where);
            } else if (format.equals(Checkpoints.FORMAT)) {
                throw new SafetensorsFormatException(where + ": is a training checkpoint (format " + Quoted.of(format)
                        + "), not a model file: load it with Checkpoints.load");
            } else {
                throw new SafetensorsFormatException(where + ": unknown format " + Quoted.of(format) + " (expected '"
                        + FORMAT + "', or '" + PYTORCH_FORMAT + "' or none for a PyTorch state_dict)");
            }
            architecture.checkTensors(shapes, where);
            if (!shapes.isEmpty()) {
                throw new SafetensorsFormatException(where + ": unexpected " + Quoted.tensor(
                        shapes.keySet().iterator().next()) + ": not a parameter of a model with "
                        + architecture.describe() + " (extra tensors: " + Quoted.names(shapes.keySet()) + ")");
            }
            Precision target = precision != null ? precision : precisionOf(entries, where);
            reader.requireWithinBudget(SafetensorsReader.bytes(reader.totalElements(), MODEL_COPIES), maxBytes,
                    "a model of them");
            return architecture.build(reader, entries, target);
        }
    }

    /**
     * How many doubles a model holds per parameter value: the value and its gradient, and the layers'
     * transposed and row copies of the weights and their gradients.
     */
    static final int MODEL_COPIES = 8;

    /**
     * The precision the tensors hold exactly: float32 when all are F32, float64 when all are F64; a mix is
     * refused, naming one tensor of each.
     */
    static Precision precisionOf(Map<String, HeaderEntry> entries, String where) throws SafetensorsFormatException {
        HeaderEntry f32 = null;
        HeaderEntry f64 = null;
        for (HeaderEntry e : entries.values()) {
            if (e.dtype() == DType.F32 && f32 == null) {
                f32 = e;
            } else if (e.dtype() == DType.F64 && f64 == null) {
                f64 = e;
            }
        }
        if (f32 != null && f64 != null) {
            throw new SafetensorsFormatException(where + ": mixes dtypes (" + Quoted.tensor(f32.name()) + " is F32, "
                    + Quoted.tensor(f64.name()) + " is F64): choose the model's precision explicitly with"
                    + " ModelFiles.load(file, Precision.FLOAT64) or Precision.FLOAT32");
        }
        return f32 != null ? Precision.FLOAT32 : Precision.FLOAT64;
    }

    /** The shape of every tensor by name, in data order, as a map the checks may remove entries from. */
    static Map<String, int[]> shapes(Map<String, HeaderEntry> entries) {
        Map<String, int[]> shapes = new LinkedHashMap<>();
        for (HeaderEntry e : entries.values()) {
            shapes.put(e.name(), e.shape());
        }
        return shapes;
    }
}
