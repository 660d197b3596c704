#!/usr/bin/env bash
# Regenerates the Python stubs in src/gazette/v1/ from proto/ with the pinned grpcio-tools.
# The suite checks that the committed stubs equal a fresh generation (clients/python/check.sh).
#   clients/python/generate.sh [OUT_DIR]     (default: clients/python/src)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${1:-$here/src}"
venv="$root/target/clients/python-dev-venv"
# shellcheck source=../../scripts/lib/venv.sh
. "$root/scripts/lib/venv.sh"
make_venv "$venv" "$here/requirements-dev.txt"
mkdir -p "$out"
"$venv/bin/python" -m grpc_tools.protoc -I "$root/proto" \
  --python_out="$out" --pyi_out="$out" --grpc_python_out="$out" gazette/v1/gazette.proto
touch "$out/gazette/__init__.py" "$out/gazette/v1/__init__.py"
