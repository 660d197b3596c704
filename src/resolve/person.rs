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
//! `@cspell/dict-people-names`). A given name that is also a common English word (`John`,
//! `Chad`) counts where only a name is capitalised: mid-sentence before the place (`The singer
//! John Denver`, not `In Paris` nor a sentence's `Bill Clinton`, which is left to `evidence`),
//! and as the place itself before a surname (`Chad Smith`); see `name_parts::given_name`.
//!
//! Then **one sense per discourse**: a word once read as part of a person's name is not read as a
//! place anywhere else in the document (`Obama` alone, later). News calls a person by surname
//! (`Kathy Ireland … Ireland said`, `Denzel Washington … Washington said`), so a surname carries
//! over whatever the place, except where a place preposition stands before it (`flew to
//! Washington`); a given name carries over only when it is no country or large place (`Jordan
//! Henderson` does not take Jordan off the map).
//! A PERSON entry of a loaded gazetteer still wins as before: its longer match comes first, and
//! its readings are kept.

use rustc_hash::FxHashMap;

use super::name_parts::{given_name, is_name_part, is_title};
use super::words;
use crate::gazetteer::EntryTable;
use crate::matcher::Candidate;

/// A neighbour at least this likely a place (a city of 1M, a country) is not a name part.
const PLACE_PRIOR: f32 = 6.0;

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
    // Each word read as a person's name, and whether it is (in every such reading) a country or
    // a large place, which a place preposition still makes the place.
    let mut people: FxHashMap<String, bool> = FxHashMap::default();
    let mut local: Vec<usize> = Vec::new();
    for (i, (field, c)) in candidates.iter().enumerate() {
        let text = texts[*field];
        let span = &text[c.start..c.end];
        // Cheap tests first: most places have no capitalised word beside them. A span in
        // capitals is a dateline or a headline's (`LONDON Standard Chartered…`), no name.
        if span.contains(' ') || !span.chars().any(char::is_lowercase) {
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
        // A given name before the place that is a (smaller) place itself is the same name's
        // first part (`Hamilton` in `Hamilton Mourão`).
        let mut prev_place = None;
        let person_before = before.is_some_and(|w| {
            if is_title(w) {
                return true;
            }
            // `Toulouse. Wales said`: a word ending a sentence is no given name (only a title
            // takes a dot: `Mr.`).
            if text[..c.start - 1].ends_with('.') {
                return false;
            }
            let w_start = c.start - 1 - w.len();
            let n = neighbour(i.checked_sub(1), w_start, w_start + w.len());
            let person = given_name(text, w, w_start) && free(n);
            if person && n.is_some() {
                prev_place = i.checked_sub(1);
            }
            person
        });
        // The place followed by a name part (`Paris Hilton`); a place that is that next word
        // (`Henderson` in `Jordan Henderson`) is part of the same name.
        let mut next_place = None;
        let name_after = after.is_some_and(|w| is_name_part(w, true));
        let person_after = after.is_some_and(|w| {
            let w_start = c.end + 1;
            let n = neighbour(Some(i + 1), w_start, w_start + w.len());
            if n.is_some() {
                next_place = Some(i + 1);
            }
            // Common words count here too (`Chad Smith`): a place that is no given name
            // (`Turkey Hill`) is not in the lexicon at all.
            is_name_part(span, true) && name_after && free(n)
        });
        if person_before || person_after {
            let also = next_place.filter(|_| person_after);
            for j in prev_place.into_iter().chain([i]).chain(also) {
                let (f, c) = &candidates[j];
                local.push(j);
                // The last word of the name is the surname (`Zell` in `Sam Zell`, `Henderson`
                // in `Jordan Henderson`; `Israel` in `Minister Israel Katz` is not).
                let last = j > i || (j == i && !name_after);
                let large = blocks(entries, c);
                if last || !large {
                    people
                        .entry(texts[*f][c.start..c.end].to_lowercase())
                        .and_modify(|all_large| *all_large &= large)
                        .or_insert(large);
                }
            }
        }
    }
    local.sort_unstable();
    if local.is_empty() {
        return;
    }
    for (i, (field, c)) in candidates.iter_mut().enumerate() {
        let text = texts[*field];
        let span = &text[c.start..c.end];
        let person = local.binary_search(&i).is_ok()
            || people.get(&span.to_lowercase()).is_some_and(|&large| {
                // A large place named after a place preposition is the place again.
                !(large
                    && words::before(text, c.start).is_some_and(super::evidence::place_preposition))
            });
        if person {
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
{"id":"ireland","name":"Ireland","type":"LOCATION","prior":17.0,"attributes":{"country_code":"IE"}}
{"id":"chad","name":"Chad","type":"LOCATION","prior":16.5,"attributes":{"country_code":"TD"}}
{"id":"denver","name":"Denver","type":"LOCATION","prior":6.5,"attributes":{"country_code":"US"}}
{"id":"hamilton","name":"Hamilton","type":"LOCATION","prior":5.0,"attributes":{"country_code":"BM"}}
{"id":"mourao","name":"Mourão","type":"LOCATION","prior":4.0,"attributes":{"country_code":"PT"}}
{"id":"tyrol","name":"Tyrol","type":"LOCATION","prior":5.5,"attributes":{"country_code":"AT"}}
{"id":"toulouse","name":"Toulouse","type":"LOCATION","prior":6.1,"attributes":{"country_code":"FR"}}
"#;

    fn found(text: &str) -> Vec<String> {
        crate::resolve::tests::found_ids(GAZ, text)
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
            (
                "a surname carries over, even a country's",
                "Kathy Ireland spoke. Ireland said no.",
                &[],
            ),
            (
                "but not after a place preposition",
                "Kathy Ireland spoke. She flew to Ireland.",
                &["ireland"],
            ),
            (
                "a given name does not carry over a large place",
                "Paris Hilton spoke. Riots hit Paris.",
                &["paris"],
            ),
            ("a common word as the given name", "Chad Smith scored.", &[]),
            (
                "a common word before, mid-sentence",
                "The singer John Denver left.",
                &[],
            ),
            (
                "a place that is the given name before a place surname",
                "Hamilton Mourão spoke.",
                &[],
            ),
            (
                "a place-name word is no given name",
                "Snow in South Tyrol.",
                &["tyrol"],
            ),
            (
                "a sentence's last word is no given name",
                "A club in Toulouse. Chad said no.",
                &["toulouse", "chad"],
            ),
        ];
        for (name, text, want) in cases {
            assert_eq!(found(text), *want, "case {name:?}: {text:?}");
        }
    }
}
