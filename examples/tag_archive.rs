//! Writes a deterministic news archive as JSON Lines for `gazette tag`: N documents of varied
//! prose (`benches/support/corpus.rs`'s sentence templates) mentioning the embedded default
//! gazetteer's entries about once every 25 words, each with a `document_id`, a headline naming
//! one entity, 0.8 to 4 KB of text and, one in four, a `caption` field. Same N and seed, same
//! bytes.
//!
//! `cargo run --release --example tag_archive -- OUT.jsonl [N] [SEED]` (default 100000 7)

#[path = "../benches/support/corpus.rs"]
mod corpus;

use std::io::Write;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(out) = args.first() else {
        anyhow::bail!("usage: tag_archive OUT.jsonl [N] [SEED]");
    };
    let n: u64 = args.get(1).map_or(Ok(100_000), |s| s.parse())?;
    let seed: u64 = args.get(2).map_or(Ok(7), |s| s.parse())?;
    let loaded = gazette::sources::load(&[], true)?;
    let names: Vec<String> = loaded
        .gazetteer
        .entries()
        .map(|e| e.name().to_string())
        .collect();
    let mut rng = corpus::Rng::new(seed);
    let mut w = std::io::BufWriter::new(std::fs::File::create(out)?);
    let mut bytes = 0u64;
    for i in 0..n {
        let size = 800 + rng.below(3_200);
        let text = corpus::articles(1, size, &names, seed ^ i.wrapping_mul(0x9E37_79B9))
            .pop()
            .unwrap_or_default();
        let who = &names[rng.below(names.len())];
        let mut doc = serde_json::json!({
            "document_id": format!("archive-{i:07}"),
            "headline": format!("{who} {}", HEADLINES[rng.below(HEADLINES.len())]),
            "text": text,
        });
        if rng.below(4) == 0 {
            let place = &names[rng.below(names.len())];
            doc["fields"] =
                serde_json::json!([{"name": "caption", "text": format!("A scene in {place}.")}]);
        }
        let line = doc.to_string();
        bytes += line.len() as u64 + 1;
        writeln!(w, "{line}")?;
    }
    w.flush()?;
    eprintln!(
        "wrote {n} documents ({:.1} MB) to {out}",
        bytes as f64 / 1e6
    );
    Ok(())
}

const HEADLINES: &[&str] = &[
    "says talks will resume next week",
    "under pressure as protests spread",
    "signs trade accord after long delay",
    "faces questions over budget",
    "wins backing for reform plan",
    "hit by flooding after storms",
];
