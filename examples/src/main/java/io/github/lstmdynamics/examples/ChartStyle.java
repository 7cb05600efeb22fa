package io.github.lstmdynamics.examples;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;

/**
 * The look shared by every picture: white background, black frame, DejaVu Sans (matplotlib's
 * default font), ticks outside, and matplotlib's colour cycle.
 */
final class ChartStyle {

    /** Colour of the streamlines of a flow field. */
    static final Color STREAMLINE = new Color(0x9e, 0xae, 0xc4);
    /** A darker shade for the flow-field-only picture, where the streamlines are the subject. */
    static final Color STREAMLINE_DARK = new Color(0x1f, 0x77, 0xb4);

    /**
     * Twenty distinct colours: matplotlib's tab10 cycle, then the lighter halves of tab20, so that
     * a batch of 20 trajectories needs no colour twice.
     */
    private static final int[] PALETTE = {
        0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf,
        0xaec7e8, 0xffbb78, 0x98df8a, 0xff9896, 0xc5b0d5, 0xc49c94, 0xf7b6d2, 0xc7c7c7, 0xdbdb8d, 0x9edae5,
    };

    private static final String FONT = "DejaVu Sans";

    private ChartStyle() {
    }

    /** Colour number i of the cycle (wrapping around). */
    static Color color(int i) {
        return new Color(PALETTE[Math.floorMod(i, PALETTE.length)]);
    }

    /** A solid line stroke of the given width. */
    static BasicStroke solid(float width) {
        return new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }

    /** A dashed line stroke of the given width (matplotlib's "--" proportions). */
    static BasicStroke dashed(float width) {
        return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                new float[] {3.7f * width, 1.6f * width}, 0f);
    }

    /** Applies the shared look to a chart. */
    static void apply(XYChart chart) {
        XYStyler styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderColor(Color.BLACK);
        styler.setPlotBorderVisible(true);
        styler.setPlotGridLinesVisible(false);
        styler.setPlotContentSize(1.0);
        styler.setPlotMargin(0);
        styler.setChartPadding(14);
        styler.setChartFontColor(Color.BLACK);
        styler.setChartTitleFont(new Font(FONT, Font.PLAIN, 17));
        styler.setChartTitleBoxVisible(false);
        styler.setChartTitlePadding(10);
        styler.setAxisTitleFont(new Font(FONT, Font.PLAIN, 15));
        styler.setAxisTitlePadding(8);
        styler.setAxisTickLabelsFont(new Font(FONT, Font.PLAIN, 13));
        styler.setAxisTickLabelsColor(Color.BLACK);
        styler.setAxisTickMarksColor(Color.BLACK);
        styler.setAxisTickMarkLength(5);
        styler.setAxisTickPadding(5);
        styler.setPlotTicksMarksVisible(false);
        styler.setAxisTicksLineVisible(false);
        styler.setLegendFont(new Font(FONT, Font.PLAIN, 13));
        styler.setLegendBackgroundColor(new Color(255, 255, 255, 230));
        styler.setLegendBorderColor(new Color(0xcc, 0xcc, 0xcc));
        styler.setLegendPadding(8);
        styler.setLegendSeriesLineLength(28);
        styler.setLegendPosition(Styler.LegendPosition.InsideNE);
        styler.setMarkerSize(8);
        styler.setAntiAlias(true);
        styler.setToolTipsEnabled(false);
    }
}
