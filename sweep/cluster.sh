#!/usr/bin/env bash
# Runs a sweep on a Spark standalone cluster on this machine: one master and two workers (one core
# each) on 127.0.0.1, started from the Spark jars in the Maven repository (no Spark download), the
# sweep submitted to them with spark-submit (org.apache.spark.deploy.SparkSubmit, from the same jars),
# then the master and workers stopped. For example
#   sweep/cluster.sh --hidden 5,10 --lr 0.02,0.05 --seeds 1-2 --batches 200 --out sweep-cluster
# gives the same runs.csv as sweep/run.sh with the same options (the train_seconds column apart).
# The cluster's logs go to a temporary directory, printed at the start and removed at the end unless
# KEEP_LOGS=1.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target="$root/sweep/target"
stamp="$target/classpath.txt"
if [[ ! -f "$stamp" || ! -f "$target/lstm-sweep.jar" \
      || -n "$(find "$root/pom.xml" "$root"/{ode,lstm-core,lstm-io,examples,sweep}/pom.xml \
               "$root"/{ode,lstm-core,lstm-io,examples,sweep}/src/main -newer "$stamp" -print -quit)" ]]; then
  echo "cluster: building (mvn package, tests skipped) ..." >&2
  (cd "$root" && mvn -B -q -Dstyle.color=never -pl sweep -am package -DskipTests -Dmaven.javadoc.skip=true \
      -Dmaven.source.skip=true) >&2
  touch "$stamp"
fi
options="$(cat "$target/classes/spark-jvm-options")"
# Spark and its dependencies only: the sweep's own classes reach the cluster in lstm-sweep.jar.
spark_cp="$(tr ':' '\n' < "$stamp" | grep -v "^$root/" | paste -sd: -)"

# A Spark home for the workers: they start executors with SPARK_HOME/jars/* on the class path.
work="$(mktemp -d "${TMPDIR:-/tmp}/lstm-sweep-cluster.XXXXXX")"
mkdir -p "$work/jars"
tr ':' '\n' <<< "$spark_cp" | while read -r jar; do ln -s "$jar" "$work/jars/"; done
export SPARK_HOME="$work" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1
echo "cluster: logs in $work" >&2

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
pids=()
stop() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [[ "${KEEP_LOGS:-0}" != 1 ]]; then rm -rf "$work"; fi
}
trap stop EXIT

wait_for() { # file, text, what
  for _ in $(seq 1 120); do
    if grep -q "$2" "$1" 2>/dev/null; then return 0; fi
    sleep 0.5
  done
  echo "cluster: $3 did not start within 60 s; its log $1 ends with:" >&2
  tail -20 "$1" >&2
  exit 1
}

port="$(free_port)"
# shellcheck disable=SC2086 # options is a list of JVM options
java $options -cp "$spark_cp" org.apache.spark.deploy.master.Master \
    --host 127.0.0.1 --port "$port" --webui-port "$(free_port)" > "$work/master.log" 2>&1 &
pids+=($!)
wait_for "$work/master.log" "I have been elected leader" "the master"
master="spark://127.0.0.1:$port"
for n in 1 2; do
  mkdir -p "$work/worker-$n"
  # shellcheck disable=SC2086
  java $options -cp "$spark_cp" org.apache.spark.deploy.worker.Worker \
      --host 127.0.0.1 --port "$(free_port)" --webui-port "$(free_port)" --cores 1 --memory 1g \
      --work-dir "$work/worker-$n" "$master" > "$work/worker-$n.log" 2>&1 &
  pids+=($!)
done
for n in 1 2; do wait_for "$work/worker-$n.log" "Successfully registered with master" "worker $n"; done
echo "cluster: master $master with two workers of one core each" >&2

# shellcheck disable=SC2086
java $options -Dlog4j2.configurationFile="$target/classes/log4j2.properties" -cp "$spark_cp" \
    org.apache.spark.deploy.SparkSubmit --master "$master" \
    --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 \
    --conf spark.ui.enabled=false --conf spark.task.maxFailures=4 \
    --class io.github.lstmdynamics.sweep.SweepMain "$target/lstm-sweep.jar" "$@"
