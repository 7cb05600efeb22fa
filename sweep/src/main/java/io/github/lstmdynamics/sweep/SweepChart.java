package io.github.lstmdynamics.sweep;

import io.github.lstmdynamics.lstm.io.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * {@code sweep.png}: the held-out loss against each swept setting, one panel per setting side by side.
 * In a panel every run is a point (one per seed); runs that share the values of the other swept
 * settings are one series (one colour), and a line joins the series' medians over the seeds. The loss
 * axis is logarithmic, and so is a setting's axis when its values are positive and span a factor of 3
 * or more. A setting of names (the optimizer, the schedule) has its values at 0, 1, 2, ... in the
 * sweep's order, named in the axis title. Diverged runs have no held-out loss; the title counts them.
 */
final class SweepChart {

    private static final int PANEL_WIDTH = 640;
    private static final int PANEL_HEIGHT = 480;
    private static final int[] PALETTE = {
        0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf};

    private SweepChart() {
    }

    /** Draws the chart of the results (all runs of the plan) and writes it atomically. */
    static void write(Path file, SweepPlan plan, List<RunResult> results) throws IOException {
        List<Axis> swept = plan.sweptAxes();
        List<XYChart> panels = new ArrayList<>();
        if (swept.isEmpty()) {
            panels.add(panel(plan, results, null, swept));
        } else {
            for (Axis axis : swept) {
                panels.add(panel(plan, results, axis, swept));
            }
        }
        BufferedImage image = new BufferedImage(PANEL_WIDTH * panels.size(), PANEL_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            for (int p = 0; p < panels.size(); p++) {
                Graphics2D panel = (Graphics2D) g.create(p * PANEL_WIDTH, 0, PANEL_WIDTH, PANEL_HEIGHT);
                try {
                    panels.get(p).paint(panel, PANEL_WIDTH, PANEL_HEIGHT);
                } finally {
                    panel.dispose();
                }
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        AtomicFiles.write(file, png.toByteArray());
    }

    /** One panel: held-out loss against the axis (against the seed if the axis is null). */
    private static XYChart panel(SweepPlan plan, List<RunResult> results, Axis axis, List<Axis> swept) {
        List<Axis> others = new ArrayList<>(swept);
        others.remove(axis);
        Map<String, List<RunResult>> series = new LinkedHashMap<>();
        for (RunResult result : results) {
            StringBuilder name = new StringBuilder();
            for (Axis other : others) {
                name.append(name.length() == 0 ? "" : ", ").append(other.key()).append(' ')
                        .append(result.spec().settings().get(other));
            }
            series.computeIfAbsent(name.toString(), k -> new ArrayList<>()).add(result);
        }
        List<String> values = axis == null ? List.of() : plan.grid().get(axis);
        boolean categorical = axis != null && !axis.numeric();
        List<Double> xs = new ArrayList<>();
        if (axis == null) {
            for (long seed : plan.seeds()) {
                xs.add((double) seed);
            }
        } else if (categorical) {
            for (int i = 0; i < values.size(); i++) {
                xs.add((double) i);
            }
        } else {
            for (String value : values) {
                xs.add(Double.parseDouble(value));
            }
        }
        double low = xs.stream().mapToDouble(Double::doubleValue).min().orElse(1);
        double high = xs.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        boolean logX = !categorical && low > 0 && high / low >= 3;
        // Beyond a dozen decades XChart's log axis labels every power of ten on top of each other: the
        // axis shows log10 of the setting instead, linearly.
        boolean log10X = logX && high / low > 1e12;
        if (log10X) {
            logX = false;
            low = Math.log10(low);
            high = Math.log10(high);
        }
        long diverged = results.stream().filter(r -> r.status() == RunStatus.DIVERGED).count();

        XYChart chart = new XYChart(PANEL_WIDTH, PANEL_HEIGHT);
        String label = axis == null ? "seed" : axis.key();
        chart.setTitle("Held-out loss vs " + label + (diverged > 0 ? " (" + diverged + " diverged runs not shown)" : ""));
        chart.setXAxisTitle(log10X ? "log10(" + label + ")" : label + (logX ? " (log scale)" : ""));
        chart.setYAxisTitle("held-out loss (MSE, log scale)");
        XYStyler styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderColor(new Color(0x80, 0x80, 0x80));
        styler.setPlotGridLinesColor(new Color(0xe5, 0xe5, 0xe5));
        styler.setChartTitleBoxVisible(false);
        styler.setLegendBorderColor(new Color(0xcc, 0xcc, 0xcc));
        styler.setLegendPosition(Styler.LegendPosition.InsideNE);
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
        styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        styler.setYAxisLogarithmic(true);
        styler.setXAxisLogarithmic(logX);
        styler.setLegendVisible(!others.isEmpty() || axis == null);
        if (categorical) {
            // the names at positions 0, 1, 2, ..., which the axis title names (XChart's custom tick labels
            // hang or vanish on such an axis)
            styler.setXAxisDecimalPattern("0");
            StringBuilder title = new StringBuilder(label).append(':');
            for (int i = 0; i < values.size(); i++) {
                title.append(i == 0 ? " " : ", ").append(i).append(' ').append(values.get(i));
            }
            chart.setXAxisTitle(title.toString());
        }

        int s = 0;
        double lowY = Double.POSITIVE_INFINITY;
        double highY = 0;
        for (Map.Entry<String, List<RunResult>> entry : series.entrySet()) {
            Color color = new Color(PALETTE[s % PALETTE.length]);
            // series side by side around each x, so that their points do not hide each other
            double shift = series.size() == 1 ? 0 : 0.04 * (s - (series.size() - 1) / 2.0) / (series.size() - 1);
            List<Double> pointX = new ArrayList<>();
            List<Double> pointY = new ArrayList<>();
            List<Double> medianX = new ArrayList<>();
            List<Double> medianY = new ArrayList<>();
            Map<Double, List<Double>> byX = new LinkedHashMap<>();
            for (double x : xs) {
                byX.put(log10X ? Math.log10(x) : x, new ArrayList<>());
            }
            for (RunResult r : entry.getValue()) {
                double y = r.heldOutLoss();
                double x = axis == null ? r.spec().seed() : categorical
                        ? values.indexOf(r.spec().settings().get(axis)) : r.spec().settings().doubleValue(axis);
                x = log10X ? Math.log10(x) : x;
                if (r.status() == RunStatus.OK && Double.isFinite(y) && y > 0) {
                    byX.get(x).add(y);
                }
            }
            for (Map.Entry<Double, List<Double>> at : byX.entrySet()) {
                double x = logX ? at.getKey() * Math.pow(high / low, shift) : at.getKey() + shift * (high - low);
                for (double y : at.getValue()) {
                    pointX.add(x);
                    pointY.add(y);
                    lowY = Math.min(lowY, y);
                    highY = Math.max(highY, y);
                }
                if (!at.getValue().isEmpty()) {
                    medianX.add(x);
                    medianY.add(SummaryCsv.median(at.getValue().stream().mapToDouble(Double::doubleValue).toArray()));
                }
            }
            String name = entry.getKey().isEmpty() ? "runs" : entry.getKey();
            if (!pointX.isEmpty()) {
                XYSeries points = chart.addSeries(name + " (seeds)", pointX, pointY);
                points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                points.setMarker(SeriesMarkers.CIRCLE);
                points.setMarkerColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 150));
                points.setShowInLegend(false);
                XYSeries medians = chart.addSeries(name + (axis == null ? "" : ": median"), medianX, medianY);
                medians.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                medians.setMarker(axis == null ? SeriesMarkers.NONE : SeriesMarkers.DIAMOND);
                medians.setMarkerColor(color);
                medians.setLineColor(axis == null ? new Color(0, 0, 0, 0) : color);
                medians.setLineStyle(new BasicStroke(2f));
            }
            s++;
        }
        if (highY > 0) {
            styler.setYAxisMin(Math.pow(10, Math.floor(Math.log10(lowY))));
            styler.setYAxisMax(Math.pow(10, Math.ceil(Math.log10(highY))));
        } else {
            XYSeries empty = chart.addSeries("no run without divergence", new double[] {low, high}, new double[] {1, 1});
            empty.setMarker(SeriesMarkers.NONE);
            empty.setLineColor(new Color(0, 0, 0, 0));
        }
        if (logX) {
            styler.setXAxisMin(low / Math.pow(high / low, 0.06));
            styler.setXAxisMax(high * Math.pow(high / low, 0.06));
        } else if (categorical) {
            styler.setXAxisMin(low - 0.5);
            styler.setXAxisMax(high + 0.5);
        } else if (high > low) {
            styler.setXAxisMin(low - 0.06 * (high - low));
            styler.setXAxisMax(high + 0.06 * (high - low));
        }
        return chart;
    }
}
