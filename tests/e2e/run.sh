#!/usr/bin/env bash
# End-to-end tests: builds the release widget and the stand-in (unless scripts/test.sh did), then
# runs every tests/e2e/*.test.mjs, which check the precompressed files in dist/ and drive headless
# Chromium (playwright-core, Debian's browser) against both.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/env.sh
build_release_locked
node --test --test-reporter=tap tests/e2e/*.test.mjs
