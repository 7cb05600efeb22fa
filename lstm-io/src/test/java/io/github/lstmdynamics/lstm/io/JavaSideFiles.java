package io.github.lstmdynamics.lstm.io;

import com.google.gson.Gson;
import io.github.lstmdynamics.lstm.LstmRegressor;
import io.github.lstmdynamics.lstm.Precision;
import io.github.lstmdynamics.lstm.SequenceBatch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes Java-side model files and their predictions for tools/reference/io/load_in_pytorch.py, which
 * loads them into PyTorch (run by hand; CI needs no Python):
 * <pre>
 *   java -cp CLASSPATH io.github.lstmdynamics.lstm.io.JavaSideFiles DIR
 *   /usr/bin/python3 tools/reference/io/load_in_pytorch.py DIR/java_tutorial.safetensors
 *   /usr/bin/python3 tools/reference/io/load_in_pytorch.py DIR/java_two_layer_f32.safetensors
 * </pre>
 * {@link JavaSideFilesTest} runs the same code in a temporary directory, so that it keeps working.
 */
final class JavaSideFiles {

    private JavaSideFiles() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/java-side");
        write(dir);
    }

    /** The tutorial model (F64) and a two-layer model (F32), each with an input and its predictions. */
    static void write(Path dir) throws IOException {
        write(new LstmRegressor(2, 20, 2, 1, true, 42L), DType.F64, dir.resolve("java_tutorial"), 1L);
        write(new LstmRegressor(3, 5, 2, 2, true, 43L), DType.F32, dir.resolve("java_two_layer_f32"), 2L);
    }

    private static void write(LstmRegressor model, DType dtype, Path stem, long seed) throws IOException {
        Path file = stem.resolveSibling(stem.getFileName() + ".safetensors");
        ModelFiles.save(model, file, dtype);
        LstmRegressor loaded = ModelFiles.load(file, Precision.FLOAT64); // the model as stored (F32 rounded), in float64
        SequenceBatch x = TestData.input(new SplittableRandom(seed), 21, 3, model.inputSize());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("input", x.toArray());
        json.put("predictions", loaded.predict(x).toArray());
        Files.writeString(stem.resolveSibling(stem.getFileName() + ".json"), new Gson().toJson(json),
                StandardCharsets.UTF_8);
    }
}
