#!/usr/bin/env bash
# Runs a sweep on Spark embedded in this JVM (local[*,4] unless --master says otherwise), for example
#   sweep/run.sh --hidden 5,10,20,40 --lr 0.01,0.02,0.05,0.1 --seeds 1-5 --out sweep-out
# Builds the sweep first when a source is newer than the last build (mvn package, tests skipped), then
# starts java with Spark from the Maven repository on the class path and the JVM options Spark needs on
# JDK 17+ (spark.module.options in the root pom.xml). All options: sweep/run.sh --help, or docs/sweep.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target="$root/sweep/target"
stamp="$target/classpath.txt"
if [[ ! -f "$stamp" || ! -f "$target/lstm-sweep.jar" \
      || -n "$(find "$root/pom.xml" "$root"/{ode,lstm-core,lstm-io,examples,sweep}/pom.xml \
               "$root"/{ode,lstm-core,lstm-io,examples,sweep}/src/main -newer "$stamp" -print -quit)" ]]; then
  echo "sweep: building (mvn package, tests skipped) ..." >&2
  (cd "$root" && mvn -B -q -Dstyle.color=never -pl sweep -am package -DskipTests -Dmaven.javadoc.skip=true \
      -Dmaven.source.skip=true) >&2
  touch "$stamp"
fi
# shellcheck disable=SC2046 # the options file holds one line of space-separated JVM options
exec java $(cat "$target/classes/spark-jvm-options") -Djava.awt.headless=true \
    -cp "$target/classes:$(cat "$stamp")" io.github.lstmdynamics.sweep.SweepMain "$@"
