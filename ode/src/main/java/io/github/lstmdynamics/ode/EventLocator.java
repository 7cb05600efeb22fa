package io.github.lstmdynamics.ode;

import java.util.Arrays;
import java.util.List;

/**
 * Detects and locates events step by step, as scipy's {@code find_active_events} and
 * {@code handle_events}, extended by optional sampling of g inside each step.
 *
 * <p>For each event the step [t_old, t] is cut into interiorSamples + 1 equal pieces (one piece by
 * default). A piece is active when g changes sign across it in the event's direction (rise:
 * {@code g_left <= 0 <= g_right}; fall: {@code g_left >= 0 >= g_right}); its root is found by Brent's
 * method on the step's interpolant to 4 eps. All roots of the step are then taken in time order,
 * counting occurrences; the first occurrence that reaches its event's terminal count ends the run
 * there, and later roots of the step are dropped.
 */
final class EventLocator {

    private final EventSpec[] specs;
    private final int n;
    private double[] gOld;
    private double[] gNew;
    private final int[] counts;
    private final GrowableDoubleArray[] times;
    private final GrowableDoubleArray[] states;
    private final double[] yAtTime;

    /** Roots of the current step, in the order found. */
    private double[] rootTimes = new double[8];
    private int[] rootEvents = new int[8];
    private int rootCount;

    EventLocator(List<EventSpec> events, double t0, double[] y0) {
        this.specs = events.toArray(new EventSpec[0]);
        this.n = y0.length;
        this.gOld = new double[specs.length];
        this.gNew = new double[specs.length];
        this.counts = new int[specs.length];
        this.times = new GrowableDoubleArray[specs.length];
        this.states = new GrowableDoubleArray[specs.length];
        this.yAtTime = new double[n];
        for (int e = 0; e < specs.length; e++) {
            times[e] = new GrowableDoubleArray();
            states[e] = new GrowableDoubleArray();
            gOld[e] = specs[e].event().g(t0, y0);
        }
    }

    /**
     * Handles the solver's last accepted step.
     *
     * @return the time of the terminal event that ends the run inside this step, or NaN
     */
    double afterStep(Rk45 solver) {
        double tOld = solver.tOld();
        double t = solver.t();
        double[] y = solver.yView();
        rootCount = 0;
        for (int e = 0; e < specs.length; e++) {
            gNew[e] = specs[e].event().g(t, y);
            findRoots(solver, e, tOld, t);
        }
        sortRootsInDirection(t >= tOld);

        double terminalTime = Double.NaN;
        for (int r = 0; r < rootCount; r++) {
            int e = rootEvents[r];
            double root = rootTimes[r];
            counts[e]++;
            solver.interpolate(root, yAtTime);
            times[e].add(root);
            states[e].addAll(yAtTime);
            if (specs[e].isTerminal() && counts[e] >= specs[e].terminalAfter()) {
                terminalTime = root;
                break;
            }
        }
        double[] swap = gOld;
        gOld = gNew;
        gNew = swap;
        return terminalTime;
    }

    private void findRoots(Rk45 solver, int e, double tOld, double t) {
        EventSpec spec = specs[e];
        Event event = spec.event();
        int pieces = spec.interiorSamples() + 1;
        double left = tOld;
        double gLeft = gOld[e];
        double lastRoot = Double.NaN;
        for (int j = 1; j <= pieces; j++) {
            double right;
            double gRight;
            if (j == pieces) {
                right = t;
                gRight = gNew[e];
            } else {
                right = tOld + (t - tOld) * j / pieces;
                solver.interpolate(right, yAtTime);
                gRight = event.g(right, yAtTime);
            }
            if (active(gLeft, gRight, spec.direction())) {
                double root = Brent.root(time -> {
                    solver.interpolate(time, yAtTime);
                    return event.g(time, yAtTime);
                }, left, right, Brent.EVENT_TOLERANCE, Brent.EVENT_TOLERANCE);
                if (root != lastRoot) { // a zero exactly on a sample point ends one piece and starts the next
                    addRoot(e, root);
                    lastRoot = root;
                }
            }
            left = right;
            gLeft = gRight;
        }
    }

    /** scipy's {@code find_active_events} for one event. */
    static boolean active(double g, double gNext, int direction) {
        boolean up = g <= 0 && gNext >= 0;
        boolean down = g >= 0 && gNext <= 0;
        return direction > 0 ? up : direction < 0 ? down : up || down;
    }

    private void addRoot(int event, double time) {
        if (rootCount == rootTimes.length) {
            rootTimes = Arrays.copyOf(rootTimes, rootCount * 2);
            rootEvents = Arrays.copyOf(rootEvents, rootCount * 2);
        }
        rootTimes[rootCount] = time;
        rootEvents[rootCount] = event;
        rootCount++;
    }

    /** Stable insertion sort of this step's roots, earliest first in the direction of integration. */
    private void sortRootsInDirection(boolean forward) {
        for (int i = 1; i < rootCount; i++) {
            double time = rootTimes[i];
            int event = rootEvents[i];
            int j = i - 1;
            while (j >= 0 && (forward ? rootTimes[j] > time : rootTimes[j] < time)) {
                rootTimes[j + 1] = rootTimes[j];
                rootEvents[j + 1] = rootEvents[j];
                j--;
            }
            rootTimes[j + 1] = time;
            rootEvents[j + 1] = event;
        }
    }

    /** Event times, one array per event, in the order of integration. */
    double[][] eventTimes() {
        double[][] result = new double[specs.length][];
        for (int e = 0; e < specs.length; e++) {
            result[e] = times[e].toArray();
        }
        return result;
    }

    /** States at the event times: [event][occurrence][component]. */
    double[][][] eventStates() {
        double[][][] result = new double[specs.length][][];
        for (int e = 0; e < specs.length; e++) {
            result[e] = states[e].toRows(n);
        }
        return result;
    }
}
