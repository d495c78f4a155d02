#!/usr/bin/env bash
# End-to-end tests: builds the release widget and the stand-in, then runs the node tests, which check
# the precompressed files in dist/ and drive headless Chromium (playwright-core, Debian's browser)
# against both.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/env.sh
build_release_locked
node --test --test-reporter=tap tests/e2e/precompressed.test.mjs tests/e2e/admin-flow.test.mjs \
  tests/e2e/embedding.test.mjs tests/e2e/remembered-session.test.mjs tests/e2e/hardening.test.mjs tests/e2e/chunks.test.mjs tests/e2e/operations.test.mjs \
  tests/e2e/lifecycle.test.mjs
