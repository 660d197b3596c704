"""Peer comparison: pyahocorasick and FlashText on Gazette's benchmark corpus, with the same
whole-word semantics (a match must not touch a letter or digit on either side), beside Gazette's
own figures from examples/throughput.rs. Run by scripts/measure/compare-peers.sh.

    compare-peers.py DIR N GAZETTE_JSON
"""
import json
import sys
import time

import ahocorasick
from flashtext import KeywordProcessor


def best_of_5(fn):
    best, found = float("inf"), 0
    for _ in range(5):
        t = time.perf_counter()
        found = fn()
        best = min(best, time.perf_counter() - t)
    return best, found


def main(directory: str, n: str, gazette_json: str) -> None:
    patterns = []
    with open(f"{directory}/gazetteer-{n}.jsonl", encoding="utf-8") as f:
        for line in f:
            v = json.loads(line)
            patterns.append(v["name"])
            patterns.extend(v.get("aliases", []))
    with open(f"{directory}/articles-{n}.txt", encoding="utf-8") as f:
        articles = f.read().split("\n\f\n")
    mb = sum(len(a.encode("utf-8")) for a in articles) / 1e6

    t = time.perf_counter()
    automaton = ahocorasick.Automaton()
    for p in patterns:
        automaton.add_word(p, len(p))
    automaton.make_automaton()
    pyac_build = time.perf_counter() - t

    def pyac():
        found = 0
        for a in articles:
            for end, length in automaton.iter_long(a):
                start = end - length + 1
                if (start == 0 or not a[start - 1].isalnum()) and (
                    end + 1 == len(a) or not a[end + 1].isalnum()
                ):
                    found += 1
        return found

    t = time.perf_counter()
    kp = KeywordProcessor(case_sensitive=True)
    for p in patterns:
        kp.add_keyword(p)
    flash_build = time.perf_counter() - t

    def flash():
        return sum(len(kp.extract_keywords(a)) for a in articles)

    pyac_s, pyac_found = best_of_5(pyac)
    flash_s, flash_found = best_of_5(flash)
    g = json.loads(gazette_json)
    rows = [
        ("gazette (fold + boundaries + resolution)", g["gazette_mb_s"], g["build_s"], g["gazette_mentions"]),
        ("plain aho-corasick (Rust, no fold/boundaries)", g["plain_aho_corasick_mb_s"], None, g["plain_matches"]),
        ("pyahocorasick iter_long + word filter", mb / pyac_s, pyac_build, pyac_found),
        ("flashtext (case-sensitive)", mb / flash_s, flash_build, flash_found),
    ]
    print(f"{n} entries, {len(patterns)} names and aliases, {len(articles)} articles, {mb:.3f} MB")
    print(f"{'engine':<48} {'MB/s':>9} {'gazette ×':>10} {'build s':>8} {'matches':>8}")
    for name, rate, build, found in rows:
        ratio = g["gazette_mb_s"] / rate
        b = f"{build:.2f}" if build is not None else "-"
        print(f"{name:<48} {rate:>9.1f} {ratio:>10.2f} {b:>8} {found:>8}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3])
