package io.github.lstmdynamics.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lstmdynamics.lstm.LstmRegressor;
import io.github.lstmdynamics.lstm.io.ModelFiles;
import io.github.lstmdynamics.ode.IvpOptions;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model saved with --save-model and loaded again with --load-model is the trained model: evaluated
 * alone (--batches 0) it draws the same predictions, and trained on it starts from its weights.
 */
class SaveAndLoadModelTest {

    @TempDir
    static Path temp;
    private static Path model;
    private static TutorialCli.Run training;

    @BeforeAll
    static void trainAndSave() {
        model = temp.resolve("models/trained.safetensors");
        training = TutorialCli.succeed("--hidden", "8", "--batch-size", "4", "--seed", "3", "--batches", "40",
                "--save-model", model.toString(), "--out", temp.resolve("trained").toString());
    }

    @Test
    void savesTheTrainedModelWithPyTorchsNames() throws Exception {
        LstmRegressor loaded = ModelFiles.load(model);
        assertEquals(List.of("lstm.weight_ih_l0", "lstm.weight_hh_l0", "lstm.bias_ih_l0", "lstm.bias_hh_l0",
                "output.weight", "output.bias"), loaded.parameters().stream().map(p -> p.name()).toList());
        assertEquals(8, loaded.lstm().hiddenSize());
    }

    @Test
    void evaluatingTheLoadedModelDrawsTheSamePredictions() throws Exception {
        Path out = temp.resolve("evaluated");
        // No --hidden: the file's 8 units, not the default 20.
        TutorialCli.Run run = TutorialCli.succeed("--load-model", model.toString(), "--batches", "0",
                "--batch-size", "4", "--seed", "3", "--out", out.toString());
        assertTrue(run.out().contains("LSTM(2 -> 8) + Linear(8 -> 2)"), run.out());
        assertTrue(run.out().contains("Starting from the model in " + model), run.out());
        assertTrue(run.out().contains("--batches 0: evaluating the model only"), run.out());
        assertTrue(run.out().contains("No batches trained: loss.csv and loss.png are empty"), run.out());
        for (String name : List.of("predictions.csv", "predictions.png", "flow-field.png")) {
            assertArrayEquals(Files.readAllBytes(temp.resolve("trained").resolve(name)),
                    Files.readAllBytes(out.resolve(name)), name);
        }
        assertEquals(heldOutLoss(training), heldOutLoss(run));
        assertEquals(List.of("batch,loss,running_loss"), Files.readAllLines(out.resolve("loss.csv")));
        BufferedImage loss = ImageIO.read(out.resolve("loss.png").toFile());
        assertNotNull(loss);
        assertEquals(900, loss.getWidth());
    }

    @Test
    void trainingOnStartsFromTheLoadedWeights() throws Exception {
        Path out = temp.resolve("trained-on");
        TutorialCli.succeed("--load-model", model.toString(), "--batches", "5", "--batch-size", "4",
                "--seed", "9", "--out", out.toString());
        // The first loss is the loaded model's loss on batch 0 of the new seed, before its first step.
        TrajectoryDataset data = new TrajectoryDataset(new VanDerPol(0.1), Tutorial.BOX_LOWER, Tutorial.BOX_UPPER,
                SamplingGrid.of(2.0, 0.1), IvpOptions.defaults().withMaxStep(0.1), 9);
        TrajectoryBatch batch = data.batch(0, 4);
        double expected = ModelFiles.load(model).loss(batch.input(), batch.target());
        List<String> csv = Files.readAllLines(out.resolve("loss.csv"));
        assertEquals(6, csv.size());
        assertEquals("1," + expected + "," + 0.1 * expected, csv.get(1));
    }

    private static String heldOutLoss(TutorialCli.Run run) {
        return run.out().lines().filter(line -> line.startsWith("Loss on the held-out batch ")).findFirst()
                .orElseThrow();
    }
}
