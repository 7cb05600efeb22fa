#!/usr/bin/env python3
"""Checks the true trajectories of the tutorial's predictions.csv against scipy.

For every sequence in the file, integrates the van der Pol system with scipy's
solve_ivp(method='RK45', max_step=0.1, t_eval=<the file's t column>) from the file's initial
state (step 0) and compares x1_true, x2_true with scipy's values. Exits 1 if any differs by
more than the tolerance (absolute, default 1e-8).

    python3 examples/tools/check_predictions.py out/predictions.csv [--mu 0.1] [--tol 1e-8]

Use a scipy of 1.14 or later (the python3 on PATH here has 1.17): older ones choose a different
first step, so their trajectories differ at the level of the solver's tolerance.
"""
import argparse
import csv
import sys
from collections import defaultdict

import numpy as np
import scipy
from scipy.integrate import solve_ivp


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv")
    parser.add_argument("--mu", type=float, default=0.1)
    parser.add_argument("--tol", type=float, default=1e-8)
    args = parser.parse_args()

    def van_der_pol(t, x):
        return [x[1], args.mu * (1 - x[0] ** 2) * x[1] - x[0]]

    rows = defaultdict(list)
    with open(args.csv, newline="") as f:
        reader = csv.DictReader(f)
        expected = ["sequence", "step", "t", "x1_true", "x2_true", "x1_pred", "x2_pred"]
        if reader.fieldnames != expected:
            sys.exit("unexpected header %s, wanted %s" % (reader.fieldnames, expected))
        for row in reader:
            rows[int(row["sequence"])].append(row)

    worst = 0.0
    for sequence, seq_rows in sorted(rows.items()):
        seq_rows.sort(key=lambda r: int(r["step"]))
        t = np.array([float(r["t"]) for r in seq_rows])
        ours = np.array([[float(r["x1_true"]), float(r["x2_true"])] for r in seq_rows])
        sol = solve_ivp(van_der_pol, (t[0], t[-1]), ours[0], method="RK45", max_step=0.1, t_eval=t)
        if sol.status != 0:
            sys.exit("scipy failed on sequence %d: %s" % (sequence, sol.message))
        diff = np.max(np.abs(sol.y.T - ours))
        worst = max(worst, diff)
    print("scipy %s: %d sequences, %d samples each, max |ours - scipy| = %.3g (tolerance %g)"
          % (scipy.__version__, len(rows), len(t), worst, args.tol))
    if not worst <= args.tol:
        print("FAILED")
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
