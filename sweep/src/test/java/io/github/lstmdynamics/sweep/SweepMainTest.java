package io.github.lstmdynamics.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's answers to bad input, and the Spark settings it chooses. */
class SweepMainTest {

    @TempDir
    Path temp;

    @Test
    void aBadOptionPrintsOneLineNamingItAndExitsWithStatusTwoBeforeAnyWork() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path dir = temp.resolve("out");
        int status = SweepMain.run(new String[] {"--lr", "0.1,fast", "--out", dir.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, status);
        assertEquals("sweep: --lr: 'fast' is not a finite number" + System.lineSeparator(),
                err.toString(StandardCharsets.UTF_8));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        assertFalse(Files.exists(dir), "nothing is written");
    }

    @Test
    void anOutputDirectoryOfAnotherSweepIsRefused() throws Exception {
        SweepPlan plan = SweepArguments.parse("--hidden", "3", "--seeds", "1-2").plan();
        Path runs = temp.resolve(Sweep.RUNS);
        Files.writeString(runs, RunsCsv.header() + "\n7,0.05,20,2000,0.1,2.0,0.1,sgd,none,1,5,ok,0,1.0,1.0,1.0,1.0\n");
        BadSweepInput e = org.junit.jupiter.api.Assertions.assertThrows(BadSweepInput.class,
                () -> RunsCsv.open(runs, plan));
        assertTrue(e.getMessage().startsWith(runs + " line 2 is a run of another sweep (7,0.05,20,2000,0.1,2.0,0.1,sgd,none,1,5)"),
                e.getMessage());

        Files.writeString(runs, "a,b\n");
        BadSweepInput header = org.junit.jupiter.api.Assertions.assertThrows(BadSweepInput.class,
                () -> RunsCsv.open(runs, plan));
        assertTrue(header.getMessage().contains("is not a runs.csv"), header.getMessage());
    }

    @Test
    void theDefaultMasterIsEveryLocalCoreWithRetriesAndALocalMasterGetsRetries() {
        assertEquals("local[*,4]", SweepMain.sparkConf(null).get("spark.master"));
        assertEquals("local[2,4]", SweepMain.sparkConf("local[2]").get("spark.master"));
        assertEquals("local[2,7]", SweepMain.sparkConf("local[2,7]").get("spark.master"));
        assertEquals("spark://127.0.0.1:7077", SweepMain.sparkConf("spark://127.0.0.1:7077").get("spark.master"));
        assertEquals("127.0.0.1", SweepMain.sparkConf(null).get("spark.driver.host"));
    }

    @Test
    void theJvmOptionsOfTheBuildHoldEveryAddOpensThatSparkSubmitWouldAdd() {
        List<String> ours = Arrays.asList(System.getProperty("spark.module.options").split(" "));
        for (String option : JavaModuleOptions.defaultModuleOptions().split(" ")) {
            if (option.startsWith("--add-opens")) {
                assertTrue(ours.contains(option), option + " is missing from spark.module.options in the parent pom.xml");
            }
        }
    }
}
