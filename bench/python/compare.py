#!/usr/bin/env python3
"""Runs the Java benchmarks (JMH), their PyTorch and scipy counterparts, and prints one table.

  python3 bench/python/compare.py                 # full run, about 20 minutes on 2 cores
  python3 bench/python/compare.py --quick         # short iterations, for trying the script

Needs bench/target/benchmarks.jar (mvn -B -q -pl bench -am package -Dmaven.test.skip=true), Debian's
/usr/bin/python3 with torch (lstm_bench.py) and a python3 with scipy on PATH (ode_bench.py). The raw
results are kept in bench/target/compare/ (JMH JSON, JSON lines). Figures are medians in microseconds
(JMH: the median of the measurement iterations' averages); ratios are taken within this one run.
GFLOP/s of the LSTM: forward F = 2*B*T*4H*(I+H) + 2*B*T*O*H with O = I; forward+backward and a training
step count 3F.

The machine's speed drifts by tens of percent within minutes, and the two sides of a ratio run minutes
apart, so one run's ratio for the tutorial-size training step can land anywhere from about 6 to 12. The
last table therefore times that step again in --rounds short rounds (default 5, about a minute each),
Java and PyTorch one right after the other in each, and gives every round's ratio and their median.
Java's rounds warm up for 5 seconds: with both cores busy training on two threads, C2 takes 3 to 4
seconds to compile the whole training step, and iterations before that are not the steady state.
--float32-rounds does the same for Java float32 at the shapes given (3 rounds each by default).
For the same reason the RK45 ratios against Hipparchus are also taken with the two solvers
alternating every few milliseconds in one JVM (InProcessAb, 20 seconds each), printed after the ODE
table.
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
JAR = os.path.join(ROOT, "bench", "target", "benchmarks.jar")
OUT = os.path.join(ROOT, "bench", "target", "compare")
SHAPES = ["2:20:20:21", "2:64:64:50", "32:256:64:50", "64:512:32:100"]


def run(cmd, log):
    print("$ " + " ".join(cmd), file=sys.stderr, flush=True)
    with open(log, "w") as f:
        subprocess.run(cmd, check=True, stdout=f, stderr=subprocess.STDOUT, cwd=ROOT)


def jmh(pattern, name, iterations, extra=()):
    result = os.path.join(OUT, name + ".json")
    wi, i = iterations
    cmd = ["java", "-jar", JAR, pattern, "-f", "1", "-wi", str(wi), "-i", str(i), "-w", "1", "-r", "1",
           "-prof", "gc", "-rf", "json", "-rff", result, *extra]
    run(cmd, os.path.join(OUT, name + ".log"))
    return read_jmh(result)


def read_jmh(result):
    """JMH's JSON result as {(method, shape, threads, kernels): (median us, bytes allocated per op)}."""
    with open(result) as f:
        data = json.load(f)
    rows = {}
    for b in data:
        method = b["benchmark"].rsplit(".", 1)[1]
        params = b.get("params", {})
        raw = [v for fork in b["primaryMetric"]["rawData"] for v in fork]
        alloc = b.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
        # float32 rows (LstmBenchmark's and KernelBenchmark's dtype) are keyed by "f32-" + kernels; float64
        # rows as before
        kernels = params.get("kernels")
        if params.get("dtype") == "float32":
            kernels = "f32-" + kernels
        rows[(method, params.get("shape"), params.get("threads"), kernels)] = (statistics.median(raw), alloc)
    return rows


def in_process(methods, seconds, name, params=()):
    """Two benchmark methods (or two parameter sets, a.field=value b.field=value) of the jar alternating in
    one JVM (InProcessAb): the number of blocks and the median and quartiles of the blocks' time ratio,
    B / A."""
    log = os.path.join(OUT, name + ".log")
    run(["java", "--add-modules", "jdk.incubator.vector", "-cp", JAR, "io.github.lstmdynamics.bench.InProcessAb",
         JAR, JAR, methods, str(seconds), *params], log)
    with open(log) as f:
        m = re.search(r"B/A median of (\d+) blocks ([\d.]+) \(quartiles ([\d.]+), ([\d.]+)\)", f.read())
    if m is None:
        raise RuntimeError(f"no ratio in {log}")
    return int(m.group(1)), float(m.group(2)), float(m.group(3)), float(m.group(4))


def python_lines(cmd, name):
    log = os.path.join(OUT, name + ".jsonl")
    run(cmd, log)
    with open(log) as f:
        return [json.loads(line) for line in f if line.startswith("{")]


