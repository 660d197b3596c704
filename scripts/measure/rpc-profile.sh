#!/usr/bin/env bash
# Where a call's server CPU goes: the no-op RPC (health Check) and Extract on distinct ~3 KB
# articles, each a closed-loop run against one release server with the N-entry benchmark
# gazetteer, sampled with `perf record` (cpu-clock, so it also works in a VM), then summed per
# component and divided by the calls made while sampling (scripts/measure/rpc-profile.py). The
# difference between the two columns is what Extract costs beyond the transport. Loopback only,
# bounded in time. Installs Debian's linux-perf when perf is missing.
#
#   scripts/measure/rpc-profile.sh [N] [seconds-sampled] [workers]     (defaults: 100000 8 16)
#
# RPC_PROFILE_TOP=K also lists each component's K busiest symbols in the Extract run.
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-100000}
seconds=${2:-8}
workers=${3:-16}
# shellcheck source=../lib/debian.sh
. scripts/lib/debian.sh
command -v perf >/dev/null || debian_install linux-perf
# shellcheck source=lib/bench-server.sh
. scripts/measure/lib/bench-server.sh
start_bench_server "$n"
# RPC_PROFILE_DIR keeps the perf data and reports there, for `perf report` by hand.
out=${RPC_PROFILE_DIR:-$(mktemp -d)}
mkdir -p "$out"
[ -n "${RPC_PROFILE_DIR:-}" ] || trap 'kill $server 2>/dev/null || true; rm -rf "$texts" "$out"' EXIT
for phase in noop:0,0,0,1 extract:1,0,0,0; do
  name=${phase%%:*}
  # One second of warm-up before sampling, one after, so every sample falls inside the run.
  target/release/examples/loadgen --addr "127.0.0.1:$port" --seconds $((seconds + 2)) \
    --workers "$workers" --corpus "$texts" --server-pid "$server" --mix "${phase#*:}" \
    >"$out/$name.txt" &
  loadgen=$!
  sleep 1
  perf record -q -F 4000 -p "$server" -o "$out/$name.data" -- sleep "$seconds" 2>/dev/null
  wait "$loadgen"
  perf report -i "$out/$name.data" --no-children --sort dso,symbol -F sample,dso,symbol \
    2>/dev/null >"$out/$name.symbols"
  head -n 1 "$out/$name.txt"
done
python3 scripts/measure/rpc-profile.py "$out" "$seconds" 4000 "${RPC_PROFILE_TOP:-0}"
