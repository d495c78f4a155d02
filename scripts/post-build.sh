#!/usr/bin/env bash
# trunk's post_build hook (Trunk.toml). trunk starts all hooks of one stage at the same time, so the
# steps that build on each other run from here, in order, on trunk's staging directory:
# 1. scripts/write-entry-points.sh writes the loader and start.js and links start.js from index.html;
# 2. release builds only, last so that it compresses the files as they ship: scripts/precompress.mjs
#    writes NAME.br and NAME.gz beside every html, js, css and wasm file.
set -euo pipefail
out="${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}"
scripts="$(dirname "$0")"
bash "$scripts/write-entry-points.sh"
# trunk sets TRUNK_PROFILE=release for `trunk serve --release` (the demo) too; there the extra files
# are harmless (trunk's server never sends them) and cost about 2 s per rebuild.
[ "${TRUNK_PROFILE:-}" = release ] || exit 0
node "$scripts/precompress.mjs" "$out"
