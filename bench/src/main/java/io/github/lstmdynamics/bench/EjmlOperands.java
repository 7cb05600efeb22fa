package io.github.lstmdynamics.bench;

import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_FDRM;

/**
 * EJML's side of {@link KernelBenchmark}: the operands of {@link KernelInputs} as EJML matrices and one
 * method per product, in float64 ({@link #float64}: {@code DMatrixRMaj}, {@code CommonOps_DDRM}) or float32
 * ({@link #float32}: {@code FMatrixRMaj}, {@code CommonOps_FDRM}, the operands rounded). The two
 * implementations differ only in EJML's type names; EJML has no interface over both precisions.
 */
interface EjmlOperands {

    /** {@code G = X W_ih^T} ({@code multTransB}). */
    Object inputProjection();

    /** {@code G_t += h W_hh^T} ({@code multAddTransB}). */
    Object recurrentStep();

    /** {@code dh = dG_t W_hh} ({@code mult}). */
    Object backRecurrentStep();

    /** {@code dW_hh += dG^T H_prev} ({@code multAddTransA}). */
    Object recurrentWeightGrad();

    /** {@code dW_ih += dG^T X} ({@code multAddTransA}). */
    Object inputWeightGrad();

    /** {@code dX = dG W_ih} ({@code mult}). */
    Object inputGradient();

    /** The operands as {@code DMatrixRMaj}, multiplied by {@code CommonOps_DDRM}. */
    static EjmlOperands float64(KernelInputs in) {
        return new Float64(in);
    }

    /** The operands rounded into {@code FMatrixRMaj}, multiplied by {@code CommonOps_FDRM}. */
    static EjmlOperands float32(KernelInputs in) {
        return new Float32(in);
    }

    /** float64: {@code DMatrixRMaj} and {@code CommonOps_DDRM}. */
    final class Float64 implements EjmlOperands {
        private final DMatrixRMaj x;
        private final DMatrixRMaj wIh;
        private final DMatrixRMaj wHh;
        private final DMatrixRMaj g;
        private final DMatrixRMaj h;
        private final DMatrixRMaj gStep;
        private final DMatrixRMaj dgStep;
        private final DMatrixRMaj dh;
        private final DMatrixRMaj dg;
        private final DMatrixRMaj hPrev;
        private final DMatrixRMaj dWhh;
        private final DMatrixRMaj dWih;
        private final DMatrixRMaj dx;

        private Float64(KernelInputs in) {
            int gates = in.gateWidth();
            x = matrix(in.rows(), in.in(), in.x());
            wIh = matrix(gates, in.in(), in.wIh());
            wHh = matrix(gates, in.hidden(), in.wHh());
            g = new DMatrixRMaj(in.rows(), gates);
            h = matrix(in.batch(), in.hidden(), in.h());
            gStep = matrix(in.batch(), gates, in.gStep());
            dgStep = matrix(in.batch(), gates, in.dgStep());
            dh = new DMatrixRMaj(in.batch(), in.hidden());
            dg = matrix(in.rows(), gates, in.dg());
            hPrev = matrix(in.rows(), in.hidden(), in.hPrev());
            dWhh = new DMatrixRMaj(gates, in.hidden());
            dWih = new DMatrixRMaj(gates, in.in());
            dx = new DMatrixRMaj(in.rows(), in.in());
        }

        @Override
        public Object inputProjection() {
            CommonOps_DDRM.multTransB(x, wIh, g);
            return g;
        }

        @Override
        public Object recurrentStep() {
            CommonOps_DDRM.multAddTransB(h, wHh, gStep);
            return gStep;
        }

        @Override
        public Object backRecurrentStep() {
            CommonOps_DDRM.mult(dgStep, wHh, dh);
            return dh;
        }

        @Override
        public Object recurrentWeightGrad() {
            CommonOps_DDRM.multAddTransA(dg, hPrev, dWhh);
            return dWhh;
        }

        @Override
        public Object inputWeightGrad() {
            CommonOps_DDRM.multAddTransA(dg, x, dWih);
            return dWih;
        }

        @Override
        public Object inputGradient() {
            CommonOps_DDRM.mult(dg, wIh, dx);
            return dx;
        }

        private static DMatrixRMaj matrix(int rows, int cols, double[] data) {
            DMatrixRMaj m = new DMatrixRMaj(rows, cols);
            System.arraycopy(data, 0, m.data, 0, rows * cols);
            return m;
        }
    }

    /** float32: {@code FMatrixRMaj} and {@code CommonOps_FDRM}. */
    final class Float32 implements EjmlOperands {
        private final FMatrixRMaj x;
        private final FMatrixRMaj wIh;
        private final FMatrixRMaj wHh;
        private final FMatrixRMaj g;
        private final FMatrixRMaj h;
        private final FMatrixRMaj gStep;
        private final FMatrixRMaj dgStep;
        private final FMatrixRMaj dh;
        private final FMatrixRMaj dg;
        private final FMatrixRMaj hPrev;
        private final FMatrixRMaj dWhh;
        private final FMatrixRMaj dWih;
        private final FMatrixRMaj dx;

        private Float32(KernelInputs in) {
            int gates = in.gateWidth();
            x = matrix(in.rows(), in.in(), in.x());
            wIh = matrix(gates, in.in(), in.wIh());
            wHh = matrix(gates, in.hidden(), in.wHh());
            g = new FMatrixRMaj(in.rows(), gates);
            h = matrix(in.batch(), in.hidden(), in.h());
            gStep = matrix(in.batch(), gates, in.gStep());
            dgStep = matrix(in.batch(), gates, in.dgStep());
            dh = new FMatrixRMaj(in.batch(), in.hidden());
            dg = matrix(in.rows(), gates, in.dg());
            hPrev = matrix(in.rows(), in.hidden(), in.hPrev());
            dWhh = new FMatrixRMaj(gates, in.hidden());
            dWih = new FMatrixRMaj(gates, in.in());
            dx = new FMatrixRMaj(in.rows(), in.in());
        }

        @Override
        public Object inputProjection() {
            CommonOps_FDRM.multTransB(x, wIh, g);
            return g;
        }

        @Override
        public Object recurrentStep() {
            CommonOps_FDRM.multAddTransB(h, wHh, gStep);
            return gStep;
        }

        @Override
        public Object backRecurrentStep() {
            CommonOps_FDRM.mult(dgStep, wHh, dh);
            return dh;
        }

        @Override
        public Object recurrentWeightGrad() {
            CommonOps_FDRM.multAddTransA(dg, hPrev, dWhh);
            return dWhh;
        }

        @Override
        public Object inputWeightGrad() {
            CommonOps_FDRM.multAddTransA(dg, x, dWih);
            return dWih;
        }

        @Override
        public Object inputGradient() {
            CommonOps_FDRM.mult(dg, wIh, dx);
            return dx;
        }

        private static FMatrixRMaj matrix(int rows, int cols, double[] data) {
            FMatrixRMaj m = new FMatrixRMaj(rows, cols);
            for (int k = 0; k < rows * cols; k++) {
                m.data[k] = (float) data[k];
            }
            return m;
        }
    }
}
