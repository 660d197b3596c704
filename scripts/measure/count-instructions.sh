#!/usr/bin/env bash
# Instructions per extraction of FILE with the default gazetteer, counted by callgrind (stable on
# a shared machine, unlike wall time): runs examples/extract_loop with 0 and N iterations and
# divides the difference by N (the loop's one warm-up extraction, with its one-time costs, is in
# both runs). Usage: scripts/measure/count-instructions.sh FILE [N] [TARGET_DIR]
set -euo pipefail
file="${1:?usage: count-instructions.sh FILE [N] [TARGET_DIR]}"
n="${2:-200}"
cd "$(dirname "$0")/../.."
target="${3:-target}"
CARGO_TARGET_DIR="$target" cargo build --release --quiet --example extract_loop
bin="$target/release/examples/extract_loop"
# Only instructions inside `Extractor::extract` are collected: building the default gazetteer
# (~5 billion instructions) varies by a few million from run to run (hash seeds, the allocator),
# which counted whole made the per-extraction figure move by ±20k at N=50.
count() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null \
    --toggle-collect='gazette::extract::Extractor::extract' "$bin" "$file" "$1" 2>&1 \
    | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
base=$(count 0)
total=$(count "$n")
echo "$(( (total - base) / n )) instructions per extraction of $file (N=$n)"
