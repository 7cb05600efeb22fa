package io.github.lstmdynamics.examples;

import java.awt.Color;
import java.io.IOException;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The training curve: the loss of every batch and the running loss, against the batch, log scale. Up to
 * {@value #MAX_LABELLED_DECADES} decades every decade is labelled; over a wider range (a diverging run spans
 * hundreds) the axis shows the exponents, labelled {@code 1e-3}, {@code 1e50}, ..., at round steps, so that
 * the labels never run into each other.
 */
final class LossChart {

    /** The widest range, in decades, on which every decade gets a label. */
    static final int MAX_LABELLED_DECADES = 10;

    private LossChart() {
    }

    /**
     * Renders the chart to PNG bytes. With no batches (a run that only evaluates a loaded model) the
     * chart is empty and its title says so.
     *
     * @param loss    loss of batch k + 1 at index k
     * @param running running loss after batch k + 1 at index k
     * @param width   image width in pixels
     * @param height  image height in pixels
     */
    static byte[] png(double[] loss, double[] running, int width, int height) throws IOException {
        int n = loss.length;
        double[] batch = new double[n];
        double low = Double.POSITIVE_INFINITY;
        double high = 0;
        for (int k = 0; k < n; k++) {
            batch[k] = k + 1;
            for (double v : new double[] {loss[k], running[k]}) {
                if (v > 0 && Double.isFinite(v)) {
                    low = Math.min(low, v);
                    high = Math.max(high, v);
                }
            }
        }
        XYChart chart = new XYChart(width, height);
        chart.setTitle(n == 0 ? "Training loss (MSE): no batches trained in this run" : "Training loss (MSE)");
        chart.setXAxisTitle("batch");
        chart.setYAxisTitle("loss");
        ChartStyle.apply(chart);
        int lowDecade = high > 0 ? (int) Math.floor(Math.log10(low)) : -1;
        int highDecade = high > 0 ? (int) Math.ceil(Math.log10(high)) : 1;
        boolean exponents = highDecade - lowDecade > MAX_LABELLED_DECADES;
        chart.getStyler().setYAxisLogarithmic(!exponents);
        chart.getStyler().setPlotGridLinesVisible(true);
        chart.getStyler().setPlotGridLinesColor(new Color(0xe5, 0xe5, 0xe5));
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setXAxisDecimalPattern("0");
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisMax((double) Math.max(n, 1));
        if (exponents) {
            chart.setYAxisTitle("loss (log scale)");
            chart.getStyler().setYAxisMin((double) lowDecade);
            chart.getStyler().setYAxisMax((double) highDecade);
            chart.getStyler().setyAxisTickLabelsFormattingFunction(LossChart::powerOfTen);
        } else if (high > 0) {
            chart.getStyler().setYAxisMin(Math.pow(10, lowDecade));
            chart.getStyler().setYAxisMax(Math.pow(10, highDecade));
        }
        if (n == 0) {
            XYSeries axes = chart.addSeries(" ", new double[] {0, 0.5, 1}, new double[] {1, 1, 1});
            axes.setMarker(SeriesMarkers.NONE);
            axes.setLineColor(new Color(0, 0, 0, 0));
            axes.setShowInLegend(false);
            chart.getStyler().setLegendVisible(false);
            chart.getStyler().setYAxisMin(0.1);
            chart.getStyler().setYAxisMax(10.0);
            return PngImages.encode(PngImages.render(chart, width, height));
        }
        double[] shownLoss = exponents ? exponents(loss, lowDecade, highDecade) : positive(loss);
        double[] shownRunning = exponents ? exponents(running, lowDecade, highDecade) : positive(running);
        XYSeries perBatch = chart.addSeries("loss of each batch", batch, shownLoss);
        // A handful of batches would be invisible as lines alone.
        perBatch.setMarker(n <= 50 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        perBatch.setMarkerColor(new Color(0x1f, 0x77, 0xb4));
        perBatch.setLineColor(new Color(0x1f, 0x77, 0xb4, 110));
        perBatch.setLineStyle(ChartStyle.solid(1.0f));
        XYSeries smooth = chart.addSeries("running loss r = 0.9 r + 0.1 loss", batch, shownRunning);
        smooth.setMarker(n <= 50 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        smooth.setMarkerColor(new Color(0xff, 0x7f, 0x0e));
        smooth.setLineColor(new Color(0xff, 0x7f, 0x0e));
        smooth.setLineStyle(ChartStyle.solid(2.5f));
        // XChart puts ticks on the data points when the x values are equally spaced (here 85, 169, ...);
        // an invisible series that is not equally spaced gets round ticks (0, 250, 500, ...) instead.
        double top = exponents ? highDecade : high;
        XYSeries roundTicks = chart.addSeries(" ", new double[] {0, 0.5, n}, new double[] {top, top, top});
        roundTicks.setMarker(SeriesMarkers.NONE);
        roundTicks.setLineColor(new Color(0, 0, 0, 0));
        roundTicks.setShowInLegend(false);
        return PngImages.encode(PngImages.render(chart, width, height));
    }

    /** The decimal exponents of the values, kept inside the axis (values that are not positive at its foot). */
    private static double[] exponents(double[] values, int lowDecade, int highDecade) {
        double[] out = new double[values.length];
        for (int i = 0; i < out.length; i++) {
            double e = values[i] > 0 ? Math.log10(values[i]) : lowDecade;
            out[i] = Math.max(lowDecade, Math.min(highDecade, e));
        }
        return out;
    }

    /** The label of an exponent tick: "1e50" for 50 (a tick between whole exponents, "10^2.5"). */
    private static String powerOfTen(Double exponent) {
        double e = exponent;
        return e == Math.rint(e) ? "1e" + (long) e : "10^" + e;
    }

    /** Log axes cannot show zero: values that are not positive are lifted to the smallest double. */
    private static double[] positive(double[] values) {
        double[] out = values.clone();
        for (int i = 0; i < out.length; i++) {
            if (!(out[i] > 0)) {
                out[i] = Double.MIN_NORMAL;
            }
        }
        return out;
    }
}
