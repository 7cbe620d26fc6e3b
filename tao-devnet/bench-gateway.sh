#!/usr/bin/env bash
# Gateway benchmark (issue 14): paid queries/s through a gateway against unpaid direct dendrite
# fan-outs to the same miners, interleaved in one run on one devnet, and the latency the gateway adds.
# Usage: tao-devnet/bench-gateway.sh [--concurrency=8] [--seconds=20] [--warmup=10] [--slice-ms=1000]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh
cp="$PWD/tao-devnet/target/bench.classpath"
mvn -B -ntp -o -q -pl tao-devnet -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$cp" -Dmdep.includeScope=test >/dev/null
exec java -Xms512m -cp "tao-devnet/target/test-classes:tao-devnet/target/classes:$(cat "$cp")" \
  org.tao4j.devnet.bench.GatewayBench "$@"
