package io.github.lstmdynamics.lstm.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.lstmdynamics.lstm.LstmRegressor;
import io.github.lstmdynamics.lstm.Sgd;
import io.github.lstmdynamics.lstm.SgdOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's usage example, compiled and run. The region between the markers is the README's code
 * block verbatim (indentation removed): consumer-check's {@code ReadmeExamplesTest} compares them.
 */
class ReadmeExampleTest {

    @Test
    void readmeExample(@TempDir Path directory) throws IOException {
        // README-BEGIN
        // A model as safetensors, with PyTorch's state_dict names and the architecture in the metadata.
        LstmRegressor model = new LstmRegressor(2, 20, 2, 42L);
        ModelFiles.save(model, directory.resolve("model.safetensors"));            // F64; DType.F32 halves it
        LstmRegressor loaded = ModelFiles.load(directory.resolve("model.safetensors"));

        // A checkpoint: model, optimizer (options and momentum), batches done, and your own state.
        Sgd sgd = new Sgd(model.parameters(), SgdOptions.of(0.05).withMomentum(0.9));
        Checkpoints.save(directory.resolve("checkpoint.safetensors"), new Checkpoint(model, sgd, 100,
                Map.of("data_seed", "1", "next_batch", "100"), Map.of("losses", new double[] {0.5, 0.25})));
        Checkpoint resumed = Checkpoints.load(directory.resolve("checkpoint.safetensors"));
        long nextBatch = Long.parseLong(resumed.state().get("next_batch"));  // train on with resumed.model()
        model.close();  // models are AutoCloseable: close ends their worker threads
        loaded.close();
        resumed.model().close();
        // README-END

        assertArrayEquals(model.parameter("output.weight").toArray(), loaded.parameter("output.weight").toArray());
        assertEquals(100, nextBatch);
        assertEquals(100, resumed.batchesDone());
        assertEquals(0.9, ((Sgd) resumed.optimizer()).options().momentum());
    }
}
