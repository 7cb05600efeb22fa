package io.github.lstmdynamics.lstm;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The matrix products of one LSTM layer, our {@code RowKernels} (exactly the calls {@code LstmLayer}
 * makes) next to EJML's {@code CommonOps_DDRM} on the same shapes, at the sizes {@code I:H:B:T}
 * ({@code M = T*B} rows, {@code G = 4H} gate columns):
 * <pre>
 *   inputProjection      G = X W_ih^T          (M x I)(I x G)      2 M I G flops   EJML multTransB
 *   recurrentStep        G_t += h W_hh^T       (B x H)(H x G)      2 B H G         EJML multAddTransB
 *   backRecurrentStep    dh = dG_t W_hh        (B x G)(G x H)      2 B G H         EJML mult
 *   recurrentWeightGrad  dW_hh += dG^T H_prev  (G x M)(M x H)      2 M G H         EJML multAddTransA
 *   inputWeightGrad      dW_ih += dG^T X       (G x M)(M x I)      2 M G I         EJML multAddTransA
 *   inputGradient        dX = dG W_ih          (M x G)(G x I)      2 M G I         EJML mult
 * </pre>
 * GFLOP/s = flops / (ns per op). Ours keeps rows as {@code double[][]} and our weight-gradient result
 * transposed, as the layer does; the copies the layer makes around them are not included (they are
 * O(M H), not O(M H G)). This class lives in the library's package to reach the package-private kernels.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class KernelBenchmark {

    /** I:H:B:T, as in the LSTM benchmark. */
    @Param({"2:20:20:21", "2:64:64:50", "32:256:64:50", "64:512:32:100"})
    public String shape;

    private int in;
    private int hidden;
    private int batch;
    private int rows;
    private int gates;

    // EJML operands
    private DMatrixRMaj x;
    private DMatrixRMaj wIh;
    private DMatrixRMaj wHh;
    private DMatrixRMaj g;
    private DMatrixRMaj h;
    private DMatrixRMaj gStep;
    private DMatrixRMaj dgStep;
    private DMatrixRMaj dh;
    private DMatrixRMaj dg;
    private DMatrixRMaj hPrev;
    private DMatrixRMaj dWhh;
    private DMatrixRMaj dWih;
    private DMatrixRMaj dx;

    // our operands: the same numbers in the layer's layouts
    private double[][] wIhT;
    private double[][] wIhRows;
    private double[][] wHhT;
    private double[][] wHhRows;
    private double[][] gRows;
    private double[][] dgRows;
    private double[][] dhRows;
    private double[][] dWhhT;
    private double[][] dWihT;
    private double[] dxFlat;
    private double[][] scratch;

    @Setup
    public void setUp() {
        String[] p = shape.split(":");
        in = Integer.parseInt(p[0]);
        hidden = Integer.parseInt(p[1]);
        batch = Integer.parseInt(p[2]);
        rows = Integer.parseInt(p[3]) * batch;
        gates = 4 * hidden;
        SplittableRandom rnd = new SplittableRandom(1);
        x = random(rows, in, rnd);
        wIh = random(gates, in, rnd);
        wHh = random(gates, hidden, rnd);
        g = new DMatrixRMaj(rows, gates);
        h = random(batch, hidden, rnd);
        gStep = random(batch, gates, rnd);
        dgStep = random(batch, gates, rnd);
        dh = new DMatrixRMaj(batch, hidden);
        dg = random(rows, gates, rnd);
        hPrev = random(rows, hidden, rnd);
        dWhh = new DMatrixRMaj(gates, hidden);
        dWih = new DMatrixRMaj(gates, in);
        dx = new DMatrixRMaj(rows, in);

        wIhT = rowsOf(CommonOps_DDRM.transpose(wIh, null));
        wIhRows = rowsOf(wIh);
        wHhT = rowsOf(CommonOps_DDRM.transpose(wHh, null));
        wHhRows = rowsOf(wHh);
        gRows = new double[rows][gates];
        dgRows = rowsOf(dg);
        dhRows = new double[batch][hidden];
        dWhhT = new double[hidden][gates];
        dWihT = new double[in][gates];
        dxFlat = new double[rows * in];
        scratch = new double[rows][in];
    }

    @Benchmark
    public Object inputProjectionOurs() {
        RowKernels.addProduct(x.data, 0, in, wIhT, in, gRows, 0, rows, gates);
        return gRows;
    }

    @Benchmark
    public Object inputProjectionEjml() {
        CommonOps_DDRM.multTransB(x, wIh, g);
        return g;
    }

    @Benchmark
    public Object recurrentStepOurs() {
        RowKernels.addProduct(h.data, 0, hidden, wHhT, hidden, gRows, 0, batch, gates);
        return gRows;
    }

    @Benchmark
    public Object recurrentStepEjml() {
        CommonOps_DDRM.multAddTransB(h, wHh, gStep);
        return gStep;
    }

    @Benchmark
    public Object backRecurrentStepOurs() {
        RowKernels.addProduct(dgRows, 0, wHhRows, gates, dhRows, 0, batch, hidden);
        return dhRows;
    }

    @Benchmark
    public Object backRecurrentStepEjml() {
        CommonOps_DDRM.mult(dgStep, wHh, dh);
        return dh;
    }

    @Benchmark
    public Object recurrentWeightGradOurs() {
        RowKernels.addTransposedProduct(hPrev.data, hidden, hidden, dgRows, rows, dWhhT, 0, gates);
        return dWhhT;
    }

    @Benchmark
    public Object recurrentWeightGradEjml() {
        CommonOps_DDRM.multAddTransA(dg, hPrev, dWhh);
        return dWhh;
    }

    @Benchmark
    public Object inputWeightGradOurs() {
        RowKernels.addTransposedProduct(x.data, in, in, dgRows, rows, dWihT, 0, gates);
        return dWihT;
    }

    @Benchmark
    public Object inputWeightGradEjml() {
        CommonOps_DDRM.multAddTransA(dg, x, dWih);
        return dWih;
    }

    @Benchmark
    public Object inputGradientOurs() {
        RowKernels.setProductRows(dgRows, 0, rows, wIhRows, wIhT, gates, dxFlat, in, scratch);
        return dxFlat;
    }

    @Benchmark
    public Object inputGradientEjml() {
        CommonOps_DDRM.mult(dg, wIh, dx);
        return dx;
    }

    private static DMatrixRMaj random(int r, int c, SplittableRandom rnd) {
        DMatrixRMaj m = new DMatrixRMaj(r, c);
        for (int k = 0; k < r * c; k++) {
            m.data[k] = rnd.nextDouble(-1, 1);
        }
        return m;
    }

    private static double[][] rowsOf(DMatrixRMaj m) {
        double[][] out = new double[m.numRows][m.numCols];
        for (int i = 0; i < m.numRows; i++) {
            System.arraycopy(m.data, i * m.numCols, out[i], 0, m.numCols);
        }
        return out;
    }
}
