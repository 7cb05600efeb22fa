package io.github.lstmdynamics.bench;

import io.github.lstmdynamics.lstm.kernels.Activation;
import io.github.lstmdynamics.lstm.kernels.KernelProvider;
import io.github.lstmdynamics.lstm.kernels.Kernels;
import io.github.lstmdynamics.lstm.kernels.Products;
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
 * The kernels of one LSTM layer on each path ({@link #kernels}: scalar or vector), through the calls
 * {@code LstmLayer} makes ({@code Products}), next to EJML's {@code CommonOps_DDRM} on the same shapes, at the sizes {@code I:H:B:T}
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
 * O(M H), not O(M H G)). Besides the products: {@code gateActivation} activates B rows of 4H gates (one
 * step's pass), {@code cellBackward} is one step's pointwise backward of B rows (no EJML counterpart).
 * The kernels are reached through lstm-core's internal package {@code io.github.lstmdynamics.lstm.kernels}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@State(Scope.Thread)
public class KernelBenchmark {

    /** I:H:B:T, as in the LSTM benchmark. */
    @Param({"2:20:20:21", "2:64:64:50", "32:256:64:50", "64:512:32:100"})
    public String shape;

    /** The kernels: {@code scalar} or {@code vector} (the fork adds the incubator module). */
    @Param({"scalar", "vector"})
    public String kernels;

    private Kernels k;
    private Activation gateActivation;
    private double[] gateBlock;
    private double[] scratchV;
    private double[] scratchP;
    private double[] gateSource;
    private double[][] activatedRows;
    private double[] cells;
    private double[] tanhCells;
    private double[] dOut;
    private double[][] dhNext;
    private double[][] dcNext;

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
        k = kernels.equals("vector") ? KernelProvider.vector() : KernelProvider.scalar();
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
        gateActivation = Activation.gates(hidden, batch);
        gateSource = random(batch, gates, rnd).data;
        gateBlock = gateSource.clone();
        scratchV = new double[batch * gates];
        scratchP = new double[batch * gates];
        double[] activated = gateSource.clone();
        k.activate(gateActivation, batch * gates, scratchV, scratchP, activated);
        activatedRows = new double[batch][gates];
        for (int r = 0; r < batch; r++) {
            System.arraycopy(activated, r * gates, activatedRows[r], 0, gates);
        }
        cells = random(rows + batch, hidden, rnd).data;
        tanhCells = random(rows, hidden, rnd).data;
        dOut = random(rows, hidden, rnd).data;
        dhNext = rowsOf(random(batch, hidden, rnd));
        dcNext = rowsOf(random(batch, hidden, rnd));
    }

    @Benchmark
    public Object gateActivation() {
        System.arraycopy(gateSource, 0, gateBlock, 0, gateBlock.length);
        k.activate(gateActivation, gateBlock.length, scratchV, scratchP, gateBlock);
        return gateBlock;
    }

    @Benchmark
    public Object cellBackward() {
        for (int s = 0; s < batch; s++) {
            k.cellBackward(activatedRows[s], cells, tanhCells, dOut, s * hidden, hidden, dhNext[s], dcNext[s], dgRows[s]);
        }
        return dgRows;
    }

    @Benchmark
    public Object inputProjectionOurs() {
        Products.multAdd(k, x.data, 0, in, wIhT, in, gates, rows, gRows, 0);
        return gRows;
    }

    @Benchmark
    public Object inputProjectionEjml() {
        CommonOps_DDRM.multTransB(x, wIh, g);
        return g;
    }

    @Benchmark
    public Object recurrentStepOurs() {
        Products.multAdd(k, h.data, 0, hidden, wHhT, hidden, gates, batch, gRows, 0);
        return gRows;
    }

    @Benchmark
    public Object recurrentStepEjml() {
        CommonOps_DDRM.multAddTransB(h, wHh, gStep);
        return gStep;
    }

    @Benchmark
    public Object backRecurrentStepOurs() {
        Products.multAdd(k, dgRows, 0, wHhRows, gates, hidden, batch, dhRows, 0);
        return dhRows;
    }

    @Benchmark
    public Object backRecurrentStepEjml() {
        CommonOps_DDRM.mult(dgStep, wHh, dh);
        return dh;
    }

    @Benchmark
    public Object recurrentWeightGradOurs() {
        Products.multAddTransA(k, hPrev.data, hidden, 0, hidden, dgRows, rows, 0, gates, dWhhT);
        return dWhhT;
    }

    @Benchmark
    public Object recurrentWeightGradEjml() {
        CommonOps_DDRM.multAddTransA(dg, hPrev, dWhh);
        return dWhh;
    }

    @Benchmark
    public Object inputWeightGradOurs() {
        Products.multAddTransA(k, x.data, in, 0, in, dgRows, rows, 0, gates, dWihT);
        return dWihT;
    }

    @Benchmark
    public Object inputWeightGradEjml() {
        CommonOps_DDRM.multAddTransA(dg, x, dWih);
        return dWih;
    }

    @Benchmark
    public Object inputGradientOurs() {
        Products.mult(k, dgRows, 0, rows, wIhRows, wIhT, gates, in, scratch, dxFlat);
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
