package io.github.lstmdynamics.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * Stage sums and sums of squares are bit-identical to numpy's (OpenBLAS AVX2 kernels), the results
 * pinned by tools/reference/ode/make_summation_fixture.py.
 */
class SummationOrderTest {

    private static final JsonObject FIXTURE = ScipyReferenceTest.load("numpy_sums.json");

    @Test
    void stageSumsAreNumpysDgemvBitForBit() {
        int cases = 0;
        for (JsonElement element : FIXTURE.getAsJsonArray("stage_sums")) {
            JsonObject c = element.getAsJsonObject();
            double[][] k = ScipyReferenceTest.rows(c.getAsJsonArray("k"));
            double[] w = ScipyReferenceTest.doubles(c.getAsJsonArray("w"));
            double[] expected = ScipyReferenceTest.doubles(c.getAsJsonArray("expected"));
            double[] out = new double[expected.length];
            StageSums.combine(k, w, k.length, expected.length, out);
            for (int i = 0; i < out.length; i++) {
                assertEquals(expected[i], out[i], 0.0,
                        "n=" + expected.length + " stages=" + k.length + " component " + i);
            }
            cases++;
        }
        assertEquals(10 * 7, cases);
    }

    @Test
    void sumsOfSquaresAreNumpysDdotBitForBit() {
        JsonArray all = FIXTURE.getAsJsonArray("sum_of_squares");
        for (JsonElement element : all) {
            JsonObject c = element.getAsJsonObject();
            double[] x = ScipyReferenceTest.doubles(c.getAsJsonArray("x"));
            assertEquals(c.get("expected").getAsDouble(), RmsNorm.sumOfSquares(x), 0.0, "n=" + x.length);
            assertEquals(c.get("rms").getAsDouble(), RmsNorm.of(x), 0.0, "rms, n=" + x.length);
        }
        assertEquals(21, all.size());
    }
}
