#!/usr/bin/env bash
# Prints precision and recall of ExtractRequest.suggest per type and per half (dev: odd file
# numbers, tuned on; test: even, never tuned on) on tests/data/eval/ with the default gazetteer
# only, with every miss and false suggestion; then the sample articles' people.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --release --quiet --test it eval::suggest:: -- --nocapture --test-threads 1
