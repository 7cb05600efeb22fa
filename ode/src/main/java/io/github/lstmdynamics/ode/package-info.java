/**
 * Initial value problems for ordinary differential equations: a Dormand-Prince 5(4) solver that takes
 * the same steps as scipy's {@code solve_ivp(method='RK45')}.
 */
package io.github.lstmdynamics.ode;
