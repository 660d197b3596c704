#!/usr/bin/env bash
# Edit-to-visible across replicas on a shared edit store (issue 18): a throwaway PostgreSQL
# cluster (scripts/lib/postgres.sh), N upserts round-robin over three real `gazette serve
# --edit-store` processes, each timed until every replica serves it; then the catch-up time of a
# replica started after them. Loopback only; stops by itself.
# Usage: scripts/measure/edit-convergence.sh [EDITS] [REPLICAS]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
edits=${1:-1000}
replicas=${2:-3}
cargo build --release --quiet --bin gazette --example edit_convergence
cluster="$root/target/measure-pg"
scripts/lib/postgres.sh stop "$cluster" 2>/dev/null || true
url=$(scripts/lib/postgres.sh start "$cluster")
trap 'scripts/lib/postgres.sh stop "$cluster"' EXIT
echo "store: $url (PostgreSQL $(ls /usr/lib/postgresql | tail -1), fsync on)"
target/release/examples/edit_convergence --store "$url" --replicas "$replicas" --edits "$edits"
