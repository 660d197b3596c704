#!/usr/bin/env bash
# Instructions per extraction of FILE with the default gazetteer, counted by callgrind (stable on
# a shared machine, unlike wall time): runs examples/extract_loop with 0 and N iterations and
# divides the difference by N. Usage: scripts/measure/count-instructions.sh FILE [N] [TARGET_DIR]
set -euo pipefail
file="${1:?usage: count-instructions.sh FILE [N] [TARGET_DIR]}"
n="${2:-200}"
cd "$(dirname "$0")/../.."
target="${3:-target}"
CARGO_TARGET_DIR="$target" cargo build --release --quiet --example extract_loop
bin="$target/release/examples/extract_loop"
count() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$file" "$1" 2>&1 \
    | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
base=$(count 0)
total=$(count "$n")
echo "$(( (total - base) / n )) instructions per extraction of $file (N=$n)"
