#!/usr/bin/env bash
# Issue 7's memory figures in one run: a release `gazette serve` on 127.0.0.1 with the N-entry
# benchmark gazetteer (benches/support/corpus.rs, the same data as compare-peers.sh), its settled
# RSS per entry (after the 5 s memory returner has run), then a closed-loop Extract run of S
# seconds on the corpus's distinct ~3 KB articles (examples/loadgen.rs, which samples the
# server's RSS every 5 s), then the settled RSS again. Bounded in time; loopback only.
#
#   scripts/memory-under-load.sh [N] [seconds]      (defaults: 1000000 60)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
seconds=${2:-60}
cargo build --release --quiet --bin gazette --example loadgen --example bench_corpus
dir=target/bench-corpus
[ -f "$dir/gazetteer-$n.jsonl" ] || target/release/examples/bench_corpus "$dir" "$n"
texts=$(mktemp -d)
cp "$dir/articles-$n.txt" "$texts/"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
target/release/gazette serve --no-default-gazetteer --gazetteer "$dir/gazetteer-$n.jsonl" \
  --listen "127.0.0.1:$port" --no-watch --max-concurrent-rpcs 1000 2>/dev/null &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$texts"' EXIT
for _ in $(seq 600); do
  target/release/gazette health --addr "127.0.0.1:$port" >/dev/null 2>&1 && break
  sleep 0.2
done
settled() {
  sleep 6
  awk -v n="$n" '/^VmRSS:/ { printf "%.0f MiB, %.0f B/entry\n", $2 / 1024, $2 * 1024 / n }' \
    "/proc/$server/status"
}
echo "N=$n: settled RSS after start: $(settled)"
target/release/examples/loadgen --addr "127.0.0.1:$port" --seconds "$seconds" --workers 16 \
  --corpus "$texts" --server-pid "$server" --mix 1,0,0,0
echo "N=$n: settled RSS after the run: $(settled)"
