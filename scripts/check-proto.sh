#!/usr/bin/env bash
# Lints proto/ with buf and checks it for breaking changes against the last released API
# (proto/released/, a buf image of the proto as released). buf comes from npm
# (@bufbuild/buf, pinned), installed into target/tools/buf.
#
# After a release: scripts/check-proto.sh --record-release   (rewrites the baseline image)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
tools="$root/target/tools/buf"
version=1.75.0
if [ ! -x "$tools/node_modules/.bin/buf" ] || [ "$(cat "$tools/.version" 2>/dev/null)" != "$version" ]; then
  rm -rf "$tools" && mkdir -p "$tools"
  (cd "$tools" && npm install --silent --no-audit --no-fund --no-save "@bufbuild/buf@$version" >/dev/null)
  echo "$version" >"$tools/.version"
fi
buf="$tools/node_modules/.bin/buf"
baseline=proto/released/gazette-v1.binpb
if [ "${1:-}" = "--record-release" ]; then
  "$buf" build -o "$baseline"
  echo "recorded $baseline"
  exit 0
fi
"$buf" lint
"$buf" breaking --against "$baseline"
echo "buf: lint clean, no breaking change against $baseline"
