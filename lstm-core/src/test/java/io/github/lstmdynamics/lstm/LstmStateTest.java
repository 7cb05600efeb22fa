package io.github.lstmdynamics.lstm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Carrying (h_n, c_n) into the next call continues the sequence exactly, as in PyTorch. */
class LstmStateTest {

    static LongStream seeds() {
        return LongStream.range(0, 5);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void twoHalvesWithCarriedStateEqualTheWholeSequence(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int steps = 2 + rnd.nextInt(8);
        int split = 1 + rnd.nextInt(steps - 1);
        int batch = 1 + rnd.nextInt(4);
        Lstm lstm = new Lstm(3, 4, 1 + rnd.nextInt(3), rnd.nextBoolean(), rnd.nextLong());
        double[][][] x = new double[steps][batch][3];
        for (double[][] step : x) {
            for (double[] row : step) {
                for (int f = 0; f < 3; f++) {
                    row[f] = rnd.nextDouble(-2, 2);
                }
            }
        }
        LstmOutput whole = lstm.forward(SequenceBatch.fromArray(x));
        double[][][] expected = whole.output().toArray();
        double[][][] expectedH = whole.hN().toArray();
        double[][][] expectedC = whole.cN().toArray();

        LstmOutput first = lstm.forward(SequenceBatch.fromArray(Arrays.copyOfRange(x, 0, split)));
        double[][][] firstOut = first.output().toArray();
        // the returned state buffers are passed straight back in: the layer reads each layer's block before
        // overwriting it
        LstmOutput second = lstm.forward(SequenceBatch.fromArray(Arrays.copyOfRange(x, split, steps)),
                first.hN(), first.cN());
        double[][][] secondOut = second.output().toArray();

        assertEquals(steps - split, secondOut.length);
        for (int t = 0; t < steps; t++) {
            double[][] actual = t < split ? firstOut[t] : secondOut[t - split];
            for (int b = 0; b < batch; b++) {
                assertArrayEquals(expected[t][b], actual[b], 0.0, "step " + t + " sequence " + b);
            }
        }
        assertArrayEquals(expectedH, second.hN().toArray());
        assertArrayEquals(expectedC, second.cN().toArray());
    }
}
