package io.github.lstmdynamics.ode;

/**
 * The Dormand-Prince 5(4) Runge-Kutta tableau as data (the same numbers as scipy's {@code RK45}).
 *
 * <p>Six stages plus a seventh, first-same-as-last stage that is f(t + h, y_new). Stage s is
 * evaluated at {@code t + C[s] h} and {@code y + h * sum_j A[s][j] K[j]}; the step's result is
 * {@code y + h * sum_j B[j] K[j]}; the error estimate is {@code h * sum_j E[j] K[j]} over all seven
 * stages; Shampine's quartic dense output is {@code y_old + h * (K^T P) [x, x^2, x^3, x^4]} with
 * {@code x = (t - t_old) / h}.
 */
final class DormandPrince {

    /** Order of the propagated (fifth-order) solution. */
    static final int ORDER = 5;
    /** Order of the embedded error estimator; the step controller uses exponent -1/(4+1). */
    static final int ERROR_ESTIMATOR_ORDER = 4;
    /** Stages per step, not counting the first-same-as-last stage. */
    static final int N_STAGES = 6;
    /** Rows of the stage array K: the six stages and f(t + h, y_new). */
    static final int N_STAGES_WITH_FSAL = N_STAGES + 1;
    /** Columns of the dense-output matrix P: the powers x, x^2, x^3, x^4. */
    static final int DENSE_ORDER = 4;

    static final double[] C = {0, 1.0 / 5, 3.0 / 10, 4.0 / 5, 8.0 / 9, 1};

    static final double[][] A = {
        {},
        {1.0 / 5},
        {3.0 / 40, 9.0 / 40},
        {44.0 / 45, -56.0 / 15, 32.0 / 9},
        {19372.0 / 6561, -25360.0 / 2187, 64448.0 / 6561, -212.0 / 729},
        {9017.0 / 3168, -355.0 / 33, 46732.0 / 5247, 49.0 / 176, -5103.0 / 18656},
    };

    static final double[] B = {35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84};

    static final double[] E = {
        -71.0 / 57600, 0, 71.0 / 16695, -71.0 / 1920, 17253.0 / 339200, -22.0 / 525, 1.0 / 40,
    };

    /** Shampine's dense-output coefficients for the optimum c_6 (7 rows, 4 columns). */
    static final double[][] P = {
        {1, -8048581381.0 / 2820520608.0, 8663915743.0 / 2820520608.0, -12715105075.0 / 11282082432.0},
        {0, 0, 0, 0},
        {0, 131558114200.0 / 32700410799.0, -68118460800.0 / 10900136933.0, 87487479700.0 / 32700410799.0},
        {0, -1754552775.0 / 470086768.0, 14199869525.0 / 1410260304.0, -10690763975.0 / 1880347072.0},
        {0, 127303824393.0 / 49829197408.0, -318862633887.0 / 49829197408.0, 701980252875.0 / 199316789632.0},
        {0, -282668133.0 / 205662961.0, 2019193451.0 / 616988883.0, -1453857185.0 / 822651844.0},
        {0, 40617522.0 / 29380423.0, -110615467.0 / 29380423.0, 69997945.0 / 29380423.0},
    };

    private DormandPrince() {
    }
}
