package io.github.lstmdynamics.examples;

import java.awt.Color;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A chart of the (x1, x2) plane with a flow field drawn as streamlines with direction arrows; other
 * pictures add their trajectories on top of it.
 */
final class PhasePortrait {

    private final XYChart chart;
    private final double xMin;
    private final double xMax;
    private final double yMin;
    private final double yMax;
    private final int width;
    private final int height;

    /**
     * @param title       chart title
     * @param xMin        left edge of the view (the streamlines may cover less)
     * @param xMax        right edge
     * @param yMin        bottom edge
     * @param yMax        top edge
     * @param streamlines the flow field's streamlines
     * @param lineColor   their colour
     * @param lineWidth   their width in pixels
     * @param width       image width in pixels; the height follows from equal aspect
     */
    PhasePortrait(String title, double xMin, double xMax, double yMin, double yMax,
                  List<Streamline> streamlines, Color lineColor, float lineWidth, int width) {
        this.xMin = xMin;
        this.xMax = xMax;
        this.yMin = yMin;
        this.yMax = yMax;
        chart = new XYChart(width, width);
        chart.setTitle(title);
        chart.setXAxisTitle("x1");
        chart.setYAxisTitle("x2");
        ChartStyle.apply(chart);
        chart.getStyler().setXAxisMin(xMin);
        chart.getStyler().setXAxisMax(xMax);
        chart.getStyler().setYAxisMin(yMin);
        chart.getStyler().setYAxisMax(yMax);
        chart.getStyler().setXAxisDecimalPattern("0.#");
        chart.getStyler().setYAxisDecimalPattern("0.#");
        chart.getStyler().setXAxisTickMarkSpacingHint(70);
        chart.getStyler().setYAxisTickMarkSpacingHint(70);
        ArrowHeads arrows = new ArrowHeads(lineColor, 4.2 * lineWidth + 4);
        for (int i = 0; i < streamlines.size(); i++) {
            Streamline line = streamlines.get(i);
            XYSeries series = chart.addSeries("streamline " + i, line.x(), line.y());
            series.setMarker(SeriesMarkers.NONE);
            series.setLineColor(lineColor);
            series.setLineStyle(ChartStyle.solid(lineWidth));
            series.setShowInLegend(false);
            int tail = line.arrowTail();
            arrows.add(line.x()[tail], line.y()[tail], line.arrowHeadX(), line.arrowHeadY());
        }
        chart.getStyler().setLegendVisible(false);

        // Equal aspect: one cheap render without the series measures the layout (the legend sits
        // inside the plot and does not change it); the scale then sizes the arrow heads in data units,
        // added right after the streamlines so that everything drawn later lies on top of them.
        setContentVisible(false);
        this.width = width;
        int firstGuess = (int) Math.round(width * (yMax - yMin) / (xMax - xMin)) + 40;
        this.height = PngImages.equalAspectHeight(chart, width, firstGuess, xMin, xMax, yMin, yMax);
        double pixels = chart.getScreenXFromChart(xMax) - chart.getScreenXFromChart(xMin);
        setContentVisible(true);
        arrows.addTo(chart, (xMax - xMin) / pixels);
    }

    /** The chart, to add series to. */
    XYChart chart() {
        return chart;
    }

    /**
     * Adds a legend-only entry: a series with one point outside the view, so it shows in the legend
     * but draws nothing.
     */
    XYSeries addLegendEntry(String label) {
        double outside = xMax + 10 * (xMax - xMin);
        XYSeries series = chart.addSeries(label, new double[] {outside, outside + 1},
                new double[] {yMax + 10 * (yMax - yMin), yMax + 10 * (yMax - yMin)});
        chart.getStyler().setLegendVisible(true);
        return series;
    }

    /** Renders to PNG bytes, with equal aspect at the width given to the constructor. */
    byte[] png() throws java.io.IOException {
        return PngImages.encode(PngImages.render(chart, width, height));
    }

    private void setContentVisible(boolean visible) {
        for (XYSeries series : chart.getSeriesMap().values()) {
            series.setEnabled(visible);
        }
    }
}
