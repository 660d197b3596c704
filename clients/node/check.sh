#!/usr/bin/env bash
# What the test suite checks of the Node package (tests/it/clients/ runs it against real servers
# it starts): the proto copy, the generated types and the committed dist/ equal fresh ones;
# `npm pack` builds the tarball; installed from it into a fresh npm project, the README's
# TypeScript examples and the package tests compile against the installed types and pass;
# installed from the directory with --install-links, it loads.
#
#   clients/node/check.sh [main|history]
#
# main (the default) runs the README's ```ts blocks and every test but the edit history's;
# history runs the ```ts history block and tests/clients/node/package/history.test.ts.
# Servers, from the environment: GAZETTE_ADDR (default gazetteer, edits on, token
# GAZETTE_ADMIN_TOKEN), GAZETTE_SHED_ADDR (one RPC at a time: sheds the next).
set -euo pipefail
part="${1:-main}"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="$root/target/clients/node-package"
tests="$root/tests/clients/node/package"
mkdir -p "$work"
npm_quiet=(--silent --no-audit --no-fund --loglevel=error)
app="$work/app"
# shellcheck source=../../scripts/lib/prepared.sh
. "$root/scripts/lib/prepared.sh"

# Builds and checks the artifacts.
build() {
  # The package's dev dependencies (typescript, proto-loader-gen-types), from its lock file.
  dev="$work/dev"
  mkdir -p "$dev"
  if [ ! -d "$dev/node_modules/typescript" ] || ! cmp -s "$here/package-lock.json" "$dev/package-lock.json"; then
    cp "$here/package.json" "$here/package-lock.json" "$dev/"
    (cd "$dev" && npm ci "${npm_quiet[@]}")
  fi

  if ! cmp -s "$root/proto/gazette/v1/gazette.proto" "$here/proto/gazette/v1/gazette.proto"; then
    echo "clients/node/proto is stale: run 'npm run generate' in clients/node" >&2
    exit 1
  fi
  rm -rf "$dev/proto" "$dev/src" "$dev/dist" "$dev/fresh"
  cp -r "$here/proto" "$here/src" "$here/tsconfig.json" "$dev/"
  (cd "$dev" && npx proto-loader-gen-types --keepCase --longs=String --enums=String --defaults \
    --oneofs --grpcLib=@grpc/grpc-js --outDir=fresh --includeDirs=proto \
    -- gazette/v1/gazette.proto >/dev/null)
  if ! diff -r "$here/src/generated" "$dev/fresh" >/dev/null; then
    echo "clients/node/src/generated is stale: run 'npm run generate' in clients/node" >&2
    exit 1
  fi
  (cd "$dev" && npx tsc -p .)
  if ! diff -r "$here/dist" "$dev/dist" >/dev/null; then
    echo "clients/node/dist does not match src/: run 'npm run build' in clients/node" >&2
    exit 1
  fi

  # The artifact.
  dist="$work/dist"
  rm -rf "$dist" && mkdir -p "$dist"
  tarball="$dist/$(cd "$here" && npm pack --silent --pack-destination "$dist")"

  # A fresh project with the tarball (and @types/node, which a TypeScript user has too).
  rm -rf "$app" && mkdir -p "$app"
  cat > "$app/package.json" <<'JSON'
{ "name": "gazette-client-check", "private": true }
JSON
  (cd "$app" && npm install "${npm_quiet[@]}" "$tarball" "@types/node@$(node -p "require('$here/package.json').devDependencies['@types/node']")")

  # Installed from the directory: a copy with its dependencies, loadable.
  linked="$work/from-dir"
  rm -rf "$linked" && mkdir -p "$linked"
  echo '{ "name": "gazette-client-dir-check", "private": true }' > "$linked/package.json"
  (cd "$linked" && npm install "${npm_quiet[@]}" --install-links "$here" \
    && node -e "if (typeof require('@gazette/client').connect !== 'function') process.exit(1)")

  # The README's ```ts blocks and the tests, compiled against the installed package.
  mkdir -p "$app/src/examples" "$app/src/tests"
  awk -v dir="$app/src/examples" '
    /^```ts( history)?$/ { kind = ($2 == "history") ? "history" : "main"; n[kind]++
                           file = dir "/" kind "_" n[kind] ".ts"; next }
    /^```/ && file { close(file); file = ""; next }
    file { print > file }
  ' "$here/README.md"
  cp "$tests"/*.ts "$app/src/tests/"
  cat > "$app/tsconfig.json" <<'JSON'
{
  "compilerOptions": {
    "target": "ES2022", "module": "commonjs", "strict": true, "outDir": "out", "rootDir": "src",
    "esModuleInterop": true, "types": ["node"]
  },
  "include": ["src"]
}
JSON
  (cd "$app" && "$dev/node_modules/.bin/tsc" -p .)
}

# The artifacts are built once per state of their inputs, one build at a time: the suite runs
# the main and history checks at once, and the second finds them built.
exec 9>"$work/.lock"
flock 9
digest="$(inputs_digest "$root" clients/node proto tests/clients/node/package scripts/lib)"
if ! cmp -s <(echo "$digest") "$work/.prepared"; then
  rm -f "$work/.prepared"
  build
  echo "$digest" > "$work/.prepared"
fi
flock -u 9

for example in "$app/out/examples/${part}"_*.js; do
  echo "== README example $(basename "$example")"
  node "$example"
done
if [ "$part" = main ]; then
  node --test --test-concurrency=1 $(ls "$app"/out/tests/*.test.js | grep -v /history.test.js)
else
  node --test "$app/out/tests/history.test.js"
fi
