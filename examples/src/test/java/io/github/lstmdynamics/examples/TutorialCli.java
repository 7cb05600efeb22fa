package io.github.lstmdynamics.examples;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine;

/** Runs the tutorial's command line in this JVM and keeps what it printed. */
final class TutorialCli {

    /** The exit status and what went to standard output and standard error. */
    record Run(int status, String out, String err) {

        /** The tutorial's progress lines, "Batch #k  Loss r". */
        List<String> batchLines() {
            return out.lines().filter(line -> line.startsWith("Batch #")).collect(Collectors.toList());
        }
    }

    private TutorialCli() {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = VanDerPolTutorial.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int status = commandLine.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    /** Runs and requires success, with the output in the failure message otherwise. */
    static Run succeed(String... args) {
        Run run = run(args);
        if (run.status() != 0) {
            throw new AssertionError("exit status " + run.status() + " for " + String.join(" ", args)
                    + "\nstdout:\n" + run.out() + "\nstderr:\n" + run.err());
        }
        return run;
    }
}
