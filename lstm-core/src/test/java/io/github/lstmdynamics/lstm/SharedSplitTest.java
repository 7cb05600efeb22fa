package io.github.lstmdynamics.lstm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The pieces a {@link SharedSplit} hands out cover every item exactly once, whoever takes them: a part
 * that never comes has its whole range done by the others, and parts racing for pieces on real threads
 * never both get one.
 */
class SharedSplitTest {

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 40);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void eachPartTakesItsOwnPiecesInOrderFirstHalfFirst(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int parts = 1 + rnd.nextInt(4);
        int n = rnd.nextInt(200);
        int minPiece = 1 + rnd.nextInt(10);
        SharedSplit split = new SharedSplit();
        split.reset(n, parts, minPiece);
        for (int part = 0; part < parts; part++) {
            int h0 = SharedSplit.split(n, part, parts);
            int h1 = SharedSplit.split(n, part + 1, parts);
            int expectedFrom = h0;
            while (expectedFrom < h1) {
                long piece = split.next(part);
                assertEquals(expectedFrom, SharedSplit.from(piece), "pieces of part " + part + " in order");
                int size = SharedSplit.to(piece) - SharedSplit.from(piece);
                int left = h1 - expectedFrom;
                if (parts == 1) {
                    assertEquals(n, size, "one part takes everything in one piece");
                } else if (SharedSplit.to(piece) < h1) {
                    assertEquals(left - left / 2, size, "each piece but the last is half of what is left");
                    assertTrue(left / 2 >= minPiece, "a piece leaves at least minPiece for the next");
                }
                expectedFrom = SharedSplit.to(piece);
            }
        }
        assertEquals(-1, split.next(0), "nothing left once every part has taken its own");
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aPartThatNeverComesHasItsRangeDoneByTheOthers(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int parts = 2 + rnd.nextInt(3);
        int n = rnd.nextInt(300);
        int minPiece = 1 + rnd.nextInt(20);
        int absent = rnd.nextInt(parts);
        SharedSplit split = new SharedSplit();
        split.reset(n, parts, minPiece);
        int[] count = new int[n];
        boolean progress = true;
        while (progress) {
            progress = false;
            for (int part = 0; part < parts; part++) {
                if (part == absent) {
                    continue;
                }
                long piece = split.next(part);
                if (piece >= 0) {
                    progress = true;
                    for (int i = SharedSplit.from(piece); i < SharedSplit.to(piece); i++) {
                        count[i]++;
                    }
                }
            }
        }
        for (int i = 0; i < n; i++) {
            assertEquals(1, count[i], "item " + i + " of " + n + " (part " + absent + " absent)");
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void partsRacingOnThreadsTakeEveryItemExactlyOnce(long seed) throws InterruptedException {
        SplittableRandom rnd = new SplittableRandom(seed);
        int parts = 2 + rnd.nextInt(3);
        int n = 1 + rnd.nextInt(500);
        SharedSplit split = new SharedSplit();
        AtomicIntegerArray count = new AtomicIntegerArray(n);
        for (int round = 0; round < 20; round++) {
            split.reset(n, parts, 1 + rnd.nextInt(4));
            List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < parts; p++) {
                int part = p;
                int spins = rnd.nextInt(2000); // parts of different speeds
                Thread t = new Thread(() -> {
                    for (long piece = split.next(part); piece >= 0; piece = split.next(part)) {
                        for (int i = SharedSplit.from(piece); i < SharedSplit.to(piece); i++) {
                            count.incrementAndGet(i);
                        }
                        for (int k = 0; k < spins; k++) {
                            Thread.onSpinWait();
                        }
                    }
                });
                threads.add(t);
            }
            threads.forEach(Thread::start);
            for (Thread t : threads) {
                t.join();
            }
        }
        for (int i = 0; i < n; i++) {
            assertEquals(20, count.get(i), "item " + i + " of " + n + " over 20 rounds");
        }
    }

    @Test
    void aFreshSplitWithMorePartsGrowsItsCounters() {
        SharedSplit split = new SharedSplit();
        split.reset(10, 1, 1);
        assertEquals(10, SharedSplit.to(split.next(0)));
        split.reset(100, 8, 1);
        int covered = 0;
        for (int part = 0; part < 8; part++) {
            for (long piece = split.next(part); piece >= 0; piece = split.next(part)) {
                covered += SharedSplit.to(piece) - SharedSplit.from(piece);
            }
        }
        assertEquals(100, covered);
    }
}
