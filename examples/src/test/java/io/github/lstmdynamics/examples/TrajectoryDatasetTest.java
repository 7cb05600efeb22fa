package io.github.lstmdynamics.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lstmdynamics.lstm.SequenceBatch;
import io.github.lstmdynamics.ode.IvpOptions;
import io.github.lstmdynamics.ode.IvpResult;
import io.github.lstmdynamics.ode.SolveIvp;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TrajectoryDatasetTest {

    private static final SamplingGrid GRID = SamplingGrid.of(2.0, 0.1);

    private static TrajectoryDataset tutorialDataset(long seed) {
        return new TrajectoryDataset(new VanDerPol(0.1), new double[] {-5, -5}, new double[] {5, 5}, GRID,
                IvpOptions.defaults().withMaxStep(0.1), seed);
    }

    @Test
    void batchHasTheTutorialsShapesInputAndTarget() {
        TrajectoryBatch batch = tutorialDataset(7).batch(3, 20);
        assertEquals(3, batch.index());
        SequenceBatch input = batch.input();
        SequenceBatch target = batch.target();
        assertTrue(input.hasShape(21, 20, 2), input.shape());
        assertTrue(target.hasShape(21, 20, 2), target.shape());
        for (int b = 0; b < 20; b++) {
            for (int i = 0; i < 2; i++) {
                double x0 = batch.initialStates()[b][i];
                assertTrue(x0 >= -5 && x0 < 5, "x0 in the box: " + x0);
                assertEquals(x0, input.get(0, b, i));
                assertEquals(x0, target.get(0, b, i));
                for (int t = 1; t < 21; t++) {
                    assertEquals(0.0, input.get(t, b, i), "input is zero after step 0");
                }
            }
        }
    }

    @Test
    void targetIsTheRk45SolutionSampledAtTEval() {
        TrajectoryDataset dataset = tutorialDataset(7);
        TrajectoryBatch batch = dataset.batch(0, 3);
        for (int b = 0; b < 3; b++) {
            IvpResult direct = SolveIvp.solve(new VanDerPol(0.1), 0, 2, batch.initialStates()[b],
                    IvpOptions.defaults().withMaxStep(0.1).withTEval(GRID.times()));
            assertEquals(21, direct.t().length);
            for (int t = 0; t < 21; t++) {
                assertEquals(direct.y()[t][0], batch.target().get(t, b, 0));
                assertEquals(direct.y()[t][1], batch.target().get(t, b, 1));
            }
        }
    }

    @Test
    void samplingGridIsNumpysLinspace() {
        double[] t = GRID.times();
        assertEquals(21, t.length);
        assertEquals(0.0, t[0]);
        assertEquals(3 * 0.1, t[3]);
        assertEquals(2.0, t[20]);
        assertEquals(11, SamplingGrid.of(1.0, 0.1).samples());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SamplingGrid.of(2.0, 0.3));
        assertTrue(e.getMessage().contains("whole multiple"), e.getMessage());
    }

    @Test
    void batchesArePureFunctionsOfSeedAndIndex() {
        TrajectoryDataset a = tutorialDataset(42);
        TrajectoryDataset b = tutorialDataset(42);
        assertArrayEquals(a.batch(5, 4).target().toArray()[20][3], b.batch(5, 4).target().toArray()[20][3]);
        assertTrue(Arrays.deepEquals(a.initialStates(9, 4), b.initialStates(9, 4)));
        assertFalse(Arrays.deepEquals(a.initialStates(9, 4), a.initialStates(10, 4)), "indices differ");
        assertFalse(Arrays.deepEquals(a.initialStates(9, 4), tutorialDataset(43).initialStates(9, 4)),
                "seeds differ");
    }

    @Test
    void initialStatesAreUniformInTheBox() {
        double[][] x0 = tutorialDataset(1).initialStates(0, 20_000);
        double[] mean = new double[2];
        for (double[] x : x0) {
            for (int i = 0; i < 2; i++) {
                assertTrue(x[i] >= -5 && x[i] < 5);
                mean[i] += x[i] / x0.length;
            }
        }
        // Uniform on [-5, 5]: mean 0, standard error 10 / sqrt(12 * 20000) ~ 0.02.
        assertEquals(0.0, mean[0], 0.1);
        assertEquals(0.0, mean[1], 0.1);
    }

    @Test
    void prefetcherHandsOutTheDatasetsBatchesInOrder() {
        TrajectoryDataset dataset = tutorialDataset(3);
        try (BatchPrefetcher prefetcher = new BatchPrefetcher(dataset, 2, 5, 2)) {
            for (long k = 0; k < 5; k++) {
                assertTrue(prefetcher.hasNext());
                TrajectoryBatch batch = prefetcher.next();
                assertEquals(k, batch.index());
                assertTrue(Arrays.deepEquals(dataset.batch(k, 2).target().toArray(), batch.target().toArray()));
            }
            assertFalse(prefetcher.hasNext());
            assertThrows(IllegalStateException.class, prefetcher::next);
        }
    }

    @Test
    void prefetcherCanFollowAnyIndexSequence() {
        // A run resumed after batch 5 trains on batches 5 and 6, then draws the held-out batch -1.
        TrajectoryDataset dataset = tutorialDataset(3);
        try (BatchPrefetcher prefetcher = new BatchPrefetcher(dataset, 2, i -> i < 2 ? 5 + i : -1, 3, 2)) {
            for (long expected : new long[] {5, 6, -1}) {
                TrajectoryBatch batch = prefetcher.next();
                assertEquals(expected, batch.index());
                assertTrue(Arrays.deepEquals(dataset.batch(expected, 2).target().toArray(), batch.target().toArray()));
            }
            assertFalse(prefetcher.hasNext());
        }
    }

    @Test
    void rejectsABadBox() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TrajectoryDataset(new VanDerPol(0.1), new double[] {0, 1}, new double[] {1, 1}, GRID,
                        IvpOptions.defaults(), 1));
        assertTrue(e.getMessage().contains("box component 1"), e.getMessage());
    }
}
