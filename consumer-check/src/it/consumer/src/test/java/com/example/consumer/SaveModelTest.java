package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.lstmdynamics.lstm.*;
import io.github.lstmdynamics.lstm.io.*;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's lstm-io example, from outside the library's packages: it compiles only if every type it
 * uses is public, and runs with lstm-io's own dependencies (Gson) as Maven resolves them for a user.
 * The region between the markers is the README's code block, character for character.
 */
class SaveModelTest {

    @Test
    void modelAndCheckpointRoundTrip(@TempDir Path directory) throws IOException {
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
        assertEquals(0.9, ((Sgd) resumed.optimizer()).options().momentum());
    }
}
