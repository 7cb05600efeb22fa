package io.github.lstmdynamics.lstm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Training with several threads is bit-identical to training with one: the threads split output
 * elements, never a sum. The models are above {@link Lstm#PARALLEL_THRESHOLD} so that the threads are
 * really used, with two layers so that every phase (including the second layer's input gradient) runs
 * split; the sizes put the split of the weight-gradient rows among the hidden units, among the inputs,
 * and at the tutorial's size.
 */
class ThreadedTrainingTest {

    private static final int INPUT = 3;
    private static final int HIDDEN = 48;
    private static final int BATCH = 21;
    private static final int STEPS = 30;

    @ParameterizedTest(name = "{0} threads, I:H:B:T = {1}:{2}:{3}:{4}, {5} layers")
    @CsvSource({"2, 3, 48, 21, 30, 2", "3, 3, 48, 21, 30, 2", "2, 40, 8, 21, 30, 1", "3, 40, 8, 21, 30, 1",
        "2, 2, 20, 20, 21, 1"})
    void trainingIsBitIdenticalToOneThread(int threads, int in, int hidden, int batch, int steps, int layers) {
        assertTrue((long) steps * batch * 4 * hidden * (in + hidden) >= Lstm.PARALLEL_THRESHOLD,
                "the test model must be above the threshold");
        LstmRegressor single = new LstmRegressor(in, hidden, 2, layers, true, 5L);
        LstmRegressor multi = new LstmRegressor(in, hidden, 2, layers, true, 5L);
        multi.setThreads(threads);
        assertEquals(threads, multi.threads());
        Sgd sgdSingle = new Sgd(single.parameters(), SgdOptions.of(0.05).withMomentum(0.9));
        Sgd sgdMulti = new Sgd(multi.parameters(), SgdOptions.of(0.05).withMomentum(0.9));
        SplittableRandom rnd = new SplittableRandom(9L);
        for (int step = 0; step < 4; step++) {
            SequenceBatch input = Fixtures.random(rnd, steps, batch, in, 1.0);
            SequenceBatch target = Fixtures.random(rnd, steps, batch, 2, 1.0);
            double lossSingle = single.trainStep(input, target, sgdSingle);
            double lossMulti = multi.trainStep(input, target, sgdMulti);
            assertEquals(Double.doubleToRawLongBits(lossSingle), Double.doubleToRawLongBits(lossMulti),
                    "loss at step " + step);
        }
        List<Parameter> a = single.parameters();
        List<Parameter> b = multi.parameters();
        for (int k = 0; k < a.size(); k++) {
            assertArrayEquals(a.get(k).toArray(), b.get(k).toArray(), a.get(k).name());
        }
        multi.setThreads(1);
        assertEquals(1, multi.threads());
    }

    @Test
    void inputAndStateGradientsAreBitIdenticalToOneThread() {
        Lstm single = new Lstm(INPUT, HIDDEN, 2, true, 8L);
        Lstm multi = new Lstm(INPUT, HIDDEN, 2, true, 8L);
        multi.setThreads(2);
        SplittableRandom rnd = new SplittableRandom(3L);
        SequenceBatch input = Fixtures.random(rnd, STEPS, BATCH, INPUT, 1.0);
        SequenceBatch h0 = Fixtures.random(rnd, 2, BATCH, HIDDEN, 1.0);
        SequenceBatch c0 = Fixtures.random(rnd, 2, BATCH, HIDDEN, 1.0);
        SequenceBatch dOut = Fixtures.random(rnd, STEPS, BATCH, HIDDEN, 1.0);
        SequenceBatch dhN = Fixtures.random(rnd, 2, BATCH, HIDDEN, 1.0);
        LstmOutput o1 = single.forward(input, h0, c0);
        LstmOutput o2 = multi.forward(input, h0, c0);
        assertArrayEquals(o1.output().matrix().data, o2.output().matrix().data, "output");
        assertArrayEquals(o1.cN().matrix().data, o2.cN().matrix().data, "c_n");
        LstmGradients g1 = single.backward(dOut, dhN, null);
        LstmGradients g2 = multi.backward(dOut, dhN, null);
        assertArrayEquals(g1.dInput().matrix().data, g2.dInput().matrix().data, "dInput");
        assertArrayEquals(g1.dh0().matrix().data, g2.dh0().matrix().data, "dh0");
        assertArrayEquals(g1.dc0().matrix().data, g2.dc0().matrix().data, "dc0");
        for (int k = 0; k < single.parameters().size(); k++) {
            assertArrayEquals(single.parameters().get(k).grad().data, multi.parameters().get(k).grad().data,
                    single.parameters().get(k).name());
        }
        multi.setThreads(1);
    }

    @Test
    void threadCountBelowOneIsRejected() {
        LstmRegressor model = new LstmRegressor(2, 4, 2, 1L);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.setThreads(0));
        assertTrue(e.getMessage().contains("threads"), e.getMessage());
    }
}
