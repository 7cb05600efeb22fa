package io.github.lstmdynamics.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lstmdynamics.lstm.Precision;
import io.github.lstmdynamics.lstm.io.DType;
import io.github.lstmdynamics.lstm.io.ModelFiles;
import io.github.lstmdynamics.lstm.io.Safetensors;
import io.github.lstmdynamics.lstm.io.Tensor;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --dtype float32} trains a float32 model and saves it as F32; a loaded model keeps the file's
 * precision unless --dtype converts it; a resumed run keeps the checkpoint's; a wrong name is refused.
 */
class DtypeOptionTest {

    @TempDir
    Path temp;

    @Test
    void float32TrainsAndSavesF32AndLoadsBackAsFloat32() throws Exception {
        Path model = temp.resolve("f32.safetensors");
        TutorialCli.Run run = TutorialCli.succeed("--dtype", "float32", "--hidden", "6", "--batch-size", "4",
                "--batches", "20", "--save-model", model.toString(), "--out", temp.resolve("a").toString());
        assertTrue(run.out().contains("precision float32"), run.out());
        for (Tensor t : Safetensors.read(model).tensors()) {
            assertEquals(DType.F32, t.dtype(), t.name());
        }
        assertEquals(Precision.FLOAT32, ModelFiles.load(model).precision());
        TutorialCli.Run loaded = TutorialCli.succeed("--load-model", model.toString(), "--batches", "0",
                "--batch-size", "4", "--out", temp.resolve("b").toString());
        assertTrue(loaded.out().contains("precision float32"), loaded.out());
        TutorialCli.Run converted = TutorialCli.succeed("--load-model", model.toString(), "--dtype", "float64",
                "--batches", "0", "--batch-size", "4", "--out", temp.resolve("c").toString());
        assertFalse(converted.out().contains("precision float32"), converted.out());
    }

    @Test
    void anUnknownDtypeIsRefusedNamingTheValue() {
        TutorialCli.Run run = TutorialCli.run("--dtype", "float16", "--out", temp.resolve("x").toString());
        assertEquals(2, run.status(), run.err());
        assertTrue(run.err().contains("dtype 'float16' is not a precision: expected float64 or float32"), run.err());
        assertFalse(run.err().contains("at io.github"), "no stack trace: " + run.err());
    }
}
