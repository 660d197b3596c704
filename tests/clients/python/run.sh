#!/usr/bin/env bash
# Runs the Python client test against a Gazette server at $1 (host:port).
# Installs its own dependencies into target/clients/python-venv and generates stubs from the proto.
set -euo pipefail
addr="${1:?usage: run.sh HOST:PORT}"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
work="$root/target/clients"
venv="$work/python-venv"
mkdir -p "$work"
# shellcheck source=../../../scripts/lib/venv.sh
. "$root/scripts/lib/venv.sh"
make_venv "$venv" "$here/requirements.txt"
stubs="$work/python-stubs"
rm -rf "$stubs" && mkdir -p "$stubs"
"$venv/bin/python" -m grpc_tools.protoc -I "$root/proto" \
  --python_out="$stubs" --grpc_python_out="$stubs" gazette/v1/gazette.proto
[ "$addr" = "--prepare-only" ] && exit 0
PYTHONPATH="$stubs" "$venv/bin/python" "$here/test_client.py" "$addr" "$root/tests/data"