def flops(shape):
    i, h, b, t = (int(v) for v in shape.split(":"))
    return 2 * b * t * 4 * h * (i + h) + 2 * b * t * i * h


def fmt(us):
    if us is None:
        return "-"
    return f"{us / 1000:.2f} ms" if us >= 1000 else f"{us:.1f} us"


def ratio(a, b):
    return "-" if a is None or b is None else f"{a / b:.1f}x"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="short JMH iterations and Python timings")
    ap.add_argument("--shapes", nargs="*", default=SHAPES)
    ap.add_argument("--skip-kernels", action="store_true")
    ap.add_argument("--ab-seconds", type=float, default=30,
                    help="seconds of each in-process vector/scalar comparison of the training step (0: none)")
    ap.add_argument("--rounds", type=int, default=5,
                    help="alternating Java/PyTorch rounds of the tutorial-size training step (0: none)")
    ap.add_argument("--float32-rounds", nargs="*", default=[], metavar="I:H:B:T",
                    help="shapes whose float32 training step also runs in alternating rounds against PyTorch"
                         " float32 (for example 32:256:64:50 64:512:32:100)")
    ap.add_argument("--rounds-float32", type=int, default=3, help="rounds per --float32-rounds shape")
    ap.add_argument("--rounds-only", action="store_true",
                    help="only the alternating rounds (--rounds at the tutorial's size, --float32-rounds)")
    args = ap.parse_args()
    os.makedirs(OUT, exist_ok=True)
    iters = (1, 2) if args.quick else (5, 5)
    kiters = (1, 2) if args.quick else (3, 5)
    pmin = "0.3" if args.quick else "1.5"
    shape_param = ["-p", "shape=" + ",".join(args.shapes)]
    if not args.rounds_only:
        tables(args, iters, kiters, pmin, shape_param)
    if args.rounds > 0:
        # five 1-second warm-ups: with two busy threads, C2 takes 3 to 4 s to compile the whole step
        alternating_rounds("2:20:20:21", "float64", args.rounds, (1, 3) if args.quick else (5, 5), pmin)
    for shape in args.float32_rounds:
        alternating_rounds(shape, "float32", args.rounds_float32, (1, 2) if args.quick else (3, 5),
                           "0.5" if args.quick else "3")


