#!/usr/bin/env bash
# Installs this package (with its pinned dependencies) into target/clients/python-client-venv
# checks the committed stubs against a fresh generation, and runs example.py against the server at $1 (host:port) on the file $2.
set -euo pipefail
addr="${1:?usage: run-example.sh HOST:PORT FILE}"
file="${2:?usage: run-example.sh HOST:PORT FILE}"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="$root/target/clients/python-client-venv"
# shellcheck source=../../scripts/lib/venv.sh
. "$root/scripts/lib/venv.sh"
make_venv "$venv" "$here/requirements.txt"
# The committed stubs must match the proto.
fresh="$root/target/clients/python-fresh-stubs"
rm -rf "$fresh"
"$here/generate.sh" "$fresh"
if ! diff -r -x __pycache__ "$here/src/gazette" "$fresh/gazette" >/dev/null; then
  echo "clients/python/src/gazette is stale: run clients/python/generate.sh" >&2
  exit 1
fi
# Installed from a copy: building in place would leave build/ and egg-info in the sources.
src="$root/target/clients/python-client-src"
rm -rf "$src" && mkdir -p "$src"
cp -r "$here/pyproject.toml" "$here/src" "$src/"
"$venv/bin/pip" install --quiet --disable-pip-version-check --no-deps "$src"
"$venv/bin/python" "$here/example.py" "$addr" "$file"
