#!/usr/bin/env bash
# The full test suite: every module's unit, property, conformance and integration tests.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh
# The Yuma vectors' expected files must equal the independent exact-integer model's output
# (tao-conformance/model, standard-library Python). Skipped, with a note, where there is no python3.
if command -v python3 >/dev/null 2>&1; then
  python3 tao-conformance/model/regenerate.py --check
else
  echo "test.sh: python3 not found; the Yuma model check (tao-conformance/model) is skipped" >&2
fi
# The explorer's browser test needs Debian's chromium + chromedriver: install them when missing.
bash scripts/ensure-chromium.sh
exec mvn -B -ntp spotless:check verify "$@"
