package io.github.lstmdynamics.lstm.io;

import io.github.lstmdynamics.lstm.LstmRegressor;
import io.github.lstmdynamics.lstm.Parameter;
import io.github.lstmdynamics.lstm.SequenceBatch;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** Models, inputs and hand-made files for the tests. */
final class TestData {

    private TestData() {
    }

    /** A random input batch [steps, batch, features] in [-1, 1). */
    static SequenceBatch input(SplittableRandom random, int steps, int batch, int features) {
        SequenceBatch x = SequenceBatch.zeros(steps, batch, features);
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < batch; b++) {
                for (int f = 0; f < features; f++) {
                    x.set(t, b, f, random.nextDouble(-1, 1));
                }
            }
        }
        return x;
    }

    /** All parameter values of a model, by parameter, in state_dict order. */
    static double[][] parameters(LstmRegressor model) {
        return model.parameters().stream().map(Parameter::toArray).toArray(double[][]::new);
    }

    /** A file of: the header length, the header text (UTF-8, as given), the data bytes. */
    static Path rawFile(Path file, String header, byte[] data) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        return rawFile(file, h.length, h, data);
    }

    /** A file of: the given header length (whatever the real one), the header bytes, the data bytes. */
    static Path rawFile(Path file, long declaredLength, byte[] header, byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(declaredLength).array());
        out.write(header);
        out.write(data);
        Files.write(file, out.toByteArray());
        return file;
    }

    /** Little-endian F64 bytes of the values. */
    static byte[] f64(double... values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            b.putDouble(v);
        }
        return b.array();
    }

    /** Little-endian F32 bytes of the values. */
    static byte[] f32(float... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    /** The header text of a safetensors file (without the padding spaces). */
    static String headerText(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        return new String(bytes, 8, (int) n, StandardCharsets.UTF_8).strip();
    }

    /** The header length N of a safetensors file. */
    static long headerLength(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }
}
