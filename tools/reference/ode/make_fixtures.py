"""Write the RK45 reference fixtures for the ode module's tests.

Run with the python3 on PATH (scipy >= 1.14; these were made with scipy 1.17.1) from the repository
root:

    python3 tools/reference/ode/make_fixtures.py

Every case is solved with scipy.integrate.solve_ivp(method=CountingRK45), where CountingRK45 is
scipy's own RK45 with a counter on the error-norm evaluation (one per attempted step), so the
accepted and rejected step counts can be recorded next to nfev. The JSON goes to
ode/src/test/resources/reference/rk45_<name>.json; the Java tests rebuild each system by its name.
"""
import json
import math
import os
import sys
import warnings

import numpy as np
import scipy
from scipy.integrate import RK45, solve_ivp

OUT_DIR = os.path.join(os.path.dirname(__file__), "..", "..", "..",
                       "ode", "src", "test", "resources", "reference")

ARENSTORF_MU = 0.012277471
ARENSTORF_Y0 = [0.994, 0.0, 0.0, -2.00158510637908252240537862224]
ARENSTORF_T = 17.0652165601579625588917206249


class CountingRK45(RK45):
    """scipy's RK45, counting attempted steps (each attempt evaluates the error norm once)."""
    instances = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.attempts = 0
        self.accepted = 0
        CountingRK45.instances.append(self)

    def _estimate_error_norm(self, K, h, scale):
        self.attempts += 1
        return super()._estimate_error_norm(K, h, scale)

    def _step_impl(self):
        success, message = super()._step_impl()
        if success:
            self.accepted += 1
        return success, message


def system(name, params):
    """The right-hand sides; the Java tests define the same expressions under the same names."""
    if name == "van_der_pol":
        mu = params["mu"]
        return lambda t, y: [y[1], mu * (1 - y[0] * y[0]) * y[1] - y[0]]
    if name == "exponential_decay":
        k = params["k"]
        return lambda t, y: [k * v for v in y]
    if name == "arenstorf":
        mu = params["mu"]
        mu_prime = 1 - mu

        def arenstorf(t, y):
            x, yy, vx, vy = y
            # r^3 as r2 * sqrt(r2): sqrt is correctly rounded in C and Java alike, pow is not
            r1 = (x + mu) * (x + mu) + yy * yy
            r2 = (x - mu_prime) * (x - mu_prime) + yy * yy
            d1 = r1 * math.sqrt(r1)
            d2 = r2 * math.sqrt(r2)
            ax = x + 2 * vy - mu_prime * (x + mu) / d1 - mu * (x - mu_prime) / d2
            ay = yy - 2 * vx - mu_prime * yy / d1 - mu * yy / d2
            return [vx, vy, ax, ay]
        return arenstorf
    if name == "lorenz":
        sigma, rho, beta = params["sigma"], params["rho"], params["beta"]
        return lambda t, y: [sigma * (y[1] - y[0]),
                             y[0] * (rho - y[2]) - y[1],
                             y[0] * y[1] - beta * y[2]]
    if name == "harmonic":
        omega = params["omega"]
        return lambda t, y: [y[1], -omega * omega * y[0]]
    if name == "reaction_diffusion":
        c = params["c"]

        def chain(t, y):
            n = len(y)
            out = [0.0] * n
            for i in range(n):
                left = y[i - 1] if i > 0 else 0.0
                right = y[i + 1] if i < n - 1 else 0.0
                out[i] = c * (left - 2 * y[i] + right) - y[i] * y[i] * y[i]
            return out
        return chain
    if name == "blow_up":
        return lambda t, y: [y[0] * y[0]]
    raise ValueError(name)


def event(spec):
    """Event g = y[index] - value, with scipy's direction and terminal attributes."""
    index, value = spec["index"], spec["value"]

    def g(t, y):
        return y[index] - value
    g.direction = spec.get("direction", 0)
    g.terminal = spec.get("terminal", 0)
    return g


