package io.github.lstmdynamics.lstm.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole-file replacement: the new bytes or the old ones, and no temporary files left behind. */
class AtomicFilesTest {

    @TempDir
    Path dir;

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesAndReplacesCreatingParentDirectories() throws IOException {
        Path file = dir.resolve("sub/deeper/a.bin");
        AtomicFiles.write(file, new byte[] {1, 2, 3});
        AtomicFiles.write(file, new byte[] {4, 5});
        assertArrayEquals(new byte[] {4, 5}, Files.readAllBytes(file));
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left");
        }
        AtomicFiles.write(file, new byte[0]);
        assertEquals(0, Files.size(file));
    }

    @Test
    void aRelativePathInTheWorkingDirectoryWorks() throws IOException {
        Path relative = Path.of("target", "atomic-files-test.bin");
        try {
            AtomicFiles.write(relative, "x".getBytes(StandardCharsets.UTF_8));
            assertEquals("x", Files.readString(relative));
        } finally {
            Files.deleteIfExists(relative);
        }
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporary() throws IOException {
        Path file = dir.resolve("a.bin");
        AtomicFiles.write(file, new byte[] {1, 2, 3});
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(file, channel -> {
            channel.write(ByteBuffer.wrap(new byte[] {9, 9}));
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(file));
        assertEquals(List.of("a.bin"), names());
    }

    @Test
    void leftoversOfDeadWritersAreRemovedThoseOfLiveOnesKept() throws Exception {
        Process gone = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-version").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(gone.waitFor(30, TimeUnit.SECONDS));
        long deadPid = gone.pid();
        long livePid = ProcessHandle.current().parent().orElseThrow().pid(); // surefire's Maven process
        Files.write(dir.resolve(".a.bin." + deadPid + ".1.tmp"), new byte[] {1});
        Files.write(dir.resolve(".a.bin." + livePid + ".1.tmp"), new byte[] {1});
        Files.write(dir.resolve(".other.bin." + deadPid + ".1.tmp"), new byte[] {1});
        AtomicFiles.write(dir.resolve("a.bin"), new byte[] {7});
        assertEquals(List.of(".a.bin." + livePid + ".1.tmp", ".other.bin." + deadPid + ".1.tmp", "a.bin"), names(),
                "only the dead writer's leftover of this target is removed");
    }
}
