#!/usr/bin/env bash
# Run by scripts/post-build.sh, trunk's post_build hook (Trunk.toml has inject_scripts = false, so
# trunk writes no inline script):
# - writes ada-webhooks-admin.js, the un-hashed loader host pages import, from
#   loader/ada-webhooks-admin.js with this build's hashed glue, wasm and stylesheet names, so those
#   three can be cached forever while the loader stays at a stable address;
# - writes start.js, the standalone page's entry, from loader/start.js the same way, and puts it where
#   trunk left the rust link in index.html, so that the page runs under script-src 'self' (no inline
#   script);
# - puts the list's chunk files (a split release build's NAME-HASH_chunks.json, from
#   scripts/split-wasm.sh, which stays in dist/ for the size guard and the benchmark; none in an
#   unsplit build) into both, which preload them beside the wasm when the list comes first;
# - copies the modules both import (loader/*.js but the two entry points).
set -euo pipefail
out="${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}"
only() {
  local matches=("$out"/$1)
  [ "${#matches[@]}" -eq 1 ] && [ -e "${matches[0]}" ] || { echo "write-entry-points: expected one $1 in $out" >&2; exit 1; }
  basename "${matches[0]}"
}
glue=$(only 'ada-webhooks-admin-*[0-9a-f].js')
wasm=$(only 'ada-webhooks-admin-*_bg.wasm')
stylesheet=$(only 'main-*.css')
manifest="$out/${glue%.js}_chunks.json"
# part_files NAME: the JSON list of that part's files; [] in an unsplit build or for a part that is in
# the main module.
part_files() {
  [ -e "$manifest" ] || { echo '[]'; return; }
  node -e 'const parts = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    process.stdout.write(JSON.stringify(parts[process.argv[2]] ?? []));' "$manifest" "$1"
}
# The chunks of the first screen once signed in (src/chunks.rs: Prefetch::FirstScreen).
first_screen_chunks=$(part_files list)
for entry_point in ada-webhooks-admin.js start.js; do
  sed -e "s|__GLUE__|$glue|" -e "s|__WASM__|$wasm|" -e "s|__STYLESHEET__|$stylesheet|" \
    -e "s|__LIST_CHUNKS__|$first_screen_chunks|" \
    "$(dirname "$0")/../loader/$entry_point" >"$out/$entry_point"
done
# Imported by both; release builds bundle them into them (scripts/post-build.sh).
for module in "$(dirname "$0")"/../loader/*.js; do
  case "$(basename "$module")" in ada-webhooks-admin.js | start.js) ;; *) cp "$module" "$out/" ;; esac
done
entry="<link rel=\"modulepreload\" href=\"$glue\"><link rel=\"preload\" href=\"$wasm\" as=\"fetch\" type=\"application/wasm\" crossorigin>"
# The split loader, which the glue imports: asked for beside the glue, not after it.
split_loader="${glue%.js}_split.js"
[ -e "$out/$split_loader" ] && entry+="<link rel=\"modulepreload\" href=\"$split_loader\">"
entry+='<script type="module" src="start.js"></script>'
sed -i -E "s|<link data-trunk rel=\"rust\"[^>]*>|$entry|" "$out/index.html"
grep -q 'src="start.js"' "$out/index.html" || { echo "write-entry-points: no rust link in index.html" >&2; exit 1; }
