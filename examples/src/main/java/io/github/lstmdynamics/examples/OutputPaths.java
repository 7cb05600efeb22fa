package io.github.lstmdynamics.examples;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every file a tutorial run will write, with the option that chose it, checked before any work starts so
 * that a run is never lost for want of a place to save it and no output overwrites another: the five
 * files in {@code --out}, the checkpoint (when checkpointing) and {@code --save-model}.
 *
 * <p>The files must be distinct (compared as absolute, normalized paths with symbolic links of the
 * existing directories resolved), none may be an existing directory, and every directory they go in
 * must be creatable and writable: a temporary file is created (and deleted) in the deepest directory
 * that exists, which tells more than permission bits (read-only file systems, {@code /proc}, ACLs). An
 * error names the option, the path and the operating system's reason.
 */
final class OutputPaths {

    /** The files a run always writes into {@code --out}. */
    static final List<String> FILES = List.of("flow-field.png", "predictions.png", "loss.png", "loss.csv",
            "predictions.csv");

    /** One output file and the option that chose it, for messages ("--out out" or "--save-model m.st"). */
    private record Output(String option, Path path) {
    }

    private final List<Output> outputs;

    private OutputPaths(List<Output> outputs) {
        this.outputs = outputs;
    }

    /**
     * The outputs of a run.
     *
     * @param out       the output directory
     * @param files     what else the run saves: checkpoints (if {@code checkpointEvery > 0}) and the model
     */
    static OutputPaths of(Path out, PersistenceOptions files) {
        List<Output> outputs = new ArrayList<>();
        for (String name : FILES) {
            outputs.add(new Output("--out " + out, out.resolve(name)));
        }
        if (files.checkpointEvery() > 0) {
            outputs.add(new Output("--checkpoint-every (in --out " + out + ")",
                    out.resolve(PersistenceOptions.CHECKPOINT_FILE)));
        }
        if (files.saveModel() != null) {
            outputs.add(new Output("--save-model " + files.saveModel(), files.saveModel()));
        }
        return new OutputPaths(outputs);
    }

    /**
     * Checks the outputs (see the class comment); creates nothing that stays.
     *
     * @throws IllegalArgumentException naming the option, the path and the reason
     */
    void check() {
        Map<Path, Output> seen = new HashMap<>();
        Set<Path> directories = new LinkedHashSet<>();
        for (Output output : outputs) {
            Path file = canonical(output);
            Output earlier = seen.putIfAbsent(file, output);
            if (earlier != null) {
                throw new IllegalArgumentException(output.option() + ": " + output.path() + " is the same file as "
                        + earlier.path() + " that " + earlier.option() + " writes; each output needs its own file");
            }
            if (Files.isDirectory(output.path())) {
                throw new IllegalArgumentException(output.option() + ": " + output.path()
                        + " is a directory; expected the path of a file");
            }
            directories.add(file.getParent());
        }
        for (Output output : outputs) {
            Path directory = canonical(output).getParent();
            if (directories.remove(directory)) {
                requireWritable(output, directory);
            }
        }
    }

    /**
     * The absolute, normalized path, with the symbolic links of its deepest existing directory resolved.
     */
    private static Path canonical(Output output) {
        Path absolute = output.path().toAbsolutePath().normalize();
        Path existing = deepestExisting(absolute.getParent());
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute));
        } catch (IOException e) {
            return absolute;
        }
    }

    /** The directory itself if it exists, else its nearest ancestor that exists (null if none). */
    private static Path deepestExisting(Path directory) {
        Path existing = directory;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing;
    }

    /** The directory (or the nearest that exists, where the rest will be created) takes a new file. */
    private static void requireWritable(Output output, Path directory) {
        Path existing = deepestExisting(directory);
        if (existing == null) {
            throw new IllegalArgumentException(output.option() + ": no part of " + directory + " exists");
        }
        if (!Files.isDirectory(existing)) {
            throw new IllegalArgumentException(output.option() + ": cannot write " + output.path() + ": "
                    + existing + " is not a directory");
        }
        try {
            Path probe = Files.createTempFile(existing, ".vanderpol-tutorial-", ".probe");
            Files.delete(probe);
        } catch (IOException e) {
            String where = existing.equals(directory) ? "in " + existing
                    : "in " + existing + " (to create " + directory + ")";
            throw new IllegalArgumentException(output.option() + ": cannot write " + output.path()
                    + ": cannot create a file " + where + ": " + reason(e), e);
        }
    }

    /** The operating system's reason for a failed file operation, in words. */
    static String reason(IOException e) {
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
