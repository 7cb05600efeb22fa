package io.github.lstmdynamics.examples;

import java.util.ArrayList;
import java.util.List;

/**
 * The occupancy grid that keeps streamlines apart, as in matplotlib's {@code streamplot}: the unit
 * square is divided into {@code nx x ny} cells (centred on {@code i / (nx - 1)}); a streamline marks
 * each cell it enters and stops when it would enter a cell another streamline already holds.
 * A trajectory that turns out too short can be undone.
 */
final class StreamMask {

    private final int nx;
    private final int ny;
    private final boolean[] occupied;
    private final List<Integer> current = new ArrayList<>();
    private int currentCell = -1;

    /** A mask of nx x ny cells, both at least 2. */
    StreamMask(int nx, int ny) {
        if (nx < 2 || ny < 2) {
            throw new IllegalArgumentException("mask needs at least 2 x 2 cells; got " + nx + " x " + ny);
        }
        this.nx = nx;
        this.ny = ny;
        this.occupied = new boolean[nx * ny];
    }

    int nx() {
        return nx;
    }

    int ny() {
        return ny;
    }

    boolean isFree(int i, int j) {
        return !occupied[j * nx + i];
    }

    /** The cell index holding the point (x, y) of the unit square. */
    int cellOf(double x, double y) {
        int i = (int) Math.round(x * (nx - 1));
        int j = (int) Math.round(y * (ny - 1));
        return j * nx + i;
    }

    /**
     * Starts a new trajectory at (x, y) of the unit square.
     *
     * @return false if the cell is already taken (the trajectory must not start)
     */
    boolean start(double x, double y) {
        current.clear();
        currentCell = -1;
        return enter(x, y);
    }

    /** Makes the start cell current again, so that the second leg of a trajectory may leave it. */
    void resetTo(double x, double y) {
        currentCell = cellOf(x, y);
    }

    /**
     * Moves the current trajectory to (x, y), marking a newly entered cell.
     *
     * @return false if (x, y) lies in a cell another trajectory (or an earlier part of this one) holds
     */
    boolean enter(double x, double y) {
        int cell = cellOf(x, y);
        if (cell == currentCell) {
            return true;
        }
        if (occupied[cell]) {
            return false;
        }
        occupied[cell] = true;
        current.add(cell);
        currentCell = cell;
        return true;
    }

    /** Frees every cell the current trajectory marked. */
    void undo() {
        for (int cell : current) {
            occupied[cell] = false;
        }
        current.clear();
        currentCell = -1;
    }
}
