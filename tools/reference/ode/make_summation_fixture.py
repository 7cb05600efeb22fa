"""Write numpy's results for the two kinds of sums the RK45 step adds up through BLAS.

Run with the python3 on PATH from the repository root:

    python3 tools/reference/ode/make_summation_fixture.py

scipy's RK45 combines stages with np.dot(K[:s].T, w[:s]) (OpenBLAS dgemv_n) and takes RMS norms
with np.linalg.norm (OpenBLAS ddot). The Java code adds in the same order (StageSums, RmsNorm);
this fixture pins numpy's bits for random inputs so the test can demand exact equality. The
numbers come from OpenBLAS's AVX2 (Haswell) kernels, which numpy's wheels use on x86-64 CPUs with
AVX2 and FMA but without AVX-512.
"""
import json
import os
import sys

import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "..",
                   "ode", "src", "test", "resources", "reference", "numpy_sums.json")


def main():
    rng = np.random.default_rng(20261128)
    stage_sums = []
    for n in list(range(1, 10)) + [17]:
        for stages in range(1, 8):
            k = rng.standard_normal((stages, n)) * np.exp(2 * rng.standard_normal((stages, n)))
            w = rng.standard_normal(stages)
            stage_sums.append({"k": k.tolist(), "w": w.tolist(), "expected": np.dot(k.T, w).tolist()})
    squares = []
    for n in list(range(1, 18)) + [32, 33, 47, 64]:
        x = rng.standard_normal(n) * np.exp(2 * rng.standard_normal(n))
        squares.append({"x": x.tolist(), "expected": float(x.dot(x)),
                        "rms": float(np.linalg.norm(x) / x.size ** 0.5)})
    with open(OUT, "w") as out:
        json.dump({"numpy_version": np.__version__, "stage_sums": stage_sums,
                   "sum_of_squares": squares}, out, separators=(",", ":"))
    print(f"{len(stage_sums)} stage sums, {len(squares)} sums of squares, "
          f"{os.path.getsize(OUT)} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
