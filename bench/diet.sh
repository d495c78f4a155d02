#!/usr/bin/env bash
# What the main module (the list included) holds, by crate and by generic, against Leptos's own floor
# (issue #21's diet): from the
# raw cargo wasm of the last split release build (`./run build` first), the split is redone in a
# temporary folder and the main module is optimised as the build does but with its names kept
# (wasm-opt -g), then read with twiggy. Prints markdown; also written to bench/results/diet.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
command -v twiggy >/dev/null || cargo install --locked twiggy --version 0.8.0
raw=target/wasm32-unknown-unknown/release/ada-webhooks-admin.wasm
[ -e "$raw" ] || { echo "diet: no $raw; run ./run build first" >&2; exit 1; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
# The split release build's steps up to wasm-opt (scripts/split-wasm.sh), for the widget and the
# floor alike: split, wasm-bindgen on the main module, its stream adapters dropped. Only the tools'
# progress lines are hidden; their errors stay on stderr.
# COMMAND with the stderr lines matching PATTERN left out, the rest kept in order; its own status.
without_lines() { # PATTERN COMMAND...
  local pattern=$1; shift
  { "$@" 2>&1 >&3 | { grep -v "$pattern" || true; } >&2; } 3>&1
}
bindgen_pipeline() { # RAW_WASM NAME OUT_DIR
  wasm-split-cli "$1" "$3/split" --target web --out-name "$2" >/dev/null
  wasm-bindgen --target web --keep-lld-exports --no-demangle --no-typescript \
    --out-dir "$3/bindgen" --out-name "$2" "$3/split/$2.wasm"
  without_lines 'exports dropped' node scripts/drop-stream-exports.mjs "$3/bindgen/$2_bg.wasm"
}
quiet_opt() { without_lines 'unknown name subsection' "$@"; }
bindgen_pipeline "$raw" ada-webhooks-admin "$work"
quiet_opt wasm-opt -Oz -g --enable-bulk-memory --enable-nontrapping-float-to-int \
  "$work/bindgen/ada-webhooks-admin_bg.wasm" -o "$work/main.wasm"
twiggy top -n 1000000 -f csv "$work/main.wasm" >"$work/main.csv"
twiggy monos -n 12 "$work/main.wasm" >"$work/main.monos.txt"
twiggy dominators -d 3 -r 24 "$work/main.wasm" >"$work/main.dominators.txt"
# The floor: bench/floor/main.rs (a bare Leptos frame and sign-in form) with the same flags and the
# same steps as the widget's main module (the splitter only consumes the relocations here), then
# what scripts/post-build.sh does to the main module and glue.
with_release_wasm_flags cargo build --quiet --release --target wasm32-unknown-unknown --example floor
mkdir -p "$work/floor"
bindgen_pipeline target/wasm32-unknown-unknown/release/examples/floor.wasm floor "$work/floor"
quiet_opt wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
  "$work/floor/bindgen/floor_bg.wasm" -o "$work/floor/floor.wasm"
tools/node_modules/.bin/esbuild "$work/floor/bindgen/floor.js" --minify --format=esm --log-level=warning >"$work/floor/glue.js"
without_lines 'imports renamed' node scripts/short-imports.mjs "$work/floor/floor.wasm" "$work/floor/glue.js"
cp "$(compgen -G 'dist/ada-webhooks-admin-*_bg.wasm')" "$work/shipped.wasm"
cp "$(compgen -G 'dist/ada-webhooks-admin-*[0-9a-f].js')" "$work/shipped.js"
mkdir -p bench/results
node bench/diet-report.mjs "$work" | tee bench/results/diet.md
