package io.github.lstmdynamics.examples;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.knowm.xchart.XYChart;

/**
 * Renders charts to PNG bytes. The encoding carries no time stamp or other run-dependent metadata,
 * so the same chart always gives the same bytes.
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
     * Renders a chart whose axes span xRange by yRange data units at the given width, choosing the
     * height so that one unit is as long on both axes (matplotlib's {@code set_aspect('equal')}).
     */
    static BufferedImage renderEqualAspect(XYChart chart, int width, int firstGuessHeight,
                                           double xMin, double xMax, double yMin, double yMax) {
        int height = firstGuessHeight;
        for (int attempt = 0; attempt < 3; attempt++) {
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
        return render(chart, width, height);
    }

    /** Encodes an image as PNG. */
    static byte[] encode(BufferedImage image) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
        if (!ImageIO.write(image, "png", bytes)) {
            throw new IOException("no PNG writer available");
        }
        return bytes.toByteArray();
    }
}
