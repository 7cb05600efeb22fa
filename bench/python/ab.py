"""Interleaved A/B of two builds of the benchmarks: which one is faster, on a machine that drifts.

On this project's machine the same JMH benchmark moves by tens of percent from minute to minute, so
two runs one after the other cannot settle a 10% change. This script alternates the two jars ROUNDS
times (A, B, A, B, ...), with many short iterations each, pools every raw iteration of each jar and
compares the medians:

  cp bench/target/benchmarks.jar /tmp/before.jar      # before the change
  (change, then mvn -B -q -pl bench -am package -Dmaven.test.skip=true)
  python3 bench/python/ab.py /tmp/before.jar bench/target/benchmarks.jar 'LstmBenchmark.trainStep$' \\
      -p shape=2:20:20:21 -p threads=1

Any arguments after the pattern go to JMH as they are. Prints one line per benchmark and parameter
set: the two medians (JMH's unit) and their ratio, B/A (below 1: B is faster).

The noise floor: two identical jars gave B/A = 1.13, 0.92 and 1.03 for the tutorial-size forward
and training step (2026-11-30). A change smaller than about 15% needs several runs that agree.
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile

ROUNDS = 3
ITERATIONS = ["-f", "1", "-wi", "5", "-i", "12", "-w", "500ms", "-r", "300ms"]


def run(jar, pattern, extra, result):
    cmd = ["java", "-jar", jar, pattern, *ITERATIONS, "-rf", "json", "-rff", result, *extra]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    with open(result) as f:
        return json.load(f)


def key(b):
    params = ",".join(f"{k}={v}" for k, v in sorted(b.get("params", {}).items()))
    return b["benchmark"].rsplit(".", 1)[1] + (f" [{params}]" if params else "")


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    a, b, pattern, extra = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    for jar in (a, b):
        if not os.path.isfile(jar):
            sys.exit(f"no such jar: {jar}")
    raw = {a: {}, b: {}}
    unit = {}
    with tempfile.TemporaryDirectory() as tmp:
        result = os.path.join(tmp, "result.json")
        for _ in range(ROUNDS):
            for jar in (a, b):
                for bench in run(jar, pattern, extra, result):
                    k = key(bench)
                    unit[k] = bench["primaryMetric"]["scoreUnit"]
                    values = [v for fork in bench["primaryMetric"]["rawData"] for v in fork]
                    raw[jar].setdefault(k, []).extend(values)
    for k in raw[a]:
        if k not in raw[b]:
            print(f"{k}: only in A")
            continue
        ma, mb = statistics.median(raw[a][k]), statistics.median(raw[b][k])
        print(f"{k:50s} A {ma:10.2f}  B {mb:10.2f} {unit[k]}  B/A {mb / ma:.3f}")


if __name__ == "__main__":
    main()
