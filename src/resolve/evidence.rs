//! Places whose names are also common words or people's names match only where the text
//! supports a place.
//!
//! The default gazetteer marks such forms (attributes `gate_word` and `gate_name`, the forms
//! `|`-separated): `Nice`, `Reading`, `Split` are English words; `Jackson`, `Ali`, `Kamal` are
//! people's names. A reading through a gated form is kept only with evidence:
//!
//! - a **qualifier** follows: `, ` and a place of the same country (`Mobile, Alabama`);
//! - a **place preposition** stands before it (`riots in Nice`, `the ferry from Split`; `from`
//!   only for words: `a letter from Ali` is a person), or `to`/`from` after a word of travel
//!   (`returned to Venice`, `flights from Jackson`; `spoke to Jackson` is a person);
//! - **the document names its country** elsewhere, through a reading that needs no evidence
//!   (a country, a city, a nationality) — and for a common word only where it is not the first
//!   word of a sentence, which every word may be (`Nice weather in France` is weather).

use rustc_hash::FxHashSet;

use super::place::{country, Code};
use super::qualifier::is_qualifier_gap;
use super::{name_parts, words};
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

/// Words of travel: after them, `to` and `from` lead to a place even for a name
/// (`returned to Venice`, `the road to Jackson`), where they otherwise lead to people too
/// (`spoke to Jackson`, `a letter from Ali`).
const TRAVEL: &[&str] = &[
    "return",
    "returned",
    "returning",
    "returns",
    "fly",
    "flew",
    "flown",
    "flying",
    "flies",
    "travel",
    "travelled",
    "traveled",
    "travelling",
    "traveling",
    "travels",
    "went",
    "go",
    "goes",
    "going",
    "gone",
    "moved",
    "moving",
    "fled",
    "flee",
    "fleeing",
    "flees",
    "headed",
    "heading",
    "sailed",
    "sailing",
    "drove",
    "driving",
    "driven",
    "deported",
    "evacuated",
    "relocated",
    "escaped",
    "marched",
    "retreated",
    "withdrew",
    "road",
    "roads",
    "route",
    "routes",
    "flight",
    "flights",
    "train",
    "trains",
    "ferry",
    "ferries",
    "trip",
    "trips",
    "journey",
    "highway",
    "railway",
    "border",
    "crossing",
];

/// Whether `word`, standing right before a name, makes it a place whatever else it could be:
/// [`PREPOSITIONS`], and `from`, `to`, `at` (which also lead to people: `a letter from Ali`,
/// so they are evidence only for a place that is a common word, or where a person is ruled out).
pub(super) fn place_preposition(word: &str) -> bool {
    preposition(word)
        || ["from", "to", "at"]
            .iter()
            .any(|p| p.eq_ignore_ascii_case(word))
}

/// Whether `word` is one of [`PREPOSITIONS`], in any case (`In Nice, riots…`; `À Nice`, whose
/// capital is not ASCII, is lower-cased into a new string, the rare case).
fn preposition(word: &str) -> bool {
    PREPOSITIONS.iter().any(|p| p.eq_ignore_ascii_case(word))
        || (!word.is_ascii() && PREPOSITIONS.contains(&word.to_lowercase().as_str()))
}

