#!/usr/bin/env bash
# The whole test suite, as CI runs it (.ci/run calls this):
#   formatting, clippy with warnings denied, unit + integration + property tests (including the
#   real Python and Node clients, whose scripts install their own dependencies under target/),
#   doctests, the Dockerfile lint, buf lint/breaking on proto/ and the Kubernetes manifest
#   validation.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

# One build per run: incremental state would only cost disk (~1 GB) and time.
export CARGO_INCREMENTAL=0

# A full disk shows up as a linker crash (SIGBUS), far from its cause; say it first.
free_mib=$(df -Pm . | awk 'NR == 2 { print $4 }')
echo "free disk where target/ lives: ${free_mib} MiB (a fresh run writes ~3 GB)"
if [ "${free_mib:-0}" -lt 4096 ]; then
  echo "warning: under 4 GiB free; the build may fail to link" >&2
fi

step "cargo fmt --check"
cargo fmt --all -- --check

step "module layout: no import cycles between files"
python3 scripts/check-module-cycles.py src

step "cargo clippy --all-targets -- -D warnings"
cargo clippy --locked --all-targets -- -D warnings

step "tests (unit, property, end-to-end, Python and Node clients)"
if cargo nextest --version >/dev/null 2>&1; then
  cargo nextest run --locked --no-fail-fast
else
  # One integration binary (tests/it/): metrics installs the process-wide recorder and checks
  # exact counts, so it gets a process of its own, as it does under nextest.
  cargo test --locked --no-fail-fast --lib --bins
  cargo test --locked --no-fail-fast --test it -- --skip metrics::
  cargo test --locked --no-fail-fast --test it metrics::
fi

step "doctests (nextest does not run them)"
cargo test --locked --doc

step "benches compile and run once"
cargo test --locked --bench extract
GAZETTE_BENCH_SIZES=2000 cargo test --locked --bench scale

step "Dockerfile lint"
scripts/lint-dockerfile.sh

step "proto: buf lint and breaking-change check against the released API"
scripts/check-proto.sh

step "scale-out: two replicas behind nginx grpc_pass, reload under load, one replica killed"
scripts/scale-out.sh 3

step "Kubernetes manifests (offline schema validation)"
scripts/validate-k8s.sh

printf '\nall checks passed\n'
