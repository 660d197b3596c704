#!/usr/bin/env bash
# Slow tier (not in .ci/run): runs each cargo-fuzz target for a bounded time on the nightly
# toolchain, seeded from fuzz/seeds/. A crash is copied into fuzz/regressions/<target>/, which
# the normal suite replays on stable (tests/it/fuzz_regressions.rs), and the script fails.
#
#   scripts/fuzz.sh [seconds-per-target]     (default 60)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
tools=$PWD/target/tools
if ! [ -x "$tools/bin/cargo-fuzz" ]; then
  cargo install cargo-fuzz --locked --version 0.13.2 --root "$tools"
fi
export PATH="$tools/bin:$PATH"
status=0
for target in gazetteer_parse extract suggest; do
  corpus=target/fuzz-corpus/$target
  mkdir -p "$corpus" "fuzz/regressions/$target"
  cp fuzz/seeds/$target/* "$corpus/"
  log=target/fuzz-$target.log
  echo "== $target: $seconds s"
  if cargo +nightly fuzz run "$target" "$corpus" -- \
      -max_total_time="$seconds" -rss_limit_mb=2048 -max_len=65536 -timeout=10 >"$log" 2>&1; then
    grep -E "^Done [0-9]+ runs" "$log" || tail -n 3 "$log"
    grep -E "^#[0-9]+.*(DONE|pulse)" "$log" | tail -n 1 || true
  else
    status=1
    echo "!! $target failed; log: $log"
    grep -E "panicked|ERROR|SUMMARY" "$log" | head -n 5 || true
    for crash in fuzz/artifacts/$target/*; do
      [ -e "$crash" ] && cp "$crash" "fuzz/regressions/$target/" && echo "saved $crash"
    done
  fi
done
exit $status
