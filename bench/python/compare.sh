#!/bin/sh
# Builds the benchmarks and runs bench/python/compare.py (JMH + PyTorch + scipy, one table).
# Usage: bench/python/compare.sh [--quick] [--shapes 2:20:20:21 ...] [--skip-kernels]
set -e
cd "$(dirname "$0")/../.."
mvn -B -q -pl bench -am package -Dmaven.test.skip=true
exec python3 bench/python/compare.py "$@"
