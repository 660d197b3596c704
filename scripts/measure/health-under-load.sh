#!/usr/bin/env bash
# Health-check latency while Extract is saturated with large documents (issue 15): the release
# server on the embedded default gazetteer, WORKERS closed-loop callers sending TEXT_KIB-KiB news
# documents, one call in 20 a health Check on the same connections. loadgen prints each RPC's
# latency (p50/p90/p99/max); HealthCheck's row is the figure. Bounded: SECONDS, 127.0.0.1 only.
#
#   scripts/measure/health-under-load.sh [SECONDS] [WORKERS] [TEXT_KIB] [MAX_CONCURRENT_RPCS]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-15}
workers=${2:-64}
kib=${3:-63}
max_rpcs=${4:-1000}

cargo build --release --quiet --bin gazette --example loadgen
texts=$(mktemp -d)
python3 - "$texts" "$kib" <<'PY'
import pathlib, sys
out, kib = pathlib.Path(sys.argv[1]), int(sys.argv[2])
news = pathlib.Path("benches/data-news.txt").read_text()
size = kib * 1024 - 64
articles = []
for i in range(8):
    start = (i * 997) % len(news)
    text = (news[start:] + "\n" + news) * (size // len(news) + 2)
    articles.append(text.encode()[:size].decode(errors="ignore").replace("\f", " "))
(out / "large.txt").write_text("\n\f\n".join(articles))
PY
free='import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
port=$(python3 -c "$free")
target/release/gazette serve --listen "127.0.0.1:$port" --no-watch \
  --max-concurrent-rpcs "$max_rpcs" 2>/dev/null &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$texts"' EXIT
for _ in $(seq 100); do
  target/release/gazette health --addr "127.0.0.1:$port" >/dev/null 2>&1 && break
  sleep 0.1
done
echo "== $workers workers, ${kib} KiB documents, --max-concurrent-rpcs $max_rpcs, ${seconds} s"
target/release/examples/loadgen --addr "127.0.0.1:$port" --seconds "$seconds" \
  --workers "$workers" --connections 4 --mix 95,0,0,5 --corpus "$texts" --server-pid "$server"
