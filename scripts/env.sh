# Sourced by the scripts: puts the project's tools first on PATH and names the browser drivers.
# npm binaryen's wasm-opt comes before /usr/bin, where Debian's broken binaryen 108 may live.
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$repo_root/tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CHROMIUM_BIN="${CHROMIUM_BIN:-/usr/bin/chromium}"
export CHROMEDRIVER_BIN="${CHROMEDRIVER_BIN:-/usr/bin/chromedriver}"
export GECKODRIVER_BIN="${GECKODRIVER_BIN:-$HOME/.cargo/bin/geckodriver}"
export WEBKIT_DRIVER_BIN="${WEBKIT_DRIVER_BIN:-/usr/bin/WebKitWebDriver}"

# Starts an Xvfb on a display number it chooses itself (-displayfd: no two runs take the same one),
# exports DISPLAY, and stops it when the calling shell exits. WebKit's MiniBrowser needs a display.
start_xvfb() {
  local numbers
  numbers=$(mktemp)
  Xvfb -displayfd 3 -screen 0 1280x1024x24 -nolisten tcp 3>"$numbers" 2>/dev/null &
  XVFB_PID=$!
  trap 'kill "$XVFB_PID" 2>/dev/null || true' EXIT
  local tries=0
  until [ -s "$numbers" ]; do
    tries=$((tries + 1))
    if [ "$tries" -gt 300 ] || ! kill -0 "$XVFB_PID" 2>/dev/null; then
      echo "Xvfb did not start" >&2; return 1
    fi
    sleep 0.05
  done
  export DISPLAY=":$(head -n1 "$numbers")"
  rm -f "$numbers"
}

# Starts ada-stand-in in the background with the given flags (stdout and stderr to the log file);
# sets STAND_IN_PID and STAND_IN_URL from the "listening on" line it prints.
start_stand_in() {
  local log="$1"; shift
  : >"$log"
  "$repo_root/target/debug/ada-stand-in" "$@" >>"$log" 2>&1 &
  STAND_IN_PID=$!
  local tries=0
  until STAND_IN_URL=$(grep -m1 -o 'listening on http://[^ ]*' "$log" | cut -d' ' -f3) && [ -n "$STAND_IN_URL" ]; do
    tries=$((tries + 1))
    if [ "$tries" -gt 300 ] || ! kill -0 "$STAND_IN_PID" 2>/dev/null; then
      echo "ada-stand-in did not start; its log:" >&2; cat "$log" >&2; return 1
    fi
    sleep 0.1
  done
}

# Runs a command (trunk build/serve --release) with the release wasm's size settings: std rebuilt
# from rust-src with panics as an immediate trap (no panic messages, locations or hook), no Debug
# formatting, std's size-optimised algorithms, and legacy symbol names (with RUSTC_BOOTSTRAP rustc
# defaults to v0 names, which lengthen wasm-bindgen's export names). These are unstable flags:
# RUSTC_BOOTSTRAP=1 lets the stable toolchain take them, for this command only. Trunk passes
# --target wasm32-unknown-unknown, so build-std and these RUSTFLAGS reach only the wasm crates,
# not build scripts or proc macros; native builds, the stand-in and the wasm-bindgen-test builds
# (debug) never see them. scripts/setup.sh installs rust-src and fetches std's crates (offline).
# The same flags split the wasm: `--cfg wasm_split` turns the lazy parts into split points, and
# `-Clink-args=--emit-relocs` keeps the relocations wasm-split-cli needs (scripts/split-wasm.sh, run
# by the post_build hook). They come together or not at all: relocations in an unsplit wasm would
# multiply its size, and split points without the splitter leave an import no browser resolves.
with_release_wasm_flags() {
  RUSTC_BOOTSTRAP=1 \
    CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
    CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size \
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none -Zlocation-detail=none -Csymbol-mangling-version=legacy -Clink-args=--emit-relocs --cfg wasm_split" \
    "$@"
}

# Builds the release widget into dist/ and the stand-in, then holds a machine-wide lock until the
# calling script exits: the e2e suite, the size guard and the benchmark all rebuild and serve dist/.
# Under scripts/test.sh, which built it once for every suite (ADA_RELEASE_BUILT=1), nothing to do.
build_release_locked() {
  [ "${ADA_RELEASE_BUILT:-}" = 1 ] && return
  exec 9>"${TMPDIR:-/tmp}/ada-webhooks-admin-e2e.lock"
  flock 9
  with_release_wasm_flags trunk build --release && cargo build --quiet -p ada-stand-in
}
