package io.github.lstmdynamics.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VanDerPolTutorialOptionsTest {

    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "--batches    | 0     | --batches must be in [1, 10000000]; got 0",
        "--batches    | -5    | --batches must be in [1, 10000000]; got -5",
        "--batch-size | 0     | --batch-size must be in [1, 100000]; got 0",
        "--hidden     | 0     | --hidden must be in [1, 4096]; got 0",
        "--lr         | 0     | --lr must be a finite number above 0; got 0.0",
        "--lr         | NaN   | --lr must be a finite number above 0; got NaN",
        "--lr         | -0.05 | --lr must be a finite number above 0; got -0.05",
        "--mu         | Infinity | --mu must be a finite number in [0, 100]; got Infinity",
        "--mu         | 1000  | --mu must be a finite number in [0, 100]; got 1000.0",
        "--t-end      | 0     | --t-end must be a finite number above 0; got 0.0",
        "--t-end      | 2.05  | --t-end (2.05) must be a whole multiple of --dt (0.1)",
        "--dt         | 0     | --dt must be a finite number above 0; got 0.0",
        "--dt         | 0.3   | --t-end (2.0) must be a whole multiple of --dt (0.3)",
        "--dt         | 1e-9  | --t-end / --dt must give 1 to 100000 steps; got --t-end 2.0 and --dt 1.0E-9",
        "--dt         | 5     | --t-end / --dt must give 1 to 100000 steps; got --t-end 2.0 and --dt 5.0",
        "--batches    | many  | Invalid value for option '--batches': 'many' is not an integer in [1, 10000000] (0 with --load-model or --resume)",
        "--seed       | 1.5   | Invalid value for option '--seed': '1.5' is not an integer in [-9223372036854775808, 9223372036854775807]",
        "--batches    | 2147483648 | Invalid value for option '--batches': '2147483648' is not an integer in [1, 10000000] (0 with --load-model or --resume)",
        "--hidden     | 1e3   | Invalid value for option '--hidden': '1e3' is not an integer in [1, 4096]",
        "--mu         | -0.1  | --mu must be a finite number in [0, 100]; got -0.1 (with negative damping, trajectories from [-5, 5]^2 run off to infinity in finite time)",
        "--lr         | fast  | Invalid value for option '--lr': 'fast' is not a double",
    })
    void rejectsABadOptionWithAClearMessage(String option, String value, String message) {
        TutorialCli.Run run = TutorialCli.run(option, value, "--out", temp.resolve("never").toString());
        assertEquals(2, run.status(), run.err());
        assertTrue(run.err().contains(message), "stderr: " + run.err());
        assertTrue(run.err().contains("Run 'vanderpol-tutorial --help' for the options."), "a pointer to --help follows");
        assertTrue(!run.err().contains("Usage:"), "no usage text after an error: " + run.err());
        assertEquals(2, run.err().lines().count(), "one line of error, one of help: " + run.err());
        assertTrue(Files.notExists(temp.resolve("never")), "nothing written");
    }

    @Test
    void rejectsAnUnknownOption() {
        TutorialCli.Run run = TutorialCli.run("--batchez", "3");
        assertEquals(2, run.status());
        assertTrue(run.err().contains("Unknown option") && run.err().contains("'--batchez'"), run.err());
    }

    @Test
    void anOutputPathThatIsAFileIsAnError() throws Exception {
        Path file = Files.writeString(temp.resolve("file"), "x");
        TutorialCli.Run run = TutorialCli.run("--batches", "1", "--out", file.toString());
        assertEquals(2, run.status(), "refused as a bad option, before training");
        assertTrue(run.err().contains("--out " + file + ": cannot write " + file.resolve("flow-field.png") + ": " + file
                + " is not a directory"), run.err());
    }

    @Test
    void aDivergingRunSaysWhereAndWhy() {
        TutorialCli.Run run = TutorialCli.run("--lr", "100", "--batches", "200", "--batch-size", "4", "--out", temp.resolve("diverged").toString());
        assertEquals(1, run.status());
        assertTrue(run.err().contains("training diverged; a smaller --lr may help"), run.err());
        assertTrue(run.err().contains("batch #"), run.err());
    }

    @Test
    void helpListsEveryOptionWithItsDefault() {
        TutorialCli.Run run = TutorialCli.run("--help");
        assertEquals(0, run.status());
        for (String option : new String[] {"--batches=N", "--batch-size=B", "--hidden=H", "--lr=RATE", "--mu=MU",
            "--t-end=T", "--dt=DT", "--seed=SEED", "--out=DIR", "--help", "--version"}) {
            assertTrue(run.out().contains(option), option + " in\n" + run.out());
        }
        assertTrue(run.out().contains("(default: 2000)"), run.out());
        assertTrue(run.out().contains("(default: 0.05)"), run.out());
        assertTrue(run.out().contains("(default: out)"), run.out());
    }
}
