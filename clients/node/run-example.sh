#!/usr/bin/env bash
# Builds this package in target/clients/node-client (npm ci from package-lock.json, tsc), checks
# that the committed generated types equal a fresh `proto-loader-gen-types` run, and runs the
# example against the server at $1 (host:port) on the file $2.
set -euo pipefail
addr="${1:?usage: run-example.sh HOST:PORT FILE}"
file="${2:?usage: run-example.sh HOST:PORT FILE}"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="$root/target/clients/node-client"
mkdir -p "$work"
if [ ! -d "$work/node_modules/typescript" ] || ! cmp -s "$here/package-lock.json" "$work/package-lock.json"; then
  cp "$here/package.json" "$here/package-lock.json" "$work/"
  (cd "$work" && npm ci --silent --no-audit --no-fund)
fi
rm -rf "$work/src" "$work/proto" "$work/dist" "$work/fresh"
cp -r "$here/src" "$here/tsconfig.json" "$work/"
cp -r "$root/proto" "$work/proto"
# The committed types must match the proto.
(cd "$work" && npx proto-loader-gen-types --keepCase --longs=String --enums=String --defaults \
  --oneofs --grpcLib=@grpc/grpc-js --outDir=fresh --includeDirs=../../../proto \
  -- gazette/v1/gazette.proto >/dev/null 2>&1)
sed -i 's|^// Original file: ../../../proto/|// Original file: ../../proto/|' $(grep -rl "Original file" "$work/fresh")
if ! diff -r "$here/src/generated" "$work/fresh" >/dev/null; then
  echo "clients/node/src/generated is stale: run 'npm run generate' in clients/node" >&2
  exit 1
fi
(cd "$work" && npx tsc -p .)
node "$work/dist/example.js" "$addr" "$file"