/// Whether `to` or `from` ends at `prev_start` after a word of [`TRAVEL`].
fn after_travel(text: &str, prev: &str, prev_start: Option<usize>) -> bool {
    (prev == "to" || prev == "from")
        && prev_start
            .and_then(|at| words::before(text, at))
            .is_some_and(|w| TRAVEL.iter().any(|t| t.eq_ignore_ascii_case(w)))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gate {
    Word,
    Name,
}

/// The gate on `form` of `entry`, if any (this runs for every reading of every mention: the
/// store decided it when the gazetteer was built).
fn gate(entry: EntryRef<'_>, form: usize) -> Option<Gate> {
    match entry.form_gates(form) {
        // A word gate is the stricter one: it wins over a name gate on the same form.
        (true, _) => Some(Gate::Word),
        (false, true) => Some(Gate::Name),
        (false, false) => None,
    }
}

/// Drops gated readings that have no evidence; a candidate left with none is dropped.
pub(crate) fn drop_unsupported(
    entries: EntryTable<'_>,
    texts: &[&str],
    candidates: &mut Vec<(usize, Candidate)>,
) {
    // Each reading's gate, in order over all candidates; most documents have none.
    let gates: Vec<Option<Gate>> = candidates
        .iter()
        .flat_map(|(_, c)| c.readings.iter())
        .map(|r: &Reading| gate(entries.get(r.entry as usize), r.form as usize))
        .collect();
    if gates.iter().all(Option::is_none) {
        return;
    }
    // Countries named through readings that need no evidence; built when first needed, sized
    // once (growing it reading by reading cost more than filling it).
    let named: std::cell::OnceCell<FxHashSet<Code>> = std::cell::OnceCell::new();
    let named = || {
        named.get_or_init(|| {
            let mut named = FxHashSet::with_capacity_and_hasher(gates.len(), Default::default());
            named.extend(
                candidates
                    .iter()
                    .flat_map(|(_, c)| c.readings.iter())
                    .zip(&gates)
                    .filter(|(_, g)| g.is_none())
                    .filter_map(|(r, _)| country(entries.get(r.entry as usize))),
            );
            named
        })
    };
    let mut keep: Vec<bool> = Vec::with_capacity(gates.len());
    let mut at = 0;
    for (i, (field, c)) in candidates.iter().enumerate() {
        let own = &gates[at..at + c.readings.len()];
        at += c.readings.len();
        if own.iter().all(Option::is_none) {
            keep.extend(own.iter().map(|_| true));
            continue;
        }
        let text = texts[*field];
        let prev = words::before(text, c.start).unwrap_or("");
        let qualifier = candidates
            .get(i + 1)
            .filter(|(f, n)| f == field && text.get(c.end..n.start).is_some_and(is_qualifier_gap))
            .map(|(_, n)| n);
        for (r, g) in c.readings.iter().zip(own) {
            let Some(g) = *g else {
                keep.push(true);
                continue;
            };
            let cc = country(entries.get(r.entry as usize));
            let qualified = qualifier.is_some_and(|n| {
                n.readings
                    .iter()
                    .any(|q| cc.is_some() && country(entries.get(q.entry as usize)) == cc)
            });
            let preposition = preposition(prev)
                || (g == Gate::Word && place_preposition(prev))
                || after_travel(text, prev, c.start.checked_sub(prev.len() + 1));
            // A country named elsewhere does not make a person's name a place when a
            // capitalised name part stands right before it (`Bill Clinton`, even though `Bill`
            // is also a word and `Arkansas` is named): that is the person.
            let named_before = || words::capitalised(prev) && name_parts::is_name_part(prev, true);
            let country = || {
                cc.is_some_and(|cc| named().contains(&cc))
                    && match g {
                        Gate::Name => !named_before(),
                        Gate::Word => !words::sentence_initial(text, c.start),
                    }
            };
            keep.push(qualified || preposition || country());
        }
    }
    let mut k = keep.into_iter();
    for (_, c) in candidates.iter_mut() {
        c.readings.retain(|_| k.next().unwrap_or(true));
    }
    candidates.retain(|(_, c)| !c.readings.is_empty());
}

#[cfg(test)]
mod tests {

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
        crate::resolve::tests::found_ids(GAZ, text)
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
                "to after travel, for a name",
                "Tourists returned to Jackson.",
                &["jackson"],
            ),
            (
                "from after travel, for a name",
                "Flights from Jackson resumed.",
                &["jackson"],
            ),
            (
                "not to after speech, for a name",
                "She spoke to Jackson.",
                &[],
            ),
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
                "a name part before a name outweighs the country named",
                "Bill Jackson was born in the United States.",
                &["usa"],
            ),
            (
                "a sentence-initial preposition",
                "In Nice, riots broke out.",
                &["nice"],
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
