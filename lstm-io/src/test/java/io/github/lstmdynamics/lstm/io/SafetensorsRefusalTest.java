package io.github.lstmdynamics.lstm.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every broken rule of the safetensors format is refused with a {@link SafetensorsFormatException} whose
 * message names the file, the tensor (when there is one) and the problem. Each test makes one hand-written
 * file with one fault.
 */
class SafetensorsRefusalTest {

    @TempDir
    Path dir;

    /** A header of one F64 tensor "w" of shape [2] at the given offsets, plus 16 bytes of data. */
    private Path oneTensor(String entry) throws IOException {
        return TestData.rawFile(dir.resolve("bad.safetensors"), "{\"w\":" + entry + "}", TestData.f64(1.0, 2.0));
    }

    private static SafetensorsFormatException refused(Path file, String... fragments) {
        SafetensorsFormatException e = assertThrows(SafetensorsFormatException.class, () -> Safetensors.read(file));
        assertTrue(e.getMessage().startsWith(file.getFileName() + ": "), "names the file: " + e.getMessage());
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), "'" + fragment + "' in: " + e.getMessage());
        }
        return e;
    }

    @Test
    void aValidFileOfTheSameShapeIsRead() throws IOException {
        SafetensorsContents c = Safetensors.read(oneTensor("{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]}"));
        assertEquals(1, c.tensors().size());
        assertEquals(2.0, c.tensors().get(0).values()[1]);
    }

    @Test
    void aFileShorterThanTheLengthField() throws IOException {
        Path empty = Files.write(dir.resolve("empty.safetensors"), new byte[0]);
        refused(empty, "0 bytes", "fewer than the 8");
        Path five = Files.write(dir.resolve("five.safetensors"), new byte[5]);
        refused(five, "5 bytes");
    }

    @Test
    void aHeaderLengthBeyondTheFile() throws IOException {
        byte[] header = "{}".getBytes(StandardCharsets.UTF_8);
        refused(TestData.rawFile(dir.resolve("a.safetensors"), 1000, header, new byte[0]),
                "header length 1000", "larger than the 2 bytes");
    }

    @Test
    void aHeaderLengthBeyondTheLimitIsRefusedBeforeAllocating() throws IOException {
        byte[] header = "{}".getBytes(StandardCharsets.UTF_8);
        refused(TestData.rawFile(dir.resolve("a.safetensors"), Safetensors.MAX_HEADER_BYTES + 1, header, new byte[0]),
                "header length 104857601", "exceeds the limit");
        refused(TestData.rawFile(dir.resolve("b.safetensors"), -1L, header, new byte[0]),
                "header length 18446744073709551615", "exceeds the limit");
    }

    @Test
    void aHeaderThatIsNotJson() throws IOException {
        refused(TestData.rawFile(dir.resolve("a.safetensors"), "{\"w\": ", new byte[0]), "not valid JSON");
        refused(TestData.rawFile(dir.resolve("b.safetensors"), "{'w': {}}", new byte[0]), "not valid JSON");
        refused(TestData.rawFile(dir.resolve("c.safetensors"), "", new byte[0]), "not valid JSON");
        refused(TestData.rawFile(dir.resolve("d.safetensors"), "{} {}", new byte[0]), "not valid JSON", "malformed JSON at line 1 column 5");
    }

    @Test
    void aHeaderThatIsNotUtf8() throws IOException {
        byte[] header = {'{', '"', (byte) 0xff, '"', ':', '{', '}', '}'};
        refused(TestData.rawFile(dir.resolve("a.safetensors"), header.length, header, new byte[0]), "not valid UTF-8");
    }

    @Test
    void aHeaderThatIsNotAnObject() throws IOException {
        refused(TestData.rawFile(dir.resolve("a.safetensors"), "[1, 2]", new byte[0]),
                "the header must be a JSON object, found an array");
    }

    @Test
    void entriesOfTheWrongJsonType() throws IOException {
        refused(oneTensor("\"F64\""), "tensor 'w' must be an object", "found a string");
        refused(oneTensor("{\"dtype\":64,\"shape\":[2],\"data_offsets\":[0,16]}"), "tensor 'w': dtype must be a string",
                "found a number");
        refused(oneTensor("{\"dtype\":\"F64\",\"shape\":{\"0\":2},\"data_offsets\":[0,16]}"), "tensor 'w': shape must be an array");
        refused(oneTensor("{\"dtype\":\"F64\",\"shape\":[\"2\"],\"data_offsets\":[0,16]}"), "tensor 'w': shape element 0",
                "found a string");
        refused(oneTensor("{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":null}"), "tensor 'w': data_offsets must be an array",
                "found null");
        refused(TestData.rawFile(dir.resolve("m.safetensors"), "{\"__metadata__\":[\"a\"]}", new byte[0]),
                "\"__metadata__\" must be an object");
        refused(TestData.rawFile(dir.resolve("n.safetensors"), "{\"__metadata__\":{\"hidden_size\":20}}", new byte[0]),
                "metadata key 'hidden_size' must be a string value, found a number");
    }

    @Test
    void missingAndUnknownFields() throws IOException {
        refused(oneTensor("{\"dtype\":\"F64\",\"data_offsets\":[0,16]}"), "tensor 'w': missing shape");
        refused(oneTensor("{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16],\"stride\":[1]}"),
                "tensor 'w': unknown field 'stride'");
    }

    @Test
    void anUnknownDtype() throws IOException {
        refused(oneTensor("{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,16]}"), "tensor 'w': unknown dtype 'F16'");
        refused(oneTensor("{\"dtype\":\"f64\",\"shape\":[2],\"data_offsets\":[0,16]}"), "tensor 'w': unknown dtype 'f64'");
    }

    @Test
    void aShapeWithANegativeDimension() throws IOException {
        refused(oneTensor("{\"dtype\":\"F64\",\"shape\":[-2],\"data_offsets\":[0,16]}"), "tensor 'w': shape element 0",
                "-2 is negative");
    }

    @Test
    void aShapeWhoseElementCountOverflows() throws IOException {
        refused(oneTensor("{\"dtype\":\"F64\",\"shape\":[2147483647,2147483647,2147483647],\"data_offsets\":[0,16]}"),
                "tensor 'w'", "element count overflows");
        refused(oneTensor("{\"dtype\":\"F64\",\"shape\":[99999999999],\"data_offsets\":[0,16]}"), "tensor 'w'",
                "dimension above 2147483647");
        refused(oneTensor("{\"dtype\":\"F64\",\"shape\":[65536,65536],\"data_offsets\":[0,16]}"), "tensor 'w'",
                "more than a Java array can hold");
        refused(oneTensor("{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,99999999999999999999]}"),
                "tensor 'w': data_offsets", "too large");
    }

    @Test
    void dataOffsetsThatAreNotTwoNonNegativeIntegers() throws IOException {
        refused(oneTensor("{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[16]}"), "tensor 'w': data_offsets [16]",
                "must be two integers");
        refused(oneTensor("{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16,32]}"), "tensor 'w'", "must be two integers");
        refused(oneTensor("{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16.0]}"), "tensor 'w': data_offsets",
                "16.0 is not an integer");
        refused(oneTensor("{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[-16,0]}"), "tensor 'w': data_offsets",
                "-16 is negative");
        refused(oneTensor("{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,1e1]}"), "tensor 'w'", "1e1 is not an integer");
    }

    @Test
    void dataOffsetsWithBeginAfterEnd() throws IOException {
        refused(oneTensor("{\"dtype\":\"F64\",\"shape\":[0],\"data_offsets\":[16,0]}"), "tensor 'w': data_offsets [16, 0]",
                "begin is after end");
    }

    @Test
    void aByteCountThatDoesNotMatchTheShape() throws IOException {
        refused(oneTensor("{\"dtype\":\"F64\",\"shape\":[3],\"data_offsets\":[0,16]}"), "tensor 'w'",
                "span 16 bytes but shape [3] of F64 needs 24");
        refused(oneTensor("{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,16]}"), "tensor 'w'",
                "span 16 bytes but shape [2] of F32 needs 8");
    }

    @Test
    void dataOffsetsBeyondTheDataSection() throws IOException {
        Path file = TestData.rawFile(dir.resolve("a.safetensors"),
                "{\"w\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[8,24]}}", TestData.f64(1.0, 2.0));
        refused(file, "tensor 'w': data_offsets [8, 24] run past the end of the 16-byte data section");
    }

    @Test
    void overlappingTensors() throws IOException {
        Path file = TestData.rawFile(dir.resolve("a.safetensors"),
                "{\"a\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]},"
                        + "\"b\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[8,24]}}", TestData.f64(1, 2, 3));
        refused(file, "tensor 'b': data_offsets [8, 24] overlap tensor 'a'");
    }

    @Test
    void aGapBetweenTensors() throws IOException {
        Path file = TestData.rawFile(dir.resolve("a.safetensors"),
                "{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]},"
                        + "\"b\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[16,24]}}", TestData.f64(1, 2, 3));
        refused(file, "tensor 'b'", "leave a gap of 8 bytes");
        Path late = TestData.rawFile(dir.resolve("b.safetensors"),
                "{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[8,16]}}", TestData.f64(1, 2));
        refused(late, "tensor 'a'", "leave a gap of 8 bytes");
    }

    @Test
    void dataThatTheTensorsDoNotCoverExactly() throws IOException {
        Path file = TestData.rawFile(dir.resolve("a.safetensors"),
                "{\"w\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]}}", TestData.f64(1, 2, 3));
        refused(file, "the tensors cover 16 bytes but the data section has 24", "8 bytes unaccounted for");
    }

    @Test
    void aDuplicateName() throws IOException {
        Path file = TestData.rawFile(dir.resolve("a.safetensors"),
                "{\"w\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]},"
                        + "\"w\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[8,16]}}", TestData.f64(1, 2));
        refused(file, "tensor 'w' appears twice");
        refused(oneTensor("{\"dtype\":\"F64\",\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,16]}"),
                "tensor 'w': dtype appears twice");
        refused(TestData.rawFile(dir.resolve("m.safetensors"), "{\"__metadata__\":{\"a\":\"1\",\"a\":\"2\"}}", new byte[0]),
                "metadata key 'a' appears twice");
    }

    @Test
    void zeroSizedTensorsAndScalarsAreValid() throws IOException {
        Path file = TestData.rawFile(dir.resolve("a.safetensors"),
                "{\"empty\":{\"dtype\":\"F32\",\"shape\":[0,3],\"data_offsets\":[8,8]},"
                        + "\"huge_but_empty\":{\"dtype\":\"F64\",\"shape\":[2147483647,2147483647,2147483647,0],"
                        + "\"data_offsets\":[8,8]},"
                        + "\"scalar\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[0,8]}}", TestData.f64(7));
        SafetensorsContents c = Safetensors.read(file);
        assertEquals("scalar", c.tensors().get(0).name(), "data-offset order");
        assertEquals(7.0, c.tensors().get(0).values()[0]);
        assertEquals(0, c.tensors().get(1).values().length);
        assertEquals(0, c.tensors().get(2).values().length);
    }

    @Test
    void writingRefusesRepeatedOrReservedNames() {
        Tensor w = new Tensor("w", DType.F64, new int[] {1}, new double[] {1});
        Path file = dir.resolve("w.safetensors");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Safetensors.write(file, java.util.Map.of(), java.util.List.of(w, w)));
        assertTrue(e.getMessage().contains("'w' appears twice"), e.getMessage());
        Tensor reserved = new Tensor("__metadata__", DType.F64, new int[] {1}, new double[] {1});
        assertThrows(IllegalArgumentException.class,
                () -> Safetensors.write(file, java.util.Map.of(), java.util.List.of(reserved)));
        assertTrue(Files.notExists(file));
    }
}
