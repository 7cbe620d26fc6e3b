#!/usr/bin/env bash
# Builds the JMH jar (bench/target/benchmarks.jar) and runs it; every argument goes to JMH.
#   scripts/bench.sh                              # all benchmarks
#   scripts/bench.sh EpochBench -f 1 -wi 3 -i 5   # one class, JMH options
#   scripts/bench.sh -l                           # list benchmarks
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh
mvn -B -ntp -q -pl bench -am package -DskipTests
exec java -jar bench/target/benchmarks.jar "$@"
