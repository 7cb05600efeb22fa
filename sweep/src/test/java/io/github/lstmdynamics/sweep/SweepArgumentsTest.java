package io.github.lstmdynamics.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lstmdynamics.examples.LrSchedule;
import io.github.lstmdynamics.examples.OptimizerChoice;
import io.github.lstmdynamics.examples.TutorialConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The sweep's command line and sweep file. */
class SweepArgumentsTest {

    @TempDir
    Path temp;

    @Test
    void listsAndRangesMakeTheGridAndOtherSettingsKeepTheTutorialsValues() throws Exception {
        SweepArguments arguments = SweepArguments.parse("--hidden", "5,10,20,40", "--lr", "0.01, 2e-2,0.05,.1",
                "--seeds", "1-5", "--out", temp.toString());
        SweepPlan plan = arguments.plan();
        assertEquals(List.of("5", "10", "20", "40"), plan.grid().get(Axis.HIDDEN));
        assertEquals(List.of("0.01", "0.02", "0.05", "0.1"), plan.grid().get(Axis.LR));
        assertEquals(List.of("2000"), plan.grid().get(Axis.BATCHES));
        assertEquals(List.of("20"), plan.grid().get(Axis.BATCH_SIZE));
        assertEquals(List.of("0.1"), plan.grid().get(Axis.MU));
        assertEquals(List.of("2.0"), plan.grid().get(Axis.T_END));
        assertEquals(List.of("sgd"), plan.grid().get(Axis.OPTIMIZER));
        assertEquals(List.of("none"), plan.grid().get(Axis.LR_SCHEDULE));
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), plan.seeds());
        assertEquals(List.of(Axis.HIDDEN, Axis.LR), plan.sweptAxes());
        assertEquals(SweepPlan.DEFAULT_HORIZON, plan.horizon());

        List<RunSpec> runs = plan.runs();
        assertEquals(80, runs.size());
        assertEquals("5,0.01,20,2000,0.1,2.0,0.1,sgd,none,1,5", runs.get(0).key());
        assertEquals("5,0.01,20,2000,0.1,2.0,0.1,sgd,none,2,5", runs.get(1).key(), "seeds innermost");
        assertEquals("5,0.02,20,2000,0.1,2.0,0.1,sgd,none,1,5", runs.get(5).key(), "then the last swept axis");
        assertEquals("40,0.1,20,2000,0.1,2.0,0.1,sgd,none,5,5", runs.get(79).key());
        assertEquals(79, runs.get(79).index());
    }

    @Test
    void aSweepFileGivesTheSameSweepAndTheCommandLineOverridesIt() throws Exception {
        Path file = temp.resolve("sweep.txt");
        Files.writeString(file, String.join("\n",
                "# the README's sweep",
                "hidden = 5, 10, 20, 40",
                "lr = 0.01, 0.02, 0.05, 0.1   # learning rates",
                "",
                "seeds = 1-3, 4, 5",
                "horizon = 3"));
        SweepPlan fromFile = SweepArguments.parse("--file", file.toString()).plan();
        SweepPlan fromOptions = SweepArguments.parse("--hidden", "5,10,20,40", "--lr", "0.01,0.02,0.05,0.1",
                "--seeds", "1-5", "--horizon", "3").plan();
        assertEquals(fromOptions, fromFile);

        SweepPlan overridden = SweepArguments.parse("--file", file.toString(), "--hidden=7", "--mu", "1").plan();
        assertEquals(List.of("7"), overridden.grid().get(Axis.HIDDEN));
        assertEquals(List.of("1.0"), overridden.grid().get(Axis.MU));
        assertEquals(fromFile.grid().get(Axis.LR), overridden.grid().get(Axis.LR));
    }

    @Test
    void theOptimizerAndTheScheduleAreSettingsAndReachTheTutorialsConfig() throws Exception {
        SweepPlan plan = SweepArguments.parse("--optimizer", "SGD,adam,adamw", "--lr", "0.01",
                "--lr-schedule", "none,cosine:2000,step:100:0.5").plan();
        assertEquals(List.of("sgd", "adam", "adamw"), plan.grid().get(Axis.OPTIMIZER));
        assertEquals(List.of("none", "cosine:2000", "step:100:0.5"), plan.grid().get(Axis.LR_SCHEDULE));
        assertEquals(List.of(Axis.OPTIMIZER, Axis.LR_SCHEDULE), plan.sweptAxes());
        assertEquals(9, plan.runs().size());
        RunSpec adamCosine = plan.runs().get(4);
        assertEquals("20,0.01,20,2000,0.1,2.0,0.1,adam,cosine:2000,1,5", adamCosine.key());
        TutorialConfig config = adamCosine.settings().config(7);
        assertEquals(OptimizerChoice.ADAM, config.optimizer());
        assertEquals(new LrSchedule("cosine:2000"), config.schedule());
        assertEquals(0.01, config.lr());
        assertEquals(7, config.seed());
    }

    @Test
    void withoutLrEachOptimizerTakesItsDefaultAsInTheTutorialAndMixedDefaultsNeedLr() throws Exception {
        assertEquals(List.of("0.05"), SweepArguments.parse().plan().grid().get(Axis.LR));
        assertEquals(List.of("0.01"), SweepArguments.parse("--optimizer", "adam").plan().grid().get(Axis.LR));
        assertEquals(List.of("0.01"), SweepArguments.parse("--optimizer", "adam,adamw").plan().grid().get(Axis.LR));
        assertEquals(List.of("0.05"), SweepArguments.parse("--optimizer", "sgd,adam", "--lr", "0.05").plan()
                .grid().get(Axis.LR));
        BadSweepInput mixed = assertThrows(BadSweepInput.class, () -> SweepArguments.parse("--optimizer", "sgd,adam"));
        assertEquals("--optimizer sgd,adam needs --lr: the optimizers' default learning rates differ (sgd 0.05,"
                + " adam 0.01)", mixed.getMessage());
    }

    static Stream<Arguments> badCommandLines() {
        return Stream.of(
                Arguments.of(List.of("--hidden", "5,x"), "--hidden: 'x' is not a whole number"),
                Arguments.of(List.of("--lr", "0.1,nan"), "--lr: 'nan' is not a finite number"),
                Arguments.of(List.of("--lr", "0.1,,0.2"), "--lr: '0.1,,0.2' has an empty value"),
                Arguments.of(List.of("--hidden", "5,5"), "--hidden: the value 5 is listed twice"),
                Arguments.of(List.of("--hidden", "0"), "--hidden must be in [1, 4096]; got 0"),
                Arguments.of(List.of("--lr", "-0.1"), "--lr must be a finite number above 0; got -0.1"),
                Arguments.of(List.of("--t-end", "2,2.05"), "--t-end (2.05) must be a whole multiple of --dt (0.1)"),
                Arguments.of(List.of("--seeds", "5-1"), "--seeds: '5-1' is not a range FIRST-LAST"),
                Arguments.of(List.of("--seeds", "one"), "--seeds: 'one' is not a seed"),
                Arguments.of(List.of("--seeds", "1-3,2"), "--seeds: the seed 2 is listed twice"),
                Arguments.of(List.of("--horizon", "1"), "--horizon: '1' is not a whole number of training windows"),
                Arguments.of(List.of("--width", "3"), "unknown option --width"),
                Arguments.of(List.of("--hidden"), "--hidden needs a value"),
                Arguments.of(List.of("hidden"), "unexpected argument 'hidden'"),
                Arguments.of(List.of("--hidden", "5", "--hidden", "6"), "--hidden is given twice"),
                Arguments.of(List.of("--file", "/nonexistent/sweep.txt"), "--file /nonexistent/sweep.txt cannot be read"),
                Arguments.of(List.of("--optimizer", "adam,rmsprop"), "--optimizer: 'rmsprop' is not an optimizer;"
                        + " expected sgd, adam or adamw"),
                Arguments.of(List.of("--optimizer", "rmsprop", "--lr", "0.1"), "--optimizer must be sgd, adam or adamw;"
                        + " got 'rmsprop'"),
                Arguments.of(List.of("--optimizer", "ad am"), "--optimizer: 'ad am' is not a name"),
                Arguments.of(List.of("--lr-schedule", "none,cosine"), "--lr-schedule 'cosine': 'cosine' takes 1 or 2"
                        + " value(s) after it"),
                Arguments.of(List.of("--lr-schedule", "cosine:2000;1"), "--lr-schedule: 'cosine:2000;1' is not a name"
                        + " with parameters, such as cosine:2000"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCommandLines")
    void aBadOptionIsRefusedWithAMessageNamingItsValueAndWhatIsExpected(List<String> args, String message) {
        BadSweepInput e = assertThrows(BadSweepInput.class, () -> SweepArguments.parse(args.toArray(new String[0])));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }

    @Test
    void aBadSweepFileLineIsNamedWithItsLineNumber() throws Exception {
        Path file = temp.resolve("bad.txt");
        Files.writeString(file, "hidden = 5, 10\nwidth = 3\n");
        BadSweepInput unknown = assertThrows(BadSweepInput.class, () -> SweepArguments.parse("--file", file.toString()));
        assertTrue(unknown.getMessage().startsWith(file + " line 2: unknown key 'width'"), unknown.getMessage());

        Files.writeString(file, "hidden = 5, ten\n");
        BadSweepInput value = assertThrows(BadSweepInput.class, () -> SweepArguments.parse("--file", file.toString()));
        assertEquals(file + " line 1 (hidden): 'ten' is not a whole number", value.getMessage());

        Files.writeString(file, "hidden 5\n");
        BadSweepInput syntax = assertThrows(BadSweepInput.class, () -> SweepArguments.parse("--file", file.toString()));
        assertEquals(file + " line 1: 'hidden 5' is not 'key = value, value, ...'", syntax.getMessage());
    }

    @Test
    void anOutputPathThatIsAFileIsRefused() throws Exception {
        Path file = Files.writeString(temp.resolve("taken"), "x");
        BadSweepInput e = assertThrows(BadSweepInput.class, () -> SweepArguments.parse("--out", file.toString()));
        assertEquals("--out " + file + " exists and is not a directory", e.getMessage());
    }

    @Test
    void helpNeedsNothingElse() throws Exception {
        assertTrue(SweepArguments.parse("--hidden", "x", "--help").help());
        assertTrue(SweepArguments.parse("--help").help());
        assertFalse(SweepArguments.parse().help());
    }
}
