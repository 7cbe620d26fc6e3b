#!/usr/bin/env bash
# The sync benchmark (tao-node/src/test/java/org/tao4j/node/bench/SyncBench.java, docs/network.md):
# full-mode sync of a 20,000-block chain with transfers (blocks/s, and the ratio to the ed25519
# verification floor measured in the same run), then a warp sync of a state with 100,000 accounts.
# Usage: scripts/bench-sync.sh [--blocks 20000] [--per-block 5] [--accounts 100000] [--full-only|--warp-only] [--fsync]
# Node processes get -Xmx1g; everything runs in a temporary directory that is deleted afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh
mvn -B -ntp -q -pl tao-node -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/node-bench.classpath -Dmdep.includeScope=test >/dev/null
exec java --enable-native-access=ALL-UNNAMED -Xmx2g \
    -cp "tao-node/target/test-classes:tao-node/target/classes:$(cat tao-node/target/node-bench.classpath)" \
    org.tao4j.node.bench.SyncBench "$@"
