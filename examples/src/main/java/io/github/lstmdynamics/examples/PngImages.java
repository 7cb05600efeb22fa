package io.github.lstmdynamics.examples;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import org.knowm.xchart.XYChart;

/**
 * Renders charts to images and PNG bytes. The encoding carries no time stamp or other run-dependent
 * metadata, so the same chart always gives the same bytes.
 */
final class PngImages {

    private PngImages() {
    }

    /** Paints the chart onto a new width x height RGB image. */
    static BufferedImage render(XYChart chart, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            chart.paint(g, width, height);
        } finally {
            g.dispose();
        }
        return image;
    }

    /**
     * The height at which a chart of the given width shows one data unit as long on both axes
     * (matplotlib's {@code set_aspect('equal')}). The tick labels, and with them the room the axes
     * take, may change with the height, so the height is corrected until it no longer changes (two or
     * three renders). The layout does not depend on the series, so the caller may hide them to make
     * these measuring renders cheap.
     */
    static int equalAspectHeight(XYChart chart, int width, int firstGuessHeight,
                                 double xMin, double xMax, double yMin, double yMax) {
        int height = firstGuessHeight;
        for (int attempt = 0; attempt < 5; attempt++) {
            render(chart, width, height);
            double xPixels = chart.getScreenXFromChart(xMax) - chart.getScreenXFromChart(xMin);
            double yPixels = chart.getScreenYFromChart(yMin) - chart.getScreenYFromChart(yMax);
            double wantedYPixels = xPixels / (xMax - xMin) * (yMax - yMin);
            int correction = (int) Math.round(wantedYPixels - yPixels);
            if (correction == 0) {
                break;
            }
            height += correction;
        }
        return height;
    }

    /**
     * Renders a tiny chart and throws it away, so that the one-time costs of drawing (AWT and font
     * set-up, class loading, first compilations) are paid now, for example on an idle core while the
     * command line is parsed, rather than later on the critical path.
     */
    static void warmUp() {
        XYChart chart = new XYChart(64, 64);
        chart.setTitle("warm-up");
        ChartStyle.apply(chart);
        chart.addSeries("line", new double[] {0, 1, 2}, new double[] {1, 0, 1});
        render(chart, 64, 64);
    }

    /** Encodes an image as PNG (see {@link PngEncoder}). */
    static byte[] encode(BufferedImage image) throws IOException {
        return PngEncoder.encode(image);
    }
}
