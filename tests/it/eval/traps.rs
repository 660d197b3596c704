//! The trap suite (tests/data/traps/, see its README): short sentences written for the cases
//! that make an editor stop trusting a tagger — people named like places (`Barack Obama`,
//! `Paris Hilton`), exonyms (`Geneva`, `Cologne`), names in other languages (`Ginebra`,
//! `München`), ambiguity in both directions (`Paris` and `Paris, Texas`) and capitalised common
//! words (`Nice weather` and `riots in Nice`). Places count only in the right country.
//!
//! The asserts are the figures the default gazetteer reaches today (printed by
//! `scripts/eval.sh`), not targets: a change that loses any of it fails.

use std::collections::BTreeMap;

use super::{default_extractor, print_table, score, Counts, Gold};

const TYPES: [&str; 2] = ["LOCATION", "NORP"];

/// The floors: precision and recall of LOCATION + NORP over the whole suite, as reached.
/// Before issue 17's work the default gazetteer scored 0.720 / 0.684 here; after it,
/// 0.987 / 0.987; with CLDR's region names (177 sentences) and `to`/`from` after a word of
/// travel as evidence (`returned to Venice`), 0.990 / 0.995; with the surname and given-name
/// rules (`Chad Smith`, `Hamilton Mourão`) and CLDR's city names (`Córcega`), 1.000 / 1.000.
const MIN_PRECISION: f64 = 0.999;
const MIN_RECALL: f64 = 0.999;

/// The held-out suite's floors (precision, recall) per half, as reached. First scored (before
/// any rule was changed for it) at 0.912 / 0.873 (dev) and 0.925 / 0.906 (test); after the rules
/// and data changed on the dev half's errors, 0.993 / 0.965 (dev) and 0.980 / 0.980 (test).
/// Session 12 changed the data and rules for errors found on real news (alternate names that
/// name something else, function words as given names, towns as qualifiers, longer names,
/// context from sure mentions only, Ghent): dev 0.996 / 0.972, test 0.971 / 0.975 (its errors
/// still not looked at).
const HELD_OUT_DEV: (f64, f64) = (0.995, 0.971);
const HELD_OUT_TEST: (f64, f64) = (0.970, 0.974);

struct Trap {
    kind: String,
    /// `dev` or `test` in the held-out suite; empty in the dev suite.
    half: String,
    text: String,
    gold: Vec<Gold>,
}

fn read(file: &str) -> Vec<Trap> {
    let path = crate::common::data(&format!("traps/{file}"));
    let text = std::fs::read_to_string(&path).expect("trap file");
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("trap line");
            let gold = v["gold"]
                .as_array()
                .expect("gold")
                .iter()
                .map(|g| Gold {
                    text: g[0].as_str().expect("gold text").to_string(),
                    ty: g[1].as_str().expect("gold type").to_string(),
                    // Places always name their country (null: a place with none).
                    country: (g[1] == "LOCATION").then(|| g[2].as_str().map(str::to_string)),
                })
                .collect();
            Trap {
                kind: v["kind"].as_str().expect("kind").to_string(),
                half: v["half"].as_str().unwrap_or("").to_string(),
                text: v["text"].as_str().expect("text").to_string(),
                gold,
            }
        })
        .collect()
}

/// Scores `traps` by kind, prints the tables (and, with `show_errors`, every error) under
/// `title`, and returns the LOCATION + NORP totals.
fn run(title: &str, traps: &[&Trap], show_errors: bool) -> Counts {
    let ex = default_extractor();
    let mut by_kind: BTreeMap<String, BTreeMap<&'static str, Counts>> = BTreeMap::new();
    let mut errors = Vec::new();
    for (i, t) in traps.iter().enumerate() {
        let totals = by_kind.entry(t.kind.clone()).or_default();
        let name = format!("{}#{}", t.kind, i + 1);
        score(&ex, &name, &t.text, &t.gold, &TYPES, totals, &mut errors);
    }
    let mut all: BTreeMap<&'static str, Counts> = BTreeMap::new();
    let mut both = Counts::default();
    for (kind, totals) in &by_kind {
        print_table(&format!("{title}: {kind}"), totals);
        for (ty, c) in totals {
            all.entry(ty).or_default().add(*c);
            both.add(*c);
        }
    }
    print_table(&format!("{title}: all {} sentences", traps.len()), &all);
    println!(
        "{title}: LOCATION+NORP precision {:.3}, recall {:.3}",
        both.precision(),
        both.recall()
    );
    if show_errors {
        for e in &errors {
            println!("  {e}");
        }
    }
    both
}

fn assert_floors(title: &str, got: Counts, precision: f64, recall: f64) {
    assert!(
        got.precision() >= precision,
        "{title} precision {:.3} < {precision}",
        got.precision()
    );
    assert!(
        got.recall() >= recall,
        "{title} recall {:.3} < {recall}",
        got.recall()
    );
}

#[test]
fn default_gazetteer_on_the_trap_suite() {
    let traps = read("traps.jsonl");
    assert!(
        traps.len() >= 100,
        "the suite has {} sentences",
        traps.len()
    );
    let both = run("traps", &traps.iter().collect::<Vec<_>>(), true);
    assert_floors("trap", both, MIN_PRECISION, MIN_RECALL);
}

/// The held-out suite (`heldout.jsonl`, see the README): written by someone who had not seen the
/// rules nor the dev suite, split in halves before it was first scored. Rules are changed
/// looking at the dev half only; the test half is what the figure is read on, so its
/// errors are not printed (set `HELD_OUT_TEST_ERRORS=1` to see them, once a change is final).
#[test]
fn default_gazetteer_on_the_held_out_trap_suite() {
    let traps = read("heldout.jsonl");
    let half = |h: &str| traps.iter().filter(|t| t.half == h).collect::<Vec<_>>();
    let (dev, test) = (half("dev"), half("test"));
    assert_eq!(dev.len() + test.len(), traps.len(), "every line has a half");
    let dev_score = run("held-out dev", &dev, true);
    let show_test = std::env::var_os("HELD_OUT_TEST_ERRORS").is_some();
    let test_score = run("held-out test", &test, show_test);
    assert_floors("held-out dev", dev_score, HELD_OUT_DEV.0, HELD_OUT_DEV.1);
    assert_floors(
        "held-out test",
        test_score,
        HELD_OUT_TEST.0,
        HELD_OUT_TEST.1,
    );
}
