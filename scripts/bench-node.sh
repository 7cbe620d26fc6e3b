#!/usr/bin/env bash
# The node's end-to-end benchmark (tao-node/src/test/java/org/tao4j/node/bench/NodeBench.java):
# N pre-signed transfers over WebSocket to a node process; reports included tx/s, p50/p99
# submission-to-inclusion latency, the ed25519 verification floor measured in the same run, and the ratio.
# Usage: scripts/bench-node.sh [--n 50000] [--senders 2000] [--connections 4] [--window 8000]
#                              [--warmup 300000] [--batch 1] [--block-time 250ms|instant] [--extra "node options"]
#                              [--attack none|pool-flood|unread-subscriptions|request-flood|slowloris]  (measure the same N again while the attack runs;
#                                                           prints ratio_to_no_attack)
#        scripts/bench-node.sh --production [blocks] [transfers per block]
#            (CPU time of block production alone, on one thread: BlockProductionCpu)
# Takes about 80 s. The client JVM (this one) gets a fixed-size heap (-Xms = -Xmx): with a growable
# one, G1's service thread uncommitted memory after the client's pre-measurement GC, inside the
# measured window, on the cores the node is measured on. This only concerns the bench client.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh
mvn -B -ntp -q -pl tao-node -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/node-bench.classpath -Dmdep.includeScope=test >/dev/null
main=org.tao4j.node.bench.NodeBench
if [ "${1:-}" = "--production" ]; then # CPU time of block production alone (BlockProductionCpu)
    main=org.tao4j.node.bench.BlockProductionCpu
    shift
fi
exec java --enable-native-access=ALL-UNNAMED -Xms2g -Xmx2g \
    ${NODEBENCH_JAVA_OPTS:-} \
    -cp "tao-node/target/test-classes:tao-node/target/classes:$(cat tao-node/target/node-bench.classpath)" \
    "$main" "$@"
