package io.github.lstmdynamics.lstm.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces whole files atomically and durably, so that a process killed (or a machine losing power) at
 * any moment leaves either the old complete file or the new complete file at the target path, never a
 * mixture or a truncated file.
 *
 * <p>A write goes to a new temporary file {@code .NAME.PID.N.tmp} in the target's directory (the same
 * file system, so the rename is atomic). The bytes are written, flushed to the device with
 * {@link FileChannel#force(boolean) force(true)}, the file is closed and renamed over the target with
 * {@link StandardCopyOption#ATOMIC_MOVE} (a plain replacing move where the file system cannot do an
 * atomic one), and then the directory itself is flushed so that the rename is durable (on platforms that
 * cannot open a directory for that, such as Windows, this last step is skipped). On any failure the
 * temporary file is removed and the target is left as it was.
 *
 * <p>A process killed in the middle of a write leaves its temporary file behind. The next write to the
 * same target removes such leftovers of processes that are no longer running, so at most one leftover
 * per killed writer exists at any time, and none after a later successful write. The new file gets the
 * usual permissions of a new file (the umask's).
 */
public final class AtomicFiles {

    private static final AtomicLong COUNTER = new AtomicLong();
    private static final Pattern TEMPORARY = Pattern.compile("\\.(.+)\\.(\\d+)\\.(\\d+)\\.tmp");

    private AtomicFiles() {
    }

    /**
     * Writes the bytes to the target atomically, replacing any existing file; creates missing parent
     * directories.
     *
     * @param target the file to create or replace
     * @param bytes  the complete new contents
     * @throws IOException          if a step fails; the target is then unchanged and the temporary file
     *                              removed
     * @throws NullPointerException if an argument is null
     */
    public static void write(Path target, byte[] bytes) throws IOException {
        Objects.requireNonNull(bytes, "bytes");
        write(target, channel -> {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        });
    }

    /** What writes the new contents into the (empty) temporary file. */
    interface Contents {
        void writeTo(FileChannel channel) throws IOException;
    }

    /** Writes the contents to the target atomically (see the class comment). */
    static void write(Path target, Contents contents) throws IOException {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(contents, "contents");
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        String name = absolute.getFileName().toString();
        Files.createDirectories(directory);
        removeLeftovers(directory, name);
        Path temporary = createTemporary(directory, name);
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                contents.writeTo(channel);
                channel.force(true);
            }
            try {
                Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(temporary);
            }
        }
        forceDirectory(directory);
    }

    /** A new empty file ".name.pid.n.tmp" in the directory, unique for this process. */
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

    /**
     * Best effort: deletes temporary files for this target left by writers that are no longer running
     * (killed mid-write). Files of running processes, this one included, are left alone.
     */
    private static void removeLeftovers(Path directory, String name) {
        String prefix = "." + name + ".";
        DirectoryStream.Filter<Path> candidates = f -> f.getFileName().toString().startsWith(prefix)
                && f.getFileName().toString().endsWith(".tmp"); // not a glob: the name may hold * or [
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, candidates)) {
            for (Path file : files) {
                Matcher m = TEMPORARY.matcher(file.getFileName().toString());
                if (!m.matches() || !m.group(1).equals(name)) {
                    continue;
                }
                long pid;
                try {
                    pid = Long.parseLong(m.group(2));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).isEmpty()) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException | RuntimeException e) {
            // cleaning up is a courtesy: a failure here must not fail the write
        }
    }

    /** Makes the rename durable where the platform allows opening a directory; ignored elsewhere. */
    private static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            // Windows and some file systems cannot open or sync a directory: the rename is still atomic
        }
    }
}