def tables(args, iters, kiters, pmin, shape_param):
    """The LSTM, ODE and kernel tables and the in-process comparisons."""
    lstm = jmh("LstmBenchmark", "lstm", iters, shape_param)
    ode = jmh("OdeBenchmark|DatasetBenchmark", "ode", iters)
    kernels = {} if args.skip_kernels else jmh("KernelBenchmark", "kernels", kiters, shape_param)
    torch_rows = python_lines(["/usr/bin/python3", os.path.join(HERE, "lstm_bench.py"), "--min-time", pmin,
                               "--shapes", *args.shapes], "torch")
    scipy_rows = python_lines(["python3", os.path.join(HERE, "ode_bench.py"), "--min-time", pmin], "scipy")
    torch = {(r["op"], r["shape"], r["dtype"], r["threads"]): r["median_us"] for r in torch_rows}
    scipy = {r["op"]: r["median_us"] for r in scipy_rows}

    print()
    print(f"LSTM, medians; GFLOP/s of Java in brackets; Java scalar and vector kernels (vec); ratios = PyTorch"
          " time / best Java time")
    print(f"{'op':<16}{'I:H:B:T':<15}{'Java 1t':>22}{'Java 2t':>22}{'Java vec 1t':>22}{'Java vec 2t':>22}"
          f"{'torch32 1t':>12}{'torch32 2t':>12}"
          f"{'torch64 1t':>12}{'torch64 2t':>12}{'f32best/J':>10}{'f64 2t/J2t':>11}{'alloc B/op':>11}")
    for shape in args.shapes:
        for op in ("forward", "forwardBackward", "trainStep"):
            s1, sa1 = lstm.get((op, shape, "1", "scalar"), (None, None))
            s2, sa2 = lstm.get((op, shape, "2", "scalar"), (None, None))
            v1, va1 = lstm.get((op, shape, "1", "vector"), (None, None))
            v2, va2 = lstm.get((op, shape, "2", "vector"), (None, None))
            j1 = min((v for v in (s1, v1) if v is not None), default=None)
            j2 = min((v for v in (s2, v2) if v is not None), default=None)
            a1 = max((v for v in (sa1, va1) if v is not None), default=None)
            a2 = max((v for v in (sa2, va2) if v is not None), default=None)
            f = flops(shape) * (1 if op == "forward" else 3)

            def jcell(us):
                return "-" if us is None else f"{fmt(us)} [{f / us / 1000:.1f}]"
            t = {(d, n): torch.get((op, shape, d, n)) for d in ("float32", "float64") for n in (1, 2)}
            best32 = min(v for v in (t[("float32", 1)], t[("float32", 2)]) if v is not None) \
                if t[("float32", 1)] or t[("float32", 2)] else None
            bestj = min(v for v in (j1, j2) if v is not None) if j1 or j2 else None
            alloc = max(v for v in (a1, a2) if v is not None) if a1 is not None or a2 is not None else None
            print(f"{op:<16}{shape:<15}{jcell(s1):>22}{jcell(s2):>22}{jcell(v1):>22}{jcell(v2):>22}"
                  f"{fmt(t[('float32', 1)]):>12}"
                  f"{fmt(t[('float32', 2)]):>12}{fmt(t[('float64', 1)]):>12}{fmt(t[('float64', 2)]):>12}"
                  f"{ratio(best32, bestj):>10}{ratio(t[('float64', 2)], j2):>11}"
                  f"{'-' if alloc is None else f'{alloc:.0f}':>11}")

    print()
    print("LSTM in float32, medians; Java float32 (the faster of the scalar-float32 and vector-float32 kernels)"
          " next to PyTorch float32; ratio = best PyTorch float32 / best Java float32")
    print(f"{'op':<16}{'I:H:B:T':<15}{'Java f32 1t':>22}{'Java f32 2t':>22}{'torch32 1t':>12}{'torch32 2t':>12}"
          f"{'f32best/J32':>12}{'alloc B/op':>11}")
    for shape in args.shapes:
        for op in ("forward", "forwardBackward", "trainStep"):
            cells = {}
            allocs = []
            for n in ("1", "2"):
                found = [lstm[k] for k in ((op, shape, n, "f32-scalar"), (op, shape, n, "f32-vector")) if k in lstm]
                cells[n] = min((v[0] for v in found), default=None)
                allocs += [v[1] for v in found if v[1] is not None]
            f = flops(shape) * (1 if op == "forward" else 3)

            def jcell32(us):
                return "-" if us is None else f"{fmt(us)} [{f / us / 1000:.1f}]"
            t1 = torch.get((op, shape, "float32", 1))
            t2 = torch.get((op, shape, "float32", 2))
            best32 = min((v for v in (t1, t2) if v is not None), default=None)
            bestj = min((v for v in cells.values() if v is not None), default=None)
            print(f"{op:<16}{shape:<15}{jcell32(cells['1']):>22}{jcell32(cells['2']):>22}{fmt(t1):>12}{fmt(t2):>12}"
                  f"{ratio(best32, bestj):>12}{'-' if not allocs else f'{max(allocs):.0f}':>11}")

    print()
    print("ODE (RK45), medians per call; ratios = their time / ours")
    print(f"{'problem':<22}{'ours':>12}{'Hipparchus':>12}{'scipy':>12}{'Hipp/ours':>11}{'scipy/ours':>11}"
          f"{'alloc B/op':>11}")
    for name, ours, hipp in (("tutorialTrajectory", "tutorialTrajectoryOurs", "tutorialTrajectoryHipparchus"),
                             ("arenstorf", "arenstorfOurs", "arenstorfHipparchus"),
                             ("tutorialBatch", "tutorialBatch", None)):
        o, alloc = ode.get((ours, None, None, None), (None, None))
        h = ode.get((hipp, None, None, None), (None, None))[0] if hipp else None
        s = scipy.get(name)
        print(f"{name:<22}{fmt(o):>12}{fmt(h):>12}{fmt(s):>12}{ratio(h, o):>11}{ratio(s, o):>11}"
              f"{'-' if alloc is None else f'{alloc:.0f}':>11}")

    # the two solvers alternating every few milliseconds in one JVM: a spell of the machine hits both
    # sides of a block alike, where the table's two JMH forks can land in different spells
    seconds = 3 if args.quick else 20
    print()
    print(f"ODE, Hipparchus time / ours with the two alternating in one JVM (InProcessAb, {seconds} s after 10 s"
          " of warm-up): median and quartiles over the blocks")
    for name, ours in (("tutorialTrajectory", "tutorialTrajectory"), ("arenstorf", "arenstorf")):
        blocks, med, q1, q3 = in_process(f"OdeBenchmark.{ours}Ours,{ours}Hipparchus", seconds, "inprocess-" + name)
        print(f"{name:<22}{med:>11.2f}x  quartiles {q1:.2f} and {q3:.2f}, {blocks} blocks")

    if kernels:
        print_kernel_table(kernels, args.shapes)

    if args.ab_seconds > 0:
        print()
        print(f"Training step, vector / scalar kernels alternating in one JVM (InProcessAb, {args.ab_seconds:g} s"
              " after 10 s of warm-up, one thread): median and quartiles of the blocks' time ratio")
        for shape in args.shapes:
            blocks, med, q1, q3 = in_process("LstmBenchmark.trainStep", args.ab_seconds, "inprocess-kernels-" + shape,
                                             ["shape=" + shape, "threads=1", "a.kernels=scalar", "b.kernels=vector"])
            print(f"{shape:<15}{med:>8.3f}  quartiles {q1:.3f} and {q3:.3f}, {blocks} blocks")


