package io.github.lstmdynamics.lstm.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lstmdynamics.lstm.LstmRegressor;
import io.github.lstmdynamics.lstm.SequenceBatch;
import io.github.lstmdynamics.lstm.Sgd;
import io.github.lstmdynamics.lstm.SgdOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A checkpoint holds the whole training state, bit for bit, and refuses files that are not checkpoints. */
class CheckpointsTest {

    @TempDir
    Path dir;

    /** A model trained three steps with Nesterov momentum, so that every buffer is set. */
    static Checkpoint trained(long seed, int hidden, Map<String, String> state, Map<String, double[]> arrays) {
        LstmRegressor model = new LstmRegressor(2, hidden, 2, 2, true, seed);
        Sgd sgd = new Sgd(model.parameters(), SgdOptions.of(0.05).withMomentum(0.9).withNesterov(true)
                .withWeightDecay(1e-4));
        SplittableRandom random = new SplittableRandom(seed);
        for (int step = 0; step < 3; step++) {
            SequenceBatch x = TestData.input(random, 5, 4, 2);
            SequenceBatch y = TestData.input(random, 5, 4, 2);
            model.trainStep(x, y, sgd);
        }
        return new Checkpoint(model, sgd, 3, state, arrays);
    }

    @Test
    void everythingRoundTripsBitForBit() throws IOException {
        double runningLoss = 0.1 + 0.2; // 0.30000000000000004: needs all 17 digits
        Map<String, String> state = new LinkedHashMap<>();
        state.put("dataset_seed", "7");
        state.put("next_batch", "3");
        state.put("running_loss", Double.toString(runningLoss));
        state.put("note", "ünïcode, \"quotes\" and \\ backslash");
        Map<String, double[]> arrays = new LinkedHashMap<>();
        arrays.put("loss_history", new double[] {1.5, Math.PI, Double.MIN_VALUE, -0.0, Double.NaN,
                Double.POSITIVE_INFINITY, Math.nextUp(1.0)});
        arrays.put("empty", new double[0]);
        Checkpoint saved = trained(1L, 5, state, arrays);
        Path file = dir.resolve("checkpoint.safetensors");
        Checkpoints.save(file, saved);
        Checkpoint loaded = Checkpoints.load(file);

        assertEquals(3, loaded.batchesDone());
        assertEquals(((Sgd) saved.optimizer()).options(), ((Sgd) loaded.optimizer()).options());
        assertEquals(state, loaded.state());
        assertEquals(runningLoss, Double.parseDouble(loaded.state().get("running_loss")), 0.0);
        assertEquals(List.copyOf(arrays.keySet()), List.copyOf(loaded.arrays().keySet()));
        for (String key : arrays.keySet()) {
            assertArrayEquals(arrays.get(key), loaded.arrays().get(key), key);
        }
        assertSameTrainingState(saved, loaded);
    }

    /** Parameters and momentum buffers equal bit for bit. */
    static void assertSameTrainingState(Checkpoint expected, Checkpoint actual) {
        assertEquals(expected.model().parameters().size(), actual.model().parameters().size());
        for (int k = 0; k < expected.model().parameters().size(); k++) {
            String name = expected.model().parameters().get(k).name();
            assertEquals(name, actual.model().parameters().get(k).name());
            assertArrayEquals(expected.model().parameters().get(k).toArray(),
                    actual.model().parameters().get(k).toArray(), name);
            assertArrayEquals(((Sgd) expected.optimizer()).momentumBuffer(k), ((Sgd) actual.optimizer()).momentumBuffer(k),
                    "momentum buffer of " + name);
        }
    }

    @Test
    void anOptimizerWithoutBuffersYetSavesNone() throws IOException {
        LstmRegressor model = new LstmRegressor(2, 3, 2, 4L);
        Sgd sgd = new Sgd(model.parameters(), SgdOptions.of(0.1).withMomentum(0.5).withDampening(0.25));
        Path file = dir.resolve("c.safetensors");
        Checkpoints.save(file, new Checkpoint(model, sgd, 0, Map.of(), Map.of()));
        assertEquals(6, Safetensors.read(file).tensors().size(), "parameters only");
        Checkpoint loaded = Checkpoints.load(file);
        assertNull(((Sgd) loaded.optimizer()).momentumBuffer(0));
        assertEquals(SgdOptions.of(0.1).withMomentum(0.5).withDampening(0.25), ((Sgd) loaded.optimizer()).options());
        assertTrue(loaded.state().isEmpty() && loaded.arrays().isEmpty());
    }

