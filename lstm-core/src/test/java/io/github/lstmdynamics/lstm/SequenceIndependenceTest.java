package io.github.lstmdynamics.lstm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sequences of a batch do not mix: each one's outputs, final states, input gradient and
 * initial-state gradients are, bit for bit, what the same model computes for that sequence alone. This
 * holds however the layer groups its rows internally (blocks of gate rows activated together, row
 * blocks of the products), so it checks that grouping at hidden sizes and batches where it splits.
 */
class SequenceIndependenceTest {

    static LongStream seeds() {
        return LongStream.range(0, 6);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void eachSequenceOfABatchIsComputedAsIfAlone(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        // 4H from 32 to 268: from 64 down to 7 gate rows per activation block
        BackwardCase c = BackwardCase.draw(rnd, 1 + rnd.nextInt(20), 8 + rnd.nextInt(60), 1 + rnd.nextInt(2),
                1 + rnd.nextInt(5), 2 + rnd.nextInt(40));
        Lstm model = new Lstm(c.in(), c.hidden(), c.layers(), true, rnd.nextLong());

        LstmOutput all = copy(model.forward(c.x()));
        LstmGradients allGrad = copy(model.backward(c.dOut(), c.dhN(), c.dcN()));

        for (int s = 0; s < c.batch(); s++) {
            LstmOutput one = model.forward(column(c.x(), s));
            LstmGradients oneGrad = model.backward(column(c.dOut(), s), column(c.dhN(), s), column(c.dcN(), s));
            String what = c.shape() + ", sequence " + s;
            assertSameColumn(all.output(), s, one.output(), what + ": output");
            assertSameColumn(all.hN(), s, one.hN(), what + ": h_n");
            assertSameColumn(all.cN(), s, one.cN(), what + ": c_n");
            assertSameColumn(allGrad.dInput(), s, oneGrad.dInput(), what + ": dInput");
            assertSameColumn(allGrad.dh0(), s, oneGrad.dh0(), what + ": dh0");
            assertSameColumn(allGrad.dc0(), s, oneGrad.dc0(), what + ": dc0");
        }
    }

    private static LstmOutput copy(LstmOutput o) {
        return new LstmOutput(o.output().copy(), o.hN().copy(), o.cN().copy());
    }

    private static LstmGradients copy(LstmGradients g) {
        return new LstmGradients(g.dInput().copy(), g.dh0().copy(), g.dc0().copy());
    }

    /** Sequence {@code s} of a {@code [T, B, F]} batch as a {@code [T, 1, F]} one. */
    private static SequenceBatch column(SequenceBatch b, int s) {
        SequenceBatch one = SequenceBatch.zeros(b.steps(), 1, b.features());
        for (int t = 0; t < b.steps(); t++) {
            for (int f = 0; f < b.features(); f++) {
                one.set(t, 0, f, b.get(t, s, f));
            }
        }
        return one;
    }

    private static void assertSameColumn(SequenceBatch batch, int s, SequenceBatch one, String what) {
        assertEquals(batch.steps(), one.steps(), what + ": steps");
        for (int t = 0; t < batch.steps(); t++) {
            for (int f = 0; f < batch.features(); f++) {
                double inBatch = batch.get(t, s, f);
                double alone = one.get(t, 0, f);
                if (Double.doubleToRawLongBits(inBatch) != Double.doubleToRawLongBits(alone)) {
                    assertEquals(inBatch, alone, 0.0, what + " at [" + t + ", " + f + "] (not the same bits)");
                    throw new AssertionError(what + " at [" + t + ", " + f + "]: " + inBatch + " alone " + alone);
                }
            }
        }
    }
}
