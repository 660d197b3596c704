//! Places whose names are also common words or people's names match only where the text
//! supports a place.
//!
//! The default gazetteer marks such forms (attributes `gate_word` and `gate_name`, the forms
//! `|`-separated): `Nice`, `Reading`, `Split` are English words; `Jackson`, `Ali`, `Kamal` are
//! people's names. A reading through a gated form is kept only with evidence:
//!
//! - a **qualifier** follows: `, ` and a place of the same country (`Mobile, Alabama`);
//! - a **place preposition** stands before it (`riots in Nice`, `the ferry from Split`; `from`
//!   only for words: `a letter from Ali` is a person);
//! - **the document names its country** elsewhere, through a reading that needs no evidence
//!   (a country, a city, a nationality) — and for a common word only where it is not the first
//!   word of a sentence, which every word may be (`Nice weather in France` is weather).

use rustc_hash::FxHashSet;

use super::words;
use crate::gazetteer::{EntryRef, EntryTable};
use crate::matcher::{Candidate, Reading};

/// Words after which a name is a place: English, and the main news languages' (`en Ginebra`,
/// `à Nice`, `nach Mailand`).
const PREPOSITIONS: &[&str] = &[
    "en",
    "à",
    "au",
    "dans",
    "nach",
    "im",
    "bei",
    "em",
    "no",
    "na",
    "cerca",
    "in",
    "near",
    "outside",
    "inside",
    "across",
    "around",
    "towards",
    "toward",
    "into",
    "via",
    "throughout",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gate {
    Word,
    Name,
}

fn gate(entry: EntryRef<'_>, form: usize) -> Option<Gate> {
    let text = entry.form(form);
    let listed = |key: &str| {
        entry
            .attribute(key)
            .is_some_and(|v| v.split('|').any(|f| f == text))
    };
    if listed("gate_word") {
        Some(Gate::Word)
    } else if listed("gate_name") {
        Some(Gate::Name)
    } else {
        None
    }
}

fn gated(entries: EntryTable<'_>, r: &Reading) -> Option<Gate> {
    gate(entries.get(r.entry as usize), r.form as usize)
}

/// Drops gated readings that have no evidence; a candidate left with none is dropped.
pub(crate) fn drop_unsupported(
    entries: EntryTable<'_>,
    texts: &[&str],
    candidates: &mut Vec<(usize, Candidate)>,
) {
    // Cheap first: most documents have no gated reading.
    let any = candidates
        .iter()
        .any(|(_, c)| c.readings.iter().any(|r| gated(entries, r).is_some()));
    if !any {
        return;
    }
    // Countries named through readings that need no evidence.
    let named: FxHashSet<&str> = candidates
        .iter()
        .flat_map(|(_, c)| c.readings.iter())
        .filter(|r| gated(entries, r).is_none())
        .filter_map(|r| entries.get(r.entry as usize).attribute("country_code"))
        .collect();
    let keep: Vec<Vec<bool>> = candidates
        .iter()
        .enumerate()
        .map(|(i, (field, c))| {
            let text = texts[*field];
            let prev = words::before(text, c.start).unwrap_or("");
            let qualifier = candidates
                .get(i + 1)
                .filter(|(f, n)| {
                    f == field
                        && text
                            .get(c.end..n.start)
                            .is_some_and(|gap| gap.trim_end() == "," && gap.len() > 1)
                })
                .map(|(_, n)| n);
            c.readings
                .iter()
                .map(|r| {
                    let Some(g) = gated(entries, r) else {
                        return true;
                    };
                    let cc = entries.get(r.entry as usize).attribute("country_code");
                    let qualified = qualifier.is_some_and(|n| {
                        n.readings.iter().any(|q| {
                            cc.is_some()
                                && entries.get(q.entry as usize).attribute("country_code") == cc
                        })
                    });
                    let preposition = PREPOSITIONS.contains(&prev)
                        || (g == Gate::Word && ["from", "to", "at"].contains(&prev));
                    let country = cc.is_some_and(|cc| named.contains(cc))
                        && (g == Gate::Name || !words::sentence_initial(text, c.start));
                    qualified || preposition || country
                })
                .collect()
        })
        .collect();
    for ((_, c), keep) in candidates.iter_mut().zip(keep) {
        let mut k = keep.into_iter();
        c.readings.retain(|_| k.next().unwrap_or(true));
    }
    candidates.retain(|(_, c)| !c.readings.is_empty());
}

#[cfg(test)]
mod tests {
    use crate::{ExtractOptions, Extractor, Format, GazetteerBuilder};

    const GAZ: &str = r#"
{"id":"nice","name":"Nice","type":"LOCATION","prior":5.5,"attributes":{"country_code":"FR","gate_word":"Nice"}}
{"id":"france","name":"France","type":"LOCATION","prior":17.8,"attributes":{"country_code":"FR"}}
{"id":"split","name":"Split","type":"LOCATION","prior":5.2,"attributes":{"country_code":"HR","gate_word":"Split"}}
{"id":"jackson","name":"Jackson","type":"LOCATION","prior":5.2,"attributes":{"country_code":"US","admin1":"MS","gate_name":"Jackson"}}
{"id":"ms","name":"Mississippi","type":"LOCATION","prior":5.5,"attributes":{"country_code":"US","admin1":"MS"}}
{"id":"usa","name":"United States","type":"LOCATION","prior":18.5,"attributes":{"country_code":"US"}}
{"id":"geneva","name":"Geneva","type":"LOCATION","prior":5.3,"aliases":["Ginebra"],"attributes":{"country_code":"CH","gate_word":"Ginebra"}}
"#;

    fn found(text: &str) -> Vec<String> {
        let mut b = GazetteerBuilder::new();
        b.add_source("t", "t.jsonl", Format::Jsonl, GAZ.as_bytes());
        let ex = Extractor::new(b.build().expect("gazetteer"));
        let out = ex
            .extract(text, &ExtractOptions::default())
            .expect("extract");
        out.mentions
            .iter()
            .map(|m| out.entry(m.entry).id().to_string())
            .collect()
    }

    #[test]
    fn gated_forms_need_evidence() {
        let cases: &[(&str, &str, &[&str])] = &[
            ("no evidence", "Nice weather drew crowds.", &[]),
            ("preposition", "Riots broke out in Nice.", &["nice"]),
            ("from, for a word", "The ferry from Split left.", &["split"]),
            (
                "sentence start, country named",
                "Nice weather in France.",
                &["france"],
            ),
            (
                "mid-sentence, country named",
                "Crowds in France and Nice grew.",
                &["france", "nice"],
            ),
            (
                "qualifier",
                "Jackson, Mississippi, lost water.",
                &["jackson", "ms"],
            ),
            (
                "a name without evidence",
                "Police said Jackson had fled.",
                &[],
            ),
            ("not from, for a name", "A letter from Jackson came.", &[]),
            (
                "country named, for a name",
                "Jackson voted, United States media said.",
                &["jackson", "usa"],
            ),
            (
                "another language's preposition",
                "Negociaciones en Ginebra.",
                &["geneva"],
            ),
            (
                "an ungated form needs none",
                "Geneva talks ended.",
                &["geneva"],
            ),
        ];
        for (name, text, want) in cases {
            assert_eq!(found(text), *want, "case {name:?}: {text:?}");
        }
    }
}
