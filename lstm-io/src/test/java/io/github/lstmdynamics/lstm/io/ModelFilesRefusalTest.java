package io.github.lstmdynamics.lstm.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lstmdynamics.lstm.LstmRegressor;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A valid safetensors file that is not a valid model file is refused with a
 * {@link SafetensorsFormatException} naming the tensor or metadata key and the problem: missing or extra
 * tensors, shapes that do not fit together, metadata that disagrees with the shapes or is not a valid
 * number, an unknown format. The files start from a valid model (I=2, H=4, O=3, one layer, bias) and
 * change one thing.
 */
class ModelFilesRefusalTest {

    @TempDir
    Path dir;

    private final LstmRegressor model = new LstmRegressor(2, 4, 3, 1, true, 1L);

    private List<Tensor> tensors() {
        return new ArrayList<>(ModelFiles.tensors(model, DType.F64));
    }

    private Map<String, String> metadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("format", "lstm-dynamics.model");
        m.put("format_version", "1");
        m.put("input_size", "2");
        m.put("hidden_size", "4");
        m.put("output_size", "3");
        m.put("num_layers", "1");
        m.put("bias", "true");
        return m;
    }

    private Path file(Map<String, String> metadata, List<Tensor> tensors) throws IOException {
        Path file = dir.resolve("model.safetensors");
        Safetensors.write(file, metadata, tensors);
        return file;
    }

    private static void refused(Path file, String... fragments) {
        SafetensorsFormatException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(SafetensorsFormatException.class, () -> ModelFiles.load(file)));
        assertTrue(e.getMessage().startsWith("model.safetensors: "), "names the file: " + e.getMessage());
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), "'" + fragment + "' in: " + e.getMessage());
        }
    }

    private static List<Tensor> without(List<Tensor> tensors, String name) {
        tensors.removeIf(t -> t.name().equals(name));
        return tensors;
    }

    private static List<Tensor> replaced(List<Tensor> tensors, String name, int... shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        for (int k = 0; k < tensors.size(); k++) {
            if (tensors.get(k).name().equals(name)) {
                tensors.set(k, new Tensor(name, DType.F64, shape, new double[n]));
            }
        }
        return tensors;
    }

    @Test
    void theUnchangedFilesLoadWithAndWithoutMetadata() throws IOException {
        assertEquals(3, ModelFiles.load(file(metadata(), tensors())).outputSize());
        assertEquals(3, ModelFiles.load(file(Map.of(), tensors())).outputSize());
        assertEquals(3, ModelFiles.load(file(Map.of("format", "pt"), tensors())).outputSize());
    }

    @Test
    void aMissingTensor() throws IOException {
        refused(file(metadata(), without(tensors(), "lstm.bias_hh_l0")), "missing tensor 'lstm.bias_hh_l0'",
                "of shape [16]", "hidden_size 4");
        refused(file(Map.of(), without(tensors(), "output.bias")), "missing tensor 'output.bias'", "bias true");
        refused(file(Map.of(), without(tensors(), "lstm.weight_ih_l0")), "missing tensor 'lstm.weight_ih_l0'",
                "inferred from the tensors");
        refused(file(Map.of(), List.of()), "missing tensor 'lstm.weight_ih_l0'");
    }

    @Test
    void anExtraTensor() throws IOException {
        List<Tensor> projected = tensors();
        projected.add(new Tensor("lstm.weight_hr_l0", DType.F64, new int[] {2, 4}, new double[8]));
        refused(file(metadata(), projected), "unexpected tensor 'lstm.weight_hr_l0'", "num_layers 1");
        List<Tensor> noBias = without(without(without(tensors(), "lstm.bias_ih_l0"), "lstm.bias_hh_l0"), "output.bias");
        noBias.add(new Tensor("output.bias", DType.F64, new int[] {3}, new double[3]));
        refused(file(Map.of(), noBias), "unexpected tensor 'output.bias'", "bias false");
    }

    @Test
    void shapesThatDoNotFitTogether() throws IOException {
        refused(file(Map.of(), replaced(tensors(), "output.weight", 3, 5)),
                "tensor 'output.weight': shape [3, 5] does not fit", "hidden_size 4", "expected [3, 4]");
        refused(file(Map.of(), replaced(tensors(), "lstm.weight_hh_l0", 16, 5)),
                "tensor 'lstm.weight_ih_l0': shape [16, 2] does not fit", "hidden_size 5", "expected [20, 2]");
        refused(file(Map.of(), replaced(tensors(), "lstm.bias_ih_l0", 4, 4)),
                "tensor 'lstm.bias_ih_l0': shape [4, 4] does not fit", "expected [16]");
        refused(file(Map.of(), replaced(tensors(), "lstm.weight_ih_l0", 32)),
                "tensor 'lstm.weight_ih_l0': shape [32] is not a matrix");
        List<Tensor> empty = replaced(replaced(tensors(), "lstm.weight_hh_l0", 0, 0), "lstm.weight_ih_l0", 0, 2);
        refused(file(Map.of(), empty), "hidden_size 0", "every size must be at least 1");
    }

    @Test
    void metadataThatDisagreesWithTheShapes() throws IOException {
        Map<String, String> m = metadata();
        m.put("hidden_size", "5");
        refused(file(m, tensors()), "tensor 'lstm.weight_ih_l0': shape [16, 2] does not fit", "hidden_size 5",
                "expected [20, 2]");
        m = metadata();
        m.put("num_layers", "2");
        refused(file(m, tensors()), "missing tensor 'lstm.weight_ih_l1'");
        m = metadata();
        m.put("bias", "false");
        refused(file(m, tensors()), "unexpected tensor 'lstm.bias_ih_l0'");
    }

    @Test
    void absurdSizesInTheMetadataAreRefusedWithoutBuildingAnything() throws IOException {
        Map<String, String> m = metadata();
        m.put("num_layers", "2147483647");
        refused(file(m, tensors()), "missing tensor 'lstm.weight_ih_l1'");
        m = metadata();
        m.put("hidden_size", "2147483647");
        refused(file(m, tensors()), "tensor 'lstm.weight_ih_l0'", "expected [8589934588, 2]");
    }

    @Test
    void metadataValuesThatAreNotValidNumbers() throws IOException {
        String[][] cases = {
            {"hidden_size", "twenty", "metadata hidden_size = 'twenty' is not a non-negative decimal integer"},
            {"hidden_size", "-4", "metadata hidden_size = '-4' is not a non-negative decimal integer"},
            {"hidden_size", "4.0", "'4.0' is not a non-negative decimal integer"},
            {"input_size", "1e1", "metadata input_size = '1e1'"},
            {"input_size", "", "metadata input_size = ''"},
            {"output_size", "0", "metadata output_size = '0' is not an integer from 1 to 2147483647"},
            {"num_layers", "99999999999999999999", "metadata num_layers = '99999999999999999999'"},
            {"num_layers", "4294967297", "metadata num_layers = '4294967297' is not an integer from 1"},
            {"bias", "yes", "metadata bias = 'yes' is not 'true' or 'false'"},
        };
        for (String[] c : cases) {
            Map<String, String> m = metadata();
            m.put(c[0], c[1]);
            refused(file(m, tensors()), c[2]);
        }
    }

    @Test
    void missingOrUnknownMetadataKeys() throws IOException {
        Map<String, String> m = metadata();
        m.remove("output_size");
        refused(file(m, tensors()), "metadata key 'output_size' is missing");
        m = metadata();
        m.put("hiden_size", "4");
        refused(file(m, tensors()), "unknown metadata key 'hiden_size'");
    }

    @Test
    void anUnknownFormatOrVersion() throws IOException {
        Map<String, String> m = metadata();
        m.put("format", "keras");
        refused(file(m, tensors()), "unknown format 'keras'");
        m = metadata();
        m.put("format_version", "2");
        refused(file(m, tensors()), "metadata format_version = '2' is not supported");
        m = metadata();
        m.put("format", "lstm-dynamics.checkpoint");
        refused(file(m, tensors()), "is a training checkpoint", "Checkpoints.load");
    }
}
