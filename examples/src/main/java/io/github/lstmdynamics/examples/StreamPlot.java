package io.github.lstmdynamics.examples;

import io.github.lstmdynamics.ode.IvpOptions;
import io.github.lstmdynamics.ode.OdeSystem;
import io.github.lstmdynamics.ode.Rk45;
import io.github.lstmdynamics.ode.SolverStatus;
import io.github.lstmdynamics.ode.StepInterpolant;
import java.util.ArrayList;
import java.util.List;

/**
 * Streamlines of a planar vector field laid out as matplotlib's {@code streamplot} lays them out, but
 * integrated with our own RK45 on the exact field instead of RK12 on an interpolated grid.
 *
 * <p>The algorithm is matplotlib's: an occupancy grid of {@code 30 density x 30 density} cells over the
 * box; candidate seeds at the cell centres, visited in a spiral from the border inwards; from each seed
 * whose cell is free, the streamline is integrated backward and then forward along the field's
 * direction (arc length in box-relative units, at most {@value #MAX_LENGTH} each way), stopping where
 * it leaves the box, enters a cell held by another streamline, or reaches a zero of the field;
 * streamlines shorter than {@value #MIN_LENGTH} are discarded. Each kept streamline carries an arrow
 * half-way along its length.
 */
public final class StreamPlot {

    /** Longest streamline, in box-relative arc length (matplotlib's maxlength). */
    static final double MAX_LENGTH = 4.0;
    /** Shortest streamline kept, in box-relative arc length (matplotlib's minlength). */
    static final double MIN_LENGTH = 0.1;
    /** Spacing of the points recorded along a streamline, in box-relative arc length. */
    private static final double SAMPLE_SPACING = 0.01;

    private final OdeSystem field;
    private final double xMin;
    private final double xMax;
    private final double yMin;
    private final double yMax;
    private final double density;

    /**
     * @param field   a planar system; its value at time 0 is the field drawn
     * @param xMin    left edge of the box
     * @param xMax    right edge, above xMin
     * @param yMin    bottom edge
     * @param yMax    top edge, above yMin
     * @param density 1 gives a 30 x 30 occupancy grid, as matplotlib's default
     */
    public StreamPlot(OdeSystem field, double xMin, double xMax, double yMin, double yMax, double density) {
        if (!(xMin < xMax && yMin < yMax && Double.isFinite(xMax - xMin) && Double.isFinite(yMax - yMin))) {
            throw new IllegalArgumentException("the box must be finite and non-empty; got x in [" + xMin
                    + ", " + xMax + "], y in [" + yMin + ", " + yMax + "]");
        }
        if (!(density > 0 && density <= 10)) {
            throw new IllegalArgumentException("density must be in (0, 10]; got " + density);
        }
        this.field = field;
        this.xMin = xMin;
        this.xMax = xMax;
        this.yMin = yMin;
        this.yMax = yMax;
        this.density = density;
    }

    /**
     * Computes the streamlines.
     *
     * @return the streamlines in the order they were laid out
     */
    public List<Streamline> streamlines() {
        int cells = Math.max(2, (int) (30 * density));
        StreamMask mask = new StreamMask(cells, cells);
        List<Streamline> lines = new ArrayList<>();
        for (int[] seed : spiral(cells, cells)) {
            if (!mask.isFree(seed[0], seed[1])) {
                continue;
            }
            double u0 = seed[0] / (double) (cells - 1);
            double v0 = seed[1] / (double) (cells - 1);
            Streamline line = integrate(mask, u0, v0);
            if (line != null) {
                lines.add(line);
            }
        }
        return lines;
    }

    /** Matplotlib's seed order: the cells of the grid in a spiral from the border inwards. */
    static List<int[]> spiral(int nx, int ny) {
        List<int[]> seeds = new ArrayList<>(nx * ny);
        int xFirst = 0;
        int yFirst = 1;
        int xLast = nx - 1;
        int yLast = ny - 1;
        int x = 0;
        int y = 0;
        char direction = 'r';
        for (int k = 0; k < nx * ny; k++) {
            seeds.add(new int[] {x, y});
            switch (direction) {
                case 'r' -> {
                    x++;
                    if (x >= xLast) {
                        xLast--;
                        direction = 'u';
                    }
                }
                case 'u' -> {
                    y++;
                    if (y >= yLast) {
                        yLast--;
                        direction = 'l';
                    }
                }
                case 'l' -> {
                    x--;
                    if (x <= xFirst) {
                        xFirst++;
                        direction = 'd';
                    }
                }
                default -> {
                    y--;
                    if (y <= yFirst) {
                        yFirst++;
                        direction = 'r';
                    }
                }
            }
        }
        return seeds;
    }

