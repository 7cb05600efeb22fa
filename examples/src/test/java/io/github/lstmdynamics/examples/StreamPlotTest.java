package io.github.lstmdynamics.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StreamPlotTest {

    @Test
    void seedsSpiralInwardsAsMatplotlibsDo() {
        // matplotlib's _gen_starting_points((3, 3)).
        int[][] expected = {{0, 0}, {1, 0}, {2, 0}, {2, 1}, {2, 2}, {1, 2}, {0, 2}, {0, 1}, {1, 1}};
        List<int[]> seeds = StreamPlot.spiral(3, 3);
        assertEquals(expected.length, seeds.size());
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], seeds.get(i), "seed " + i);
        }
    }

    @Test
    void streamlinesStayInTheBoxFollowTheFlowAndAreLongEnough() {
        VanDerPol field = new VanDerPol(0.1);
        List<Streamline> lines = new StreamPlot(field, -5, 5, -5, 5, 1).streamlines();
        assertTrue(lines.size() > 20, "a density-1 plot has dozens of streamlines: " + lines.size());
        double[] f = new double[2];
        for (Streamline line : lines) {
            int n = line.x().length;
            assertTrue(n >= 3);
            double length = 0;
            for (int i = 0; i < n; i++) {
                assertTrue(line.x()[i] >= -5 && line.x()[i] <= 5 && line.y()[i] >= -5 && line.y()[i] <= 5);
                if (i > 0) {
                    length += Math.hypot(line.x()[i] - line.x()[i - 1], line.y()[i] - line.y()[i - 1]);
                }
            }
            assertTrue(length / 10 > StreamPlot.MIN_LENGTH);
            // The arrow points along the field.
            int tail = line.arrowTail();
            field.derivatives(0, new double[] {line.x()[tail], line.y()[tail]}, f);
            double dot = (line.arrowHeadX() - line.x()[tail]) * f[0] + (line.arrowHeadY() - line.y()[tail]) * f[1];
            assertTrue(dot > 0, "arrow along the flow");
        }
    }

    @Test
    void theSameFieldGivesTheSameStreamlines() {
        List<Streamline> a = new StreamPlot(new VanDerPol(1.0), -3, 3, -4, 4, 1).streamlines();
        List<Streamline> b = new StreamPlot(new VanDerPol(1.0), -3, 3, -4, 4, 1).streamlines();
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).x(), b.get(i).x());
            assertArrayEquals(a.get(i).y(), b.get(i).y());
        }
    }
}
