//! Extracts one file N times with the embedded default gazetteer: a steady workload for
//! instruction counting (`valgrind --tool=callgrind`), which, unlike wall time, does not move
//! with the load of a shared machine. Usage: `extract_loop FILE N`.

use gazette::{default_gazetteer, ExtractOptions, Extractor, GazetteerBuilder};

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(path), Some(n)) = (args.next(), args.next()) else {
        eprintln!("usage: extract_loop FILE N");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        eprintln!("cannot read {path}: {e}");
        std::process::exit(1)
    });
    let n: usize = n.parse().unwrap_or(1);
    let mut b = GazetteerBuilder::new();
    default_gazetteer::add_to(&mut b);
    let ex = Extractor::new(b.build().unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(1)
    }));
    // One extraction before counting, whatever N: its one-time costs (the person-name list is
    // unpacked on first use) are then in both the 0 and the N run, and cancel out.
    let mut mentions = ex
        .extract(&text, &ExtractOptions::default())
        .map_or(0, |out| out.mentions.len());
    for _ in 0..n {
        if let Ok(out) = ex.extract(std::hint::black_box(&text), &ExtractOptions::default()) {
            mentions += out.mentions.len();
        }
    }
    println!("{mentions} mentions");
}
