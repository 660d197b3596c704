//! Core throughput at gazetteer scale, on the synthetic corpus of `benches/corpus.rs`:
//! extract on 64 distinct ~3 KB articles and on one 1 MB document, folding alone, and a plain
//! aho-corasick scan of the same names (no folding, no word boundaries, no resolution) as the
//! engine's floor. Gazetteer build time is printed per size.
//!
//! `cargo bench --bench scale` runs 10k and 100k entries; more with
//! `GAZETTE_BENCH_SIZES=10000,100000,1000000 cargo bench --bench scale`.

#![allow(missing_docs)] // criterion_group! generates an undocumented pub fn

#[path = "support/corpus.rs"]
mod corpus;

use std::time::Instant;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use gazette::{normalize, ExtractOptions, Extractor, Format, GazetteerBuilder};

/// The allocator `gazette serve` uses, so the figures are the service's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const SEED: u64 = 7;

fn sizes() -> Vec<usize> {
    std::env::var("GAZETTE_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![10_000, 100_000])
}

fn bench(c: &mut Criterion) {
    for n in sizes() {
        let jsonl = corpus::gazetteer_jsonl(n, SEED);
        let started = Instant::now();
        let mut b = GazetteerBuilder::new();
        b.add_source("synth", "synth.jsonl", Format::Jsonl, jsonl.as_bytes());
        let extractor = Extractor::new(b.build().expect("synthetic gazetteer builds"));
        let build = started.elapsed();
        let names = corpus::mentionable(n, SEED);
        let articles = corpus::articles(64, 3_000, &names, SEED);
        let big = corpus::articles(1, 1 << 20, &names, SEED + 1).remove(0);
        let total: usize = articles.iter().map(String::len).sum();
        let options = ExtractOptions::default();
        let mentions: usize = articles
            .iter()
            .map(|a| {
                extractor
                    .extract(a, &options)
                    .expect("extract")
                    .mentions
                    .len()
            })
            .sum();
        eprintln!(
            "{n} entries: build {:.2} s, {} articles of {} bytes in all, {mentions} mentions",
            build.as_secs_f64(),
            articles.len(),
            total
        );

        let mut g = c.benchmark_group(format!("scale-{n}"));
        g.sample_size(20);
        g.throughput(Throughput::Bytes(total as u64));
        g.bench_function("extract-3k-articles", |b| {
            b.iter(|| {
                for a in &articles {
                    std::hint::black_box(extractor.extract(a, &options).expect("extract"));
                }
            })
        });
        g.bench_function("fold-3k-articles", |b| {
            b.iter(|| {
                for a in &articles {
                    std::hint::black_box(normalize::fold(a));
                }
            })
        });
        let plain = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(corpus::patterns(&jsonl))
            .expect("plain automaton");
        g.bench_function("plain-aho-corasick-3k-articles", |b| {
            b.iter(|| {
                for a in &articles {
                    std::hint::black_box(plain.find_iter(a.as_str()).count());
                }
            })
        });
        g.throughput(Throughput::Bytes(big.len() as u64));
        g.bench_function("extract-1mb-document", |b| {
            b.iter(|| std::hint::black_box(extractor.extract(&big, &options).expect("extract")))
        });
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
