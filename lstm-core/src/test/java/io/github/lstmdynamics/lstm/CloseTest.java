package io.github.lstmdynamics.lstm;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Models are AutoCloseable: close ends the worker threads, twice is harmless, use afterwards is an error. */
class CloseTest {

    private static long workerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("lstm-dynamics-worker-")).count();
    }

    private static void awaitWorkers(long expected) throws InterruptedException {
        for (int i = 0; i < 200 && workerThreads() != expected; i++) {
            Thread.sleep(10);
        }
    }

    @Test
    void closingARegressorEndsItsThreadsAndLaterUseThrows() throws InterruptedException {
        long before = workerThreads();
        LstmRegressor model = new LstmRegressor(2, 20, 2, 42);
        model.setThreads(2);
        SequenceBatch x = random(21, 20, 2, 1);
        SequenceBatch y = random(21, 20, 2, 2);
        Sgd sgd = new Sgd(model.parameters(), SgdOptions.of(0.05));
        model.trainStep(x, y, sgd);
        assertEquals(before + 1, workerThreads(), "one helper thread while open");
        model.close();
        awaitWorkers(before);
        assertEquals(before, workerThreads(), "no helper thread after close");
        assertTrue(model.isClosed());
        assertDoesNotThrow(model::close, "closing twice is harmless");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> model.trainStep(x, y, sgd));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> model.predict(x));
        assertThrows(IllegalStateException.class, () -> model.loss(x, y));
        assertThrows(IllegalStateException.class, () -> model.computeGradients(x, y));
        assertThrows(IllegalStateException.class, () -> model.setThreads(1));
        assertEquals(6, model.parameters().size(), "parameters stay readable");
    }

    @Test
    void closingAnLstmMakesForwardAndBackwardThrow() {
        Lstm lstm = new Lstm(2, 8, 1, true, 1L);
        SequenceBatch x = random(5, 3, 2, 3);
        lstm.forward(x);
        try (Lstm closing = lstm) {
            assertFalse(closing.isClosed());
        }
        assertTrue(lstm.isClosed());
        assertThrows(IllegalStateException.class, () -> lstm.forward(x));
        assertThrows(IllegalStateException.class, () -> lstm.backward(random(5, 3, 8, 4)));
        assertThrows(IllegalStateException.class, () -> lstm.setThreads(2));
        assertDoesNotThrow(lstm::close);
    }

    private static SequenceBatch random(int t, int b, int f, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        SequenceBatch s = SequenceBatch.zeros(t, b, f);
        for (int k = 0; k < t * b * f; k++) {
            s.matrix().data[k] = rnd.nextDouble(-1, 1);
        }
        return s;
    }
}
