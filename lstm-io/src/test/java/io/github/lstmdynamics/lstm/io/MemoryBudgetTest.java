package io.github.lstmdynamics.lstm.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lstmdynamics.lstm.LstmRegressor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reading is bounded by a memory budget that is checked from the header before any data is read: a
 * well-formed file that declares gigabytes of tensors (a sparse file, a few kilobytes on disk) is refused
 * with an {@link IOException} at once, in a JVM with a 64 MB heap, by each of the three readers; and a
 * file within the budget is read holding each tensor once.
 */
class MemoryBudgetTest {

    private static final long GIB = 1L << 30;
    private static final String CHECKPOINT_METADATA = "\"format\":\"lstm-dynamics.checkpoint\",\"format_version\":\"1\","
            + "\"input_size\":\"1\",\"hidden_size\":\"1\",\"output_size\":\"1\",\"num_layers\":\"1\",\"bias\":\"false\","
            + "\"batches_done\":\"0\",\"optimizer.learning_rate\":\"0.1\",\"optimizer.momentum\":\"0.0\","
            + "\"optimizer.dampening\":\"0.0\",\"optimizer.weight_decay\":\"0.0\",\"optimizer.nesterov\":\"false\"";

    @TempDir
    static Path dir;

    static Stream<Arguments> hugeFiles() {
        return Stream.of(
                Arguments.of("Safetensors.read", "one 17 GB tensor", "junk17"),
                Arguments.of("ModelFiles.load", "one 17 GB tensor called junk", "junk17"),
                Arguments.of("ModelFiles.load", "a 4 GB model", "model4"),
                Arguments.of("Safetensors.read", "a 4 GB model", "model4"),
                Arguments.of("Checkpoints.load", "a checkpoint with a 17 GB array", "checkpoint17"));
    }

    /** Creates the sparse file of that name (apparent size in gigabytes, a few kilobytes on disk). */
    private static Path sparse(String name) throws IOException {
        Path file = dir.resolve(name + ".safetensors");
        if (Files.exists(file)) {
            return file;
        }
        int max = 2_147_000_000; // 17.2 GB of F64, near the largest Java array
        switch (name) {
            case "junk17" -> SparseFiles.write(file, "", SparseFiles.f64("junk", 0, max), SparseFiles.bytes(max));
            case "model4" -> {
                long h = 11_585; // weight_hh_l0 [4H, H]: 537 million values, 4.3 GB
                long[][] shapes = {{4 * h, 2}, {4 * h, h}, {4 * h}, {4 * h}, {2, h}, {2}};
                String[] names = {"lstm.weight_ih_l0", "lstm.weight_hh_l0", "lstm.bias_ih_l0", "lstm.bias_hh_l0",
                    "output.weight", "output.bias"};
                StringBuilder json = new StringBuilder();
                long offset = 0;
                for (int k = 0; k < names.length; k++) {
                    json.append(k == 0 ? "" : ",").append(SparseFiles.f64(names[k], offset, shapes[k]));
                    offset += SparseFiles.bytes(shapes[k]);
                }
                SparseFiles.write(file, "", json.toString(), offset);
            }
            case "checkpoint17" -> {
                String tensors = SparseFiles.f64("lstm.weight_ih_l0", 0, 4, 1) + ","
                        + SparseFiles.f64("lstm.weight_hh_l0", 32, 4, 1) + ","
                        + SparseFiles.f64("output.weight", 64, 1, 1) + ","
                        + SparseFiles.f64("arrays.loss_history", 72, max);
                SparseFiles.write(file, CHECKPOINT_METADATA, tensors, 72 + SparseFiles.bytes(max));
            }
            default -> throw new IllegalArgumentException(name);
        }
        assertTrue(Files.size(file) > 4 * GIB - GIB / 2, "apparent size " + Files.size(file));
        return file;
    }

    @ParameterizedTest(name = "{0} refuses {1} under -Xmx64m with an IOException")
    @MethodSource("hugeFiles")
    void aFileDeclaringGigabytesIsRefusedBeforeItsDataIsRead(String reader, String what, String name) throws Exception {
        String line = runChild("-Xmx64m", reader, sparse(name));
        assertTrue(line.startsWith("refused: "), reader + " on " + what + ": " + line);
        if (name.equals("junk17") && reader.equals("ModelFiles.load")) {
            assertTrue(line.contains("'junk'"), "the names are checked before the data: " + line);
        } else {
            assertTrue(line.contains("more than the memory budget of"), line);
            assertTrue(line.contains("-Xmx"), "the default budget says where it comes from: " + line);
        }
    }

    /**
     * A file of one 48 MB tensor fits the default budget of a 128 MB heap (half of it) and is read; held
     * twice (read, then copied), it would not fit the heap.
     */
    @Test
    void aFileWithinTheBudgetIsReadHoldingEachTensorOnce() throws Exception {
        long values = 6L << 20;
        Path file = dir.resolve("48mb.safetensors");
        SparseFiles.write(file, "", SparseFiles.f64("big", 0, values), SparseFiles.bytes(values));
        assertEquals("loaded", runChild("-Xmx128m", "Safetensors.read", file));
    }

    @Test
    void theBudgetIsAnArgumentOfEachReader() throws Exception {
        LstmRegressor model = new LstmRegressor(2, 6, 2, 1L);
        Path file = dir.resolve("model.safetensors");
        ModelFiles.save(model, file);
        long parameters = model.parameters().stream().mapToLong(p -> p.size()).sum();

        assertEquals(model.parameters().size(), Safetensors.read(file, 8 * parameters).tensors().size());
        IOException read = assertThrows(IOException.class, () -> Safetensors.read(file, 8 * parameters - 1));
        assertEquals("model.safetensors: its 6 tensor(s) declare " + parameters + " values; holding them as doubles"
                + " takes " + 8 * parameters + " bytes, more than the memory budget of " + (8 * parameters - 1)
                + " bytes", read.getMessage());

        ModelFiles.load(file, 64 * parameters);
        IOException load = assertThrows(IOException.class, () -> ModelFiles.load(file, 64 * parameters - 1));
        assertTrue(load.getMessage().contains("a model of them takes " + 64 * parameters + " bytes"),
                load.getMessage());

        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> ModelFiles.load(file, -1));
        assertEquals("maxBytes must be at least 0; got -1", negative.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Checkpoints.load(file, -1));
        assertThrows(IllegalArgumentException.class, () -> Safetensors.read(file, -1));
        assertEquals(Runtime.getRuntime().maxMemory() / 2, Safetensors.defaultMaxBytes());
    }

    /** Runs {@link LoadingProcess} with the heap limit and returns its one line. */
    private static String runChild(String heap, String reader, Path file) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), heap, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), LoadingProcess.class.getName(), reader, file.toString())
                .redirectErrorStream(true).start();
        try (InputStream out = child.getInputStream()) {
            // a refusal takes well under a second; reading gigabytes would take minutes
            if (!child.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError(reader + " on " + file.getFileName() + " still running after 60 s");
            }
            return new String(out.readAllBytes(), StandardCharsets.UTF_8).strip();
        } finally {
            child.destroyForcibly();
        }
    }
}
