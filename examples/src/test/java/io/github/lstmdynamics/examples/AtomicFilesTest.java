package io.github.lstmdynamics.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path temp;

    @Test
    void replacesTheFileAndLeavesNoTemporaryBehind() throws Exception {
        Path file = temp.resolve("sub/a.csv");
        AtomicFiles.write(file, "first\n");
        AtomicFiles.write(file, "second\n");
        assertEquals("second\n", Files.readString(file));
        try (Stream<Path> listing = Files.list(file.getParent())) {
            assertEquals(List.of("a.csv"), listing.map(p -> p.getFileName().toString()).collect(Collectors.toList()));
        }
    }
}
