package io.github.lstmdynamics.examples;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.internal.chartpart.Annotation;

/**
 * Filled triangular arrow heads drawn on top of a chart, like the heads of matplotlib's {@code '-|>'}
 * arrows on streamlines. Each head is given by a tail and a head point in data coordinates; it is
 * drawn in pixels at a fixed size, pointing from the tail to the head.
 */
final class ArrowHeads extends Annotation {

    private final List<double[]> arrows = new ArrayList<>();
    private final Color color;
    private final double length;
    private final double halfWidth;

    /**
     * @param color  fill colour
     * @param length head length in pixels
     */
    ArrowHeads(Color color, double length) {
        super(false);
        this.color = color;
        this.length = length;
        this.halfWidth = 0.35 * length;
    }

    /** Adds an arrow head at (headX, headY), pointing away from (tailX, tailY). */
    void add(double tailX, double tailY, double headX, double headY) {
        arrows.add(new double[] {tailX, tailY, headX, headY});
    }

    @Override
    public void paint(Graphics2D g) {
        if (!isVisible) {
            return;
        }
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(color);
        for (double[] a : arrows) {
            double x0 = chart.getScreenXFromChart(a[0]);
            double y0 = chart.getScreenYFromChart(a[1]);
            double x1 = chart.getScreenXFromChart(a[2]);
            double y1 = chart.getScreenYFromChart(a[3]);
            double dx = x1 - x0;
            double dy = y1 - y0;
            double norm = Math.hypot(dx, dy);
            if (norm == 0 || !Double.isFinite(norm)) {
                continue;
            }
            dx /= norm;
            dy /= norm;
            // The tip sits half a head ahead of the arrow point so the head centres on the line.
            double tipX = x1 + 0.5 * length * dx;
            double tipY = y1 + 0.5 * length * dy;
            double baseX = tipX - length * dx;
            double baseY = tipY - length * dy;
            Path2D.Double head = new Path2D.Double();
            head.moveTo(tipX, tipY);
            head.lineTo(baseX - halfWidth * dy, baseY + halfWidth * dx);
            head.lineTo(baseX + halfWidth * dy, baseY - halfWidth * dx);
            head.closePath();
            g.fill(head);
        }
    }

    @Override
    public Rectangle2D getBounds() {
        return new Rectangle2D.Double();
    }
}
