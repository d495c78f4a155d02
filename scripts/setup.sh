#!/usr/bin/env bash
# Installs what the build and the tests need, from package registries only, and skips what is there.
# Idempotent: on a machine that already has everything it takes a few seconds.
# Sourced-safe: it only installs; scripts/env.sh puts the tools on PATH.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
GECKODRIVER_VERSION=0.37.1
WASM_SPLIT_VERSION=0.2.4

step_started=0
step() { step_started=$(date +%s); printf '[setup] %s ...\n' "$1"; }
done_step() { printf '[setup]   done in %ss\n' "$(( $(date +%s) - step_started ))"; }
setup_started=$(date +%s)

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# The wasm-bindgen CLI must be exactly the version in Cargo.lock, or trunk and the test runner refuse it.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock
}

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "rustup target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
  done_step
fi

# The release wasm rebuilds std from source (with_release_wasm_flags in scripts/env.sh).
if ! rustup component list --installed | grep -qx 'rust-src'; then
  step "rustup component rust-src"
  rustup component add rust-src
  done_step
fi

missing_apt=()
command -v chromium >/dev/null || missing_apt+=(chromium)
command -v chromedriver >/dev/null || missing_apt+=(chromium-driver)
command -v firefox-esr >/dev/null || missing_apt+=(firefox-esr)
command -v brotli >/dev/null || missing_apt+=(brotli)
command -v curl >/dev/null || missing_apt+=(curl)
command -v envsubst >/dev/null || missing_apt+=(gettext-base)
# The proxy suite runs deploy/'s nginx configuration in Debian's nginx.
[ -x /usr/sbin/nginx ] || missing_apt+=(nginx)
# WebKit, Safari's engine: its WebDriver and MiniBrowser, which needs an X display (Xvfb); xclip
# reads what the widget copied to the display's clipboard.
command -v WebKitWebDriver >/dev/null || missing_apt+=(webkit2gtk-driver)
command -v Xvfb >/dev/null || missing_apt+=(xvfb xauth)
command -v xclip >/dev/null || missing_apt+=(xclip)
if [ ${#missing_apt[@]} -gt 0 ]; then
  step "apt-get install ${missing_apt[*]} (about 2 min on a bare machine)"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq
  as_root apt-get install -y -qq --no-install-recommends "${missing_apt[@]}" >/dev/null
  done_step
fi

mkdir -p "$HOME/.cargo/bin"
export PATH="$HOME/.cargo/bin:$PATH"

# The version checks read the whole output: `tool --version | grep -q` can kill the tool with SIGPIPE.
has_version() { command -v "$1" >/dev/null && [[ "$("$1" --version 2>/dev/null)" == *"$2"* ]]; }

if ! has_version trunk "$TRUNK_VERSION"; then
  step "cargo install trunk $TRUNK_VERSION (about 7 min on 2 cores)"
  # trunk's own fat-LTO release profile serialises the link; this override cuts the install by ~3 min.
  # No default features: trunk runs offline (Trunk.toml) and never downloads a tool or checks for an
  # update, so its TLS stack is not built (-35 s).
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo install --quiet --locked trunk --version "$TRUNK_VERSION" --no-default-features
  done_step
fi

wbg=$(wasm_bindgen_version)
if ! has_version wasm-bindgen "$wbg"; then
  step "cargo install wasm-bindgen-cli $wbg (about 2-4 min)"
  # Not --locked: its lockfile pins a webpki-roots release the registry here does not serve.
  cargo install --quiet --force wasm-bindgen-cli --version "$wbg"
  done_step
fi

# The splitter of the release build (scripts/split-wasm.sh). It has no --version, so a marker file
# records the version installed.
split_marker="$HOME/.cargo/bin/.wasm-split-cli-version"
if ! command -v wasm-split-cli >/dev/null || [ "$(cat "$split_marker" 2>/dev/null)" != "$WASM_SPLIT_VERSION" ]; then
  step "cargo install wasm_split_cli_support $WASM_SPLIT_VERSION (wasm-split-cli, about 1.5 min)"
  cargo install --quiet --locked --force wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary
  echo "$WASM_SPLIT_VERSION" > "$split_marker"
  done_step
fi

if ! has_version geckodriver "$GECKODRIVER_VERSION"; then
  step "cargo install geckodriver $GECKODRIVER_VERSION (about 1.5 min)"
  cargo install --quiet --locked geckodriver --version "$GECKODRIVER_VERSION"
  done_step
fi

# wasm-opt from npm binaryen and esbuild (pinned in tools/package-lock.json). Debian's binaryen 108
# breaks the output at runtime, so tools/node_modules/.bin goes first on PATH (scripts/env.sh).
lock_sum=$(sha256sum tools/package-lock.json | cut -d' ' -f1)
if [ "$(cat tools/node_modules/.installed-lock 2>/dev/null)" != "$lock_sum" ]; then
  step "npm ci in tools/ (binaryen wasm-opt, esbuild and the end-to-end test tools)"
  (cd tools && npm ci --no-audit --no-fund --loglevel=error)
  echo "$lock_sum" > tools/node_modules/.installed-lock
  done_step
fi

# Trunk builds offline (cargo --offline too), so make sure every crate in Cargo.lock is on disk,
# and std's own dependencies for the release build's -Zbuild-std (its manifest needs nightly cargo
# features, hence RUSTC_BOOTSTRAP for this one command).
cargo fetch --quiet
RUSTC_BOOTSTRAP=1 cargo fetch --quiet --locked \
  --manifest-path "$(rustc --print sysroot)/lib/rustlib/src/rust/library/Cargo.toml"

printf '[setup] ready in %ss\n' "$(( $(date +%s) - setup_started ))"
