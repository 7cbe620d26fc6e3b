#!/usr/bin/env bash
# Loopback axon/dendrite benchmark (issue 6): signed round trips/s with p50/p99 latency at 64
# concurrent requests and a trivial handler, beside the ed25519 sign+verify floor of the same run.
# Usage: tao-sdk/bench.sh [--concurrency=64] [--seconds=10] [--warmup=20] [--http=1.1|2]
# Under attack (issue 12): tao-sdk/bench.sh --main=AxonAttackBenchmark --attack=replay|streams [--seconds=20]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh
cp="$PWD/tao-sdk/target/bench.classpath"
mvn -B -ntp -q -pl tao-sdk -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$cp" -Dmdep.includeScope=test >/dev/null
main=LoopbackBenchmark
if [[ "${1:-}" == --main=* ]]; then main="${1#--main=}"; shift; fi
exec java -Xms512m -cp "tao-sdk/target/test-classes:tao-sdk/target/classes:$(cat "$cp")" \
  "org.tao4j.sdk.bench.$main" "$@"
