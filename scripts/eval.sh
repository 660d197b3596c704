#!/usr/bin/env bash
# Prints precision and recall per type of the default gazetteer on tests/data/eval/ (and on
# ../shared/samples/syria-defection.txt when it is present), with every miss and false hit.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --release --quiet --test it eval:: -- --nocapture --test-threads 1
