package io.github.lstmdynamics.lstm.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files for the by-hand PyTorch check (tools/reference/io/load_in_pytorch.py) are still written. */
class JavaSideFilesTest {

    @Test
    void writesTwoModelsAndTheirPredictions(@TempDir Path dir) throws IOException {
        JavaSideFiles.write(dir);
        assertTrue(Files.size(dir.resolve("java_tutorial.json")) > 1000);
        assertEquals(1, ModelFiles.load(dir.resolve("java_tutorial.safetensors")).lstm().numLayers());
        assertEquals(DType.F32, Safetensors.read(dir.resolve("java_two_layer_f32.safetensors")).tensors().get(0).dtype());
    }
}
