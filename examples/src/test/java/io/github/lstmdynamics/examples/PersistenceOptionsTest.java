package io.github.lstmdynamics.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lstmdynamics.lstm.LstmRegressor;
import io.github.lstmdynamics.lstm.Sgd;
import io.github.lstmdynamics.lstm.SgdOptions;
import io.github.lstmdynamics.lstm.io.Checkpoint;
import io.github.lstmdynamics.lstm.io.Checkpoints;
import io.github.lstmdynamics.lstm.io.ModelFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The options --save-model, --load-model, --checkpoint-every and --resume refuse bad values, missing or
 * damaged files and conflicting settings before anything is written: one line naming the option, the
 * value and what was expected, then a pointer to --help, exit status 2.
 */
class PersistenceOptionsTest {

    @TempDir
    static Path files;
    @TempDir
    Path temp;

    /** A model of 8 hidden units and a checkpoint of the tutorial after 5 batches of 4 (seed 7, lr 0.05). */
    private static Path model;
    private static Path checkpoint;

    @BeforeAll
    static void makeFiles() throws Exception {
        model = files.resolve("model.safetensors");
        ModelFiles.save(new LstmRegressor(2, 8, 2, 1), model);
        checkpoint = files.resolve("checkpoint.safetensors");
        LstmRegressor trained = new LstmRegressor(2, 8, 2, 7);
        double[] loss = {5, 4, 3, 2, 1};
        double[] running = {0.5, 0.85, 1.065, 1.1585, 1.14265};
        StartingPoint point = new StartingPoint(trained, new Sgd(trained.parameters(), SgdOptions.of(0.05)), 5,
                loss, running, null);
        TrainingSettings settings = new TrainingSettings(7, 4, 8, 0.05, 0.1, 2.0, 0.1);
        Checkpoints.save(checkpoint, new TrainingCheckpoint(settings, point, 10).toCheckpoint());
    }

    private void assertRefused(String message, String... args) {
        Path never = temp.resolve("never");
        String[] all = Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--out";
        all[args.length + 1] = never.toString();
        TutorialCli.Run run = TutorialCli.run(all);
        assertEquals(2, run.status(), run.err());
        assertTrue(run.err().contains(message), "stderr: " + run.err());
        assertTrue(run.err().contains("Run 'vanderpol-tutorial --help' for the options."), "a pointer to --help follows");
        assertTrue(!run.err().contains("Usage:"), "no usage text after an error: " + run.err());
        assertEquals(2, run.err().lines().count(), "one line of error, one of help: " + run.err());
        assertTrue(Files.notExists(never), "nothing written");
    }

    @ParameterizedTest(name = "--checkpoint-every {0}")
    @CsvSource(delimiter = '|', value = {
        "0        | --checkpoint-every must be in [1, 10000000]; got 0",
        "-3       | --checkpoint-every must be in [1, 10000000]; got -3",
        "20000000 | --checkpoint-every must be in [1, 10000000]; got 20000000",
        "often    | Invalid value for option '--checkpoint-every': 'often' is not an integer in [1, 10000000]",
    })
    void checkpointEveryNeedsAPositiveNumberOfBatches(String value, String message) {
        assertRefused(message, "--checkpoint-every", value);
    }

    @Test
    void batchesZeroNeedsAModelToEvaluate() {
        assertRefused("--batches must be in [1, 10000000]; got 0 (0, to only evaluate, needs --load-model or --resume)",
                "--batches", "0");
        assertRefused("--batches must be in [0, 10000000]; got -1", "--load-model", model.toString(), "--batches", "-1");
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = temp.resolve("missing.safetensors");
        assertRefused("--load-model " + missing + ": no such file", "--load-model", missing.toString());
        assertRefused("--resume " + missing + ": no such file", "--resume", missing.toString());
        assertRefused("--load-model " + temp + ": not a regular file", "--load-model", temp.toString());
    }

    @Test
    void aDamagedFileIsRefusedWithTheReason() throws Exception {
        byte[] bytes = Files.readAllBytes(model);
        Path truncated = Files.write(temp.resolve("truncated.safetensors"), Arrays.copyOf(bytes, bytes.length / 2));
        Path text = Files.writeString(temp.resolve("text.safetensors"), "not a safetensors file");
        assertRefused("--load-model " + truncated + ": not a model this tutorial can load: ",
                "--load-model", truncated.toString());
        assertRefused("--load-model " + text + ": not a model this tutorial can load: ", "--load-model", text.toString());
        byte[] saved = Files.readAllBytes(checkpoint);
        Path cut = Files.write(temp.resolve("cut.safetensors"), Arrays.copyOf(saved, saved.length - 8));
        assertRefused("--resume " + cut + ": not a checkpoint this tutorial can load: ", "--resume", cut.toString());
    }

    @Test
    void aModelIsNotACheckpointNorTheOtherWayRound() {
        // The message names the option that takes the file, not an API
        assertRefused("--resume " + model + ": is not a training checkpoint but a model file: start from it with"
                + " --load-model " + model, "--resume", model.toString());
        assertRefused("--load-model " + checkpoint + ": is a training checkpoint, not a model file: continue its"
                + " training with --resume " + checkpoint, "--load-model", checkpoint.toString());
    }

