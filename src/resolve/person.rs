//! People's names are never places: `Obama` in `Barack Obama`, `Zell` in `Sam Zell`, `Jordan` in
//! `Jordan Henderson`, `Paris` in `Paris Hilton`.
//!
//! A one-word place reading is dropped when the word is part of a person's name:
//!
//! - a title or a given name stands right before it (`President Obama`, `Sam Zell`), or
//! - it is itself a name part and a name part follows it (`Paris Hilton`, `Israel Katz`),
//!
//! where the neighbour is capitalised, and is not itself a country, a large place, a group or
//! an organisation (`India Pakistan` stays two places). Name parts are a lexicon of given names
//! and surnames (`gazetteers/default/name-parts.txt.gz`: US Census lists and
//! `@cspell/dict-people-names`; a common English word counts only as the second part). Then **one sense per discourse**:
//! a word once read as part of a person's name is not read as a place anywhere else in the
//! document (`Obama` alone, later) — unless it is a country or a large place (`Jordan
//! Henderson` does not take Jordan off the map).
//! A PERSON entry of a loaded gazetteer still wins as before: its longer match comes first, and
//! its readings are kept.

use std::io::Read;
use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};

use super::words;
use crate::gazetteer::EntryTable;
use crate::matcher::Candidate;

/// Given names and surnames, lower-case without diacritics, one a line, gzip-compressed
/// (generated; see the module docs).
const NAME_PARTS_GZ: &[u8] = include_bytes!("../../gazetteers/default/name-parts.txt.gz");

/// Words that stand before a person's name.
const TITLES: &[&str] = &[
    "president",
    "mr",
    "mrs",
    "ms",
    "dr",
    "sen",
    "senator",
    "gov",
    "governor",
    "rep",
    "minister",
    "chancellor",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "sheikh",
    "general",
    "gen",
    "judge",
    "justice",
    "coach",
    "sir",
    "dame",
    "lady",
    "lord",
    "emir",
    "ayatollah",
    "imam",
    "premier",
    "mayor",
    "secretary",
    "ambassador",
    "chairman",
    "captain",
    "colonel",
    "col",
    "lt",
    "sgt",
    "professor",
    "prof",
    "rev",
    "archbishop",
    "bishop",
    "cardinal",
];

/// A neighbour at least this likely a place (a city of 1M, a country) is not a name part.
const PLACE_PRIOR: f32 = 6.0;

/// Name parts, each with whether it is also a common English word (marked `*` in the file).
/// Inflated on first use (~70k names, a few milliseconds); the embedded bytes are the
/// generator's, so a failure to inflate leaves the lexicon empty rather than panicking.
pub(crate) fn name_parts() -> &'static FxHashMap<Box<str>, bool> {
    static MAP: OnceLock<FxHashMap<Box<str>, bool>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut text = String::new();
        if flate2::read::GzDecoder::new(NAME_PARTS_GZ)
            .read_to_string(&mut text)
            .is_err()
        {
            text.clear();
        }
        text.lines()
            .filter(|l| !l.is_empty())
            .map(|l| match l.strip_suffix('*') {
                Some(w) => (w.into(), true),
                None => (l.into(), false),
            })
            .collect()
    })
}

