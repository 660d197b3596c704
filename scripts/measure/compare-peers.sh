#!/usr/bin/env bash
# Runs the peer comparison (scripts/measure/compare-peers.py) for each size given (default
# 10000 100000): writes the corpus, measures Gazette (examples/throughput.rs) and
# pyahocorasick/FlashText from PyPI (installed into target/tools/peers-venv) on the same data.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
# shellcheck source=../lib/venv.sh
. scripts/lib/venv.sh
make_venv target/tools/peers-venv scripts/measure/requirements-peers.txt
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)
cargo build --release --quiet --example bench_corpus --example throughput
dir=target/bench-corpus
target/release/examples/bench_corpus "$dir" "${sizes[@]}"
for n in "${sizes[@]}"; do
  gazette=$(target/release/examples/throughput "$dir" "$n")
  target/tools/peers-venv/bin/python scripts/measure/compare-peers.py "$dir" "$n" "$gazette"
done