def print_kernel_table(kernels, shapes):
    """KernelBenchmark's rows (read_jmh), each kernel at each shape in float64 and then float32."""
    print()
    print("Kernels of one layer, ours (scalar and vector) vs EJML (single thread): f64 rows are our float64"
          " kernels and CommonOps_DDRM, f32 rows our scalar-float32 and vector-float32 kernels and"
          " CommonOps_FDRM; ratios = EJML / ours, scalar / vector, float64 vector / float32 vector;"
          " the Packed rows' EJML is the unpacked product's")
    print(f"{'kernel':<25}{'I:H:B:T':<15}{'dtype':<6}{'scalar':>12}{'vector':>12}{'EJML':>12}{'EJML/sc':>8}"
          f"{'sc/vec':>8}{'f64/f32':>8}")
    methods = {m for (m, _, _, _) in kernels}
    names = sorted({m[:-4] for m in methods if m.endswith("Ours")}
                   | {m for m in methods if not m.endswith("Ours") and not m.endswith("Ejml")})
    for shape in shapes:
        for k in names:
            m = k + "Ours" if k + "Ours" in methods else k
            ejml = (k[:-len("Packed")] if k.endswith("Packed") else k) + "Ejml"
            vec64 = None
            for dtype, prefix in (("f64", ""), ("f32", "f32-")):
                o = kernels.get((m, shape, None, prefix + "scalar"), (None, None))[0]
                v = kernels.get((m, shape, None, prefix + "vector"), (None, None))[0]
                e = kernels.get((ejml, shape, None, prefix + "scalar"), (None, None))[0]
                if o is None and v is None and e is None:
                    continue
                speedup = ratio(vec64, v) if dtype == "f32" else ""
                vec64 = v
                print(f"{k:<25}{shape:<15}{dtype:<6}{fmt(o):>12}{fmt(v):>12}{fmt(e):>12}{ratio(e, o):>8}"
                      f"{ratio(o, v):>8}{speedup:>8}")


def alternating_rounds(shape, dtype, rounds, iterations, pmin):
    """The training step at `shape`, Java in `dtype` (both kernels, 1 and 2 threads) and PyTorch float32 (1
    and 2 threads) in alternating short rounds; each round's ratio is PyTorch's faster against Java's
    faster."""
    ratios = []
    lines = []
    for k in range(rounds):
        java = jmh("LstmBenchmark.trainStep$", f"rounds-{dtype}-{shape}-{k}-java", iterations,
                   ["-p", "shape=" + shape, "-p", "dtype=" + dtype])
        torch_rows = python_lines(["/usr/bin/python3", os.path.join(HERE, "lstm_bench.py"), "--min-time", pmin,
                                   "--shapes", shape, "--dtypes", "float32", "--ops", "trainStep"],
                                  f"rounds-{dtype}-{shape}-{k}-torch")
        best = min(java, key=lambda key: java[key][0])  # the faster of threads 1/2 and scalar/vector
        bestj = java[best][0]
        bestt = min(r["median_us"] for r in torch_rows)
        ratios.append(bestt / bestj)
        lines.append(f"{k + 1:<8}{fmt(bestj):>12}{best[3]:>12}{best[2]:>8}{fmt(bestt):>14}{bestt / bestj:>9.2f}x")
    print()
    print(f"Training step at {shape}, Java {dtype} against PyTorch float32, in {rounds} alternating rounds"
          " (faster kernels and thread count of each side); ratio = PyTorch float32 / Java")
    print(f"{'round':<8}{'Java':>12}{'kernels':>12}{'threads':>8}{'PyTorch f32':>14}{'ratio':>10}")
    for line in lines:
        print(line)
    print(f"{'median':<54}{statistics.median(ratios):>9.2f}x")


if __name__ == "__main__":
    main()
