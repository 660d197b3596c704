#!/usr/bin/env bash
# Measures SearchEntities (the console's entity look-up, a linear scan) on the default
# gazetteer: starts a release `gazette serve` on a free loopback port, asks five queries 20 times
# each from Python (grpcio, the client package's pinned venv under target/), prints the median
# and max per query, and stops the server. Figures: docs/console.md.
#   console/measure/search-entities.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
# shellcheck source=../../scripts/lib/venv.sh
. scripts/lib/venv.sh
make_venv target/clients/python-client-venv clients/python/requirements.txt
nice -n 10 cargo build --release --quiet --bin gazette
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
target/release/gazette serve --listen "127.0.0.1:$port" --no-watch 2>/dev/null &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.2
done
target/clients/python-client-venv/bin/python console/measure/search_entities.py "127.0.0.1:$port" clients/python/src
