package io.github.lstmdynamics.lstm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * Sizes whose product does not fit one Java array are refused where they are given, with an
 * {@link IllegalArgumentException} naming the arguments; SequenceBatch.zeros(65536, 65536, 1) used to
 * overflow to a batch of 0 rows that reported the asked-for shape.
 */
class SizeLimitTest {

    @Test
    void aBatchLargerThanAnArrayIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SequenceBatch.zeros(65536, 65536, 1));
        assertEquals("steps x batchSize x features = 65536 x 65536 x 1 is more than the 2147483639 elements one"
                + " Java array holds", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SequenceBatch.zeros(2, 1 << 30, 2));
        assertThrows(IllegalArgumentException.class,
                () -> SequenceBatch.zeros(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE));
    }

    @Test
    void wrapComparesRowsWithoutOverflow() {
        // 65536 x 65536 overflows to 0 rows in int arithmetic: a 0-row matrix must not pass as that shape.
        DMatrixRMaj empty = new DMatrixRMaj(0, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SequenceBatch.wrap(empty, 65536, 65536));
        assertTrue(e.getMessage().contains("needs 4294967296 rows"), e.getMessage());
    }

    @Test
    void weightsLargerThanAnArrayAreRefusedNamingTheSizes() {
        IllegalArgumentException lstm = assertThrows(IllegalArgumentException.class,
                () -> new LstmRegressor(2, 1 << 15, 2, 1L));
        assertTrue(lstm.getMessage().startsWith("weight_hh [4 x hiddenSize, hiddenSize] = 4 x 32768 x 32768 is more"
                + " than"), lstm.getMessage());
        IllegalArgumentException wide = assertThrows(IllegalArgumentException.class,
                () -> new Lstm(1 << 30, 4, 1, true, 1L));
        assertTrue(wide.getMessage().startsWith("weight_ih_l0 [4 x hiddenSize, inputSize] = 4 x 4 x 1073741824"),
                wide.getMessage());
        IllegalArgumentException linear = assertThrows(IllegalArgumentException.class,
                () -> new Linear(1 << 16, 1 << 16, true, 1L));
        assertTrue(linear.getMessage().startsWith("weight [outFeatures, inFeatures] = 65536 x 65536"),
                linear.getMessage());
    }

    @Test
    void aForwardPassWhoseBuffersWouldOverflowIsRefusedBeforeAnyWork() {
        Lstm lstm = new Lstm(1, 512, 1, true, 1L);
        SequenceBatch input = SequenceBatch.zeros(1 << 16, 64, 1); // 2^22 values: a valid batch
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> lstm.forward(input));
        assertTrue(e.getMessage().startsWith("the hidden states of input [65536, 64, 1], (T + 1) x B x hiddenSize"
                + " = 65537 x 64 x 512 is more than"), e.getMessage());
    }
}
