package io.github.lstmdynamics.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.lstmdynamics.examples.SamplingGrid;
import io.github.lstmdynamics.examples.TrajectoryBatch;
import io.github.lstmdynamics.examples.TutorialConfig;
import io.github.lstmdynamics.examples.TutorialTraining;
import io.github.lstmdynamics.lstm.LstmRegressor;
import io.github.lstmdynamics.lstm.SequenceBatch;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The closed-loop error, against the same prediction spelled out window by window. */
class ClosedLoopTest {

    @Test
    void eachWindowStartsFromTheLastPredictedStateOfTheWindowBefore() {
        TutorialConfig config = new TutorialConfig(0, 3, 4, 0.05, 0.1, 0.5, 0.1, 5, Path.of("unused"));
        LstmRegressor model = new LstmRegressor(2, 4, 2, 5);
        int windows = 3;
        int steps = config.grid().samples();
        TrajectoryBatch truth = TutorialTraining.dataset(config, new SamplingGrid(
                windows * config.tEnd(), windows * (steps - 1))).batch(ClosedLoop.BATCH, config.batchSize());

        // window w: the model's prediction from x (step 0) and zeros, fresh LSTM states; its last step is
        // the next window's x; the windows share their end and start samples, counted once
        double sum = 0;
        int count = 0;
        double[][] x = truth.initialStates();
        for (int w = 0; w < windows; w++) {
            SequenceBatch input = SequenceBatch.zeros(steps, 3, 2);
            for (int b = 0; b < 3; b++) {
                input.set(0, b, 0, x[b][0]);
                input.set(0, b, 1, x[b][1]);
            }
            SequenceBatch predicted = model.predict(input);
            for (int t = w == 0 ? 0 : 1; t < steps; t++) {
                for (int b = 0; b < 3; b++) {
                    for (int i = 0; i < 2; i++) {
                        double d = predicted.get(t, b, i) - truth.target().get(w * (steps - 1) + t, b, i);
                        sum += d * d;
                        count++;
                    }
                }
            }
            x = new double[3][];
            for (int b = 0; b < 3; b++) {
                x[b] = new double[] {predicted.get(steps - 1, b, 0), predicted.get(steps - 1, b, 1)};
            }
        }
        assertEquals((windows * (steps - 1) + 1) * 3 * 2, count);
        assertEquals(Double.doubleToLongBits(sum / count), Double.doubleToLongBits(ClosedLoop.error(model, config, windows)));
    }

    @Test
    void aHorizonOfFewerThanTwoWindowsIsRefused() {
        TutorialConfig config = new TutorialConfig(0, 3, 4, 0.05, 0.1, 0.5, 0.1, 5, Path.of("unused"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClosedLoop.error(new LstmRegressor(2, 4, 2, 5), config, 1));
        assertEquals("the closed-loop horizon must be at least 2 windows; got 1", e.getMessage());
    }
}