    @Test
    void buffersSetWhileTheMomentumIsZeroAreKeptToo() throws IOException {
        LstmRegressor model = new LstmRegressor(2, 3, 2, 4L);
        Sgd sgd = new Sgd(model.parameters(), SgdOptions.of(0.1));
        sgd.setMomentumBuffer(5, new double[] {0.5, -0.25});
        Path file = dir.resolve("c.safetensors");
        Checkpoints.save(file, new Checkpoint(model, sgd, 0, Map.of(), Map.of()));
        Checkpoint loaded = Checkpoints.load(file);
        assertArrayEquals(new double[] {0.5, -0.25}, ((Sgd) loaded.optimizer()).momentumBuffer(5));
        assertNull(((Sgd) loaded.optimizer()).momentumBuffer(4));
    }

    @Test
    void theFileListsParametersBuffersAndArraysWithReadableMetadata() throws IOException {
        Checkpoint saved = trained(2L, 3, Map.of("next_batch", "3"), Map.of("loss_history", new double[] {2, 1}));
        Path file = dir.resolve("c.safetensors");
        Checkpoints.save(file, saved);
        SafetensorsContents contents = Safetensors.read(file);
        List<String> names = contents.tensors().stream().map(Tensor::name).toList();
        assertEquals("lstm.weight_ih_l0", names.get(0));
        assertEquals("output.bias", names.get(9));
        assertEquals("optimizer.momentum_buffer.lstm.weight_ih_l0", names.get(10));
        assertEquals("optimizer.momentum_buffer.output.bias", names.get(19));
        assertEquals("arrays.loss_history", names.get(20));
        Map<String, String> m = contents.metadata();
        assertEquals("lstm-dynamics.checkpoint", m.get("format"));
        assertEquals("0.05", m.get("optimizer.learning_rate"));
        assertEquals("1.0E-4", m.get("optimizer.weight_decay"));
        assertEquals("true", m.get("optimizer.nesterov"));
        assertEquals("3", m.get("batches_done"));
        assertEquals("3", m.get("state.next_batch"));
    }

