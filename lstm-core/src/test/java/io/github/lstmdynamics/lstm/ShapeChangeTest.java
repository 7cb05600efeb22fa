package io.github.lstmdynamics.lstm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An LSTM keeps its buffers from call to call and only grows them; a model that has run other batch
 * sizes and lengths before gives, bit for bit, the outputs and gradients of a fresh one.
 */
class ShapeChangeTest {

    static LongStream seeds() {
        return LongStream.range(0, 8);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aModelThatRanOtherShapesComputesWhatAFreshModelComputes(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int in = 1 + rnd.nextInt(4);
        int hidden = 1 + rnd.nextInt(24);
        int layers = 1 + rnd.nextInt(2);
        boolean bias = rnd.nextBoolean();
        long weightSeed = rnd.nextLong();
        Lstm used = new Lstm(in, hidden, layers, bias, weightSeed);
        // shapes that grow, shrink and grow again, in steps and in sequences
        int[][] shapes = {{5, 3}, {2, 9}, {7, 1}, {3, 4}, {6, 12}, {1, 2}};
        for (int[] shape : shapes) {
            SequenceBatch x = Fixtures.random(rnd, shape[0], shape[1], in, 2.0);
            SequenceBatch dOut = Fixtures.random(rnd, shape[0], shape[1], hidden, 1.0);
            Lstm fresh = new Lstm(in, hidden, layers, bias, weightSeed);

            String what = "T=" + shape[0] + " B=" + shape[1];
            assertArrayEquals(fresh.forward(x).output().toArray(), used.forward(x).output().toArray(), what + ": output");
            used.zeroGrad();
            LstmGradients expected = fresh.backward(dOut);
            LstmGradients actual = used.backward(dOut);
            assertArrayEquals(expected.dInput().toArray(), actual.dInput().toArray(), what + ": dX");
            assertArrayEquals(expected.dh0().toArray(), actual.dh0().toArray(), what + ": dh0");
            for (Parameter p : fresh.parameters()) {
                assertArrayEquals(p.grad().data, used.parameter(p.name()).grad().data, 0.0,
                        what + ": gradient of " + p.name());
            }
        }
    }
}