    @Test
    void aCheckpointOfAnotherProgramIsRefused() throws Exception {
        LstmRegressor other = new LstmRegressor(2, 8, 2, 1);
        Path foreign = temp.resolve("foreign.safetensors");
        Checkpoints.save(foreign, new Checkpoint(other, new Sgd(other.parameters(), SgdOptions.of(0.1)), 3,
                Map.of("epoch", "1"), Map.of()));
        assertRefused("--resume " + foreign + ": not a checkpoint of the van der Pol tutorial: its state has kind missing",
                "--resume", foreign.toString());
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "hidden       | eight | the checkpoint's 'hidden' is not an int: 'eight'",
        "hidden       | 9     | the checkpoint's model has 8 hidden units but its state says 9",
        "lr           | 0.1   | the checkpoint's optimizer has learning rate 0.05 but its state says 0.1",
        "next_batch   | 4     | the checkpoint's next_batch (4) differs from its batches done (5)",
        "running_loss | 0.5   | the checkpoint's running loss (0.5) differs from the last of its history",
        "seed         |       | the checkpoint's state has no 'seed'",
    })
    void aCheckpointWhosePartsDisagreeIsRefused(String key, String value, String message) throws Exception {
        Checkpoint good = Checkpoints.load(checkpoint);
        Map<String, String> state = new LinkedHashMap<>(good.state());
        if (value == null) {
            state.remove(key);
        } else {
            state.put(key, value);
        }
        Path edited = temp.resolve("edited.safetensors");
        Checkpoints.save(edited, new Checkpoint(good.model(), good.optimizer(), good.batchesDone(), state,
                good.arrays()));
        assertRefused("--resume " + edited + ": " + message, "--resume", edited.toString());
    }

    @Test
    void aModelWithOtherInputsOrOutputsIsRefused() throws Exception {
        Path threeInputs = temp.resolve("three-inputs.safetensors");
        ModelFiles.save(new LstmRegressor(3, 8, 2, 1), threeInputs);
        assertRefused("--load-model " + threeInputs
                        + ": the tutorial needs a model with 2 inputs and 2 outputs; got 3 inputs and 2 outputs",
                "--load-model", threeInputs.toString());
    }

    @Test
    void anExplicitHiddenSizeMustBeTheLoadedModels() {
        assertRefused("--hidden 20 conflicts with --load-model " + model + ", whose model has 8 hidden units",
                "--load-model", model.toString(), "--hidden", "20");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "--seed       | 8    | --seed 8 conflicts with --resume CHECKPOINT, which was trained with --seed 7",
        "--batch-size | 5    | --batch-size 5 conflicts with --resume CHECKPOINT, which was trained with --batch-size 4",
        "--hidden     | 20   | --hidden 20 conflicts with --resume CHECKPOINT, which was trained with --hidden 8",
        "--lr         | 0.1  | --lr 0.1 conflicts with --resume CHECKPOINT, which was trained with --lr 0.05",
        "--mu         | 0.2  | --mu 0.2 conflicts with --resume CHECKPOINT, which was trained with --mu 0.1",
        "--t-end      | 3    | --t-end 3.0 conflicts with --resume CHECKPOINT, which was trained with --t-end 2.0",
        "--dt         | 0.05 | --dt 0.05 conflicts with --resume CHECKPOINT, which was trained with --dt 0.1",
    })
    void resumingRefusesToChangeTheSettingsOfTheTraining(String option, String value, String message) {
        assertRefused(message.replace("CHECKPOINT", checkpoint.toString()), "--resume", checkpoint.toString(),
                option, value);
    }

    @Test
    void settingsEqualToTheCheckpointsMayBeRepeated() {
        TutorialCli.Run run = TutorialCli.succeed("--resume", checkpoint.toString(), "--batches", "5",
                "--seed", "7", "--batch-size", "4", "--hidden", "8", "--lr", "0.05", "--mu", "0.1",
                "--t-end", "2", "--dt", "0.1", "--out", temp.resolve("out").toString());
        assertTrue(run.out().contains("no batches to train (5 done)"), run.out());
    }

    @Test
    void aModelAndACheckpointCannotBothBeTheStart() {
        assertRefused("--load-model and --resume cannot be combined", "--load-model", model.toString(),
                "--resume", checkpoint.toString());
    }

    @Test
    void saveModelNeedsAFilePathItCanWrite() throws Exception {
        assertRefused("--save-model " + temp + ": " + temp + " is a directory; expected the path of a file",
                "--save-model", temp.toString());
        Path file = Files.writeString(temp.resolve("file"), "x");
        Path under = file.resolve("model.safetensors");
        assertRefused("--save-model " + under + ": cannot write " + under + ": " + file + " is not a directory",
                "--save-model", under.toString());
    }

    @Test
    void helpDescribesTheFourOptions() {
        TutorialCli.Run run = TutorialCli.run("--help");
        assertEquals(0, run.status());
        for (String option : new String[] {"--save-model=PATH", "--load-model=PATH", "--checkpoint-every=N",
            "--resume=PATH"}) {
            assertTrue(run.out().contains(option), option + " in\n" + run.out());
        }
        assertTrue(run.out().replaceAll("\\s+", "").contains("checkpoint.safetensors"), run.out());
        String help = run.out().replaceAll("\\s+", " ");
        assertTrue(help.contains("--dt and --checkpoint-every are kept, so the resumed run goes on checkpointing"),
                "the rule of resumed checkpoints: " + help);
    }
}
