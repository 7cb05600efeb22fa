package io.github.lstmdynamics.lstm.io;

import io.github.lstmdynamics.lstm.LstmRegressor;
import io.github.lstmdynamics.lstm.Sgd;
import io.github.lstmdynamics.lstm.SgdOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The child process of {@link CrashTest}: saves two recognisably different checkpoints to one file in
 * turn, forever, until it is killed. Prints "saved" once the first save is complete.
 * <pre>
 *   java -cp TEST_CLASSPATH io.github.lstmdynamics.lstm.io.CheckpointWriterProcess FILE
 * </pre>
 */
final class CheckpointWriterProcess {

    private CheckpointWriterProcess() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        Checkpoint[] contents = {contents(1), contents(2)};
        Checkpoints.save(file, contents[0]);
        System.out.println("saved");
        System.out.flush();
        for (long n = 1; ; n++) {
            Checkpoints.save(file, contents[(int) (n % 2)]);
        }
    }

    /**
     * Checkpoint number 1 or 2: its own weights, momentum buffers, batch count, state and a 40,000-value
     * array filled with its number (about 0.5 MB in all, so that a save takes a few milliseconds).
     */
    static Checkpoint contents(int number) {
        LstmRegressor model = new LstmRegressor(2, 24, 2, 2, true, number);
        Sgd sgd = new Sgd(model.parameters(), SgdOptions.of(0.05).withMomentum(0.9));
        SplittableRandom random = new SplittableRandom(100 + number);
        for (int k = 0; k < model.parameters().size(); k++) {
            double[] buffer = new double[model.parameters().get(k).size()];
            for (int i = 0; i < buffer.length; i++) {
                buffer[i] = random.nextGaussian();
            }
            sgd.setMomentumBuffer(k, buffer);
        }
        double[] fill = new double[40_000];
        Arrays.fill(fill, number);
        return new Checkpoint(model, sgd, number, Map.of("content", "checkpoint " + number),
                Map.of("fill", fill));
    }
}
