#!/usr/bin/env bash
# trunk's post_build hook (Trunk.toml). trunk starts all hooks of one stage at the same time, so the
# steps that build on each other run from here, in order, on trunk's staging directory:
# 0. the French catalog is written as one file; split release builds only: scripts/split-wasm.sh splits the wasm into the main module and the
#    chunks of the lazy parts;
# 1. release builds only: esbuild minifies the glue and the split loader in place, as ES modules, and
#    the stylesheets; scripts/short-imports.mjs gives the wasm's imports short names in it and the wasm;
# 2. release builds only: scripts/seal-build.mjs names every wasm file and the two JS modules by a hash
#    of their final bytes and records their integrity;
# 3. scripts/write-entry-points.sh writes the loader and start.js (with those names and integrity)
#    and links start.js from index.html;
# 4. release builds only: esbuild bundles the loader and start.js with the modules they import, and
#    minifies them;
# 5. release builds only, last so that it compresses the files as they ship: scripts/precompress.mjs
#    writes NAME.br and NAME.gz beside every html, js, css, wasm and txt file.
set -euo pipefail
shopt -s nullglob
out="${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}"
scripts="$(dirname "$0")"
# The French catalog, one file per screen in locales/fr/, ships as one file that only French pages
# fetch (src/i18n.rs reads it; seal-build.mjs names it by its bytes in a release build).
cat "$scripts"/../locales/fr/*.txt >"$out/ada-webhooks-admin_fr.txt"
bash "$scripts/split-wasm.sh"
# Debug builds keep readable JS and skip the rest. trunk sets TRUNK_PROFILE=release for
# `trunk serve --release` (the demo) too: there the .br and .gz files go unused (trunk's server never
# sends them) and add about 2 s per rebuild.
if [ "${TRUNK_PROFILE:-}" != release ]; then
  exec bash "$scripts/write-entry-points.sh"
fi
# trunk's own minifier breaks current wasm-bindgen glue (Trunk.toml keeps minify = "never"); esbuild's
# does not. wasm-bindgen writes one import per split import under the same key: harmless, hence the
# override.
esbuild="$scripts/../tools/node_modules/.bin/esbuild"
"$esbuild" "$out"/ada-webhooks-admin-*[0-9a-f].js "$out"/ada-webhooks-admin-*_split.js --minify --format=esm \
  --outdir="$out" --allow-overwrite --log-level=warning --log-override:duplicate-object-key=silent
# The functions the glue hands the wasm get names of a letter or two in both (their hashed names are
# incompressible bytes, paid twice); after the minifier, which keeps the glue's keys as they are.
node "$scripts/short-imports.mjs" "$(compgen -G "$out/ada-webhooks-admin-*_bg.wasm")" \
  "$(compgen -G "$out/ada-webhooks-admin-*[0-9a-f].js")"
# The stylesheets lose their comments and spaces, in place and before seal-build.mjs records their
# integrity: main.css is on the embedded first load, and both go into index.html. Their names keep trunk's hash of the source, which the minified bytes follow.
"$esbuild" "$out"/main-*.css "$out"/page-*.css --minify --outdir="$out" --allow-overwrite --log-level=warning
# A release build that was not split (no --cfg wasm_split) has no split loader to seal.
if compgen -G "$out/ada-webhooks-admin-*_split.js" >/dev/null; then
  node "$scripts/seal-build.mjs" "$out"
fi
bash "$scripts/write-entry-points.sh"
# The loader and start.js each get the modules they import bundled in, which saves a request in a row
# before either can run; the glue stays a module of its own that both import.
"$esbuild" "$out/ada-webhooks-admin.js" "$out/start.js" --bundle --external:'./ada-webhooks-admin-*' \
  --minify --format=esm --outdir="$out" --allow-overwrite --log-level=warning
for module in "$scripts"/../loader/*.js; do
  case "$(basename "$module")" in ada-webhooks-admin.js | start.js) ;; *) rm "$out/$(basename "$module")" ;; esac
done
node "$scripts/precompress.mjs" "$out"
