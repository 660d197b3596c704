#!/usr/bin/env bash
# Bounded soak and overload run (not in .ci/run): a release `gazette serve` on 127.0.0.1 with a
# small admission limit, driven past it by examples/loadgen.rs with a mix of Extract,
# ExtractStream and cancelled calls, SIGHUP reloads every 20 s (optional); then SIGTERM. Prints requests,
# codes, latency, server CPU per call, RSS at start/end and its growth after warm-up.
#
#   scripts/soak.sh [seconds] [workers] [max-concurrent-rpcs] [reload-every]
#   (defaults: 600 48 8 20; a reload interval of 0 sends no SIGHUP)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
workers=${2:-48}
limit=${3:-8}
reload_every=${4:-20}
reload_args=()
[ "$reload_every" = 0 ] || reload_args=(--reload-every "$reload_every")
cargo build --release --quiet --bin gazette --example loadgen
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
mkdir -p "$work/gazetteer" && cp tests/data/gazetteer/people.tsv "$work/gazetteer/"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
target/release/gazette serve --listen "127.0.0.1:$port" --metrics-addr "127.0.0.1:$mport" \
  --gazetteer "$work/gazetteer" --max-concurrent-rpcs "$limit" --no-watch 2>"$work/server.log" &
server=$!
for _ in $(seq 100); do
  target/release/gazette health --addr "127.0.0.1:$port" >/dev/null 2>&1 && break
  sleep 0.2
done
echo "server pid $server on 127.0.0.1:$port, --max-concurrent-rpcs $limit; $workers workers for $seconds s"
target/release/examples/loadgen --addr "127.0.0.1:$port" --seconds "$seconds" \
  --workers "$workers" --connections 8 --server-pid "$server" "${reload_args[@]}"
echo "metrics:"
curl -s "http://127.0.0.1:$mport/metrics" | grep -E '^gazette_(shed_requests_total|reloads_total|rpcs_in_flight|requests_total)' || true
kill -TERM "$server"
wait "$server" && echo "server exited 0 after SIGTERM" || echo "server exit status $?"
grep -c "gazetteer reloaded" "$work/server.log" | sed 's/^/reloads logged: /'
