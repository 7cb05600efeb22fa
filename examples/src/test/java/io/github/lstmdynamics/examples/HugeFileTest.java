package io.github.lstmdynamics.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * --load-model and --resume given a well-formed file that declares gigabytes of tensors (a sparse file, a
 * few kilobytes on disk) refuse it at once with one line and exit status 2, in a JVM with a 64 MB heap:
 * the tutorial used to run for a minute, grow to gigabytes and die with an OutOfMemoryError.
 */
class HugeFileTest {

    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0} a 17 GB file")
    @ValueSource(strings = {"--load-model", "--resume"})
    void aFileDeclaringGigabytesIsRefusedAtOnce(String option) throws Exception {
        Path file = temp.resolve("huge.safetensors");
        long values = 2_147_000_000L;
        String metadata = option.equals("--resume")
                ? "\"__metadata__\":{\"format\":\"lstm-dynamics.checkpoint\",\"format_version\":\"1\","
                + "\"input_size\":\"2\",\"hidden_size\":\"1\",\"output_size\":\"2\",\"num_layers\":\"1\","
                + "\"bias\":\"false\",\"batches_done\":\"0\",\"optimizer.learning_rate\":\"0.05\","
                + "\"optimizer.momentum\":\"0.0\",\"optimizer.dampening\":\"0.0\",\"optimizer.weight_decay\":\"0.0\","
                + "\"optimizer.nesterov\":\"false\"},"
                : "";
        String tensors = "\"lstm.weight_ih_l0\":{\"dtype\":\"F64\",\"shape\":[4,2],\"data_offsets\":[0,64]},"
                + "\"lstm.weight_hh_l0\":{\"dtype\":\"F64\",\"shape\":[4,1],\"data_offsets\":[64,96]},"
                + "\"output.weight\":{\"dtype\":\"F64\",\"shape\":[2,1],\"data_offsets\":[96,112]},"
                + "\"" + (option.equals("--resume") ? "arrays.loss_history" : "junk") + "\":{\"dtype\":\"F64\",\"shape\":["
                + values + "],\"data_offsets\":[112," + (112 + 8 * values) + "]}";
        writeSparse(file, "{" + metadata + tensors + "}", 112 + 8 * values);

        Path out = temp.resolve("out");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                VanDerPolTutorial.class.getName(), option, file.toString(), "--out", out.toString())
                .redirectErrorStream(true).start();
        // refused in well under a second; reading 17 GB would take minutes, or end in an OutOfMemoryError
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "still running after 60 s");
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, child.exitValue(), output);
        List<String> lines = output.lines().filter(line -> !line.startsWith("WARNING")).toList();
        assertEquals(2, lines.size(), "one line and the pointer to --help: " + output);
        assertTrue(lines.get(0).startsWith("vanderpol-tutorial: " + option + " " + file), output);
        assertTrue(option.equals("--resume") ? lines.get(0).contains("more than the memory budget")
                : lines.get(0).contains("'junk'"), output);
        assertTrue(Files.notExists(out), "nothing written");
    }

    private static void writeSparse(Path file, String json, long dataBytes) throws Exception {
        byte[] text = json.getBytes(StandardCharsets.UTF_8);
        int padded = (text.length + 7) / 8 * 8;
        ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        head.putLong(padded).put(text);
        while (head.hasRemaining()) {
            head.put((byte) ' ');
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.write(head.array());
            raf.setLength(8L + padded + dataBytes);
        }
    }
}
