#!/usr/bin/env bash
# Run by scripts/post-build.sh, trunk's post_build hook (Trunk.toml has inject_scripts = false, so
# trunk writes no inline script), after scripts/seal-build.mjs in a release build:
# - writes ada-webhooks-admin.js, the un-hashed loader host pages import, from
#   loader/ada-webhooks-admin.js with this build's glue, wasm, stylesheet and French catalog names, so those can be
#   cached forever while the loader stays at a stable address;
# - writes start.js, the standalone page's entry, from loader/start.js the same way, and puts it where
#   trunk left the rust link in index.html, so that the page runs under script-src 'self' (no inline
#   script); scripts/inline-page-styles.mjs puts the page's stylesheets into it;
# - puts into both the integrity of the files they fetch themselves (NAME-…_integrity.json, from
#   seal-build.mjs; none in a debug build); the split loader holds the chunks';
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
french=$(only 'ada-webhooks-admin*_fr.txt')
integrity_record="$out/${glue%.js}_integrity.json"
split_loader="${glue%.js}_split.js"
modules="[\"$glue\"]"
[ -e "$out/$split_loader" ] && modules="[\"$glue\",\"$split_loader\"]"
# The integrity of the files the entry points fetch themselves (the split loader holds the chunks'):
# every digest is incompressible bytes on the first load.
integrity=$(node -e 'const fs = require("fs");
  const record = fs.existsSync(process.argv[1]) ? JSON.parse(fs.readFileSync(process.argv[1], "utf8")) : {};
  const wanted = [process.argv[2], process.argv[3], process.argv[5], ...JSON.parse(process.argv[4])];
  process.stdout.write(JSON.stringify(Object.fromEntries(wanted.filter((file) => record[file]).map((file) => [file, record[file]]))));' \
  "$integrity_record" "$wasm" "$stylesheet" "$modules" "$french")
for entry_point in ada-webhooks-admin.js start.js; do
  sed -e "s|__GLUE__|$glue|g" -e "s|__WASM__|$wasm|g" -e "s|__STYLESHEET__|$stylesheet|g" -e "s|__FRENCH__|$french|g" \
    -e "s|__MODULES__|$modules|" -e "s|__INTEGRITY__|$integrity|" \
    "$(dirname "$0")/../loader/$entry_point" >"$out/$entry_point"
done
# Imported by both; release builds bundle them into them (scripts/post-build.sh).
for module in "$(dirname "$0")"/../loader/*.js; do
  case "$(basename "$module")" in ada-webhooks-admin.js | start.js) ;; *) cp "$module" "$out/" ;; esac
done
# Nothing else in the page's head: its sign-in form is HTML, drawn before any of the widget's files
# arrive, and start.js asks for them once it is drawn (so on a slow link they never share it with the
# page). No inline script, so the page runs under script-src 'self'.
sed -i -E "s|<link data-trunk rel=\"rust\"[^>]*>|<script type=\"module\" src=\"start.js\"></script>|" "$out/index.html"
node "$(dirname "$0")/inline-page-styles.mjs" "$out"
grep -q 'src="start.js"' "$out/index.html" || { echo "write-entry-points: no rust link in index.html" >&2; exit 1; }
