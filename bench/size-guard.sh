#!/usr/bin/env bash
# Size ratchet check on the release build (see bench/size-limit.json).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
exec 9>"${TMPDIR:-/tmp}/ada-webhooks-admin-e2e.lock"
flock 9
trunk build --release
cargo build --quiet -p ada-stand-in
node --test --test-reporter=tap bench/size-guard.test.mjs
