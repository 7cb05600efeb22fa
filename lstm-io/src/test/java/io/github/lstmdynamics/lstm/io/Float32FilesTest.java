package io.github.lstmdynamics.lstm.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lstmdynamics.lstm.Adam;
import io.github.lstmdynamics.lstm.AdamOptions;
import io.github.lstmdynamics.lstm.LstmRegressor;
import io.github.lstmdynamics.lstm.Optimizer;
import io.github.lstmdynamics.lstm.Parameter;
import io.github.lstmdynamics.lstm.Precision;
import io.github.lstmdynamics.lstm.SequenceBatch;
import io.github.lstmdynamics.lstm.Sgd;
import io.github.lstmdynamics.lstm.SgdOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Float32 models in files: saved as F32 and loaded as floats, bit for bit; F64 into float32 and F32 into
 * float64 only by an explicit precision; checkpoints of a float32 run resume bit for bit.
 */
class Float32FilesTest {

    @TempDir
    Path dir;

    @Test
    void aFloat32ModelSavesF32AndLoadsBackAsTheSameFloats() throws IOException {
        LstmRegressor model = new LstmRegressor(3, 5, 2, 2, true, 7L, Precision.FLOAT32);
        Path file = dir.resolve("model.safetensors");
        ModelFiles.save(model, file);
        for (Tensor t : Safetensors.read(file).tensors()) {
            assertEquals(DType.F32, t.dtype(), t.name());
        }
        LstmRegressor loaded = ModelFiles.load(file);
        assertEquals(Precision.FLOAT32, loaded.precision());
        for (int k = 0; k < model.parameters().size(); k++) {
            assertArrayEquals(model.parameters().get(k).floatValue().data, loaded.parameters().get(k).floatValue().data,
                    model.parameters().get(k).name());
        }
    }

    @Test
    void theOtherPrecisionIsAnExplicitConversion() throws IOException {
        LstmRegressor single = new LstmRegressor(2, 4, 2, 1, true, 3L, Precision.FLOAT32);
        LstmRegressor dbl = new LstmRegressor(2, 4, 2, 1, true, 3L, Precision.FLOAT64);
        Path f32 = dir.resolve("f32.safetensors");
        Path f64 = dir.resolve("f64.safetensors");
        ModelFiles.save(single, f32);
        ModelFiles.save(dbl, f64);
        assertEquals(Precision.FLOAT64, ModelFiles.load(f64).precision(), "an F64 file loads as float64");
        LstmRegressor widened = ModelFiles.load(f32, Precision.FLOAT64);
        LstmRegressor rounded = ModelFiles.load(f64, Precision.FLOAT32);
        assertEquals(Precision.FLOAT64, widened.precision());
        assertEquals(Precision.FLOAT32, rounded.precision());
        for (int k = 0; k < dbl.parameters().size(); k++) {
            assertArrayEquals(single.parameters().get(k).toArray(), widened.parameters().get(k).toArray());
            assertArrayEquals(single.parameters().get(k).floatValue().data, rounded.parameters().get(k).floatValue().data,
                    "F64 rounded to float is the float32 model from the same seed");
        }
    }

    @Test
    void aFileMixingF32AndF64NeedsAnExplicitPrecision() throws IOException {
        LstmRegressor model = new LstmRegressor(2, 3, 2, 1, true, 1L);
        List<Tensor> tensors = new ArrayList<>(ModelFiles.tensors(model, DType.F64));
        Tensor first = tensors.get(0);
        tensors.set(0, new Tensor(first.name(), DType.F32, first.shape(), first.values()));
        Path file = dir.resolve("mixed.safetensors");
        Safetensors.write(file, Map.of(), tensors);
        SafetensorsFormatException e = assertThrows(SafetensorsFormatException.class, () -> ModelFiles.load(file));
        assertTrue(e.getMessage().contains("mixes dtypes") && e.getMessage().contains("'lstm.weight_ih_l0' is F32")
                && e.getMessage().contains("Precision.FLOAT64"), e.getMessage());
        assertEquals(Precision.FLOAT64, ModelFiles.load(file, Precision.FLOAT64).precision());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sgd", "adam"})
    void aFloat32CheckpointResumesBitForBit(String optimizerName) throws IOException {
        SplittableRandom random = new SplittableRandom(11);
        List<SequenceBatch[]> batches = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            batches.add(new SequenceBatch[] {TestData.input(random, 6, 4, 2), TestData.input(random, 6, 4, 2)});
        }
        LstmRegressor model = new LstmRegressor(2, 6, 2, 2, true, 5L, Precision.FLOAT32);
        Optimizer optimizer = optimizer(optimizerName, model);
        for (int i = 0; i < 3; i++) {
            model.trainStep(batches.get(i)[0], batches.get(i)[1], optimizer);
        }
        Path file = dir.resolve("checkpoint.safetensors");
        Checkpoints.save(file, new Checkpoint(model, optimizer, 3, Map.of(), Map.of()));
        for (Tensor t : Safetensors.read(file).tensors()) {
            assertEquals(DType.F32, t.dtype(), t.name());
        }
        Checkpoint resumed = Checkpoints.load(file);
        assertEquals(Precision.FLOAT32, resumed.model().precision());
        for (int i = 3; i < 6; i++) {
            double a = model.trainStep(batches.get(i)[0], batches.get(i)[1], optimizer);
            double b = resumed.model().trainStep(batches.get(i)[0], batches.get(i)[1], resumed.optimizer());
            assertEquals(a, b, 0.0, "loss of step " + i);
        }
        for (int k = 0; k < model.parameters().size(); k++) {
            Parameter p = model.parameters().get(k);
            assertArrayEquals(p.floatValue().data, resumed.model().parameters().get(k).floatValue().data, p.name());
        }
    }

    private static Optimizer optimizer(String name, LstmRegressor model) {
        return name.equals("sgd")
                ? new Sgd(model.parameters(), SgdOptions.of(0.05).withMomentum(0.9))
                : new Adam(model.parameters(), AdamOptions.of(0.01).withAmsgrad(true));
    }
}
