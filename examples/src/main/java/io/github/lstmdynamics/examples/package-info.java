/**
 * The van der Pol tutorial end to end: {@link io.github.lstmdynamics.examples.VanDerPolTutorial} is
 * the command line, {@link io.github.lstmdynamics.examples.Tutorial} the run (data, training,
 * pictures, tables), {@link io.github.lstmdynamics.examples.TrajectoryDataset} the reusable
 * generator of ODE trajectories for sequence training, and
 * {@link io.github.lstmdynamics.examples.StreamPlot} a matplotlib-style stream plot integrated with
 * our RK45. See {@code docs/tutorial.md}.
 */
package io.github.lstmdynamics.examples;
