#!/usr/bin/env bash
# The network's benchmark (tao-network/src/test/java/org/tao4j/network/NetworkBench.java): a 3-authority
# localnet (each node -Xmx256m, 500 ms blocks); finality lag (submission to final) over --samples transfers,
# then failover (kill -9 of the leader to the next finalized block) over --kills kills.
# Usage: scripts/bench-network.sh [--kills 20] [--samples 20] [--block-time-ms 500]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh
mvn -B -ntp -q -pl tao-network -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/network-bench.classpath -Dmdep.includeScope=test >/dev/null
cd tao-network
exec java --enable-native-access=ALL-UNNAMED -Xmx256m \
    -cp "target/test-classes:target/classes:$(cat target/network-bench.classpath)" \
    org.tao4j.network.NetworkBench "$@"
