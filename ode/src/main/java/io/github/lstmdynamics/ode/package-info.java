/**
 * Initial value problems for ordinary differential equations: a Dormand-Prince 5(4) solver that takes
 * the same steps as scipy's {@code solve_ivp(method='RK45')}.
 *
 * <p>Entry points:
 * <ul>
 *   <li>{@link io.github.lstmdynamics.ode.SolveIvp#solve} solves a problem in one call and returns
 *       an {@link io.github.lstmdynamics.ode.IvpResult} (times, time-major states, counts, status,
 *       events, optional continuous solution {@link io.github.lstmdynamics.ode.OdeSolution});</li>
 *   <li>{@link io.github.lstmdynamics.ode.Rk45} steps one accepted step at a time, for streaming;</li>
 *   <li>{@link io.github.lstmdynamics.ode.IvpOptions} holds tolerances, step limits, output times,
 *       dense output, {@link io.github.lstmdynamics.ode.EventSpec events} and a
 *       {@link io.github.lstmdynamics.ode.StepListener}.</li>
 * </ul>
 * A system is an {@link io.github.lstmdynamics.ode.OdeSystem} that writes dy/dt into an output array;
 * the step loop allocates nothing. Invalid arguments raise {@link java.lang.IllegalArgumentException};
 * failures of the integration end the run with status -1 and a message. Nothing here prints.
 */
package io.github.lstmdynamics.ode;
