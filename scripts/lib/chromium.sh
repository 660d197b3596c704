#!/usr/bin/env bash
# Prints the path of a Chromium for the browser tests, installing Debian's `chromium` package
# when the machine has none (a test tool's own browser download cannot work here; playwright-core
# drives this one).
#   scripts/lib/chromium.sh          prints /usr/bin/chromium
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ ! -x /usr/bin/chromium ]; then
  # shellcheck source=debian.sh
  . "$here/debian.sh"
  debian_install chromium >&2
fi
echo /usr/bin/chromium
