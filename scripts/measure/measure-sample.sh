#!/usr/bin/env bash
# Measures extract time on one article (default: ../shared/samples/syria-defection.txt):
#  1. the offline CLI, whole process (start, embedded gazetteer build, extract, JSON out);
#  2. one Extract RPC against a release server on loopback, from the Python grpcio client
#     (round trip, median and p99 of 500 calls after 50 warm-up calls).
# Usage: scripts/measure/measure-sample.sh [ARTICLE]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
article="${1:-$root/../shared/samples/syria-defection.txt}"
[ -f "$article" ] || { echo "no article at $article" >&2; exit 1; }
cd "$root"
cargo build --release --quiet
bin="$root/target/release/gazette"

echo "article: $article ($(wc -c < "$article") bytes)"
python3 - "$bin" "$article" <<'PY'
import statistics, subprocess, sys, time
bin, article = sys.argv[1], sys.argv[2]
runs = []
for _ in range(30):
    t = time.perf_counter()
    subprocess.run([bin, "extract", article], check=True, stdout=subprocess.DEVNULL)
    runs.append((time.perf_counter() - t) * 1000)
print(f"offline CLI (whole process): median {statistics.median(runs):.2f} ms, min {min(runs):.2f} ms over {len(runs)} runs")
PY

# Reuse the Python client test's environment (installs grpcio on first use).
bash tests/clients/python/run.sh --prepare-only >/dev/null
log="$(mktemp)"
"$bin" serve --listen 127.0.0.1:0 2>"$log" &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -f "$log"' EXIT
addr=""
for _ in $(seq 100); do
  addr="$(grep -o ' addr=[^ ]*' "$log" | head -1 | cut -d= -f2 || true)"
  [ -n "$addr" ] && break
  sleep 0.1
done
[ -n "$addr" ] || { cat "$log" >&2; exit 1; }
PYTHONPATH="$root/target/clients/python-stubs" "$root/target/clients/python-venv/bin/python" - "$addr" "$article" <<'PY'
import statistics, sys, time
import grpc
from gazette.v1 import gazette_pb2, gazette_pb2_grpc
addr, article = sys.argv[1], sys.argv[2]
text = open(article, encoding="utf-8").read()
with grpc.insecure_channel(addr) as ch:
    stub = gazette_pb2_grpc.EntityExtractorStub(ch)
    req = gazette_pb2.ExtractRequest(document_id="sample", text=text)
    for _ in range(50):
        stub.Extract(req, timeout=5)
    runs = []
    for _ in range(500):
        t = time.perf_counter()
        resp = stub.Extract(req, timeout=5)
        runs.append((time.perf_counter() - t) * 1e6)
runs.sort()
print(f"one Extract RPC (Python grpcio client, loopback): median {statistics.median(runs):.0f} us, "
      f"p99 {runs[int(len(runs) * 0.99)]:.0f} us, {len(resp.mentions)} mentions")
PY
kill -TERM $pid
wait $pid
