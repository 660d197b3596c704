# Sourced by scripts that need a Python virtual environment.
# make_venv DIR REQUIREMENTS_FILE: creates DIR with the pinned requirements installed, again
# only when the requirements file changes. On a Debian python3 without the venv module, installs
# python3-venv first.
make_venv() {
  local dir="$1" reqs="$2"
  if [ -x "$dir/bin/python" ] && cmp -s "$reqs" "$dir/.requirements"; then
    return 0
  fi
  rm -rf "$dir"
  if ! python3 -m venv "$dir" 2>/dev/null; then
    echo "python3 has no working venv module; installing python3-venv" >&2
    rm -rf "$dir"
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo=sudo
    $sudo apt-get update -qq && $sudo apt-get install -y -qq python3-venv
    python3 -m venv "$dir"
  fi
  "$dir/bin/pip" install --quiet --disable-pip-version-check -r "$reqs"
  cp "$reqs" "$dir/.requirements"
}
