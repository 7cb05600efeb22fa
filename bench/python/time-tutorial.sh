#!/usr/bin/env bash
# Times the van der Pol tutorial side by side: the Java example (one runnable jar) and the
# PyTorch + scipy + matplotlib original (bench/python/vanderpol_tutorial.py), each measured as
# wall-clock time from process start to exit, pictures included, with the same default settings.
#
#   bench/python/time-tutorial.sh [JAVA_RUNS] [PYTHON_RUNS]      (defaults: 5 and 1; 0 skips one)
#   JAVA_OPTS="--add-modules jdk.incubator.vector" bench/python/time-tutorial.sh 3 3   (the vector kernels)
#   ALTERNATE=1 bench/python/time-tutorial.sh 3 3     (java, python, java, python, ...: pairs in turn)
#
# Needs JDK 17 + Maven (the jar is built first unless SKIP_BUILD=1) and Debian's
# python3-torch, python3-scipy and python3-matplotlib for /usr/bin/python3 (PYTHON overrides).
# The Python original takes about half a minute per run.
set -euo pipefail
cd "$(dirname "$0")/../.."

JAVA_RUNS=${1:-5}
PYTHON_RUNS=${2:-1}
PYTHON=${PYTHON:-/usr/bin/python3}
JAR=examples/target/vanderpol-tutorial.jar
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

if [ "${SKIP_BUILD:-0}" != 1 ]; then
    mvn -B -q -pl examples -am package -DskipTests
fi

# time_run LABEL COMMAND...: runs the command, prints its wall time and its last loss line.
time_run() {
    local label=$1
    shift
    local start end
    start=$(date +%s.%N)
    "$@" > "$WORK/log" 2>&1 || { cat "$WORK/log"; echo "$label failed" >&2; exit 1; }
    end=$(date +%s.%N)
    local seconds
    seconds=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f", e - s }')
    echo "$seconds" >> "$WORK/$label.times"
    printf '%-7s %6s s   %s\n' "$label" "$seconds" "$(grep '^Batch #' "$WORK/log" | tail -1)"
}

median() {
    sort -n "$1" | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), JAVA_OPTS=${JAVA_OPTS:-}"
# shellcheck disable=SC2086
run_java() { time_run java java ${JAVA_OPTS:-} -jar "$JAR" --out "$WORK/java"; }
run_python() { time_run python "$PYTHON" bench/python/vanderpol_tutorial.py --out "$WORK/python"; }
if [ "${ALTERNATE:-0}" = 1 ]; then
    for ((i = 1; i <= JAVA_RUNS || i <= PYTHON_RUNS; i++)); do
        if [ "$i" -le "$JAVA_RUNS" ]; then run_java; fi
        if [ "$i" -le "$PYTHON_RUNS" ]; then run_python; fi
    done
else
    for ((i = 1; i <= JAVA_RUNS; i++)); do run_java; done
    for ((i = 1; i <= PYTHON_RUNS; i++)); do run_python; done
fi

summary() {
    local label=$1 runs=$2
    if [ "$runs" -gt 0 ]; then
        median "$WORK/$label.times"
    fi
}
java_median=$(summary java "$JAVA_RUNS")
python_median=$(summary python "$PYTHON_RUNS")
[ -n "$java_median" ] && echo "median wall time: java ${java_median} s (${JAVA_RUNS} runs)"
[ -n "$python_median" ] && echo "median wall time: python ${python_median} s (${PYTHON_RUNS} runs)"
if [ -n "$java_median" ] && [ -n "$python_median" ]; then
    awk -v j="$java_median" -v p="$python_median" 'BEGIN { printf "java is %.1fx faster\n", p / j }'
fi
