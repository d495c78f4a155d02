#!/usr/bin/env bash
# Benchmark: builds the release widget and the stand-in, then runs bench/run.mjs in headless
# Chromium and prints one markdown table (also written to bench/results/latest.md).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
bash scripts/setup.sh
build_release_locked
node bench/run.mjs
