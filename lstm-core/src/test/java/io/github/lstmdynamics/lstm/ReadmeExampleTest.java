package io.github.lstmdynamics.lstm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The README's usage example, compiled and run. The region between the markers is the README's code
 * block verbatim (indentation removed): consumer-check's {@code ReadmeExamplesTest} compares them.
 */
class ReadmeExampleTest {

    @Test
    void readmeExample() {
        // README-BEGIN
        // The tutorial's model: LSTM(2 -> 20) then Linear(20 -> 2) at every step, weights from seed 42.
        LstmRegressor model = new LstmRegressor(2, 20, 2, 42L);
        Sgd sgd = new Sgd(model.parameters(), SgdOptions.of(0.2).withMomentum(0.9));

        // 20 trajectories of a damped rotation, 21 steps each; input: x0 at step 0, then zeros.
        double[][][] x = new double[21][20][2];  // [time][sequence][feature]
        double[][][] y = new double[21][20][2];
        for (int b = 0; b < 20; b++) {
            double u = Math.cos(0.3 * b), v = Math.sin(0.3 * b);
            x[0][b] = new double[] {u, v};
            for (int t = 0; t < 21; t++) {
                y[t][b] = new double[] {u, v};
                double next = 0.9 * (Math.cos(0.4) * u - Math.sin(0.4) * v);
                v = 0.9 * (Math.sin(0.4) * u + Math.cos(0.4) * v);
                u = next;
            }
        }
        SequenceBatch input = SequenceBatch.fromArray(x), target = SequenceBatch.fromArray(y);

        double firstLoss = model.trainStep(input, target, sgd);
        for (int step = 0; step < 300; step++) {
            model.trainStep(input, target, sgd);
        }
        double[][][] prediction = model.predict(input).toArray();  // [21][20][2]
        model.close();  // ends its worker threads; the parameters stay readable
        // README-END

        double finalLoss = new MseLoss().value(SequenceBatch.fromArray(prediction), target);
        assertEquals(21, prediction.length);
        assertEquals(2, prediction[20][19].length);
        assertTrue(finalLoss < 0.05 * firstLoss, "loss " + firstLoss + " -> " + finalLoss);
        assertEquals("lstm.weight_ih_l0", model.parameters().get(0).name());
    }
}
