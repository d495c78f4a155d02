#!/usr/bin/env bash
# Runs every suite: native cargo tests and the loader's JS; then, on one release build, each browser
# engine (Chromium, Firefox, WebKit: the wasm-bindgen-test suites against a real ada-stand-in, and
# WebDriver tests), the end-to-end tests in Chromium, the nginx proxy of deploy/, and the first-load
# size ratchet. Prints a summary per suite and fails when any suite fails or runs no test.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

bash scripts/setup.sh

logs=target/test-logs
mkdir -p "$logs"
summary=()
total_passed=0
total_failed=0
overall=0

cleanup() {
  [ -n "${STAND_IN_PID:-}" ] && kill "$STAND_IN_PID" 2>/dev/null || true
}
trap cleanup EXIT

# count LOG WORD TAP_WORD: sums libtest's "test result: … N passed; M failed" counts and node's TAP
# summary lines "# pass N" / "# fail N".
count() {
  { grep -aoE "[0-9]+ $2" "$1" | awk '{ print $1 }' || true
    grep -aoE "^# $3 [0-9]+" "$1" | awk '{ print $3 }' || true
  } | awk '{ sum += $1 } END { print sum + 0 }'
}

# run_suite NAME MIN_TESTS COMMAND...: runs it, records passed/failed, and fails the run on failure or
# when it executed fewer than MIN_TESTS tests.
run_suite() {
  local name="$1" min_tests="$2"; shift 2
  local log="$logs/$name.log" started status=0
  started=$(date +%s)
  echo "=== $name: $*"
  "$@" 2>&1 | tee "$log" || status=$?
  local passed failed seconds
  passed=$(count "$log" passed pass); failed=$(count "$log" failed fail); seconds=$(( $(date +%s) - started ))
  total_passed=$((total_passed + passed)); total_failed=$((total_failed + failed))
  local verdict=ok
  if [ "$status" -ne 0 ] || [ "$failed" -gt 0 ]; then verdict=FAILED; overall=1
  elif [ "$passed" -lt "$min_tests" ]; then verdict="FAILED (ran $passed tests, expected at least $min_tests)"; overall=1
  fi
  summary+=("$(printf '%-18s %4d passed %4d failed %5ss  %s' "$name" "$passed" "$failed" "$seconds" "$verdict")")
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }


run_suite native 1 cargo test --workspace --no-fail-fast
# The loader's JS modules under node, against the cases the Rust side runs too.
run_suite loader 1 node --test --test-reporter=tap tests/loader/

# The release build, once, for every suite that tests what one deploys (end to end, the proxy, the
# engines' WebDriver tests, the size ratchet).
echo "=== release build"
if build_release_locked; then
  export ADA_RELEASE_BUILT=1
else
  summary+=("$(printf '%-18s %s' 'release build' 'FAILED: the suites on it did not run')")
  overall=1
fi

# The engines' wasm-bindgen-test suites talk to a real stand-in across origins, so it allows exactly
# the test page's origin; one stand-in and one test-page address for every engine, so that the test
# crates (which take the stand-in's address at compile time) build once.
runner_address="127.0.0.1:$(free_port)"
start_stand_in "$logs/stand-in.log" --port 0 --token browser-test-token --no-rate-limit \
  --cors-origin "http://$runner_address"
export ADA_STAND_IN_URL="$STAND_IN_URL" WASM_BINDGEN_TEST_ADDRESS="$runner_address"
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-180}"

if [ "${ADA_RELEASE_BUILT:-}" = 1 ]; then
  run_suite chromium 1 tests/engine.sh chromium
  run_suite firefox 1 tests/engine.sh firefox
  run_suite webkit 1 tests/engine.sh webkit
  cleanup; STAND_IN_PID=
  run_suite e2e 1 tests/e2e/run.sh
  run_suite proxy 1 node --test --test-reporter=tap tests/proxy/*.test.mjs
  run_suite size 1 bench/size-guard.sh
fi

echo
echo "=== summary"
printf '%s\n' "${summary[@]}"
echo "$total_passed passed, $total_failed failed"
exit "$overall"
