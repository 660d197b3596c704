//! Gazette's core throughput on a corpus written by `bench_corpus`, in the same shape as the
//! peers are measured by `scripts/measure/compare-peers.py` (best of 5 passes over all articles), and a
//! plain aho-corasick scan of the same names (no folding, no boundaries) as the engine's floor.
//! Prints one JSON object.
//!
//! `cargo run --release --example throughput -- DIR N`

#[path = "../benches/support/corpus.rs"]
mod corpus;

use std::time::Instant;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use gazette::{ExtractOptions, Extractor, Format, GazetteerBuilder};

/// The allocator `gazette serve` uses, so the figures are the service's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Best of 5 passes (`GAZETTE_PASSES` overrides, e.g. for a long profile).
fn best_of_5(mut pass: impl FnMut() -> usize) -> (f64, usize) {
    let passes: usize = std::env::var("GAZETTE_PASSES")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(5);
    let mut best = f64::MAX;
    let mut found = 0;
    for _ in 0..passes {
        let t = Instant::now();
        found = pass();
        best = best.min(t.elapsed().as_secs_f64());
    }
    (best, found)
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dir, n] = args.as_slice() else {
        anyhow::bail!("usage: throughput DIR N");
    };
    let jsonl = std::fs::read_to_string(format!("{dir}/gazetteer-{n}.jsonl"))?;
    let text = std::fs::read_to_string(format!("{dir}/articles-{n}.txt"))?;
    let articles: Vec<&str> = text.split("\n\u{c}\n").collect();
    let bytes: usize = articles.iter().map(|a| a.len()).sum();

    let started = Instant::now();
    let mut b = GazetteerBuilder::new();
    b.add_source("synth", "synth.jsonl", Format::Jsonl, jsonl.as_bytes());
    let extractor = Extractor::new(b.build().map_err(|e| anyhow::anyhow!("{e}"))?);
    let build_s = started.elapsed().as_secs_f64();
    let options = ExtractOptions::default();
    let (gazette_s, mentions) = best_of_5(|| {
        articles
            .iter()
            .map(|a| {
                extractor
                    .extract(a, &options)
                    .map_or(0, |x| x.mentions.len())
            })
            .sum()
    });

    let patterns = corpus::patterns(&jsonl);
    let plain = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(&patterns)?;
    let (plain_s, plain_found) =
        best_of_5(|| articles.iter().map(|a| plain.find_iter(*a).count()).sum());
    let mb = bytes as f64 / 1e6;
    println!(
        "{}",
        serde_json::json!({
            "entries": n, "articles": articles.len(), "bytes": bytes, "build_s": build_s,
            "gazette_mb_s": mb / gazette_s, "gazette_mentions": mentions,
            "plain_aho_corasick_mb_s": mb / plain_s, "plain_matches": plain_found,
        })
    );
    Ok(())
}
