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

const PREPOSITIONS: &[&str] = &[
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
