//! Precision and recall of the embedded default gazetteer on real news paragraphs with gold
//! annotations (tests/data/eval/, see its README), per type. Prints the table, and fails if a
//! figure falls below what the default gazetteer reaches today, so a regression is caught.
//!
//! Issue #3's targets are precision >= 0.95 and recall >= 0.90 for LOCATION and NORP; the
//! asserts below are those targets. Measured when this set was written: LOCATION 0.982 / 0.889
//! (56 of 63), NORP 1.000 / 0.963. After the generator learnt administrative seats without a
//! known population and article-less Arabic names (`Al Qayyārah` -> `Qayyarah`): LOCATION
//! 0.983 / 0.905 (57 of 63; still missed: `Makhmour`, a spelling GeoNames does not list, `Gwer`,
//! a refugee camp, a minor river and a misspelling). Issue 17 (gates instead of drops, person
//! names, qualifiers): LOCATION 1.000 / 0.905 — the false `Hala` in `Hala Sultan Mosque` is
//! gone (a town named like a person needs evidence now).
//!
//! Also scores `../shared/samples/syria-defection.txt` against `tests/data/sample-gold.json` when
//! the article is present beside the repo (it is not part of the repo).
//!
//! `scripts/eval.sh` runs this with the output shown.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::{default_extractor, print_table, Counts, Gold};
use crate::common;

use gazette::{ExtractOptions, Extractor};

const TYPES: [&str; 3] = ["LOCATION", "NORP", "ORGANIZATION"];

fn score(
    ex: &Extractor,
    name: &str,
    text: &str,
    gold: &[Gold],
    totals: &mut BTreeMap<&'static str, Counts>,
    errors: &mut Vec<String>,
) {
    super::score(ex, name, text, gold, &TYPES, totals, errors);
}

/// Gold `[text, type]` pairs; places' countries are not checked on this set.
fn read_gold(v: &serde_json::Value) -> Vec<Gold> {
    common::pairs(v)
        .into_iter()
        .map(|(text, ty)| Gold {
            text,
            ty,
            country: None,
        })
        .collect()
}

/// The shared sample article beside the repo, if present (it is not part of the repo).
fn shared_sample() -> Option<String> {
    let article =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/samples/syria-defection.txt");
    let text = std::fs::read_to_string(&article).ok();
    if text.is_none() {
        println!("{} not present: skipped", article.display());
    }
    text
}

#[test]
fn default_gazetteer_precision_and_recall_on_real_news() {
    let ex = default_extractor();
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/eval");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("eval dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 10, "need at least 10 paragraphs");
    let mut totals = BTreeMap::new();
    let mut errors = Vec::new();
    for f in &files {
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(f).expect("read")).expect("json");
        let name = f
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        score(
            &ex,
            &name,
            v["text"].as_str().expect("text"),
            &read_gold(&v["gold"]),
            &mut totals,
            &mut errors,
        );
    }
    print_table(
        &format!("{} paragraphs in tests/data/eval", files.len()),
        &totals,
    );
    for e in &errors {
        println!("  {e}");
    }
    for (ty, min_precision, min_recall) in [("LOCATION", 0.95, 0.90), ("NORP", 0.95, 0.90)] {
        let c = totals[ty];
        assert!(
            c.precision() >= min_precision,
            "{ty} precision {:.3} < {min_precision}",
            c.precision()
        );
        assert!(
            c.recall() >= min_recall,
            "{ty} recall {:.3} < {min_recall}",
            c.recall()
        );
    }
}

#[test]
fn sample_article_when_present() {
    let Some(text) = shared_sample() else {
        return;
    };
    let gold_path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/sample-gold.json");
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(gold_path).expect("gold")).expect("json");
    let mut totals = BTreeMap::new();
    let mut errors = Vec::new();
    score(
        &default_extractor(),
        "sample",
        &text,
        &read_gold(&v["gold"]),
        &mut totals,
        &mut errors,
    );
    print_table("../shared/samples/syria-defection.txt", &totals);
    for e in &errors {
        println!("  {e}");
    }
    let c = totals["LOCATION"];
    let n = totals["NORP"];
    assert_eq!(
        (c.fp, c.fn_, n.fp, n.fn_),
        (0, 0, 0, 0),
        "sample article: {errors:?}"
    );
}

/// Issue #4's acceptance check on the shared sample article: with the three people listed by
/// full name only (tests/data/people-sample/) plus the default gazetteer, every Assad, Habib
/// and Labwani is linked to its person, the places and groups are tagged, and the person
/// mentioned most is the most salient.
#[test]
fn sample_article_with_people_when_present() {
    let Some(text) = shared_sample() else {
        return;
    };
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let loaded =
        gazette::sources::load(&[root.join("tests/data/people-sample")], true).expect("gazetteers");
    let ex = Extractor::new(loaded.gazetteer);
    let v: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("tests/data/sample-people-gold.json")).expect("gold"),
    )
    .expect("json");
    let gold = read_gold(&v["gold"]);
    let mut totals = BTreeMap::new();
    let mut errors = Vec::new();
    super::score(
        &ex,
        "sample+people",
        &text,
        &gold,
        &["LOCATION", "NORP", "ORGANIZATION", "PERSON"],
        &mut totals,
        &mut errors,
    );
    print_table(
        "../shared/samples/syria-defection.txt with the three people",
        &totals,
    );
    for e in &errors {
        println!("  {e}");
    }
    for ty in ["LOCATION", "NORP", "PERSON"] {
        let c = totals[ty];
        assert_eq!((c.fp, c.fn_), (0, 0), "{ty}: {errors:?}");
    }
    let out = ex
        .extract(&text, &ExtractOptions::default())
        .expect("extract");
    let people: Vec<(&str, usize, f32)> = out
        .entities
        .iter()
        .filter(|g| out.entry(g.entry as usize).entity_type() == "PERSON")
        .map(|g| {
            (
                out.entry(g.entry as usize).id(),
                g.mentions.len(),
                g.salience,
            )
        })
        .collect();
    println!("people (id, mentions, salience): {people:?}");
    for (id, n, _) in &people {
        assert_eq!(v["people"][id].as_u64(), Some(*n as u64), "{id}");
    }
    let top_by_count = people.iter().max_by_key(|p| p.1).map(|p| p.0);
    let top_by_salience = people
        .iter()
        .max_by(|a, b| a.2.total_cmp(&b.2))
        .map(|p| p.0);
    assert_eq!(top_by_count, top_by_salience);
}
