#!/usr/bin/env bash
# Runs the console's browser tests (console.test.mjs, never.test.mjs, then suggest.test.mjs:
# one at a time, as each changes the one server's gazetteer) in headless Chromium against a running
# server. tests/it/console/browser.rs starts the server and calls this with:
#   run.sh CONSOLE_URL TOKEN WORK_DIR
# WORK_DIR holds the expected mentions (sample.json, multiscript.json); the screenshot is
# written there as console.png. playwright-core is installed (npm ci, pinned) under
# target/browser; Chromium is Debian's (scripts/lib/chromium.sh installs it when missing).
set -euo pipefail
url="${1:?usage: run.sh CONSOLE_URL TOKEN WORK_DIR}"
token="${2:?token}"
work_dir="${3:?work dir}"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
chromium="$(bash "$root/scripts/lib/chromium.sh")"
work="$root/target/browser"
mkdir -p "$work"
if [ ! -d "$work/node_modules/playwright-core" ] || ! cmp -s "$here/package-lock.json" "$work/package-lock.json"; then
  cp "$here/package.json" "$here/package-lock.json" "$work/"
  (cd "$work" && npm ci --silent --no-audit --no-fund >/dev/null)
fi
# ES modules resolve packages from the script's own folder: run a copy beside node_modules.
cp "$here/harness.mjs" "$here/console.test.mjs" "$here/never.test.mjs" "$here/suggest.test.mjs" "$work/"
CONSOLE_URL="$url" CONSOLE_TOKEN="$token" CONSOLE_WORK="$work_dir" CHROMIUM="$chromium" \
  SAMPLE="$root/tests/data/sample-article.txt" MULTISCRIPT="$root/tests/data/multiscript.txt" \
  node --test --test-reporter=spec --test-concurrency=1 "$work/console.test.mjs" "$work/never.test.mjs" "$work/suggest.test.mjs"
