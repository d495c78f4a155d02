#!/usr/bin/env bash
# Benchmark: builds the release widget and the stand-in, then runs bench/run.mjs in headless
# Chromium and prints one markdown table (also written to bench/results/latest.md).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
bash scripts/setup.sh
exec 9>"${TMPDIR:-/tmp}/ada-webhooks-admin-e2e.lock"
flock 9
trunk build --release
cargo build --quiet -p ada-stand-in
node bench/run.mjs
