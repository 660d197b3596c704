#!/usr/bin/env bash
# Runs the Node client test against a Gazette server at $1 (host:port).
# Installs its own dependencies (npm ci, from package-lock.json) into target/clients/node.
set -euo pipefail
addr="${1:?usage: run.sh HOST:PORT}"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
work="$root/target/clients/node"
mkdir -p "$work"
if [ ! -d "$work/node_modules/@grpc/grpc-js" ] || ! cmp -s "$here/package-lock.json" "$work/package-lock.json"; then
  cp "$here/package.json" "$here/package-lock.json" "$work/"
  (cd "$work" && npm ci --silent --no-audit --no-fund)
fi
NODE_PATH="$work/node_modules" node "$here/test_client.js" "$addr" "$root/proto" "$root/tests/data"
