package io.github.lstmdynamics.ode;

/**
 * Called after every accepted step, for progress reports or streaming output.
 *
 * <p>The listener sees the solver's own steps, before {@link SolveIvp} applies {@code t_eval} or cuts
 * the last step at a terminal event. It may read the solver ({@link Rk45#tOld()}, {@link Rk45#t()},
 * {@link Rk45#y(double[])}, {@link Rk45#denseOutput()}) but must not call {@link Rk45#step()}.
 */
@FunctionalInterface
public interface StepListener {

    /**
     * Reports one accepted step from {@code solver.tOld()} to {@code solver.t()}.
     *
     * @param solver the solver that took the step
     */
    void onStep(Rk45 solver);
}
