//! Writes the benchmark corpus of `benches/support/corpus.rs` to files, for engines outside
//! this crate (`scripts/measure/compare-peers.sh`): for each size N, `gazetteer-N.jsonl`, and
//! `articles-N.txt` (64 distinct ~3 KB articles, separated by a line holding only a form feed).
//!
//! `cargo run --release --example bench_corpus -- OUT_DIR 10000 100000`

#[path = "../benches/support/corpus.rs"]
mod corpus;

const SEED: u64 = 7;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((out, sizes)) = args.split_first() else {
        anyhow::bail!("usage: bench_corpus OUT_DIR N…");
    };
    std::fs::create_dir_all(out)?;
    for n in sizes {
        let n: usize = n.parse()?;
        std::fs::write(
            format!("{out}/gazetteer-{n}.jsonl"),
            corpus::gazetteer_jsonl(n, SEED),
        )?;
        let names = corpus::mentionable(n, SEED);
        let articles = corpus::articles(64, 3_000, &names, SEED);
        std::fs::write(
            format!("{out}/articles-{n}.txt"),
            articles.join("\n\u{c}\n"),
        )?;
        eprintln!("wrote the {n}-entry corpus to {out}");
    }
    Ok(())
}
