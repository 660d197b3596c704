#!/usr/bin/env bash
# Builds the console into src/console/ (embedded in the gazette binary by include_bytes!).
# Everything happens in a copy under target/console/: npm ci with the pinned lock file, the
# TypeScript stubs generated from proto/ by buf and protoc-gen-es, a type check (tsc), then
# one bundle by the pinned esbuild. The suite checks that a rebuild gives the committed bytes
# (tests/it/console/assets.rs): run this after changing console/ or the proto, and commit
# src/console/.
#   console/build.sh [OUT_DIR]     (default: src/console)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
out="$(mkdir -p "${1:-$root/src/console}" && cd "${1:-$root/src/console}" && pwd)"
work="$root/target/console"
mkdir -p "$work"
if [ ! -d "$work/node_modules/esbuild" ] || ! cmp -s "$here/package-lock.json" "$work/package-lock.json"; then
  cp "$here/package.json" "$here/package-lock.json" "$work/"
  (cd "$work" && npm ci --silent --no-audit --no-fund >/dev/null)
fi
rm -rf "$work/src"
cp -r "$here/src" "$here/tsconfig.json" "$here/buf.gen.yaml" "$work/"
cd "$work"
node_modules/.bin/buf generate "$root/proto"
node_modules/.bin/tsc -p .
node_modules/.bin/esbuild src/main.ts --bundle --minify --format=iife --target=es2020 \
  --charset=utf8 --legal-comments=none --log-level=warning --outfile="$out/console.js"
cp src/index.html src/console.css "$out/"
