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
        BackwardCase c = BackwardCase.draw(rnd, 1 + rnd.nextInt(4), 1 + rnd.nextInt(24), 1 + rnd.nextInt(3),
                1 + rnd.nextInt(8), 1 + rnd.nextInt(6));
        boolean bias = rnd.nextBoolean();
        long weightSeed = rnd.nextLong();
        Lstm full = new Lstm(c.in(), c.hidden(), c.layers(), bias, weightSeed);
        Lstm training = new Lstm(c.in(), c.hidden(), c.layers(), bias, weightSeed);

        full.forward(c.x());
        full.backward(c.dOut(), c.dhN(), c.dcN());
        training.forward(c.x());
        training.backward(c.dOut(), c.dhN(), c.dcN(), false);

        String what = c.shape() + " bias=" + bias;
        for (Parameter p : full.parameters()) {
            assertArrayEquals(p.grad().data, training.parameter(p.name()).grad().data, 0.0,
                    what + ": gradient of " + p.name());
        }
    }
}
