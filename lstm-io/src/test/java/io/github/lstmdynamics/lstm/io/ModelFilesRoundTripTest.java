package io.github.lstmdynamics.lstm.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lstmdynamics.lstm.LstmRegressor;
import io.github.lstmdynamics.lstm.Precision;
import io.github.lstmdynamics.lstm.Parameter;
import io.github.lstmdynamics.lstm.SequenceBatch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A saved model loads back as the same model: bit for bit in F64, to float precision in F32. */
class ModelFilesRoundTripTest {

    @TempDir
    Path dir;

    /** Architectures (input, hidden, output, layers, bias) with the seed of their weights and inputs. */
    static Stream<Arguments> architectures() {
        return Stream.of(
                Arguments.of(2, 20, 2, 1, true, 1L),   // the tutorial's model
                Arguments.of(2, 20, 2, 1, true, 2L),
                Arguments.of(1, 1, 1, 1, true, 3L),
                Arguments.of(3, 5, 1, 1, false, 4L),
                Arguments.of(2, 6, 3, 2, true, 5L),
                Arguments.of(4, 3, 2, 2, false, 6L),
                Arguments.of(2, 8, 2, 3, true, 7L));
    }

    @ParameterizedTest(name = "I={0} H={1} O={2} layers={3} bias={4} seed={5}")
    @MethodSource("architectures")
    void f64IsBitIdentical(int in, int hidden, int out, int layers, boolean bias, long seed) throws IOException {
        LstmRegressor model = new LstmRegressor(in, hidden, out, layers, bias, seed);
        Path file = dir.resolve("model.safetensors");
        ModelFiles.save(model, file);
        LstmRegressor loaded = ModelFiles.load(file);

        assertEquals(model.inputSize(), loaded.inputSize());
        assertEquals(model.outputSize(), loaded.outputSize());
        assertEquals(model.lstm().hiddenSize(), loaded.lstm().hiddenSize());
        assertEquals(model.lstm().numLayers(), loaded.lstm().numLayers());
        assertEquals(model.lstm().hasBias(), loaded.lstm().hasBias());
        double[][] expected = TestData.parameters(model);
        double[][] actual = TestData.parameters(loaded);
        for (int k = 0; k < expected.length; k++) {
            assertArrayEquals(expected[k], actual[k], model.parameters().get(k).name());
        }
        SequenceBatch x = TestData.input(new SplittableRandom(seed), 7, 3, in);
        assertArrayEquals(flat(model.predict(x)), flat(loaded.predict(x)), "predictions, bit for bit");
    }

    @ParameterizedTest(name = "I={0} H={1} O={2} layers={3} bias={4} seed={5}")
    @MethodSource("architectures")
    void f32IsWithinFloatPrecision(int in, int hidden, int out, int layers, boolean bias, long seed)
            throws IOException {
        LstmRegressor model = new LstmRegressor(in, hidden, out, layers, bias, seed);
        Path file = dir.resolve("model-f32.safetensors");
        ModelFiles.save(model, file, DType.F32);
        LstmRegressor loaded = ModelFiles.load(file, Precision.FLOAT64);

        double[][] expected = TestData.parameters(model);
        double[][] actual = TestData.parameters(loaded);
        for (int k = 0; k < expected.length; k++) {
            for (int i = 0; i < expected[k].length; i++) {
                assertEquals((double) (float) expected[k][i], actual[k][i], 0.0,
                        model.parameters().get(k).name() + "[" + i + "] is the nearest float");
            }
        }
        SequenceBatch x = TestData.input(new SplittableRandom(seed), 7, 3, in);
        double[] p = flat(model.predict(x));
        double[] q = flat(loaded.predict(x));
        for (int i = 0; i < p.length; i++) {
            assertEquals(p[i], q[i], 1e-6 * (1 + Math.abs(p[i])), "prediction " + i);
        }
        assertEquals(bytesOfF64(model) / 2, Files.size(file) - 8 - TestData.headerLength(file), "4 bytes per value");
    }

    @Test
    void theFileIsPaddedAndListsTheStateDictInOrderWithTheArchitecture() throws IOException {
        LstmRegressor model = new LstmRegressor(2, 4, 3, 2, true, 9L);
        Path file = dir.resolve("m.safetensors");
        ModelFiles.save(model, file);
        byte[] bytes = Files.readAllBytes(file);
        long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, n % 8, "header padded to a multiple of 8");
        assertEquals(bytes.length, 8 + n + bytesOfF64(model));

        SafetensorsContents contents = Safetensors.read(file);
        assertEquals(Map.of("format", "lstm-dynamics.model", "format_version", "1", "input_size", "2",
                "hidden_size", "4", "output_size", "3", "num_layers", "2", "bias", "true"), contents.metadata());
        List<String> names = contents.tensors().stream().map(Tensor::name).toList();
        assertEquals(model.parameters().stream().map(Parameter::name).toList(), names);
        assertEquals(List.of("lstm.weight_ih_l0", "lstm.weight_hh_l0", "lstm.bias_ih_l0", "lstm.bias_hh_l0",
                "lstm.weight_ih_l1", "lstm.weight_hh_l1", "lstm.bias_ih_l1", "lstm.bias_hh_l1", "output.weight",
                "output.bias"), names);
        assertArrayEquals(new int[] {16, 2}, contents.tensors().get(0).shape());
        assertArrayEquals(new int[] {16, 4}, contents.tensors().get(4).shape());
        assertArrayEquals(new int[] {3, 4}, contents.tensors().get(8).shape());
        assertTrue(TestData.headerText(file).startsWith("{\"__metadata__\":{\"format\":\"lstm-dynamics.model\""),
                TestData.headerText(file));
    }

    @Test
    void nonFiniteParametersAreKeptBitForBitAndPredictNaN() throws IOException {
        LstmRegressor model = new LstmRegressor(2, 3, 2, 1L);
        double[] w = model.parameter("lstm.weight_hh_l0").toArray();
        w[0] = Double.NaN;
        w[1] = Double.POSITIVE_INFINITY;
        w[2] = Double.NEGATIVE_INFINITY;
        w[3] = -0.0;
        model.setParameter("lstm.weight_hh_l0", w);
        Path file = dir.resolve("nan.safetensors");
        ModelFiles.save(model, file);
        LstmRegressor loaded = ModelFiles.load(file);
        assertArrayEquals(w, loaded.parameter("lstm.weight_hh_l0").toArray());
        double[] p = flat(loaded.predict(TestData.input(new SplittableRandom(1L), 3, 2, 2)));
        assertTrue(Double.isNaN(p[p.length - 1]), "a NaN weight gives NaN predictions, no exception");
    }

    @Test
    void savingReplacesAnExistingFile() throws IOException {
        Path file = dir.resolve("m.safetensors");
        ModelFiles.save(new LstmRegressor(2, 3, 2, 1L), file);
        LstmRegressor second = new LstmRegressor(3, 2, 1, 1, false, 2L);
        ModelFiles.save(second, file);
        assertEquals(3, ModelFiles.load(file).inputSize());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left");
        }
    }

    private static long bytesOfF64(LstmRegressor model) {
        return 8L * model.parameters().stream().mapToInt(Parameter::size).sum();
    }

    static double[] flat(SequenceBatch batch) {
        return batch.matrix().data.clone();
    }
}