/// Lower-case without diacritics, as the lexicon is written.
pub(crate) fn key(word: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    word.nfd()
        .filter(|c| !crate::normalize::is_diacritic(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether `word` is a name part; a common English word counts only with `common`.
fn is_name_part(word: &str, common: bool) -> bool {
    let found = |k: &str| {
        name_parts()
            .get(k)
            .is_some_and(|&is_common| common || !is_common)
    };
    // Most words are short ASCII: lower-cased on the stack, no allocation.
    let mut buf = [0u8; 32];
    if word.len() <= buf.len() && word.is_ascii() {
        for (b, c) in buf.iter_mut().zip(word.bytes()) {
            *b = c.to_ascii_lowercase();
        }
        if let Ok(k) = std::str::from_utf8(&buf[..word.len()]) {
            return found(k);
        }
    }
    found(&key(word))
}

fn is_title(word: &str) -> bool {
    TITLES.iter().any(|t| t.eq_ignore_ascii_case(word))
}

/// Whether a candidate reads as something other than a name part: a group, an organisation,
/// a country or a large place.
fn blocks(entries: EntryTable<'_>, c: &Candidate) -> bool {
    c.readings.iter().any(|r| {
        let e = entries.get(r.entry as usize);
        match e.entity_type() {
            "PERSON" => false,
            "LOCATION" => e.prior() >= PLACE_PRIOR,
            _ => true,
        }
    })
}

fn has_place(entries: EntryTable<'_>, c: &Candidate) -> bool {
    c.readings
        .iter()
        .any(|r| entries.get(r.entry as usize).entity_type() == "LOCATION")
}

/// Drops the place readings of candidates that are part of a person's name, and then of every
/// other candidate with the same text; a candidate left with no reading is dropped.
/// `candidates` are (field, candidate) in document order; `texts` the fields' texts.
pub(crate) fn drop_name_parts(
    entries: EntryTable<'_>,
    texts: &[&str],
    candidates: &mut Vec<(usize, Candidate)>,
) {
    let mut people: FxHashSet<String> = FxHashSet::default();
    let mut local: Vec<usize> = Vec::new();
    for (i, (field, c)) in candidates.iter().enumerate() {
        let text = texts[*field];
        let span = &text[c.start..c.end];
        // Cheap tests first: most places have no capitalised word beside them.
        if span.contains(' ') {
            continue;
        }
        let before = words::before(text, c.start).filter(|w| words::capitalised(w));
        let after = words::after(text, c.end).filter(|w| words::capitalised(w));
        if (before.is_none() && after.is_none()) || !has_place(entries, c) {
            continue;
        }
        // The candidate covering a neighbouring word, if any.
        let neighbour = |j: Option<usize>, word_start: usize, word_end: usize| {
            j.and_then(|j| candidates.get(j))
                .filter(|(f, n)| f == field && n.start == word_start && n.end == word_end)
                .map(|(_, n)| n)
        };
        let free = |n: Option<&Candidate>| !n.is_some_and(|n| blocks(entries, n));
        let person_before = before.is_some_and(|w| {
            let w_start = c.start - 1 - w.len() - usize::from(text[..c.start - 1].ends_with('.'));
            is_title(w)
                || (is_name_part(w, false)
                    && free(neighbour(i.checked_sub(1), w_start, w_start + w.len())))
        });
        // The place followed by a name part (`Paris Hilton`); a place that is that next word
        // (`Henderson` in `Jordan Henderson`) is part of the same name.
        let mut next_place = None;
        let person_after = after.is_some_and(|w| {
            let w_start = c.end + 1;
            let n = neighbour(Some(i + 1), w_start, w_start + w.len());
            if n.is_some() {
                next_place = Some(i + 1);
            }
            is_name_part(span, false) && is_name_part(w, true) && free(n)
        });
        if person_before || person_after {
            let also = next_place.filter(|_| person_after);
            for j in std::iter::once(i).chain(also) {
                let (f, c) = &candidates[j];
                local.push(j);
                // Only a word that is no large place is read as the person everywhere else.
                if !blocks(entries, c) {
                    people.insert(texts[*f][c.start..c.end].to_lowercase());
                }
            }
        }
    }
    local.sort_unstable();
    if local.is_empty() {
        return;
    }
    for (i, (field, c)) in candidates.iter_mut().enumerate() {
        let span = &texts[*field][c.start..c.end];
        if local.binary_search(&i).is_ok()
            || (!people.is_empty() && people.contains(&span.to_lowercase()))
        {
            c.readings
                .retain(|r| entries.get(r.entry as usize).entity_type() != "LOCATION");
        }
    }
    candidates.retain(|(_, c)| !c.readings.is_empty());
}

#[cfg(test)]
mod tests {

    const GAZ: &str = r#"
{"id":"obama","name":"Obama","type":"LOCATION","prior":4.4,"attributes":{"country_code":"JP"}}
{"id":"zell","name":"Zell","type":"LOCATION","prior":4.1,"attributes":{"country_code":"DE"}}
{"id":"jordan","name":"Jordan","type":"LOCATION","prior":16.0,"attributes":{"country_code":"JO"}}
{"id":"henderson","name":"Henderson","type":"LOCATION","prior":5.5,"attributes":{"country_code":"US"}}
{"id":"paris","name":"Paris","type":"LOCATION","prior":7.8,"attributes":{"country_code":"FR"}}
{"id":"india","name":"India","type":"LOCATION","prior":19.1,"attributes":{"country_code":"IN"}}
{"id":"pakistan","name":"Pakistan","type":"LOCATION","prior":18.3,"attributes":{"country_code":"PK"}}
{"id":"syria","name":"Syria","type":"LOCATION","prior":17.2,"attributes":{"country_code":"SY"}}
{"id":"p-obama","name":"Michelle Obama","type":"PERSON"}
"#;

    fn found(text: &str) -> Vec<String> {
        crate::resolve::tests::found_ids(GAZ, text)
    }

    #[test]
    fn the_embedded_lexicon_inflates() {
        let parts = super::name_parts();
        assert!(parts.len() > 50_000, "{} name parts", parts.len());
        assert_eq!(parts.get("barack"), Some(&false));
        assert_eq!(
            parts.get("smith"),
            Some(&true),
            "a common English word, marked"
        );
    }

    #[test]
    fn name_parts_are_not_places() {
        let cases: &[(&str, &str, &[&str])] = &[
            ("given name before", "Barack Obama spoke.", &[]),
            (
                "one sense per discourse",
                "Barack Obama spoke. Obama left.",
                &[],
            ),
            ("title before", "President Obama spoke.", &[]),
            ("short given name", "Sam Zell died.", &[]),
            ("name part after", "Paris Hilton opened a store.", &[]),
            ("both ways", "Jordan Henderson scored.", &[]),
            ("a place alone", "Talks in Paris ended.", &["paris"]),
            (
                "after a preposition",
                "King Abdullah of Jordan spoke.",
                &["jordan"],
            ),
            (
                "two countries",
                "India Pakistan talks.",
                &["india", "pakistan"],
            ),
            (
                "a hyphenated word is no name",
                "a post-Assad Syria.",
                &["syria"],
            ),
            (
                "a common word is no given name",
                "In Paris, it rained.",
                &["paris"],
            ),
            (
                "a country is not taken off the map for the whole document",
                "Jordan Henderson scored. Troops left Jordan.",
                &["jordan"],
            ),
            ("a PERSON entry wins", "Michelle Obama spoke.", &["p-obama"]),
        ];
        for (name, text, want) in cases {
            assert_eq!(found(text), *want, "case {name:?}: {text:?}");
        }
    }
}
