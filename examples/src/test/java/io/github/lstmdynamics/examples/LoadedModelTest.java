package io.github.lstmdynamics.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lstmdynamics.lstm.LstmRegressor;
import io.github.lstmdynamics.lstm.io.ModelFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A loaded model is described as it is, and one that diverged (NaN weights) is named as such: refused
 * for training, which could only fail and blame --lr, and evaluated with a warning that its results are
 * NaN.
 */
class LoadedModelTest {

    @TempDir
    Path temp;

    @Test
    void theBannerDescribesTheLoadedModel() throws Exception {
        Path file = temp.resolve("deep.safetensors");
        ModelFiles.save(new LstmRegressor(2, 6, 2, 2, false, 3L), file);
        TutorialCli.Run run = TutorialCli.succeed("--load-model", file.toString(), "--batches", "0",
                "--batch-size", "2", "--out", temp.resolve("out").toString());
        assertTrue(run.out().contains("LSTM(2 -> 6, 2 layers, no bias) + Linear(6 -> 2, no bias), MSE"), run.out());

        TutorialCli.Run fresh = TutorialCli.succeed("--batches", "1", "--batch-size", "2", "--hidden", "5",
                "--out", temp.resolve("fresh").toString());
        assertTrue(fresh.out().contains("LSTM(2 -> 5) + Linear(5 -> 2), MSE, SGD lr 0.05, 1 batches of 2, seed 1"),
                fresh.out());
    }

    @Test
    void aModelWithNanWeightsIsNamedAndNotTrained() throws Exception {
        LstmRegressor model = new LstmRegressor(2, 4, 2, 1L);
        double[] weights = model.parameter("lstm.weight_hh_l0").toArray();
        weights[5] = Double.NaN;
        model.setParameter("lstm.weight_hh_l0", weights);
        Path file = temp.resolve("diverged.safetensors");
        ModelFiles.save(model, file);

        Path out = temp.resolve("train");
        TutorialCli.Run train = TutorialCli.run("--load-model", file.toString(), "--batches", "10",
                "--batch-size", "2", "--out", out.toString());
        assertEquals(2, train.status(), train.err());
        assertTrue(train.err().contains("--load-model " + file + ": the model's parameter lstm.weight_hh_l0 holds NaN"
                + " at index 5 (1 value is not finite)"), train.err());
        assertTrue(!train.err().contains("--lr"), "not blamed on the learning rate: " + train.err());
        assertTrue(Files.notExists(out));

        TutorialCli.Run evaluate = TutorialCli.succeed("--load-model", file.toString(), "--batches", "0",
                "--batch-size", "2", "--out", temp.resolve("evaluate").toString());
        assertTrue(evaluate.out().contains("Warning: the model's parameter lstm.weight_hh_l0 holds NaN at index 5"
                + " (1 value is not finite): its predictions and loss are NaN"), evaluate.out());
    }
}
