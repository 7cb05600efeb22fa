package io.github.lstmdynamics.lstm.io;

import java.nio.file.Path;

/**
 * The child process of {@link MemoryBudgetTest}: reads a file the way a user would, with one of the three
 * readers, and prints one line: {@code refused: MESSAGE} for an {@link java.io.IOException},
 * {@code loaded} if the read succeeded, or {@code failed: THROWABLE} for anything else (an
 * {@link OutOfMemoryError} in particular).
 * <pre>
 *   java -Xmx64m -cp TEST_CLASSPATH io.github.lstmdynamics.lstm.io.LoadingProcess READER FILE
 * </pre>
 */
final class LoadingProcess {

    private LoadingProcess() {
    }

    public static void main(String[] args) {
        Path file = Path.of(args[1]);
        try {
            switch (args[0]) {
                case "Safetensors.read" -> Safetensors.read(file);
                case "ModelFiles.load" -> ModelFiles.load(file);
                case "Checkpoints.load" -> Checkpoints.load(file);
                default -> throw new IllegalArgumentException("unknown reader " + args[0]);
            }
            System.out.println("loaded");
        } catch (java.io.IOException e) {
            System.out.println("refused: " + e.getMessage());
        } catch (Throwable e) {
            System.out.println("failed: " + e);
        }
        System.out.flush();
    }
}
