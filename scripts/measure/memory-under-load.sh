#!/usr/bin/env bash
# Issue 7's memory figures in one run: a release `gazette serve` on 127.0.0.1 with the N-entry
# benchmark gazetteer (benches/support/corpus.rs, the same data as compare-peers.sh), its settled
# RSS per entry (after the 5 s memory returner has run), then a closed-loop Extract run of S
# seconds on the corpus's distinct ~3 KB articles (examples/loadgen.rs, which samples the
# server's RSS every 5 s), then the settled RSS again. Bounded in time; loopback only.
#
#   scripts/measure/memory-under-load.sh [N] [seconds]      (defaults: 1000000 60)
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-1000000}
seconds=${2:-60}
# shellcheck source=lib/bench-server.sh
. scripts/measure/lib/bench-server.sh
start_bench_server "$n"
settled() {
  sleep 6
  awk -v n="$n" '/^VmRSS:/ { printf "%.0f MiB, %.0f B/entry\n", $2 / 1024, $2 * 1024 / n }' \
    "/proc/$server/status"
}
echo "N=$n: settled RSS after start: $(settled)"
target/release/examples/loadgen --addr "127.0.0.1:$port" --seconds "$seconds" --workers 16 \
  --corpus "$texts" --server-pid "$server" --mix 1,0,0,0
echo "N=$n: settled RSS after the run: $(settled)"
