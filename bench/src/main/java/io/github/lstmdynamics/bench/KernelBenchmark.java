package io.github.lstmdynamics.bench;

import io.github.lstmdynamics.lstm.kernels.KernelProvider;
import io.github.lstmdynamics.lstm.kernels.Kernels;
import java.util.concurrent.TimeUnit;
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
 * The kernels of one LSTM layer in each precision ({@link #dtype}: float64 or float32) on each path
 * ({@link #kernels}: scalar or vector), through the calls {@code LstmLayer} makes ({@code Products}), next to
 * EJML in the same precision on the same shapes, at the sizes {@code I:H:B:T} ({@code M = T*B} rows,
 * {@code G = 4H} gate columns):
 * <pre>
 *   inputProjection      G = X W_ih^T          (M x I)(I x G)      2 M I G flops   EJML multTransB
 *   recurrentStep        G_t += h W_hh^T       (B x H)(H x G)      2 B H G         EJML multAddTransB
 *   backRecurrentStep    dh = dG_t W_hh        (B x G)(G x H)      2 B G H         EJML mult
 *   recurrentWeightGrad  dW_hh += dG^T H_prev  (G x M)(M x H)      2 M G H         EJML multAddTransA
 *   inputWeightGrad      dW_ih += dG^T X       (G x M)(M x I)      2 M G I         EJML multAddTransA
 *   inputGradient        dX = dG W_ih          (M x G)(G x I)      2 M G I         EJML mult
 * </pre>
 * EJML's class per precision:
 * <pre>
 *   dtype     ours (ArrayKernels)              EJML
 *   float64   scalar, vector                   DMatrixRMaj, CommonOps_DDRM (ejml-ddense)
 *   float32   scalar-float32, vector-float32   FMatrixRMaj, CommonOps_FDRM (ejml-fdense)
 * </pre>
 * GFLOP/s = flops / (ns per op). Ours keeps rows ({@code double[][]} or {@code float[][]}) and our
 * weight-gradient result transposed, as the layer does; the copies the layer makes around them are not
 * included (they are O(M H), not O(M H G)). {@code recurrentStep} and {@code backRecurrentStep} read W_hh as
 * plain rows; {@code recurrentStepPacked} and {@code backRecurrentStepPacked} are the same products with W_hh
 * packed once in the setup ({@code newPacked}, {@code packRowsAndTranspose}), the layer's calls (the layout
 * differs from plain rows only on the float32 vector path). Besides the products: {@code gateActivation}
 * activates B rows of 4H gates (one step's pass), {@code cellBackward} is one step's pointwise backward of B
 * rows (no EJML counterpart). The operands are drawn once in double precision ({@link KernelInputs}) and
 * rounded for float32, so both precisions multiply the same numbers. The kernels are reached through
 * lstm-core's internal package {@code io.github.lstmdynamics.lstm.kernels}.
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

    /**
     * The precision, as {@code LstmBenchmark}'s: {@code float64} (our {@code scalar}/{@code vector} kernels,
     * EJML's {@code CommonOps_DDRM}) or {@code float32} (our {@code scalar-float32}/{@code vector-float32}
     * kernels, EJML's {@code CommonOps_FDRM}). Unset (null, as {@code InProcessAb} may leave it): float64.
     */
    @Param({"float64", "float32"})
    public String dtype;

    private KernelOperands<?, ?> ours;
    private EjmlOperands ejml;

    /** Draws the operands and lays them out for both sides in the precision {@link #dtype}. */
    @Setup
    public void setUp() {
        KernelInputs inputs = KernelInputs.random(shape, 1);
        Kernels float64 = switch (String.valueOf(kernels)) {
            case "scalar" -> KernelProvider.scalar();
            case "vector" -> KernelProvider.vector();
            default -> throw new IllegalArgumentException("kernels: expected scalar or vector, got \"" + kernels + "\"");
        };
        // InProcessAb sets only the fields it is given: an unset dtype is float64, as in LstmBenchmark
        switch (dtype == null ? "float64" : dtype) {
            case "float64" -> {
                ours = new KernelOperands<>(float64, inputs);
                ejml = EjmlOperands.float64(inputs);
            }
            case "float32" -> {
                ours = new KernelOperands<>(KernelProvider.float32Matching(float64), inputs);
                ejml = EjmlOperands.float32(inputs);
            }
            default -> throw new IllegalArgumentException("dtype: expected float64 or float32, got \"" + dtype + "\"");
        }
    }

    @Benchmark
    public Object gateActivation() {
        return ours.gateActivation();
    }

    @Benchmark
    public Object cellBackward() {
        return ours.cellBackward();
    }

    @Benchmark
    public Object inputProjectionOurs() {
        return ours.inputProjection();
    }

    @Benchmark
    public Object inputProjectionEjml() {
        return ejml.inputProjection();
    }

    @Benchmark
    public Object recurrentStepOurs() {
        return ours.recurrentStep();
    }

    @Benchmark
    public Object recurrentStepPacked() {
        return ours.recurrentStepPacked();
    }

    @Benchmark
    public Object recurrentStepEjml() {
        return ejml.recurrentStep();
    }

    @Benchmark
    public Object backRecurrentStepOurs() {
        return ours.backRecurrentStep();
    }

    @Benchmark
    public Object backRecurrentStepPacked() {
        return ours.backRecurrentStepPacked();
    }

    @Benchmark
    public Object backRecurrentStepEjml() {
        return ejml.backRecurrentStep();
    }

    @Benchmark
    public Object recurrentWeightGradOurs() {
        return ours.recurrentWeightGrad();
    }

    @Benchmark
    public Object recurrentWeightGradEjml() {
        return ejml.recurrentWeightGrad();
    }

    @Benchmark
    public Object inputWeightGradOurs() {
        return ours.inputWeightGrad();
    }

    @Benchmark
    public Object inputWeightGradEjml() {
        return ejml.inputWeightGrad();
    }

    @Benchmark
    public Object inputGradientOurs() {
        return ours.inputGradient();
    }

    @Benchmark
    public Object inputGradientEjml() {
        return ejml.inputGradient();
    }
}
