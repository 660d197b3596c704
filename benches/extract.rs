//! Core benchmarks: extraction with the embedded default gazetteer on a ~3 KB news text, folding
//! alone, and texts built to hurt. Run: `cargo bench --bench extract` (one group:
//! `cargo bench --bench extract -- adversarial`).

#![allow(missing_docs)] // criterion_group! generates an undocumented pub fn

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use gazette::{default_gazetteer, normalize, ExtractOptions, Extractor, GazetteerBuilder};

/// The allocator `gazette serve` uses, so the figures are the service's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const NEWS: &str = include_str!("data-news.txt");
const MULTISCRIPT: &str = include_str!("../tests/data/multiscript.txt");

fn default_extractor() -> Extractor {
    let mut b = GazetteerBuilder::new();
    default_gazetteer::add_to(&mut b);
    Extractor::new(b.build().expect("default gazetteer builds"))
}

fn bench(c: &mut Criterion) {
    let ex = default_extractor();
    let opts = ExtractOptions::default();
    let mut g = c.benchmark_group("extract");
    // The shared sample article beside the repo, when present (it is not part of the repo).
    let sample = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/samples/syria-defection.txt"
    ))
    .ok();
    if let Some(text) = &sample {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function("sample-article", |b| {
            b.iter(|| {
                ex.extract(std::hint::black_box(text), &opts)
                    .expect("extract")
            })
        });
    }
    for (name, text) in [("news-3k", NEWS), ("multiscript", MULTISCRIPT)] {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(name, |b| {
            b.iter(|| {
                ex.extract(std::hint::black_box(text), &opts)
                    .expect("extract")
            })
        });
    }
    g.finish();

    let mut g = c.benchmark_group("fold");
    for (name, text) in [("news-3k", NEWS), ("multiscript", MULTISCRIPT)] {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(name, |b| {
            b.iter(|| normalize::fold(std::hint::black_box(text)))
        });
    }
    g.finish();

    c.bench_function("build-default-gazetteer", |b| b.iter(default_extractor));
}

/// Texts built to hurt (`gazette::invariants::adversarial_texts`), 1 MiB each, beside 1 MiB of
/// ordinary news text on the same gazetteer: the slowest must keep a fifth of news throughput.
fn adversarial(c: &mut Criterion) {
    const BYTES: usize = 1 << 20;
    let ex = default_extractor();
    let opts = ExtractOptions::default();
    let mut g = c.benchmark_group("adversarial");
    g.sample_size(10);
    let news = NEWS.repeat(BYTES / NEWS.len() + 1);
    let texts = std::iter::once(("news-1m", news))
        .chain(gazette::invariants::adversarial_texts(BYTES, "Syria"));
    for (name, text) in texts {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(name, |b| {
            b.iter(|| {
                ex.extract(std::hint::black_box(&text), &opts)
                    .expect("extract")
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench, adversarial);
criterion_main!(benches);
