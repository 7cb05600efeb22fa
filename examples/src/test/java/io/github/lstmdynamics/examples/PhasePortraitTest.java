package io.github.lstmdynamics.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

class PhasePortraitTest {

    @Test
    void oneDataUnitIsAsLongOnBothAxes() throws Exception {
        List<Streamline> lines = new StreamPlot(new VanDerPol(1.0), -6, 6, -3, 3, 1).streamlines();
        PhasePortrait portrait = new PhasePortrait("wide view", -6, 6, -3, 3, lines, ChartStyle.STREAMLINE, 1f, 700);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(portrait.png()));
        assertEquals(700, image.getWidth());
        XYChart chart = portrait.chart();
        double xPixelsPerUnit = (chart.getScreenXFromChart(6) - chart.getScreenXFromChart(-6)) / 12;
        double yPixelsPerUnit = (chart.getScreenYFromChart(-3) - chart.getScreenYFromChart(3)) / 6;
        assertEquals(xPixelsPerUnit, yPixelsPerUnit, 1.0 / 6, "equal aspect to within a pixel");
    }
}
