#!/usr/bin/env bash
# RPC figures for issue 7, in one run against one release server on 127.0.0.1 loaded with the
# 100k-entry synthetic gazetteer: closed-loop peak of the no-op RPC (health Check) and of Extract
# on distinct ~3 KB articles, then Extract open-loop at half its peak for p99 (calls evenly spaced,
# each timed from when it was due).
#
#   scripts/rpc-bench.sh [seconds-per-phase] [workers]     (defaults: 15 16)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-15}
workers=${2:-16}
n=100000
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
for _ in $(seq 300); do
  target/release/gazette health --addr "127.0.0.1:$port" >/dev/null 2>&1 && break
  sleep 0.2
done
run() {
  target/release/examples/loadgen --addr "127.0.0.1:$port" --seconds "$seconds" \
    --workers "$workers" --corpus "$texts" --server-pid "$server" "$@"
}
echo "== no-op RPC (health Check), closed loop, $workers workers"
run --mix 0,0,0,1 | tee "$texts/noop.txt"
echo "== Extract on distinct ~3 KB articles, closed loop, $workers workers"
run --mix 1,0,0,0 | tee "$texts/extract.txt"
peak=$(grep -oP '\(\K[0-9]+(?=/s\))' "$texts/extract.txt" | head -n 1)
half=$(python3 -c "print(round(float('$peak') / 2))")
echo "== Extract open loop at half the peak: $half calls/s"
run --mix 1,0,0,0 --rate "$half"
