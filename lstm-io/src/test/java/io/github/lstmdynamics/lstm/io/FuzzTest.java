package io.github.lstmdynamics.lstm.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lstmdynamics.lstm.LstmRegressor;
import io.github.lstmdynamics.lstm.Parameter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property: a valid file changed at random (truncated, bits flipped, its header text edited: a digit, a
 * dtype, a name, a bracket; its length field changed; bytes inserted) is either loaded correctly (the
 * model holds exactly the values the file holds) or refused with an {@link IOException} (here always a
 * {@link SafetensorsFormatException} naming the file); never another exception, never a hang. Each case is one seed (in its display name); the base file is a model with
 * metadata (F64), a model without metadata (F32), or a checkpoint, by seed modulo 3.
 */
class FuzzTest {

    private static final int CASES = 450;

    @TempDir
    static Path dir;

    private static byte[][] bases;
    private static final AtomicInteger LOADED = new AtomicInteger();
    private static final AtomicInteger REFUSED = new AtomicInteger();

    /** The damage is neither always harmless nor always fatal (about 1 in 12 files still loads). */
    @AfterAll
    static void bothOutcomesOccur() {
        if (LOADED.get() + REFUSED.get() == CASES) {
            assertTrue(LOADED.get() >= CASES / 50, LOADED + " loaded");
            assertTrue(REFUSED.get() >= CASES / 2, REFUSED + " refused");
        }
    }

    @BeforeAll
    static void writeBaseFiles() throws IOException {
        LstmRegressor model = new LstmRegressor(2, 3, 2, 1, true, 1L);
        Path withMetadata = dir.resolve("base-model.safetensors");
        ModelFiles.save(model, withMetadata);
        Path withoutMetadata = dir.resolve("base-pytorch.safetensors");
        Safetensors.write(withoutMetadata, Map.of(), ModelFiles.tensors(new LstmRegressor(2, 2, 1, 2, false, 2L),
                DType.F32));
        Path checkpoint = dir.resolve("base-checkpoint.safetensors");
        Checkpoints.save(checkpoint, CheckpointsTest.trained(3L, 2, Map.of("next_batch", "3"),
                Map.of("losses", new double[] {3, 2, 1})));
        bases = new byte[][] {Files.readAllBytes(withMetadata), Files.readAllBytes(withoutMetadata),
                Files.readAllBytes(checkpoint)};
    }

