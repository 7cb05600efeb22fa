#!/usr/bin/env bash
# Bytes allocated per steady-state training step, as JMH's GC profiler reports them
# (gc.alloc.rate.norm), at every benchmark size and on one and two threads.
#
#   bench/alloc-check.sh            (about 16 minutes on 2 cores; SKIP_BUILD=1 reuses the jar)
#
# Why a script of its own: JMH's harness allocates about 6 KB per measurement iteration, and
# gc.alloc.rate.norm divides everything allocated during an iteration by the operations in it. With
# the usual 1-second iterations a half-second or two-second training step gets kilobytes per op that
# are JMH's, not ours. Here each size gets one measurement iteration long enough to hold about 150
# operations even on a slow day (2026-11-30: 94 steps of the largest size in 240 seconds gave 62
# bytes per op, all of it the harness's), so that its share stays well below 64 bytes per op.
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=bench/target/benchmarks.jar
OUT=bench/target/alloc-check
mkdir -p "$OUT"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
    mvn -B -q -pl bench -am package -Dmaven.test.skip=true
fi

# shape and measurement seconds: about 150 steps or more of the slower (one-thread) run
runs=(
    "2:20:20:21 2"
    "2:64:64:50 8"
    "32:256:64:50 90"
    "64:512:32:100 360"
)

printf '%-14s %7s %12s %10s %12s\n' "I:H:B:T" threads "us/op" "ops" "alloc B/op"
for run in "${runs[@]}"; do
    read -r shape seconds <<< "$run"
    for threads in 1 2; do
        result="$OUT/${shape//:/-}-t$threads.json"
        java -jar "$JAR" 'LstmBenchmark.trainStep$' -p shape="$shape" -p threads="$threads" \
            -f 1 -wi 1 -w 5 -i 1 -r "$seconds" -prof gc -rf json -rff "$result" > "$result.log" 2>&1
        python3 - "$result" "$shape" "$threads" "$seconds" <<'EOF'
import json, sys
path, shape, threads, seconds = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
b = json.load(open(path))[0]
us = b["primaryMetric"]["score"]
alloc = b["secondaryMetrics"]["gc.alloc.rate.norm"]["score"]
print(f"{shape:14s} {threads:>7s} {us:12.1f} {seconds * 1e6 / us:10.0f} {alloc:12.1f}")
EOF
    done
done
