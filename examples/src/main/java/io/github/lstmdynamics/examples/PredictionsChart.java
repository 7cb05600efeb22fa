package io.github.lstmdynamics.examples;

import io.github.lstmdynamics.lstm.SequenceBatch;
import java.awt.Color;
import java.io.IOException;
import java.util.List;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The tutorial's picture: the flow field, and for each sequence of a batch the network's predicted
 * trajectory (solid) and the true one (dashed, same colour), its start point marked.
 */
final class PredictionsChart {

    private static final Color LEGEND_GREY = new Color(0x40, 0x40, 0x40);

    private PredictionsChart() {
    }

    /**
     * The view: the box of initial states, widened to whole units to take in every point of the
     * true and predicted trajectories (but never more than {@code limit} from the origin, in case a
     * prediction runs away).
     *
     * @return {xMin, xMax, yMin, yMax}
     */
    static double[] view(double[] lower, double[] upper, SequenceBatch truth, SequenceBatch prediction,
                         double limit) {
        double[] v = {lower[0], upper[0], lower[1], upper[1]};
        for (SequenceBatch s : new SequenceBatch[] {truth, prediction}) {
            for (int t = 0; t < s.steps(); t++) {
                for (int b = 0; b < s.batchSize(); b++) {
                    double x = s.get(t, b, 0);
                    double y = s.get(t, b, 1);
                    if (Double.isFinite(x) && Double.isFinite(y)) {
                        v[0] = Math.min(v[0], Math.max(-limit, Math.floor(x)));
                        v[1] = Math.max(v[1], Math.min(limit, Math.ceil(x)));
                        v[2] = Math.min(v[2], Math.max(-limit, Math.floor(y)));
                        v[3] = Math.max(v[3], Math.min(limit, Math.ceil(y)));
                    }
                }
            }
        }
        return v;
    }

    /**
     * Renders the picture to PNG bytes.
     *
     * @param title       chart title
     * @param view        {xMin, xMax, yMin, yMax}
     * @param streamlines the flow field over the view
     * @param truth       T x B x 2 true trajectories
     * @param prediction  T x B x 2 predicted trajectories
     * @param width       image width in pixels (the height follows from equal aspect)
     */
    static byte[] png(String title, double[] view, List<Streamline> streamlines, SequenceBatch truth,
                      SequenceBatch prediction, int width) throws IOException {
        PhasePortrait portrait = new PhasePortrait(title, view[0], view[1], view[2], view[3], streamlines,
                ChartStyle.STREAMLINE, 1.0f, width);
        int steps = truth.steps();
        for (int b = 0; b < truth.batchSize(); b++) {
            Color color = ChartStyle.color(b);
            double[] xt = new double[steps];
            double[] yt = new double[steps];
            double[] xp = new double[steps];
            double[] yp = new double[steps];
            for (int t = 0; t < steps; t++) {
                xt[t] = truth.get(t, b, 0);
                yt[t] = truth.get(t, b, 1);
                xp[t] = prediction.get(t, b, 0);
                yp[t] = prediction.get(t, b, 1);
            }
            XYSeries trueLine = portrait.chart().addSeries("true " + b, xt, yt);
            trueLine.setMarker(SeriesMarkers.NONE);
            trueLine.setLineColor(color);
            trueLine.setLineStyle(ChartStyle.dashed(2.0f));
            trueLine.setShowInLegend(false);
            XYSeries predicted = portrait.chart().addSeries("predicted " + b, xp, yp);
            predicted.setMarker(SeriesMarkers.NONE);
            predicted.setLineColor(color);
            predicted.setLineStyle(ChartStyle.solid(2.0f));
            predicted.setShowInLegend(false);
            XYSeries start = portrait.chart().addSeries("start " + b, new double[] {xt[0]}, new double[] {yt[0]});
            start.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            start.setMarker(SeriesMarkers.CIRCLE);
            start.setMarkerColor(color);
            start.setShowInLegend(false);
        }
        XYSeries predictedEntry = portrait.addLegendEntry("LSTM prediction");
        predictedEntry.setMarker(SeriesMarkers.NONE);
        predictedEntry.setLineColor(LEGEND_GREY);
        predictedEntry.setLineStyle(ChartStyle.solid(2.0f));
        XYSeries trueEntry = portrait.addLegendEntry("true (RK45)");
        trueEntry.setMarker(SeriesMarkers.NONE);
        trueEntry.setLineColor(LEGEND_GREY);
        trueEntry.setLineStyle(ChartStyle.dashed(2.0f));
        XYSeries startEntry = portrait.addLegendEntry("initial state");
        startEntry.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        startEntry.setMarker(SeriesMarkers.CIRCLE);
        startEntry.setMarkerColor(LEGEND_GREY);
        return portrait.png();
    }
}
