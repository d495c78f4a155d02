#!/usr/bin/env bash
# trunk's post_build hook (Trunk.toml). trunk starts all hooks of one stage at the same time, so the
# steps that build on each other run from here, in order, on trunk's staging directory:
# 0. split release builds only: scripts/split-wasm.sh splits the wasm into the main module and the
#    chunks of the lazy parts;
# 1. scripts/write-entry-points.sh writes the loader and start.js and links start.js from index.html;
# 2. release builds only: esbuild minifies the JS the build writes (the wasm-bindgen glue, the loader
#    and start.js, these two with the modules they import bundled in) in place, as ES modules;
# 3. release builds only, last so that it compresses the files as they ship: scripts/precompress.mjs
#    writes NAME.br and NAME.gz beside every html, js, css and wasm file.
set -euo pipefail
shopt -s nullglob
out="${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}"
scripts="$(dirname "$0")"
bash "$scripts/split-wasm.sh"
bash "$scripts/write-entry-points.sh"
# Debug builds keep readable JS and skip the compression. trunk sets TRUNK_PROFILE=release for
# `trunk serve --release` (the demo) too: there the .br and .gz files go unused (trunk's server never
# sends them) and add about 2 s per rebuild.
[ "${TRUNK_PROFILE:-}" = release ] || exit 0
# trunk's own minifier breaks current wasm-bindgen glue (Trunk.toml keeps minify = "never"); esbuild's
# does not. The glue keeps its hashed name: trunk hashes the wasm cargo built, which also determines
# the glue, so a changed glue always comes with a new name. The loader and start.js each get the
# modules they import bundled in, which saves a request in a row before either can run; the glue
# stays a module of its own that both import.
esbuild="$scripts/../tools/node_modules/.bin/esbuild"
# wasm-bindgen writes one import per split import under the same key: harmless, hence the override.
"$esbuild" "$out"/ada-webhooks-admin-*[0-9a-f].js "$out"/ada-webhooks-admin-*_split.js --minify --format=esm \
  --outdir="$out" --allow-overwrite --log-level=warning --log-override:duplicate-object-key=silent
"$esbuild" "$out/ada-webhooks-admin.js" "$out/start.js" --bundle --external:'./ada-webhooks-admin-*' \
  --minify --format=esm --outdir="$out" --allow-overwrite --log-level=warning
for module in "$scripts"/../loader/*.js; do
  case "$(basename "$module")" in ada-webhooks-admin.js | start.js) ;; *) rm "$out/$(basename "$module")" ;; esac
done
node "$scripts/precompress.mjs" "$out"
