//! Suggestions (`ExtractRequest.suggest`, issue 19) scored on the real news paragraphs of
//! tests/data/eval/ with only the default gazetteer loaded: PERSON against each paragraph's
//! `people`, ORGANIZATION and LOCATION against its `gold`, counting only the gold names no
//! mention covers (the unlisted ones; see the set's README). Printed per half: `dev` (odd file
//! numbers, tuned on) and `test` (even, never tuned on); the test half's PERSON figures must
//! stay at or above what was reported. Also the sample articles: the people named in full are
//! suggested as PERSON, and so are their later surnames.
//!
//! `scripts/eval-suggest.sh` runs this with the output shown.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::{default_extractor, print_table, Counts};
use crate::common;

use gazette::{ExtractOptions, Extractor};

/// The test half's PERSON floor: the figures measured when the pass was written (5 of 5
/// people found, no false person). A drop below is a regression.
const TEST_PERSON_FLOOR: (f64, f64) = (1.0, 1.0);
/// Issue 19's targets, asserted on the dev half (the test half is too small to read them
/// with confidence: see docs/console.md).
const TARGET: (f64, f64) = (0.85, 0.70);

type Span = (usize, usize, String);

/// One half's counts by type, its errors, and its number of gold people.
type Half = (BTreeMap<&'static str, Counts>, Vec<String>, usize);

/// `names` (document order) as byte spans of `text`.
fn spans_in_order(text: &str, names: &[(String, String)]) -> Vec<Span> {
    let mut pos = 0;
    names
        .iter()
        .map(|(name, ty)| {
            let at = pos
                + text[pos..]
                    .find(name.as_str())
                    .unwrap_or_else(|| panic!("gold {name:?} not found in order in {text:?}"));
            pos = at + name.len();
            (at, at + name.len(), ty.clone())
        })
        .collect()
}

/// Scores the suggestions for `text` against `gold` (PERSON, ORGANIZATION, LOCATION spans),
/// counting only gold spans no mention overlaps.
fn score(
    ex: &Extractor,
    name: &str,
    text: &str,
    gold: &[Span],
    totals: &mut BTreeMap<&'static str, Counts>,
    errors: &mut Vec<String>,
) {
    let options = ExtractOptions {
        suggest: true,
        ..Default::default()
    };
    let out = ex.extract(text, &options).expect("extract");
    let listed = |g: &Span| {
        out.mentions
            .iter()
            .any(|m| m.byte_start < g.1 && g.0 < m.byte_end)
    };
    let unlisted: Vec<&Span> = gold.iter().filter(|g| !listed(g)).collect();
    for ty in ["PERSON", "ORGANIZATION", "LOCATION"] {
        let c = totals.entry(ty).or_default();
        let predicted: Vec<Span> = out
            .suggestions
            .iter()
            .filter(|s| s.entity_type.as_str() == ty)
            .map(|s| (s.byte_start, s.byte_end, ty.to_string()))
            .collect();
        for p in &predicted {
            if unlisted.contains(&p) {
                c.tp += 1;
            } else {
                c.fp += 1;
                errors.push(format!("{name}: false {ty} {:?}", &text[p.0..p.1]));
            }
        }
        for g in unlisted.iter().filter(|g| g.2 == ty) {
            if !predicted.contains(g) {
                c.fn_ += 1;
                errors.push(format!(
                    "{name}: missed {ty} {:?} at {}",
                    &text[g.0..g.1],
                    g.0
                ));
            }
        }
    }
}

/// The eval paragraphs' gold for suggestions: `people` as PERSON, then `gold`'s organisations
/// and places.
fn suggestion_gold(v: &serde_json::Value, text: &str) -> Vec<Span> {
    let people: Vec<(String, String)> = v["people"]
        .as_array()
        .expect("people")
        .iter()
        .map(|p| {
            (
                p.as_str().expect("a name").to_string(),
                "PERSON".to_string(),
            )
        })
        .collect();
    let others: Vec<(String, String)> = common::pairs(&v["gold"]);
    let mut gold = spans_in_order(text, &people);
    gold.extend(
        spans_in_order(text, &others)
            .into_iter()
            .filter(|g| g.2 == "ORGANIZATION" || g.2 == "LOCATION"),
    );
    gold
}

#[test]
fn suggestions_precision_and_recall_on_real_news() {
    let ex = default_extractor();
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/eval");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("eval dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut halves: BTreeMap<String, Half> = BTreeMap::new();
    for f in &files {
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(f).expect("read")).expect("json");
        let name = f
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let half = v["half"].as_str().expect("half").to_string();
        let text = v["text"].as_str().expect("text");
        let gold = suggestion_gold(&v, text);
        let (totals, errors, people) = halves.entry(half).or_default();
        *people += gold.iter().filter(|g| g.2 == "PERSON").count();
        score(&ex, &name, text, &gold, totals, errors);
    }
    for (half, (totals, errors, people)) in &halves {
        print_table(
            &format!("suggestions, {half} half ({people} gold people)"),
            totals,
        );
        for e in errors {
            println!("  {e}");
        }
    }
    let person = |half: &str| halves[half].0["PERSON"];
    let (dev, test) = (person("dev"), person("test"));
    assert!(
        dev.precision() >= TARGET.0 && dev.recall() >= TARGET.1,
        "dev PERSON {:.3} / {:.3} below issue 19's {TARGET:?}",
        dev.precision(),
        dev.recall()
    );
    assert!(
        test.precision() >= TEST_PERSON_FLOOR.0 && test.recall() >= TEST_PERSON_FLOOR.1,
        "test PERSON {:.3} / {:.3} below the reported {TEST_PERSON_FLOOR:?}",
        test.precision(),
        test.recall()
    );
}

