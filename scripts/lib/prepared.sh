# Sourced by the client packages' check scripts (clients/*/check.sh).
# inputs_digest ROOT PATH…: one digest of every file under the PATHs (relative to ROOT),
# node_modules and __pycache__ left out. A check script builds its artifacts once per digest:
# the suite runs each package's checks in two tests at once, and a rerun with nothing changed
# need not rebuild.
inputs_digest() {
  local root="$1"
  shift
  (cd "$root" && find "$@" -type f -not -path '*/node_modules/*' -not -path '*/__pycache__/*' \
    -print0 | sort -z | xargs -0 sha256sum) | sha256sum | cut -d' ' -f1
}
