#!/usr/bin/env bash
# Size ratchet check on the release build (see bench/size-limit.json).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
build_release_locked
node --test --test-reporter=tap bench/size-guard.test.mjs