/// People of a sample article: every `[text, "PERSON"]` of its gold, in order.
fn people_of(v: &serde_json::Value) -> Vec<(String, String)> {
    common::pairs(v)
        .into_iter()
        .filter(|(_, ty)| ty == "PERSON")
        .collect()
}

fn check_sample(text: &str, gold_people: &[(String, String)], full_names: &[&str]) {
    let gold = spans_in_order(text, gold_people);
    let mut totals = BTreeMap::new();
    let mut errors = Vec::new();
    score(
        &default_extractor(),
        "sample",
        text,
        &gold,
        &mut totals,
        &mut errors,
    );
    print_table("sample article", &totals);
    for e in &errors {
        println!("  {e}");
    }
    let out = default_extractor()
        .extract(
            text,
            &ExtractOptions {
                suggest: true,
                ..Default::default()
            },
        )
        .expect("extract");
    for name in full_names {
        assert!(
            out.suggestions
                .iter()
                .any(|s| &&text[s.byte_start..s.byte_end] == name
                    && s.entity_type.as_str() == "PERSON"),
            "{name} is not suggested as PERSON: {:?}",
            out.suggestions
        );
    }
    let p = totals["PERSON"];
    assert_eq!((p.fp, p.fn_), (0, 0), "{errors:?}");
}

#[test]
fn the_sample_article_suggests_its_people_and_their_surnames() {
    let text = std::fs::read_to_string(common::data("sample-article.txt")).expect("sample");
    let people: Vec<(String, String)> = ["Bashar al-Assad", "Assad", "Assad"]
        .iter()
        .map(|n| (n.to_string(), "PERSON".to_string()))
        .collect();
    check_sample(&text, &people, &["Bashar al-Assad"]);
}

/// The shared sample article beside the repo (not part of it), scored against the people of
/// tests/data/sample-people-gold.json: the three people named in full, and every later Assad,
/// Habib and Labwani.
#[test]
fn the_shared_sample_article_suggests_its_three_people_when_present() {
    let article =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/samples/syria-defection.txt");
    let Ok(text) = std::fs::read_to_string(&article) else {
        println!("{} not present: skipped", article.display());
        return;
    };
    let v: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(common::data("sample-people-gold.json")).expect("gold"),
    )
    .expect("json");
    check_sample(
        &text,
        &people_of(&v["gold"]),
        &["Bashar al-Assad", "Ali Habib", "Kamal al-Labwani"],
    );
}