def run(case):
    fun = system(case["system"], case.get("params", {}))
    options = case.get("options", {})
    kwargs = {"rtol": options.get("rtol", 1e-3), "atol": options.get("atol", 1e-6)}
    if "max_step" in options:
        kwargs["max_step"] = options["max_step"]
    if "first_step" in options:
        kwargs["first_step"] = options["first_step"]
    if "t_eval" in options:
        kwargs["t_eval"] = options["t_eval"]
    if options.get("dense_output"):
        kwargs["dense_output"] = True
    if "events" in options:
        kwargs["events"] = [event(e) for e in options["events"]]

    CountingRK45.instances.clear()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = solve_ivp(fun, (case["t0"], case["t_bound"]), case["y0"],
                        method=CountingRK45, **kwargs)
    solver = CountingRK45.instances[-1]
    rtol_raised = any("rtol" in str(w.message) for w in caught)

    expected = {
        "t": res.t.tolist(),
        "y": res.y.T.tolist(),  # time-major, as the Java result stores it
        "nfev": int(res.nfev),
        "naccepted": solver.accepted,
        "nrejected": solver.attempts - solver.accepted,
        "status": int(res.status),
        "message": res.message,
        "rtol_raised": rtol_raised,
    }
    if res.t_events is not None:
        expected["t_events"] = [te.tolist() for te in res.t_events]
        expected["y_events"] = [ye.tolist() for ye in res.y_events]
    if res.sol is not None:
        lo, hi = sorted((case["t0"], float(res.t[-1]) if "t_eval" not in options else case["t_bound"]))
        sample_t = np.linspace(lo, hi, case.get("dense_samples", 41))
        expected["sol_t"] = sample_t.tolist()
        expected["sol_y"] = res.sol(sample_t).T.tolist()
    return dict(case, scipy_version=scipy.__version__, expected=expected)


