package io.github.lstmdynamics.lstm.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import io.github.lstmdynamics.lstm.LstmRegressor;
import io.github.lstmdynamics.lstm.Precision;
import io.github.lstmdynamics.lstm.SequenceBatch;
import java.io.IOException;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Files written by PyTorch 1.13 (tools/reference/io/make_fixtures.py, the format written as
 * safetensors.torch writes it) load here and predict what PyTorch predicted.
 */
class PyTorchInteropTest {

    private static JsonObject reference;

    @BeforeAll
    static void readReference() throws IOException, URISyntaxException {
        try (Reader r = Files.newBufferedReader(resource("tutorial_model.json"))) {
            reference = new Gson().fromJson(r, JsonObject.class);
        }
    }

    @Test
    void theTutorialModelSavedByPyTorchPredictsAsInPyTorch() throws Exception {
        Path file = resource("tutorial_model.safetensors");
        assertTrue(Safetensors.read(file).metadata().isEmpty(), "written without metadata");
        LstmRegressor model = ModelFiles.load(file);
        assertEquals(2, model.inputSize());
        assertEquals(20, model.lstm().hiddenSize());
        assertEquals(2, model.outputSize());
        assertEquals(1, model.lstm().numLayers());
        assertTrue(model.lstm().hasBias());
        assertClose(array("predictions"), model.predict(batch("input")).toArray(), 1e-12);
    }

    @Test
    void theF32FileGivesThePredictionsOfTheRoundedWeights() throws Exception {
        LstmRegressor model = ModelFiles.load(resource("tutorial_model_f32.safetensors"), Precision.FLOAT64);
        assertEquals(Precision.FLOAT64, model.precision());
        double[][][] predicted = model.predict(batch("input")).toArray();
        assertClose(array("predictions_f32_weights"), predicted, 1e-12);
        assertClose(array("predictions_float32"), predicted, 1e-5); // PyTorch computing in float32
    }

    @Test
    void theF32FileLoadsAsAFloat32ModelThatPredictsAsPyTorchFloat32() throws Exception {
        LstmRegressor model = ModelFiles.load(resource("tutorial_model_f32.safetensors"));
        assertEquals(Precision.FLOAT32, model.precision());
        assertClose(array("predictions_float32"), model.predict(batch("input")).toArray(), 1e-5);
    }

    @Test
    void aTwoLayerModelWithoutBiasAndFormatPtLoadsInAnyTensorOrder() throws Exception {
        Path file = resource("two_layer_no_bias.safetensors");
        SafetensorsContents contents = Safetensors.read(file);
        assertEquals("pt", contents.metadata().get("format"));
        assertEquals("lstm.weight_hh_l0", contents.tensors().get(0).name(), "sorted by name, as safetensors does");
        LstmRegressor model = ModelFiles.load(file);
        assertEquals(2, model.lstm().numLayers());
        assertFalse(model.lstm().hasBias());
        assertEquals(List.of("lstm.weight_ih_l0", "lstm.weight_hh_l0", "lstm.weight_ih_l1", "lstm.weight_hh_l1",
                "output.weight"), model.parameters().stream().map(p -> p.name()).toList());
        assertClose(array("two_layer_predictions"), model.predict(batch("two_layer_input")).toArray(), 1e-12);
    }

    static Path resource(String name) throws URISyntaxException {
        return Path.of(PyTorchInteropTest.class.getResource("/reference/" + name).toURI());
    }

    private static double[][][] array(String key) {
        return new Gson().fromJson(reference.get(key), double[][][].class);
    }

    private static SequenceBatch batch(String key) {
        return SequenceBatch.fromArray(array(key));
    }

    private static void assertClose(double[][][] expected, double[][][] actual, double tolerance) {
        assertEquals(expected.length, actual.length, "steps");
        double worst = 0;
        for (int t = 0; t < expected.length; t++) {
            assertEquals(expected[t].length, actual[t].length, "batch");
            for (int b = 0; b < expected[t].length; b++) {
                assertEquals(expected[t][b].length, actual[t][b].length, "features");
                for (int f = 0; f < expected[t][b].length; f++) {
                    worst = Math.max(worst, Math.abs(expected[t][b][f] - actual[t][b][f]));
                }
            }
        }
        assertTrue(worst <= tolerance, "largest difference " + worst + " > " + tolerance);
    }
}
