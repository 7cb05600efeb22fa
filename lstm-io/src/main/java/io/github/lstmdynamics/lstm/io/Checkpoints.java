package io.github.lstmdynamics.lstm.io;

import io.github.lstmdynamics.lstm.Adam;
import io.github.lstmdynamics.lstm.AdamOptions;
import io.github.lstmdynamics.lstm.AdamW;
import io.github.lstmdynamics.lstm.LrScheduler;
import io.github.lstmdynamics.lstm.LstmRegressor;
import io.github.lstmdynamics.lstm.Optimizer;
import io.github.lstmdynamics.lstm.Parameter;
import io.github.lstmdynamics.lstm.Precision;
import io.github.lstmdynamics.lstm.Sgd;
import io.github.lstmdynamics.lstm.SgdOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Saves and loads training {@link Checkpoint}s as safetensors files, atomically and bit-exactly: a run
 * resumed from a loaded checkpoint computes exactly the losses and parameters of a run that was never
 * interrupted (given the same data from the caller's saved state).
 *
 * <p>Every save goes through {@link AtomicFiles}: a process killed at any moment leaves either the
 * previous complete checkpoint or the new complete one. The model's parameters and the optimizer's
 * state are in the model's precision, {@link DType#F64} or, for a float32 model, {@link DType#F32} (so a
 * float32 run resumes bit for bit too); the arrays are always F64:
 * <pre>
 *   lstm.weight_ih_l0, ..., output.bias        the model's parameters, as in {@link ModelFiles}
 *   optimizer.momentum_buffer.NAME             SGD: the momentum buffer of parameter NAME, shaped like it;
 *                                              absent while the optimizer has none (before its first
 *                                              step with momentum, and always with momentum 0 unless
 *                                              set by {@link Sgd#setMomentumBuffer})
 *   optimizer.exp_avg.NAME, optimizer.exp_avg_sq.NAME, optimizer.max_exp_avg_sq.NAME (amsgrad only)
 *                                              Adam and AdamW: the moment estimates of parameter NAME
 *   arrays.KEY                                 the caller's array KEY, shape [length]
 * </pre>
 * and the {@code "__metadata__"} holds
 * <pre>
 *   format "lstm-dynamics.checkpoint", format_version "1"
 *   input_size, hidden_size, output_size, num_layers, bias      the architecture, as in {@link ModelFiles}
 *   batches_done                                                decimal integer
 *   optimizer.type                    "SGD", "Adam" or "AdamW" (absent in files before Adam: SGD)
 *   optimizer.learning_rate           the learning rate of the options the optimizer was built with
 *   optimizer.current_lr              the learning rate in use (a schedule changes it; absent: the options')
 *   SGD:  optimizer.momentum, optimizer.dampening, optimizer.weight_decay, optimizer.nesterov
 *   Adam, AdamW:  optimizer.beta1, optimizer.beta2, optimizer.eps, optimizer.weight_decay, optimizer.amsgrad,
 *                 optimizer.step (the step count)
 *   scheduler.KEY                     the learning-rate schedule's {@link LrScheduler#stateDict()}, if any
 *   state.KEY                         the caller's string KEY, verbatim
 * </pre>
 * Numbers are written as {@link Double#toString(double)}, which reads back to the same bits, booleans as
 * "true" or "false".
 * Loading refuses, with a {@link SafetensorsFormatException} naming the tensor or key, a file of another
 * format or version, a missing, unknown or invalid metadata key, optimizer options {@link SgdOptions}
 * refuses, a parameter or optimizer state whose dtype is not that of {@code output.weight}, an array that
 * is not F64, missing or extra tensors, and shapes that do not fit the
 * architecture. Non-finite parameter values load as they are (see {@link ModelFiles}).
 */
public final class Checkpoints {

    /**
     * The value of the {@code format} metadata key of a checkpoint (see {@link Safetensors#readMetadata}).
     */
    public static final String FORMAT = "lstm-dynamics.checkpoint";
    static final String VERSION = "1";

    static final String BATCHES_DONE = "batches_done";
    static final String LEARNING_RATE = "optimizer.learning_rate";
    static final String MOMENTUM = "optimizer.momentum";
    static final String DAMPENING = "optimizer.dampening";
    static final String WEIGHT_DECAY = "optimizer.weight_decay";
    static final String NESTEROV = "optimizer.nesterov";
    static final String TYPE = "optimizer.type";
    static final String CURRENT_LR = "optimizer.current_lr";
    static final String BETA1 = "optimizer.beta1";
    static final String BETA2 = "optimizer.beta2";
    static final String EPS = "optimizer.eps";
    static final String AMSGRAD = "optimizer.amsgrad";
    static final String STEP = "optimizer.step";
    static final String SCHEDULER = "scheduler.";
    static final String EXP_AVG = "optimizer.exp_avg.";
    static final String EXP_AVG_SQ = "optimizer.exp_avg_sq.";
    static final String MAX_EXP_AVG_SQ = "optimizer.max_exp_avg_sq.";
    static final String SGD = "SGD";
    static final String ADAM = "Adam";
    static final String ADAMW = "AdamW";
    static final String STATE = "state.";
    static final String MOMENTUM_BUFFER = "optimizer.momentum_buffer.";
    static final String ARRAYS = "arrays.";

    private Checkpoints() {
    }

    /**
     * Saves the checkpoint atomically (see the class comment), replacing any existing file.
     *
     * @param file       the file to create or replace
     * @param checkpoint what to save
     * @throws IOException if the file cannot be written (an existing file is then unchanged)
     */
    public static void save(Path file, Checkpoint checkpoint) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(checkpoint, "checkpoint");
        LstmRegressor model = checkpoint.model();
        Optimizer optimizer = checkpoint.optimizer();
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(Metadata.FORMAT, FORMAT);
        metadata.put(Metadata.FORMAT_VERSION, VERSION);
        ModelArchitecture.of(model).writeTo(metadata);
        metadata.put(BATCHES_DONE, Long.toString(checkpoint.batchesDone()));
        DType dtype = ModelFiles.dtypeOf(model.precision());
        List<Tensor> tensors = new ArrayList<>(ModelFiles.tensors(model, dtype));
        List<Parameter> parameters = model.parameters();
        if (optimizer instanceof Sgd sgd) {
            SgdOptions options = sgd.options();
            metadata.put(TYPE, SGD);
            metadata.put(LEARNING_RATE, Double.toString(options.learningRate()));
            metadata.put(CURRENT_LR, Double.toString(sgd.learningRate()));
            metadata.put(MOMENTUM, Double.toString(options.momentum()));
            metadata.put(DAMPENING, Double.toString(options.dampening()));
            metadata.put(WEIGHT_DECAY, Double.toString(options.weightDecay()));
            metadata.put(NESTEROV, Boolean.toString(options.nesterov()));
            for (int k = 0; k < parameters.size(); k++) {
                double[] buffer = sgd.momentumBuffer(k);
                if (buffer != null) {
                    Parameter p = parameters.get(k);
                    tensors.add(new Tensor(MOMENTUM_BUFFER + p.name(), dtype, p.shape(), buffer));
                }
            }
        } else {
            boolean decoupled = optimizer instanceof AdamW;
            AdamOptions options = ((Adam) optimizer).options();
            metadata.put(TYPE, decoupled ? ADAMW : ADAM);
            metadata.put(LEARNING_RATE, Double.toString(options.learningRate()));
            metadata.put(CURRENT_LR, Double.toString(optimizer.learningRate()));
            metadata.put(BETA1, Double.toString(options.beta1()));
            metadata.put(BETA2, Double.toString(options.beta2()));
            metadata.put(EPS, Double.toString(options.eps()));
            metadata.put(WEIGHT_DECAY, Double.toString(options.weightDecay()));
            metadata.put(AMSGRAD, Boolean.toString(options.amsgrad()));
            metadata.put(STEP, Long.toString(((Adam) optimizer).stepCount()));
            for (int k = 0; k < parameters.size(); k++) {
                Parameter p = parameters.get(k);
                tensors.add(new Tensor(EXP_AVG + p.name(), dtype, p.shape(), ((Adam) optimizer).expAvg(k)));
                tensors.add(new Tensor(EXP_AVG_SQ + p.name(), dtype, p.shape(),
                        ((Adam) optimizer).expAvgSq(k)));
                if (options.amsgrad()) {
                    tensors.add(new Tensor(MAX_EXP_AVG_SQ + p.name(), dtype, p.shape(),
                            ((Adam) optimizer).maxExpAvgSq(k)));
                }
            }
        }
        if (checkpoint.scheduler() != null) {
            for (Map.Entry<String, String> e : checkpoint.scheduler().stateDict().entrySet()) {
                metadata.put(SCHEDULER + e.getKey(), e.getValue());
            }
        }
        for (Map.Entry<String, String> e : checkpoint.state().entrySet()) {
            metadata.put(STATE + e.getKey(), e.getValue());
        }
        for (Map.Entry<String, double[]> e : checkpoint.arrays().entrySet()) {
            tensors.add(new Tensor(ARRAYS + e.getKey(), DType.F64, new int[] {e.getValue().length}, e.getValue()));
        }
        Safetensors.write(file, metadata, tensors);
    }

    /**
     * Loads a checkpoint written by {@link #save}, within the default memory budget
     * ({@link Safetensors#defaultMaxBytes()}).
     *
     * @param file the file to read
     * @return a new model and optimizer with the saved parameters, options and momentum buffers, and the
     *         saved batch count, state and arrays
     * @throws SafetensorsFormatException if the file is not a valid checkpoint, naming the tensor or key
     * @throws IOException                if the file cannot be read, or it would take more memory than the
     *                                    budget
     */
    public static Checkpoint load(Path file) throws IOException {
        return load(file, Safetensors.defaultMaxBytes());
    }

    /**
     * Loads a checkpoint written by {@link #save}, if it fits a memory budget. The metadata, names, dtypes
     * and shapes are checked from the header, and the memory the checkpoint will take (the model eight
     * times its parameters as doubles, as in {@link ModelFiles#load(Path, long)}, plus the optimizer's
     * buffers and the arrays) compared with {@code maxBytes}, before any tensor data is read.
     *
     * @param file     the file to read
     * @param maxBytes the most memory the loaded checkpoint may take, in bytes, at least 0
     * @return a new model and optimizer with the saved parameters, options and momentum buffers, and the
     *         saved batch count, state and arrays
     * @throws IllegalArgumentException   if {@code maxBytes} is negative
     * @throws SafetensorsFormatException if the file is not a valid checkpoint, naming the tensor or key
     * @throws IOException                if the file cannot be read, or it would take more than
     *                                    {@code maxBytes}
     */
    public static Checkpoint load(Path file, long maxBytes) throws IOException {
        Objects.requireNonNull(file, "file");
        Safetensors.requireBudget(maxBytes);
        try (SafetensorsReader reader = SafetensorsReader.open(file)) {
            return load(reader, maxBytes);
        }
    }

    private static Checkpoint load(SafetensorsReader reader, long maxBytes) throws IOException {
        String where = reader.where();
        Map<String, String> metadata = reader.metadata();
        checkFormat(metadata, where);
        ModelArchitecture architecture = ModelArchitecture.readFrom(metadata, where);
        long batchesDone = Metadata.nonNegativeLong(metadata, BATCHES_DONE, where);
        String type = metadata.getOrDefault(TYPE, SGD);
        checkOptimizerKeys(metadata, type, where);
        SgdOptions sgdOptions = type.equals(SGD) ? options(metadata, where) : null;
        AdamOptions adamOptions = type.equals(SGD) ? null : adamOptions(metadata, where);
        Map<String, HeaderEntry> entries = reader.byName();
        // the model and its optimizer state in one precision (F64, or F32 for a float32 model), given by
        // the readout's weight; the arrays always F64
        HeaderEntry reference = entries.get("output.weight");
        DType dtype = reference == null ? DType.F64 : reference.dtype();
        for (HeaderEntry t : reader.entries()) {
            DType expected = t.name().startsWith(ARRAYS) ? DType.F64 : dtype;
            if (t.dtype() != expected) {
                throw new SafetensorsFormatException(where + ": " + Quoted.tensor(t.name()) + ": dtype "
                        + t.dtype() + " in a checkpoint, expected " + expected + " (checkpoints are bit-exact: "
                        + (t.name().startsWith(ARRAYS) ? "arrays are F64" : "the model and its optimizer state"
                        + " are all F64 or all F32, as 'output.weight'") + ")");
            }
        }
        Map<String, int[]> rest = ModelFiles.shapes(entries);
        architecture.checkTensors(rest, where);
        Map<String, int[]> parameterShapes = architecture.parameterShapes();
        Map<String, HeaderEntry> bufferEntries = new LinkedHashMap<>();
        Map<String, HeaderEntry> arrayEntries = new LinkedHashMap<>();
        long parameterElements = 0;
        for (int[] shape : parameterShapes.values()) {
            parameterElements += Arrays.stream(shape).asLongStream().reduce(1, (a, b) -> a * b);
        }
        List<String> bufferKinds = switch (type) {
            case SGD -> List.of(MOMENTUM_BUFFER);
            default -> List.of(MAX_EXP_AVG_SQ, EXP_AVG_SQ, EXP_AVG);
        };
        for (String name : rest.keySet()) {
            HeaderEntry t = entries.get(name);
            String kind = null;
            for (String prefix : bufferKinds) {
                if (kind == null && name.startsWith(prefix)) {
                    kind = prefix;
                }
            }
            if (kind != null) {
                bufferEntries.put(kind + bufferOf(t, kind, parameterShapes, architecture, where), t);
            } else if (name.startsWith(ARRAYS)) {
                if (t.shape().length != 1) {
                    throw new SafetensorsFormatException(where + ": " + Quoted.tensor(name) + ": shape "
                            + Arrays.toString(t.shape()) + ", expected one dimension [length]");
                }
                arrayEntries.put(name.substring(ARRAYS.length()), t);
            } else {
                throw new SafetensorsFormatException(where + ": unexpected " + Quoted.tensor(name)
                        + ": neither a parameter of a model with " + architecture.describe() + " nor a state of its "
                        + type + " optimizer (" + String.join("NAME, ", bufferKinds) + "NAME) nor '" + ARRAYS
                        + "KEY'");
            }
        }
        // The parameters count as in a model; buffers and arrays twice (read, then copied by Checkpoint).
        long need = SafetensorsReader.bytes(parameterElements, ModelFiles.MODEL_COPIES)
                + SafetensorsReader.bytes(reader.totalElements() - parameterElements, 2);
        reader.requireWithinBudget(need < 0 ? Long.MAX_VALUE : need, maxBytes, "the checkpoint loaded from them");
        Map<String, double[]> buffers = new LinkedHashMap<>();
        for (Map.Entry<String, HeaderEntry> e : bufferEntries.entrySet()) {
            buffers.put(e.getKey(), reader.values(e.getValue()));
        }
        Map<String, double[]> arrays = new LinkedHashMap<>();
        for (Map.Entry<String, HeaderEntry> e : arrayEntries.entrySet()) {
            arrays.put(e.getKey(), reader.values(e.getValue()));
        }
        Map<String, String> state = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            if (e.getKey().startsWith(STATE)) {
                state.put(e.getKey().substring(STATE.length()), e.getValue());
            }
        }
        LstmRegressor model = architecture.build(reader, entries,
                dtype == DType.F32 ? Precision.FLOAT32 : Precision.FLOAT64);
        List<Parameter> parameters = model.parameters();
        Optimizer optimizer;
        if (type.equals(SGD)) {
            Sgd sgd = new Sgd(parameters, sgdOptions);
            for (int k = 0; k < parameters.size(); k++) {
                double[] buffer = buffers.get(MOMENTUM_BUFFER + parameters.get(k).name());
                if (buffer != null) {
                    sgd.setMomentumBuffer(k, buffer);
                }
            }
            optimizer = sgd;
        } else {
            optimizer = type.equals(ADAMW) ? new AdamW(parameters, adamOptions) : new Adam(parameters, adamOptions);
            long step = Metadata.nonNegativeLong(metadata, STEP, where);
            ((Adam) optimizer).setStepCount(step);
            for (int k = 0; k < parameters.size(); k++) {
                String name = parameters.get(k).name();
                ((Adam) optimizer).setExpAvg(k, requireBuffer(buffers, EXP_AVG, name, where));
                ((Adam) optimizer).setExpAvgSq(k, requireBuffer(buffers, EXP_AVG_SQ, name, where));
                if (adamOptions.amsgrad()) {
                    ((Adam) optimizer).setMaxExpAvgSq(k, requireBuffer(buffers, MAX_EXP_AVG_SQ, name, where));
                }
            }
        }
        if (metadata.containsKey(CURRENT_LR)) {
            double current = Metadata.finiteDouble(metadata, CURRENT_LR, where);
            try {
                optimizer.setLearningRate(current);
            } catch (IllegalArgumentException e) {
                throw new SafetensorsFormatException(where + ": metadata " + CURRENT_LR + ": " + e.getMessage(), e);
            }
        }
        LrScheduler scheduler = null;
        Map<String, String> schedulerState = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            if (e.getKey().startsWith(SCHEDULER)) {
                schedulerState.put(e.getKey().substring(SCHEDULER.length()), e.getValue());
            }
        }
        if (!schedulerState.isEmpty()) {
            try {
                scheduler = LrScheduler.fromStateDict(optimizer, schedulerState);
            } catch (IllegalArgumentException e) {
                throw new SafetensorsFormatException(where + ": the learning-rate schedule (metadata '" + SCHEDULER
                        + "*') is refused: " + e.getMessage(), e);
            }
        }
        return new Checkpoint(model, optimizer, scheduler, batchesDone, state, arrays);
    }

    /** Format and version must be a checkpoint's, and every key one a checkpoint has. */
    private static void checkFormat(Map<String, String> metadata, String where) throws SafetensorsFormatException {
        String format = Metadata.require(metadata, Metadata.FORMAT, where);
        if (!format.equals(FORMAT)) {
            String hint = format.equals(ModelFiles.FORMAT) ? ": load a model file with ModelFiles.load" : "";
            throw new SafetensorsFormatException(where + ": format " + Quoted.of(format)
                    + " is not a checkpoint (expected '" + FORMAT + "')" + hint);
        }
        Metadata.requireVersion(metadata, VERSION, where);
        Metadata.requireOnly(metadata, where, Metadata.FORMAT, Metadata.FORMAT_VERSION,
                ModelArchitecture.INPUT_SIZE, ModelArchitecture.HIDDEN_SIZE, ModelArchitecture.OUTPUT_SIZE,
                ModelArchitecture.NUM_LAYERS, ModelArchitecture.BIAS, BATCHES_DONE, LEARNING_RATE, MOMENTUM,
                DAMPENING, WEIGHT_DECAY, NESTEROV, TYPE, CURRENT_LR, BETA1, BETA2, EPS, AMSGRAD, STEP, SCHEDULER,
                STATE);
    }

    /** The optimizer type must be known, and its keys (no others) present. */
    private static void checkOptimizerKeys(Map<String, String> metadata, String type, String where)
            throws SafetensorsFormatException {
        List<String> own = switch (type) {
            case SGD -> List.of(MOMENTUM, DAMPENING, NESTEROV);
            case ADAM, ADAMW -> List.of(BETA1, BETA2, EPS, AMSGRAD, STEP);
            default -> throw new SafetensorsFormatException(where + ": metadata " + TYPE + " = " + Quoted.of(type)
                    + " is not one of '" + SGD + "', '" + ADAM + "', '" + ADAMW + "'");
        };
        for (String key : List.of(MOMENTUM, DAMPENING, NESTEROV, BETA1, BETA2, EPS, AMSGRAD, STEP)) {
            if (metadata.containsKey(key) && !own.contains(key)) {
                throw new SafetensorsFormatException(where + ": metadata key '" + key + "' does not belong to an "
                        + type + " optimizer");
            }
        }
    }

    private static double[] requireBuffer(Map<String, double[]> buffers, String kind, String parameter, String where)
            throws SafetensorsFormatException {
        double[] values = buffers.get(kind + parameter);
        if (values == null) {
            throw new SafetensorsFormatException(where + ": tensor '" + kind + parameter + "' is missing");
        }
        return values;
    }

    private static AdamOptions adamOptions(Map<String, String> metadata, String where)
            throws SafetensorsFormatException {
        double learningRate = Metadata.finiteDouble(metadata, LEARNING_RATE, where);
        double beta1 = Metadata.finiteDouble(metadata, BETA1, where);
        double beta2 = Metadata.finiteDouble(metadata, BETA2, where);
        double eps = Metadata.finiteDouble(metadata, EPS, where);
        double weightDecay = Metadata.finiteDouble(metadata, WEIGHT_DECAY, where);
        boolean amsgrad = Metadata.bool(metadata, AMSGRAD, where);
        try {
            return new AdamOptions(learningRate, beta1, beta2, eps, weightDecay, amsgrad);
        } catch (IllegalArgumentException e) {
            throw new SafetensorsFormatException(where + ": optimizer options refused: " + e.getMessage(), e);
        }
    }

    /** The parameter name of an optimizer state tensor, checked against the parameters. */
    private static String bufferOf(HeaderEntry t, String prefix, Map<String, int[]> parameterShapes,
            ModelArchitecture architecture, String where) throws SafetensorsFormatException {
        String parameter = t.name().substring(prefix.length());
        int[] expected = parameterShapes.get(parameter);
        if (expected == null) {
            throw new SafetensorsFormatException(where + ": " + Quoted.tensor(t.name()) + ": no parameter "
                    + Quoted.of(parameter) + " in a model with " + architecture.describe());
        }
        if (!Arrays.equals(expected, t.shape())) {
            throw new SafetensorsFormatException(where + ": " + Quoted.tensor(t.name()) + ": shape "
                    + Arrays.toString(t.shape()) + " does not fit parameter " + parameter + ": expected "
                    + Arrays.toString(expected));
        }
        return parameter;
    }

    private static SgdOptions options(Map<String, String> metadata, String where) throws SafetensorsFormatException {
        double learningRate = Metadata.finiteDouble(metadata, LEARNING_RATE, where);
        double momentum = Metadata.finiteDouble(metadata, MOMENTUM, where);
        double dampening = Metadata.finiteDouble(metadata, DAMPENING, where);
        double weightDecay = Metadata.finiteDouble(metadata, WEIGHT_DECAY, where);
        boolean nesterov = Metadata.bool(metadata, NESTEROV, where);
        try {
            return new SgdOptions(learningRate, momentum, dampening, weightDecay, nesterov);
        } catch (IllegalArgumentException e) {
            throw new SafetensorsFormatException(where + ": optimizer options refused: " + e.getMessage(), e);
        }
    }
}
