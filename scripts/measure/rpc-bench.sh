#!/usr/bin/env bash
# RPC figures for issue 7, in one run against one release server on 127.0.0.1 loaded with the
# 100k-entry synthetic gazetteer: closed-loop peak of the no-op RPC (health Check) and of Extract
# on distinct ~3 KB articles, then Extract open-loop at half its peak for p99 (calls evenly spaced,
# each timed from when it was due), and the no-op open loop at that same rate: the transport's
# own tail at that rate, the baseline for the p99. Extra open-loop rates (a third argument,
# e.g. "1000 4000") run both RPCs at each of them too. After each Extract phase, the server's
# own handler time for its calls (from its metrics histogram) shows how much of the tail is
# work.
#
#   scripts/measure/rpc-bench.sh [seconds-per-phase] [workers] [extra-rates]     (defaults: 15 16 "")
#
# RPC_BENCH_LEAN=1 runs the generator with --lean: requests encoded once, answers kept as bytes
# (one in 1,024 decoded and checked), so less of the two CPUs goes to the client.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-15}
workers=${2:-16}
read -r -a extra_rates <<<"${3:-}"
# shellcheck source=lib/bench-server.sh
. scripts/measure/lib/bench-server.sh
start_bench_server 100000
lean=()
[ -z "${RPC_BENCH_LEAN:-}" ] || lean=(--lean)
run() {
  python3 scripts/measure/lib/handler-time.py "$metrics_port" save "$texts/before"
  target/release/examples/loadgen --addr "127.0.0.1:$port" --seconds "$seconds" \
    --workers "$workers" --corpus "$texts" --server-pid "$server" "${lean[@]}" "$@"
  python3 scripts/measure/lib/handler-time.py "$metrics_port" report "$texts/before"
}
echo "== no-op RPC (health Check), closed loop, $workers workers"
run --mix 0,0,0,1 | tee "$texts/noop.txt"
echo "== Extract on distinct ~3 KB articles, closed loop, $workers workers"
run --mix 1,0,0,0 | tee "$texts/extract.txt"
peak=$(grep -oP '\(\K[0-9]+(?=/s\))' "$texts/extract.txt" | head -n 1)
half=$(python3 -c "print(round(float('$peak') / 2))")
echo "== Extract open loop at half the peak: $half calls/s"
run --mix 1,0,0,0 --rate "$half"
echo "== no-op RPC open loop at the same rate: $half calls/s"
run --mix 0,0,0,1 --rate "$half"
for rate in "${extra_rates[@]}"; do
  echo "== Extract open loop at $rate calls/s"
  run --mix 1,0,0,0 --rate "$rate"
  echo "== no-op RPC open loop at $rate calls/s"
  run --mix 0,0,0,1 --rate "$rate"
done
