package io.github.lstmdynamics.examples;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes whole files atomically: the bytes go to a temporary file in the same directory, which is then
 * renamed over the target, so a reader (or a crash) never sees a half-written file. The file gets the
 * usual permissions of a new file (the umask's), not the owner-only ones of
 * {@link Files#createTempFile}.
 */
final class AtomicFiles {

    private static final AtomicLong COUNTER = new AtomicLong();

    private AtomicFiles() {
    }

    /** Writes bytes to target atomically, replacing any existing file. */
    static void write(Path target, byte[] bytes) throws IOException {
        Path directory = target.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temporary = createTemporary(directory, target.getFileName().toString());
        try {
            try (OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.WRITE)) {
                out.write(bytes);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Writes text as UTF-8 to target atomically. */
    static void write(Path target, CharSequence text) throws IOException {
        write(target, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A new empty file ".name.pid.n.tmp" in directory, unique for this process. */
    private static Path createTemporary(Path directory, String name) throws IOException {
        long pid = ProcessHandle.current().pid();
        while (true) {
            Path candidate = directory.resolve("." + name + "." + pid + "." + COUNTER.incrementAndGet() + ".tmp");
            try {
                return Files.createFile(candidate);
            } catch (FileAlreadyExistsException e) {
                // left by an earlier process with the same pid: try the next number
            }
        }
    }
}
