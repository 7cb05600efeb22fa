package io.github.lstmdynamics.sweep;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** The driver's progress: a line per finished run with how many remain, and a line per failed attempt. */
final class ProgressLines implements SweepListener {

    private final PrintStream out;
    private final List<Axis> shown;
    private int total;

    /** Progress lines naming each run by the swept settings' values and its seed. */
    ProgressLines(PrintStream out, List<Axis> swept) {
        this.out = out;
        this.shown = List.copyOf(swept);
    }

    @Override
    public void started(int total, int skipped) {
        this.total = total;
        if (skipped > 0) {
            out.println("sweep: " + skipped + " runs already in runs.csv are not run again");
        }
    }

    @Override
    public void finished(RunResult r, int remaining) {
        String outcome = r.status() == RunStatus.OK
                ? String.format(Locale.ROOT, "running loss %.4g, held-out %.4g, closed-loop %.4g",
                        r.finalRunningLoss(), r.heldOutLoss(), r.closedLoopError())
                : "diverged at batch " + r.divergedAt();
        out.printf(Locale.ROOT, "run %d/%d (%s): %s, %.1f s; %d remain%n", r.spec().index() + 1, total,
                describe(r.spec(), shown), outcome, r.trainSeconds(), remaining);
        out.flush();
    }

    @Override
    public void attemptFailed(RunSpec spec, int attempt, String reason) {
        String firstLine = reason.lines().findFirst().orElse(reason);
        out.printf("run %d/%d (%s): attempt %d failed, Spark tries it again unless out of retries: %s%n",
                spec.index() + 1, total, describe(spec, shown), attempt, firstLine);
        out.flush();
    }

    /** The values of the given settings, and the seed. */
    static String describe(RunSpec spec, List<Axis> axes) {
        StringBuilder text = new StringBuilder();
        for (Axis axis : axes) {
            text.append(axis.key()).append(' ').append(spec.settings().get(axis)).append(", ");
        }
        return text.append("seed ").append(spec.seed()).toString();
    }
}
