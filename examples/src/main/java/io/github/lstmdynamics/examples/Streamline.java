package io.github.lstmdynamics.examples;

/**
 * One streamline of a {@link StreamPlot}, in data coordinates, ordered in the direction of the flow,
 * with the place of its direction arrow (half-way along its length, as matplotlib puts it).
 *
 * @param x          abscissae, at least 2 points
 * @param y          ordinates, same length
 * @param arrowTail  the arrow starts at point {@code arrowTail} ...
 * @param arrowHeadX ... and points to ({@code arrowHeadX}, {@code arrowHeadY})
 * @param arrowHeadY see arrowHeadX
 */
public record Streamline(double[] x, double[] y, int arrowTail, double arrowHeadX, double arrowHeadY) {
}
