package io.github.lstmdynamics.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * loss.png labels a readable number of ticks on its loss axis whatever the range: a few decades, or the
 * 245 decades of a diverging run ({@code --lr 30}), where labelling every decade merged the labels into a
 * black bar. The labels are found in the picture as separate bands of dark pixels left of the axis.
 */
class LossChartTicksTest {

    @TempDir
    Path temp;

    @ParameterizedTest(name = "--lr {0}: {1} to {2} labels")
    @CsvSource({"0.05, 2, 11", "30, 4, 16"})
    void theLossAxisHasSeparateReadableLabels(String lr, int fewest, int most) throws Exception {
        Path out = temp.resolve("lr" + lr);
        TutorialCli.succeed("--lr", lr, "--batches", "60", "--batch-size", "4", "--hidden", "8", "--out", out.toString());
        BufferedImage png = ImageIO.read(out.resolve("loss.png").toFile());
        int axis = axisLine(png);
        List<int[]> labels = darkBands(png, 30, axis - 7); // left of the tick marks

        int tallest = labels.stream().mapToInt(b -> b[1] - b[0] + 1).max().orElse(0);
        assertTrue(labels.size() >= fewest && labels.size() <= most && tallest <= 20,
                labels.size() + " labels on the loss axis, the tallest " + tallest + " pixels high");
    }

    /** The first column from x = 30 that is dark over most of the picture's height: the loss axis. */
    private static int axisLine(BufferedImage image) {
        for (int x = 30; x < image.getWidth() / 3; x++) {
            int dark = 0;
            for (int y = 0; y < image.getHeight(); y++) {
                dark += isDark(image.getRGB(x, y)) ? 1 : 0;
            }
            if (dark > image.getHeight() * 6 / 10) {
                return x;
            }
        }
        throw new AssertionError("no loss axis found");
    }

    private static boolean isDark(int rgb) {
        return ((rgb >> 16 & 0xff) * 3 + (rgb >> 8 & 0xff) * 6 + (rgb & 0xff)) / 10 < 128;
    }

    /** The runs of rows [first, last] that hold a dark pixel between columns x0 and x1. */
    private static List<int[]> darkBands(BufferedImage image, int x0, int x1) {
        List<int[]> bands = new ArrayList<>();
        int start = -1;
        for (int y = 0; y <= image.getHeight(); y++) {
            boolean dark = false;
            for (int x = x0; y < image.getHeight() && x < x1 && !dark; x++) {
                dark = isDark(image.getRGB(x, y));
            }
            if (dark && start < 0) {
                start = y;
            } else if (!dark && start >= 0) {
                bands.add(new int[] {start, y - 1});
                start = -1;
            }
        }
        return bands;
    }
}