    @Test
    void theCheckpointRecordChecksItsParts() {
        LstmRegressor model = new LstmRegressor(2, 3, 2, 4L);
        LstmRegressor other = new LstmRegressor(2, 3, 2, 4L);
        Sgd sgd = new Sgd(other.parameters(), SgdOptions.of(0.1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Checkpoint(model, sgd, 0, Map.of(), Map.of()));
        assertTrue(e.getMessage().contains("exactly model.parameters()"), e.getMessage());
        Sgd own = new Sgd(model.parameters(), SgdOptions.of(0.1));
        assertThrows(IllegalArgumentException.class, () -> new Checkpoint(model, own, -1, Map.of(), Map.of()));
        double[] history = {1, 2};
        Checkpoint c = new Checkpoint(model, own, 0, Map.of(), Map.of("h", history));
        history[0] = 99;
        c.arrays().get("h")[1] = 99;
        assertArrayEquals(new double[] {1, 2}, c.arrays().get("h"), "copied in and out");
    }

    // ---- refusals: a valid checkpoint with one thing changed ----

    private Path changed(Consumer<Map<String, String>> metadata, Consumer<List<Tensor>> tensors) throws IOException {
        Path file = dir.resolve("checkpoint.safetensors");
        Checkpoints.save(file, trained(3L, 3, Map.of("next_batch", "3"), Map.of("h", new double[] {1})));
        SafetensorsContents contents = Safetensors.read(file);
        Map<String, String> m = new LinkedHashMap<>(contents.metadata());
        List<Tensor> t = new ArrayList<>(contents.tensors());
        metadata.accept(m);
        tensors.accept(t);
        Safetensors.write(file, m, t);
        return file;
    }

    private Path metadataChanged(String key, String value) throws IOException {
        return changed(m -> {
            if (value == null) {
                m.remove(key);
            } else {
                m.put(key, value);
            }
        }, t -> { });
    }

    private static void refused(Path file, String... fragments) {
        SafetensorsFormatException e = assertThrows(SafetensorsFormatException.class, () -> Checkpoints.load(file));
        assertTrue(e.getMessage().startsWith("checkpoint.safetensors: "), "names the file: " + e.getMessage());
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), "'" + fragment + "' in: " + e.getMessage());
        }
    }

    @Test
    void theUnchangedCheckpointLoads() throws IOException {
        assertEquals("3", Checkpoints.load(changed(m -> { }, t -> { })).state().get("next_batch"));
    }

    @Test
    void aFileOfAnotherFormatOrVersion() throws IOException {
        refused(metadataChanged("format", "lstm-dynamics.model"), "is not a checkpoint", "ModelFiles.load");
        refused(metadataChanged("format", null), "metadata key 'format' is missing");
        refused(metadataChanged("format_version", "0"), "format_version = '0' is not supported");
        refused(metadataChanged("optimiser.momentum", "0.9"), "unknown metadata key 'optimiser.momentum'");
    }

    @Test
    void optimizerOptionsThatAreNotFiniteDecimalNumbersOrThatSgdRefuses() throws IOException {
        for (String bad : new String[] {"NaN", "Infinity", "-Infinity", "0x1p-3", "1.0d", "0,05", "", "1e400"}) {
            refused(metadataChanged("optimizer.learning_rate", bad),
                    "metadata optimizer.learning_rate = '" + bad + "' is not a finite decimal number");
        }
        refused(metadataChanged("optimizer.learning_rate", "-0.05"), "optimizer options refused",
                "Invalid learning rate: -0.05");
        refused(metadataChanged("optimizer.dampening", "0.5"), "optimizer options refused", "Nesterov");
        refused(metadataChanged("optimizer.nesterov", "1"),
                "metadata optimizer.nesterov = '1' is not 'true' or 'false'");
    }

    @Test
    void anInvalidBatchCounter() throws IOException {
        refused(metadataChanged("batches_done", "-1"),
                "metadata batches_done = '-1' is not a non-negative decimal integer");
        refused(metadataChanged("batches_done", null), "metadata key 'batches_done' is missing");
    }

    @Test
    void aTensorThatIsNotF64() throws IOException {
        refused(changed(m -> { }, t -> t.set(0, new Tensor(t.get(0).name(), DType.F32, t.get(0).shape(),
                t.get(0).values()))), "tensor 'lstm.weight_ih_l0': dtype F32 in a checkpoint, expected F64");
    }

    @Test
    void momentumBuffersThatDoNotFit() throws IOException {
        refused(changed(m -> { }, t -> t.add(new Tensor("optimizer.momentum_buffer.lstm.weight_ih_l9", DType.F64,
                new int[] {1}, new double[1]))), "tensor 'optimizer.momentum_buffer.lstm.weight_ih_l9'",
                "no parameter 'lstm.weight_ih_l9'");
        refused(changed(m -> { }, t -> t.replaceAll(x -> x.name().equals("optimizer.momentum_buffer.output.bias")
                ? new Tensor(x.name(), DType.F64, new int[] {1, 2}, new double[2]) : x)),
                "tensor 'optimizer.momentum_buffer.output.bias': shape [1, 2] does not fit parameter output.bias",
                "expected [2]");
    }

    @Test
    void missingParametersAndExtraTensors() throws IOException {
        refused(changed(m -> { }, t -> t.removeIf(x -> x.name().equals("lstm.weight_hh_l1"))),
                "missing tensor 'lstm.weight_hh_l1'");
        refused(changed(m -> { }, t -> t.add(new Tensor("rng", DType.F64, new int[] {1}, new double[1]))),
                "unexpected tensor 'rng'");
        refused(changed(m -> { }, t -> t.add(new Tensor("arrays.grid", DType.F64, new int[] {1, 1}, new double[1]))),
                "tensor 'arrays.grid': shape [1, 1], expected one dimension");
    }
}
