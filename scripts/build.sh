#!/usr/bin/env bash
# Builds what one deploys into dist/: the split release wasm with the release size settings
# (scripts/env.sh), hashed cache-forever names, minified JS, precompressed .br/.gz siblings.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
bash scripts/setup.sh
build_release_locked
echo "dist/ is ready to deploy:"
ls -1 dist | grep -vE '\.(br|gz)$' | sed 's/^/  /'