def cases():
    rng = np.random.default_rng(20261128)
    random_vdp_x0 = [float(v) for v in np.round(rng.uniform(-3, 3, 2), 6)]
    lorenz = {"sigma": 10.0, "rho": 28.0, "beta": 8.0 / 3.0}
    arenstorf = {"system": "arenstorf", "params": {"mu": ARENSTORF_MU},
                 "t0": 0.0, "t_bound": ARENSTORF_T, "y0": ARENSTORF_Y0}
    return [
        {"name": "vdp_mu0.1_x0_2_0", "system": "van_der_pol", "params": {"mu": 0.1},
         "t0": 0.0, "t_bound": 2.0, "y0": [2.0, 0.0], "options": {"max_step": 0.1}},
        {"name": "vdp_mu0.1_random_x0", "system": "van_der_pol", "params": {"mu": 0.1},
         "t0": 0.0, "t_bound": 2.0, "y0": random_vdp_x0, "options": {"max_step": 0.1}},
        {"name": "vdp_mu0.1_t_eval", "system": "van_der_pol", "params": {"mu": 0.1},
         "t0": 0.0, "t_bound": 2.0, "y0": [2.0, 0.0],
         "options": {"max_step": 0.1, "t_eval": [round(0.1 * i, 10) for i in range(21)]}},
        {"name": "vdp_mu1_rtol1e-6", "system": "van_der_pol", "params": {"mu": 1.0},
         "t0": 0.0, "t_bound": 20.0, "y0": [2.0, 0.0], "options": {"rtol": 1e-6}},
        {"name": "vdp_mu1_per_component_atol", "system": "van_der_pol", "params": {"mu": 1.0},
         "t0": 0.0, "t_bound": 10.0, "y0": [2.0, 0.0],
         "options": {"rtol": 1e-5, "atol": [1e-8, 1e-4]}},
        {"name": "vdp_mu0.5_backward", "system": "van_der_pol", "params": {"mu": 0.5},
         "t0": 5.0, "t_bound": 0.0, "y0": [1.0, 0.5], "options": {"rtol": 1e-6, "atol": 1e-8}},
        {"name": "vdp_mu0.5_backward_t_eval_dense", "system": "van_der_pol", "params": {"mu": 0.5},
         "t0": 5.0, "t_bound": 0.0, "y0": [1.0, 0.5],
         "options": {"t_eval": [5.0 - 0.25 * i for i in range(21)], "dense_output": True}},
        {"name": "exp_decay", "system": "exponential_decay", "params": {"k": -0.5},
         "t0": 0.0, "t_bound": 10.0, "y0": [2.0, 4.0, 8.0]},
        {"name": "exp_decay_first_step", "system": "exponential_decay", "params": {"k": -0.5},
         "t0": 0.0, "t_bound": 10.0, "y0": [2.0, 4.0, 8.0], "options": {"first_step": 0.01}},
        {"name": "exp_decay_rtol_below_100eps", "system": "exponential_decay", "params": {"k": -0.5},
         "t0": 0.0, "t_bound": 1.0, "y0": [2.0, 4.0, 8.0],
         "options": {"rtol": 1e-16, "atol": 1e-12}},
        {"name": "exp_decay_zero_span", "system": "exponential_decay", "params": {"k": -0.5},
         "t0": 3.0, "t_bound": 3.0, "y0": [2.0, 4.0, 8.0], "options": {"dense_output": True},
         "dense_samples": 1},
        dict(arenstorf, name="arenstorf_rtol1e-3", options={"rtol": 1e-3, "atol": 1e-6}),
        dict(arenstorf, name="arenstorf_rtol1e-6", options={"rtol": 1e-6, "atol": 1e-9}),
        dict(arenstorf, name="arenstorf_rtol1e-9", options={"rtol": 1e-9, "atol": 1e-12}),
        dict(arenstorf, name="arenstorf_rtol1e-6_dense", options={"rtol": 1e-6, "atol": 1e-9,
                                                                  "dense_output": True},
             dense_samples=101),
        {"name": "lorenz", "system": "lorenz", "params": lorenz,
         "t0": 0.0, "t_bound": 5.0, "y0": [1.0, 1.0, 1.0]},
        {"name": "vdp_mu1_terminal_event", "system": "van_der_pol", "params": {"mu": 1.0},
         "t0": 0.0, "t_bound": 20.0, "y0": [2.0, 0.0],
         "options": {"rtol": 1e-6, "dense_output": True,
                     "events": [{"index": 0, "value": 0.0, "direction": -1, "terminal": 2},
                                {"index": 1, "value": 0.0}]}},
        {"name": "harmonic_events_direction", "system": "harmonic", "params": {"omega": 1.0},
         "t0": 0.0, "t_bound": 12.0, "y0": [1.0, 0.0],
         "options": {"rtol": 1e-8, "atol": 1e-10,
                     "events": [{"index": 0, "value": 0.0, "direction": 1},
                                {"index": 0, "value": 0.5, "direction": -1},
                                {"index": 1, "value": 0.0}]}},
        {"name": "harmonic_terminal_event_t_eval", "system": "harmonic", "params": {"omega": 2.0},
         "t0": 0.0, "t_bound": 10.0, "y0": [1.0, 0.0],
         "options": {"t_eval": [0.05 * i for i in range(201)],
                     "events": [{"index": 0, "value": -0.5, "direction": -1, "terminal": 1}]}},
        {"name": "reaction_diffusion_n20", "system": "reaction_diffusion", "params": {"c": 5.0},
         "t0": 0.0, "t_bound": 1.0,
         "y0": [2 * math.sin(math.pi * (i + 1) / 21) for i in range(20)],
         "options": {"rtol": 1e-6, "atol": 1e-9}},
        {"name": "blow_up_fails", "system": "blow_up", "t0": 0.0, "t_bound": 2.0, "y0": [1.0]},
    ]


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for case in cases():
        result = run(case)
        path = os.path.join(OUT_DIR, f"rk45_{case['name']}.json")
        with open(path, "w") as out:
            json.dump(result, out, separators=(",", ":"), allow_nan=False)
        e = result["expected"]
        print(f"{case['name']:36s} nfev={e['nfev']:5d} accepted={e['naccepted']:4d} "
              f"rejected={e['nrejected']:3d} status={e['status']:2d} "
              f"bytes={os.path.getsize(path)}", file=sys.stderr)


if __name__ == "__main__":
    main()
