#!/usr/bin/env bash
# The full test suite: every module's unit, property, conformance and integration tests.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh
exec mvn -B -ntp verify "$@"
