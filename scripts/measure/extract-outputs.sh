#!/usr/bin/env bash
# Writes `gazette extract --explain` output for every text the correctness guard of a speed change
# covers (the benchmark news, the sample article, the multiscript text, every eval article and
# every trap sentence), one file each, into OUTDIR: run it with the binary before and after a
# change and `diff -r` the two directories; they must be byte-identical.
# Usage: scripts/measure/extract-outputs.sh BINARY OUTDIR
set -euo pipefail
bin="$(realpath "${1:?usage: extract-outputs.sh BINARY OUTDIR}")"
out="${2:?usage: extract-outputs.sh BINARY OUTDIR}"
cd "$(dirname "$0")/../.."
mkdir -p "$out"
for f in benches/data-news.txt tests/data/sample-article.txt tests/data/multiscript.txt; do
  "$bin" extract --explain "$f" >"$out/$(basename "$f").json"
done
for f in tests/data/eval/*.json; do
  python3 -c 'import json,sys; sys.stdout.write(json.load(open(sys.argv[1]))["text"])' "$f" \
    | "$bin" extract --explain - >"$out/eval-$(basename "$f")"
done
i=0
while IFS= read -r line; do
  i=$((i + 1))
  python3 -c 'import json,sys; sys.stdout.write(json.loads(sys.argv[1])["text"])' "$line" \
    | "$bin" extract --explain - >"$out/trap-$i.json"
done <tests/data/traps/traps.jsonl
echo "$(ls "$out" | wc -l) outputs in $out"
