#!/usr/bin/env python3
"""scipy counterpart of bench's OdeBenchmark and DatasetBenchmark (solve_ivp, method RK45).

  tutorialTrajectory  van der Pol mu = 0.1 from (2, 0) on [0, 2], max_step 0.1, default tolerances,
                      t_eval = 0, 0.1, ..., 2
  arenstorf           one period of the Arenstorf orbit, rtol 1e-9, atol 1e-12 (r^3 as r2 * sqrt(r2))
  tutorialBatch       20 tutorial trajectories from x0 uniform in [-5, 5]^2, as one training batch

Prints one JSON object per line: the median of repeated single-call timings in microseconds.
Run with the python3 on PATH (scipy 1.17):  python3 bench/python/ode_bench.py
"""
import argparse
import json
import math
import statistics
import time

import numpy as np
from scipy.integrate import solve_ivp

MU = 0.1
A_MU = 0.012277471
A_PERIOD = 17.0652165601579625588917206249
A_Y0 = [0.994, 0.0, 0.0, -2.00158510637908252240537862224]
T_EVAL = np.linspace(0.0, 2.0, 21)


def van_der_pol(t, y):
    return [y[1], MU * (1 - y[0] * y[0]) * y[1] - y[0]]


def arenstorf(t, y):
    mup = 1 - A_MU
    r1 = (y[0] + A_MU) ** 2 + y[1] ** 2
    r2 = (y[0] - mup) ** 2 + y[1] ** 2
    d1 = r1 * math.sqrt(r1)
    d2 = r2 * math.sqrt(r2)
    return [y[2], y[3],
            y[0] + 2 * y[3] - mup * (y[0] + A_MU) / d1 - A_MU * (y[0] - mup) / d2,
            y[1] - 2 * y[2] - mup * y[1] / d1 - A_MU * y[1] / d2]


def tutorial():
    return solve_ivp(van_der_pol, (0.0, 2.0), [2.0, 0.0], method="RK45", t_eval=T_EVAL, max_step=0.1)


def arenstorf_orbit():
    return solve_ivp(arenstorf, (0.0, A_PERIOD), A_Y0, method="RK45", rtol=1e-9, atol=1e-12)


RNG = np.random.default_rng(2024)


def tutorial_batch():
    x = np.zeros((21, 20, 2))
    y = np.zeros((21, 20, 2))
    for b in range(20):
        x0 = RNG.uniform(-5, 5, 2)
        sol = solve_ivp(van_der_pol, (0.0, 2.0), x0, method="RK45", t_eval=T_EVAL, max_step=0.1)
        x[0, b] = x0
        y[:, b] = sol.y.T
    return x, y


def median_us(fn, min_time, min_reps=5):
    for _ in range(3):
        fn()
    times = []
    start = time.perf_counter()
    while len(times) < min_reps or time.perf_counter() - start < min_time:
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1e6, len(times)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--min-time", type=float, default=2.0, help="seconds of timing per problem")
    args = ap.parse_args()
    for name, fn in (("tutorialTrajectory", tutorial), ("arenstorf", arenstorf_orbit),
                     ("tutorialBatch", tutorial_batch)):
        us, reps = median_us(fn, args.min_time)
        print(json.dumps({"bench": "ode", "op": name, "median_us": us, "reps": reps}), flush=True)


if __name__ == "__main__":
    main()