    static LongStream seeds() {
        return LongStream.range(0, CASES);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aDamagedFileIsLoadedCorrectlyOrRefused(long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        int kind = (int) (seed % 3);
        byte[] damaged = mutate(bases[kind], random);
        Path file = dir.resolve("case-" + seed + ".safetensors");
        Files.write(file, damaged);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            try {
                if (kind == 2) {
                    Checkpoint loaded = Checkpoints.load(file);
                    assertHoldsTheFilesValues(loaded.model(), file);
                } else {
                    assertHoldsTheFilesValues(ModelFiles.load(file), file);
                }
                LOADED.incrementAndGet();
            } catch (IOException refused) {
                // the file exists and is readable: every refusal is a format refusal that says why
                assertEquals(SafetensorsFormatException.class, refused.getClass(), refused::toString);
                assertTrue(refused.getMessage().startsWith(file.getFileName() + ": "), refused.getMessage());
                REFUSED.incrementAndGet();
            }
        }, () -> "seed " + seed + " hangs");
        Files.delete(file);
    }

    /** A loaded model is exactly what the file holds. */
    private static void assertHoldsTheFilesValues(LstmRegressor model, Path file) throws IOException {
        SafetensorsContents contents = Safetensors.read(file);
        for (Parameter p : model.parameters()) {
            Tensor t = contents.tensor(p.name());
            assertNotNull(t, p.name());
            assertArrayEquals(t.shape(), p.shape(), p.name());
            assertArrayEquals(t.values(), p.toArray(), p.name());
        }
    }

    /** One random damage, chosen and placed by the random generator. */
    static byte[] mutate(byte[] base, SplittableRandom random) {
        int headerLength = (int) ByteBuffer.wrap(base, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        int headerEnd = 8 + headerLength;
        byte[] bytes = base.clone();
        switch (random.nextInt(8)) {
            case 0 -> { // truncate anywhere
                return Arrays.copyOf(bytes, random.nextInt(bytes.length));
            }
            case 1 -> { // flip bits anywhere
                for (int n = 1 + random.nextInt(4); n > 0; n--) {
                    bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 2 -> { // flip bits in the length field or the header
                for (int n = 1 + random.nextInt(3); n > 0; n--) {
                    bytes[random.nextInt(headerEnd)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 3 -> { // change a digit of the header
                replaceOneOf(bytes, headerEnd, "0123456789", "0123456789", random);
            }
            case 4 -> { // change a bracket, brace, quote, colon or comma of the header
                replaceOneOf(bytes, headerEnd, "{}[]\":,", "{}[]\":, -", random);
            }
            case 5 -> { // change a letter (of a name, a dtype, a key or a value) of the header
                replaceOneOf(bytes, headerEnd, "abcdefghijklmnopqrstuvwxyzF_.", "abcxyzFIU_.1", random);
            }
            case 6 -> { // replace a dtype or a keyword in the header, keeping or adjusting the length field
                String header = new String(bytes, 8, headerLength, StandardCharsets.UTF_8);
                String[] from = {"F64", "F32", "true", "shape", "data_offsets", "lstm.", "_l0", "__metadata__", "1"};
                String[] to = {"F16", "BF16", "F32", "F64", "I64", "f64", "", "shap", "lstm.lstm.", "_l1", "-1",
                    "99999999999999999999", "1e3", "null", "[]", "{}", "\"\""};
                String a = from[random.nextInt(from.length)];
                int at = header.indexOf(a, random.nextInt(Math.max(1, header.length() - 1)));
                if (at < 0) {
                    at = header.indexOf(a);
                }
                if (at >= 0) {
                    String edited = header.substring(0, at) + to[random.nextInt(to.length)]
                            + header.substring(at + a.length());
                    return withHeader(bytes, headerEnd, edited, random.nextBoolean());
                }
            }
            default -> { // change the length field, or insert random bytes
                if (random.nextBoolean()) {
                    long length = switch (random.nextInt(4)) {
                        case 0 -> headerLength + random.nextInt(-16, 17);
                        case 1 -> random.nextLong();
                        case 2 -> random.nextLong(0, bytes.length + 16);
                        default -> Safetensors.MAX_HEADER_BYTES + random.nextInt(2);
                    };
                    ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(length);
                } else {
                    int at = random.nextInt(bytes.length + 1);
                    byte[] extra = new byte[1 + random.nextInt(16)];
                    random.nextBytes(extra);
                    byte[] longer = new byte[bytes.length + extra.length];
                    System.arraycopy(bytes, 0, longer, 0, at);
                    System.arraycopy(extra, 0, longer, at, extra.length);
                    System.arraycopy(bytes, at, longer, at + extra.length, bytes.length - at);
                    return longer;
                }
            }
        }
        return bytes;
    }

    private static void replaceOneOf(byte[] bytes, int headerEnd, String targets, String replacements,
            SplittableRandom random) {
        int start = 8 + random.nextInt(headerEnd - 8);
        for (int k = 0; k < headerEnd - 8; k++) {
            int at = 8 + (start - 8 + k) % (headerEnd - 8);
            if (targets.indexOf(bytes[at]) >= 0) {
                bytes[at] = (byte) replacements.charAt(random.nextInt(replacements.length()));
                return;
            }
        }
    }

    /** The file with another header text; the length field follows it or keeps its old value. */
    private static byte[] withHeader(byte[] bytes, int headerEnd, String header, boolean adjustLength) {
        byte[] text = header.getBytes(StandardCharsets.UTF_8);
        byte[] result = new byte[8 + text.length + bytes.length - headerEnd];
        long declared = adjustLength ? text.length : headerEnd - 8;
        ByteBuffer.wrap(result, 0, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(declared);
        System.arraycopy(text, 0, result, 8, text.length);
        System.arraycopy(bytes, headerEnd, result, 8 + text.length, bytes.length - headerEnd);
        assertEquals(result.length, 8 + text.length + bytes.length - headerEnd);
        return result;
    }
}
