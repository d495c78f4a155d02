#!/usr/bin/env bash
# Demo: ada-stand-in with demo data on 127.0.0.1:9000, and the widget (release build) served by trunk
# at http://127.0.0.1:8080 with /api/ proxied to the stand-in, so the browser talks same-origin, plus
# the example host page embedding two widgets, one through a key-adding proxy under /ada-proxy/api/
# (the stand-in plays it). Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

bash scripts/setup.sh

DEMO_TOKEN="${DEMO_TOKEN:-demo-token}"
mkdir -p target
cargo build --quiet -p ada-stand-in

stop() {
  trap - INT TERM EXIT
  # trunk, the stand-in and the log tail are this script's background jobs.
  kill $(jobs -p) 2>/dev/null || true
  wait 2>/dev/null || true
}
trap stop INT TERM EXIT

start_stand_in target/demo-stand-in.log --port 9000 --token "$DEMO_TOKEN" \
  --proxy-prefix /ada-proxy/api/ --proxy-token "$DEMO_TOKEN" "$@"
tail -n +2 -f target/demo-stand-in.log &

with_release_wasm_flags trunk serve --release &
TRUNK_PID=$!
cat <<TXT

  ada-stand-in  $STAND_IN_URL  (a local stand-in for Ada's API, not Ada)
  widget        http://127.0.0.1:8080  (after trunk's first build; /api/ is proxied to the stand-in)
  example host  http://127.0.0.1:8080/host-dashboard.html  (two embedded widgets: give the first the
                demo token; the second is behind /ada-proxy/api/, which adds the token server-side)
  demo token    $DEMO_TOKEN
  try           curl -s -H 'Authorization: Bearer $DEMO_TOKEN' 'http://127.0.0.1:8080/api/v2/webhooks/?limit=3'

  Ctrl-C stops both.

TXT
wait "$TRUNK_PID"
