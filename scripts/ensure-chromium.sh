#!/usr/bin/env bash
# Installs Debian's chromium and chromium-driver when they are missing: the explorer's browser test
# (tao-node ExplorerBrowserIT, Selenium) drives them headless. Idempotent and quiet: does nothing when
# both are there. Never downloads a driver from anywhere else. Without root or apt-get it says so on one
# line and returns 0; the browser test then skips and names what is missing.
set -uo pipefail
if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: no apt-get here; install chromium and chromedriver yourself or the explorer's browser test skips" >&2
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
  else
    echo "ensure-chromium: not root and no sudo; run 'apt-get install -y chromium chromium-driver' or the explorer's browser test skips" >&2
    exit 0
  fi
fi
echo "ensure-chromium: installing chromium and chromium-driver (apt-get)" >&2
export DEBIAN_FRONTEND=noninteractive
if ! { $SUDO apt-get update -qq >/dev/null && $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null; }; then
  echo "ensure-chromium: apt-get could not install chromium chromium-driver; the explorer's browser test skips" >&2
fi
exit 0
