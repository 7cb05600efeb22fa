package io.github.lstmdynamics.lstm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The backward of a training step skips what only the caller of the public backward needs (the input
 * gradient and the initial-state gradient dh0), and gives the same parameter gradients, bit for bit.
 */
class TrainingBackwardTest {

    static LongStream seeds() {
        return LongStream.range(0, 8);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void parameterGradientsAreThoseOfTheFullBackward(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int in = 1 + rnd.nextInt(4);
        int hidden = 1 + rnd.nextInt(24);
        int layers = 1 + rnd.nextInt(3);
        int steps = 1 + rnd.nextInt(8);
        int batch = 1 + rnd.nextInt(6);
        boolean bias = rnd.nextBoolean();
        long weightSeed = rnd.nextLong();
        Lstm full = new Lstm(in, hidden, layers, bias, weightSeed);
        Lstm training = new Lstm(in, hidden, layers, bias, weightSeed);
        SequenceBatch x = Fixtures.random(rnd, steps, batch, in, 2.0);
        SequenceBatch dOut = Fixtures.random(rnd, steps, batch, hidden, 1.0);
        SequenceBatch dhN = Fixtures.random(rnd, layers, batch, hidden, 1.0);
        SequenceBatch dcN = Fixtures.random(rnd, layers, batch, hidden, 1.0);

        full.forward(x);
        full.backward(dOut, dhN, dcN);
        training.forward(x);
        training.backward(dOut, dhN, dcN, false);

        String what = "I=" + in + " H=" + hidden + " L=" + layers + " T=" + steps + " B=" + batch;
        for (Parameter p : full.parameters()) {
            assertArrayEquals(p.grad().data, training.parameter(p.name()).grad().data, 0.0,
                    what + ": gradient of " + p.name());
        }
    }
}
