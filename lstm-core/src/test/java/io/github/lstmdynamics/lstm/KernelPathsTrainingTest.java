package io.github.lstmdynamics.lstm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.lstmdynamics.lstm.kernels.KernelProvider;
import io.github.lstmdynamics.lstm.kernels.Kernels;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Twenty training steps of the tutorial's model (LSTM(2 -> 20), Linear(20 -> 2), SGD lr 0.05, batches of
 * 20 sequences of 21 steps) give the same bits on the scalar and the vector kernels, in float64 and in
 * float32: every loss and, after the last step, every parameter. Runs where the vector kernels are
 * available.
 */
class KernelPathsTrainingTest {

    @ParameterizedTest(name = "{6}, I:H:B:T {0}:{1}:{2}:{3}, threads {4}, momentum {5}")
    @CsvSource({"2, 20, 20, 21, 1, 0.0, float64", "2, 20, 20, 21, 2, 0.0, float64", "3, 37, 9, 7, 1, 0.9, float64",
        "17, 13, 5, 6, 2, 0.5, float64", "2, 20, 20, 21, 1, 0.0, float32", "2, 20, 20, 21, 2, 0.0, float32",
        "3, 37, 9, 7, 1, 0.9, float32", "17, 13, 5, 6, 2, 0.5, float32", "24, 70, 11, 30, 2, 0.0, float32"})
    void twentyStepsGiveTheSameBitsOnBothPaths(int in, int hidden, int batch, int steps, int threads,
            double momentum, String dtype) {
        assumeTrue(KernelProvider.vectorAvailable(), "jdk.incubator.vector is not readable in this JVM");
        Precision precision = Precision.parse(dtype);
        Run scalar = new Run(KernelProvider.scalar(), precision, in, hidden, batch, steps, threads, momentum);
        Run vector = new Run(KernelProvider.vector(), precision, in, hidden, batch, steps, threads, momentum);
        SplittableRandom data = new SplittableRandom(5);
        for (int step = 0; step < 20; step++) {
            SequenceBatch x = random(steps, batch, in, data);
            SequenceBatch y = random(steps, batch, in, data);
            double a = scalar.step(x, y);
            double b = vector.step(x, y);
            assertEquals(Double.doubleToRawLongBits(a), Double.doubleToRawLongBits(b), "loss of step " + step);
        }
        for (int p = 0; p < scalar.model.parameters().size(); p++) {
            Parameter ps = scalar.model.parameters().get(p);
            assertArrayEquals(ps.toArray(), vector.model.parameters().get(p).toArray(), 0.0, ps.name());
        }
        scalar.model.close();
        vector.model.close();
    }

    /** A model and its optimizer on one path. */
    private static final class Run {
        final LstmRegressor model;
        final Sgd sgd;

        Run(Kernels kernels, Precision precision, int in, int hidden, int batch, int steps, int threads,
                double momentum) {
            model = new LstmRegressor(in, hidden, in, 1, true, 42, precision, kernels);
            model.setThreads(threads);
            sgd = new Sgd(model.parameters(), new SgdOptions(0.05, momentum, 0.0, 0.0, false), kernels);
        }

        double step(SequenceBatch x, SequenceBatch y) {
            return model.trainStep(x, y, sgd);
        }
    }

    private static SequenceBatch random(int t, int b, int f, SplittableRandom rnd) {
        SequenceBatch s = SequenceBatch.zeros(t, b, f);
        for (int k = 0; k < t * b * f; k++) {
            s.matrix().data[k] = rnd.nextDouble(-1, 1);
        }
        return s;
    }
}
