#!/usr/bin/env bash
# End-to-end tests: builds the release widget and the stand-in, then runs the node tests, which
# drive headless Chromium (playwright-core, Debian's browser) against both.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/env.sh
# One run at a time per machine: both rebuild dist/.
exec 9>"${TMPDIR:-/tmp}/ada-webhooks-admin-e2e.lock"
flock 9
trunk build --release
cargo build --quiet -p ada-stand-in
node --test --test-reporter=tap tests/e2e/admin-flow.test.mjs tests/e2e/embedding.test.mjs
