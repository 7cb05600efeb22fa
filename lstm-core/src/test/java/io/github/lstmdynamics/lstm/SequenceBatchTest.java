package io.github.lstmdynamics.lstm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** The time-major layout: one (T*B) x F row-major matrix, row t*B + b. */
class SequenceBatchTest {

    /** value(t, b, f) = 100 t + 10 b + f, so every position is distinguishable. */
    private static double[][][] tbf(int steps, int batch, int features) {
        double[][][] a = new double[steps][batch][features];
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < batch; b++) {
                for (int f = 0; f < features; f++) {
                    a[t][b][f] = 100 * t + 10 * b + f;
                }
            }
        }
        return a;
    }

    @Test
    void storesStepsAsContiguousRowBlocks() {
        SequenceBatch s = SequenceBatch.fromArray(tbf(3, 4, 2));
        assertEquals("[3, 4, 2]", s.shape());
        DMatrixRMaj m = s.matrix();
        assertEquals(12, m.numRows);
        assertEquals(2, m.numCols);
        assertEquals(8, s.firstRowOf(2));
        assertEquals(16, s.stepOffset(2));
        assertEquals(231.0, m.get(s.firstRowOf(2) + 3, 1));
        assertEquals(231.0, m.data[s.stepOffset(2) + 3 * 2 + 1]);
        assertEquals(231.0, s.get(2, 3, 1));
        s.set(1, 2, 0, -7.0);
        assertEquals(-7.0, m.get(4 + 2, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> s.get(3, 0, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> s.firstRowOf(-1));
    }

    @Test
    void convertsToAndFromTimeMajorAndBatchFirstArrays() {
        double[][][] a = tbf(3, 4, 2);
        SequenceBatch s = SequenceBatch.fromArray(a);
        assertArrayEquals(a, s.toArray());
        double[][][] btf = s.toBatchFirst();
        assertEquals(4, btf.length);
        assertEquals(3, btf[0].length);
        assertEquals(231.0, btf[3][2][1]);
        SequenceBatch back = SequenceBatch.fromBatchFirst(btf);
        assertEquals("[3, 4, 2]", back.shape());
        assertArrayEquals(a, back.toArray());
    }

    @Test
    void wrapSharesStorageAndCopyDoesNot() {
        DMatrixRMaj m = new DMatrixRMaj(6, 2);
        SequenceBatch s = SequenceBatch.wrap(m, 3, 2);
        assertSame(m, s.matrix());
        s.set(2, 1, 1, 5.0);
        assertEquals(5.0, m.get(5, 1));
        SequenceBatch c = s.copy();
        c.set(2, 1, 1, 6.0);
        assertEquals(5.0, s.get(2, 1, 1));
        assertEquals("matrix of 6 x 2 does not hold [T=4, B=2, F] time-major (needs 8 rows)",
                assertThrows(IllegalArgumentException.class, () -> SequenceBatch.wrap(m, 4, 2)).getMessage());
    }
}
