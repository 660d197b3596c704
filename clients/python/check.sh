#!/usr/bin/env bash
# What the test suite checks of the Python package (tests/it/clients/ runs it against real
# servers it starts): the committed stubs equal a fresh generation; mypy --strict passes on the
# package, its tests and the README's examples; the wheel builds without leaving files in the
# source tree; installed from that wheel into a clean venv (its pinned dependencies only), the
# doctests, the README's examples and the package tests pass.
#
#   clients/python/check.sh [main|history]
#
# main (the default) runs the README's ```python blocks and every test but the edit history's;
# history runs the ```python history block and tests/clients/python/package/test_history.py.
# Servers, from the environment: GAZETTE_ADDR (default gazetteer, edits on, token
# GAZETTE_ADMIN_TOKEN), GAZETTE_SHED_ADDR (one RPC at a time: sheds the next).
set -euo pipefail
part="${1:-main}"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="$root/target/clients/python-package"
tests="$root/tests/clients/python"
mkdir -p "$work"
# shellcheck source=../../scripts/lib/venv.sh
. "$root/scripts/lib/venv.sh"
# shellcheck source=../../scripts/lib/prepared.sh
. "$root/scripts/lib/prepared.sh"
examples="$work/examples"
venv="$root/target/clients/python-wheel-venv"

# Builds and checks the artifacts.
build() {
  dev="$root/target/clients/python-dev-venv"
  make_venv "$dev" "$here/requirements-dev.txt"

  fresh="$work/fresh-stubs"
  rm -rf "$fresh"
  "$here/generate.sh" "$fresh"
  if ! diff -r -x __pycache__ "$here/src/gazette" "$fresh/gazette" >/dev/null; then
    echo "clients/python/src/gazette is stale: run clients/python/generate.sh" >&2
    exit 1
  fi

  # The README's ```python blocks, one file each: examples/main_1.py, …, examples/history_1.py.
  rm -rf "$examples" && mkdir -p "$examples"
  awk -v dir="$examples" '
    /^```python( history)?$/ { kind = ($2 == "history") ? "history" : "main"; n[kind]++
                               file = dir "/" kind "_" n[kind] ".py"; next }
    /^```/ && file { close(file); file = ""; next }
    file { print > file }
  ' "$here/README.md"
  ls "$examples"/main_1.py >/dev/null

  (cd "$here" && "$dev/bin/mypy" --config-file pyproject.toml --cache-dir "$work/mypy-cache" \
    --no-error-summary \
    src/gazette_client "$tests"/package/*.py "$examples"/*.py)

  # The wheel, built from the source tree itself: nothing may appear in it.
  dist="$work/dist"
  rm -rf "$dist"
  "$dev/bin/pip" wheel --quiet --disable-pip-version-check --no-deps --no-build-isolation \
    -w "$dist" "$here"
  left="$(cd "$here" && find . -name build -o -name '*.egg-info' -o -name dist)"
  if [ -n "$left" ]; then
    echo "building the wheel left files in clients/python: $left" >&2
    exit 1
  fi
  wheel="$(ls "$dist"/gazette_client-*.whl)"

  # A clean venv with the pinned dependencies (kept while requirements.txt is unchanged), and the
  # wheel installed anew; pip check: the wheel's declared dependencies are what it needs.
  make_venv "$venv" "$here/requirements.txt"
  "$venv/bin/pip" install --quiet --disable-pip-version-check --no-deps --force-reinstall "$wheel"
  "$venv/bin/pip" check --disable-pip-version-check >/dev/null
}

# The artifacts are built once per state of their inputs, one build at a time: the suite runs
# the main and history checks at once, and the second finds them built.
exec 9>"$work/.lock"
flock 9
digest="$(inputs_digest "$root" clients/python proto tests/clients/python/package scripts/lib)"
if ! cmp -s <(echo "$digest") "$work/.prepared"; then
  rm -f "$work/.prepared"
  build
  echo "$digest" > "$work/.prepared"
fi
flock -u 9

# From an empty directory: only the installed package is importable.
cd "$examples"
if [ "$part" = main ]; then
  "$venv/bin/python" - <<'PY'
import doctest, importlib, pkgutil, sys
import gazette_client
failed = 0
for m in pkgutil.iter_modules(gazette_client.__path__, "gazette_client."):
    failed += doctest.testmod(importlib.import_module(m.name)).failed
failed += doctest.testmod(gazette_client).failed
sys.exit(1 if failed else 0)
PY
fi
for example in "$examples/${part}"_*.py; do
  echo "== README example $(basename "$example")"
  "$venv/bin/python" "$example"
done
"$venv/bin/python" "$tests/package/run.py" "$part"