    private Streamline integrate(StreamMask mask, double u0, double v0) {
        if (!mask.start(u0, v0)) {
            return null;
        }
        List<double[]> backward = leg(mask, u0, v0, -1);
        mask.resetTo(u0, v0);
        List<double[]> forward = leg(mask, u0, v0, +1);
        int n = backward.size() + 1 + forward.size();
        double length = (backward.size() + forward.size()) * SAMPLE_SPACING;
        if (length <= MIN_LENGTH || n < 3) {
            mask.undo();
            return null;
        }
        double[] x = new double[n];
        double[] y = new double[n];
        int k = 0;
        for (int i = backward.size() - 1; i >= 0; i--, k++) {
            x[k] = toX(backward.get(i)[0]);
            y[k] = toY(backward.get(i)[1]);
        }
        x[k] = toX(u0);
        y[k] = toY(v0);
        k++;
        for (double[] p : forward) {
            x[k] = toX(p[0]);
            y[k] = toY(p[1]);
            k++;
        }
        return withArrow(x, y);
    }

    /**
     * Follows the normalised field from (u0, v0) in the given direction, recording points every
     * {@link #SAMPLE_SPACING} of arc length until the streamline must stop.
     */
    private List<double[]> leg(StreamMask mask, double u0, double v0, int direction) {
        List<double[]> points = new ArrayList<>();
        OdeSystem unitSpeed = unitSpeedField();
        Rk45 solver = new Rk45(unitSpeed, 0.0, new double[] {u0, v0}, direction * MAX_LENGTH,
                IvpOptions.defaults().withMaxStep(0.05).withMaxSteps(10_000));
        double[] p = new double[2];
        double[] previous = {u0, v0};
        int next = 1;
        while (solver.status() == SolverStatus.RUNNING) {
            if (solver.step() == SolverStatus.FAILED) {
                break;
            }
            StepInterpolant step = solver.denseOutput();
            double reached = Math.abs(solver.t());
            while (next * SAMPLE_SPACING <= reached) {
                step.at(direction * next * SAMPLE_SPACING, p);
                next++;
                boolean stalled = Math.hypot(p[0] - previous[0], p[1] - previous[1]) < 0.5 * SAMPLE_SPACING;
                boolean inside = p[0] >= 0 && p[0] <= 1 && p[1] >= 0 && p[1] <= 1;
                if (stalled || !inside || !mask.enter(p[0], p[1])) {
                    return points;
                }
                previous = p.clone();
                points.add(previous);
            }
        }
        return points;
    }

    /**
     * The field in box-relative coordinates, normalised to unit speed there (zero where the field
     * vanishes), so that the independent variable is arc length.
     */
    private OdeSystem unitSpeedField() {
        double width = xMax - xMin;
        double height = yMax - yMin;
        double[] y = new double[2];
        double[] f = new double[2];
        return (s, uv, duv) -> {
            y[0] = toX(uv[0]);
            y[1] = toY(uv[1]);
            field.derivatives(0.0, y, f);
            double du = f[0] / width;
            double dv = f[1] / height;
            double speed = Math.hypot(du, dv);
            if (speed == 0 || !Double.isFinite(speed)) {
                duv[0] = 0;
                duv[1] = 0;
            } else {
                duv[0] = du / speed;
                duv[1] = dv / speed;
            }
        };
    }

    private double toX(double u) {
        return xMin + u * (xMax - xMin);
    }

    private double toY(double v) {
        return yMin + v * (yMax - yMin);
    }

    /** Puts the arrow half-way along the line's length, as matplotlib does. */
    private static Streamline withArrow(double[] x, double[] y) {
        int n = x.length;
        double[] cumulative = new double[n - 1];
        double total = 0;
        for (int i = 0; i < n - 1; i++) {
            total += Math.hypot(x[i + 1] - x[i], y[i + 1] - y[i]);
            cumulative[i] = total;
        }
        int tail = 0;
        while (tail < n - 2 && cumulative[tail] < total / 2) {
            tail++;
        }
        double headX = 0.5 * (x[tail] + x[tail + 1]);
        double headY = 0.5 * (y[tail] + y[tail + 1]);
        return new Streamline(x, y, tail, headX, headY);
    }
}
