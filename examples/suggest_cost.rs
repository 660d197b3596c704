//! What `ExtractOptions::suggest` costs: extracts a file N times with the embedded default
//! gazetteer, without and with suggestions, alternating, and prints the median time per
//! extraction of each, their ratio and the suggestions found. Wall time on a shared machine
//! moves with its load: compare the two lines of one run, not runs of different days.
//! Usage: `cargo run --release --example suggest_cost -- FILE N`.

use std::time::{Duration, Instant};

use gazette::{default_gazetteer, ExtractOptions, Extractor, GazetteerBuilder};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort_unstable();
    v.get(v.len() / 2).copied().unwrap_or_default()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(path), Some(n)) = (args.next(), args.next()) else {
        eprintln!("usage: suggest_cost FILE N");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        eprintln!("cannot read {path}: {e}");
        std::process::exit(1)
    });
    let n: usize = n.parse().unwrap_or(1).max(1);
    let mut b = GazetteerBuilder::new();
    default_gazetteer::add_to(&mut b);
    let ex = Extractor::new(b.build().unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(1)
    }));
    let plain = ExtractOptions::default();
    let suggest = ExtractOptions {
        suggest: true,
        ..Default::default()
    };
    // Once each before timing: the lexicons are unpacked on first use.
    let found = ex
        .extract(&text, &suggest)
        .map_or(0, |o| o.suggestions.len());
    let _ = ex.extract(&text, &plain);
    let (mut without, mut with) = (Vec::with_capacity(n), Vec::with_capacity(n));
    for _ in 0..n {
        for (options, times) in [(&plain, &mut without), (&suggest, &mut with)] {
            let t = Instant::now();
            let _ = std::hint::black_box(ex.extract(std::hint::black_box(&text), options));
            times.push(t.elapsed());
        }
    }
    let (a, b) = (median(without), median(with));
    let mb = text.len() as f64 / 1e6;
    println!(
        "{path}: {} bytes, {found} suggestions, {n} rounds",
        text.len()
    );
    println!(
        "without suggest: {:>10.1} µs  {:>7.1} MB/s",
        a.as_secs_f64() * 1e6,
        mb / a.as_secs_f64()
    );
    println!(
        "with suggest:    {:>10.1} µs  {:>7.1} MB/s  (x{:.2})",
        b.as_secs_f64() * 1e6,
        mb / b.as_secs_f64(),
        b.as_secs_f64() / a.as_secs_f64()
    );
}
