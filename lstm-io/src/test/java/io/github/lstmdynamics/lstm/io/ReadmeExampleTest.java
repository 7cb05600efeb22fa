package io.github.lstmdynamics.lstm.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lstmdynamics.lstm.LstmRegressor;
import io.github.lstmdynamics.lstm.Sgd;
import io.github.lstmdynamics.lstm.SgdOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The usage example of the README, compiled and run; the region between the markers is copied verbatim. */
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
        // README-END

        assertArrayEquals(model.parameter("output.weight").toArray(), loaded.parameter("output.weight").toArray());
        assertEquals(100, nextBatch);
        assertEquals(100, resumed.batchesDone());
        assertEquals(0.9, resumed.optimizer().options().momentum());
    }

    /** The README quotes the region above verbatim (indentation removed), so it cannot go stale. */
    @Test
    void readmeQuotesThisExampleVerbatim() throws IOException {
        Path sourceFile = Path.of("src/test/java", getClass().getName().replace('.', '/') + ".java");
        List<String> source = Files.readAllLines(sourceFile);
        List<String> region = source.subList(
                source.indexOf("        // README-BEGIN") + 1, source.indexOf("        // README-END"));
        String quoted = region.stream()
                .map(line -> line.isBlank() ? "" : line.substring(8))
                .collect(Collectors.joining("\n"));
        assertTrue(Files.readString(Path.of("..", "README.md")).contains("```java\n" + quoted + "\n```"),
                "README.md must quote the example of " + getClass().getSimpleName() + " verbatim");
    }
}
