#!/usr/bin/env bash
# Runs a node from the source tree (until `tao node` is wired into the CLI):
#   scripts/run-node.sh --dev --tmp
#   scripts/run-node.sh --chain my-spec.json --base-path /var/lib/tao --authority /etc/tao/authority.seed
# Every option: scripts/run-node.sh --help (and docs/node.md).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh
mvn -B -ntp -q -pl tao-node -am compile dependency:build-classpath \
    -Dmdep.outputFile=target/node.classpath -Dmdep.includeScope=runtime >/dev/null
# -XX:+ExitOnOutOfMemoryError: last resort, see docs/node.md "Failure handling"
exec java --enable-native-access=ALL-UNNAMED -XX:+ExitOnOutOfMemoryError ${TAO_NODE_JAVA_OPTS:-} \
    -cp "tao-node/target/classes:$(cat tao-node/target/node.classpath)" org.tao4j.node.NodeMain "$@"
