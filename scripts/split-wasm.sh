#!/usr/bin/env bash
# The first step of scripts/post-build.sh in a split release build: when the wasm trunk just built
# has split points (its glue imports "__wasm_split_placeholder__", which only `--cfg wasm_split`
# produces), redo the last steps of trunk's rust pipeline from the raw cargo wasm with the splitter
# in between, and overwrite trunk's staged glue and wasm under the same hashed names:
#   cargo wasm -> wasm-split-cli -> wasm-bindgen (main module) -> drop-stream-exports.mjs (main)
#   -> wasm-opt -Oz (main + every chunk)
# The split loader and the chunks carry the build's hashed base name, so every file can be cached
# forever like trunk's own hashed files:
#   NAME-HASH.js, NAME-HASH_bg.wasm, NAME-HASH_split.js, NAME-HASH_split_<part>.wasm,
#   NAME-HASH_chunk_<n>.wasm (code two parts share)
# It also writes NAME-HASH_chunks.json: each part's files, which the tests and the benchmark read to
# know what a part loads.
# wasm-split-cli's own recipe, with the pitfalls met on this project noted where they matter.
set -euo pipefail
out="${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}"
name=ada-webhooks-admin   # the [[bin]] trunk builds (data-bin)
only() {
  local matches=("$out"/$1)
  [ "${#matches[@]}" -eq 1 ] && [ -e "${matches[0]}" ] || { echo "split-wasm: expected one $1 in $out" >&2; exit 1; }
  basename "${matches[0]}"
}
glue=$(only "$name-*[0-9a-f].js")
base=${glue%.js}                       # NAME-HASH, as trunk named the glue and NAME-HASH_bg.wasm
grep -q '__wasm_split_placeholder__' "$out/$glue" || exit 0   # no split points: nothing to do
if [ "${TRUNK_PROFILE:-}" != release ]; then
  echo "split-wasm: split points in a debug build; they need the release build's --cfg wasm_split and --emit-relocs" >&2
  exit 1
fi
started=$(date +%s%N)
target_dir=$(cargo metadata --format-version 1 --no-deps --offline --manifest-path "$TRUNK_SOURCE_DIR/Cargo.toml" |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
raw="$target_dir/wasm32-unknown-unknown/release/$name.wasm"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
wasm-split-cli "$raw" "$work/split" --target web --out-name "$name" \
  || { echo "split-wasm: wasm-split-cli failed (were the RUSTFLAGS missing -Clink-args=--emit-relocs?)" >&2; exit 1; }
# Like trunk, run wasm-bindgen with the plain name and rename afterwards: wasm-bindgen writes the
# out-name into every import's module name, so the hashed name would cost bytes per import.
wasm-bindgen --target web --keep-lld-exports --no-demangle --no-typescript \
  --out-dir "$work/bindgen" --out-name "$name" "$work/split/$name.wasm"
# The glue imports the split loader as "./__wasm_split.js": rename the import, not the imports
# object's key, which must stay the wasm's import module name.
sed -e "s|from \"./__wasm_split.js\"|from \"./${base}_split.js\"|g" "$work/bindgen/$name.js" > "$out/$glue"
# wasm-streams' adapters, which only a server function uses, leave with their exports.
node "$(dirname "$0")/drop-stream-exports.mjs" "$work/bindgen/${name}_bg.wasm"
optimise() { wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int "$1" -o "$2" 2> >(grep -v 'unknown name subsection' >&2); }
optimise "$work/bindgen/${name}_bg.wasm" "$out/${base}_bg.wasm" &
pids=($!)
# The loader imports initSync from the glue as "./NAME.js": point it at the hashed glue.
renames=(-e "s|from \"./$name.js\"|from \"./$glue\"|")
for chunk in "$work"/split/*.wasm; do
  file=$(basename "$chunk")
  [ "$file" = "$name.wasm" ] && continue
  optimise "$chunk" "$out/${base}_$file" &
  pids+=($!)
  renames+=(-e "s|\"./$file\"|\"./${base}_$file\"|")
done
for pid in "${pids[@]}"; do wait "$pid"; done
# Each module named ./ada-webhooks-admin, for the crash guard in WebKit (scripts/name-wasm.mjs).
node "$(dirname "$0")/name-wasm.mjs" "./$name" "$out/${base}"_*.wasm
sed "${renames[@]}" "$work/split/__wasm_split.js" > "$out/${base}_split.js"
node "$(dirname "$0")/split-manifest.mjs" "$out/${base}_split.js" > "$out/${base}_chunks.json"
printf 'split-wasm: %s split into %s chunk(s) in %s ms\n' "$base" "$(ls "$out/${base}"_*.wasm | grep -vc _bg.wasm)" \
  "$(( ($(date +%s%N) - started) / 1000000 ))" >&2
