package io.github.lstmdynamics.examples;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Filled triangular arrow heads, like the heads of matplotlib's {@code '-|>'} arrows on streamlines.
 * Each head is given by a tail and a head point in data coordinates and is drawn at a fixed size in
 * pixels, centred on the head point and pointing away from the tail. The heads are added to the chart
 * as filled polygon series, so that the legend is drawn over them; this needs the chart's scale, which
 * is the same on both axes (equal aspect).
 */
final class ArrowHeads {

    private final List<double[]> arrows = new ArrayList<>();
    private final Color color;
    private final double lengthPixels;

    /**
     * @param color        fill colour
     * @param lengthPixels head length in pixels
     */
    ArrowHeads(Color color, double lengthPixels) {
        this.color = color;
        this.lengthPixels = lengthPixels;
    }

    /** Adds an arrow head at (headX, headY), pointing away from (tailX, tailY). */
    void add(double tailX, double tailY, double headX, double headY) {
        arrows.add(new double[] {tailX, tailY, headX, headY});
    }

    /**
     * Adds one filled triangle series per head.
     *
     * @param chart         the chart
     * @param unitsPerPixel data units per pixel, on both axes
     */
    void addTo(XYChart chart, double unitsPerPixel) {
        double length = lengthPixels * unitsPerPixel;
        double halfWidth = 0.35 * length;
        for (int k = 0; k < arrows.size(); k++) {
            double[] a = arrows.get(k);
            double dx = a[2] - a[0];
            double dy = a[3] - a[1];
            double norm = Math.hypot(dx, dy);
            if (norm == 0 || !Double.isFinite(norm)) {
                continue;
            }
            dx /= norm;
            dy /= norm;
            double tipX = a[2] + 0.5 * length * dx;
            double tipY = a[3] + 0.5 * length * dy;
            double baseX = tipX - length * dx;
            double baseY = tipY - length * dy;
            XYSeries head = chart.addSeries("arrow " + k,
                    new double[] {tipX, baseX - halfWidth * dy, baseX + halfWidth * dy, tipX},
                    new double[] {tipY, baseY + halfWidth * dx, baseY - halfWidth * dx, tipY});
            head.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
            head.setMarker(SeriesMarkers.NONE);
            head.setFillColor(color);
            head.setLineColor(color);
            head.setLineStyle(ChartStyle.solid(0.5f));
            head.setShowInLegend(false);
        }
    }
}
