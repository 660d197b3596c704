//! A place or nationality inside a longer name is part of that name, not a place the text is
//! about: an organisation's (`Arakan Army`, `Columbus Dispatch`, `Ohio State Highway Patrol`,
//! `Kenya Airways`, `Syrian Democratic Forces`, `University of Texas`, `Bank of England`,
//! `Universidad Complutense de Madrid`), an agreement's (`Paris Agreement`), or a county's or
//! province's the gazetteer does not list (`Calhoun County` is not Calhoun, Georgia; `Ilocos
//! Sur` is not the Ilocos Region).
//!
//! The sign is a capitalised head noun in the same run of capitalised words:
//! - **after** the place, with at most [`MAX_BETWEEN`] capitalised words between and none of them a
//!   function word (`Ohio State Highway Patrol`; not `Police In Lagos Arrest…`, a title-case
//!   headline);
//! - **before** it, joined by `of`, `de`, `du` and the like, with capitalised words between
//!   (`Universidad Complutense de Madrid`).
//!
//! A lower-case noun is no sign (`Kabul airport`, `the Texas army`): the place is written as a
//! place. Readings of other types (an organisation of the same name) are kept; a longer entry
//! that covers the whole name (`West Bank`, `Bank of America` if listed) is matched first anyway.

use super::name_parts::is_function_word;
use super::words;
use crate::gazetteer::EntryTable;
use crate::matcher::Candidate;

/// Nouns that end the name of an organisation, a newspaper, a force, an agreement, a county or
/// a province named after a region.
const HEADS_AFTER: &[&str] = &[
    // forces and security
    "Army",
    "Navy",
    "Corps",
    "Brigade",
    "Brigades",
    "Front",
    "Forces",
    "Militia",
    "Guard",
    "Police",
    "Patrol",
    "Gendarmerie",
    // education, health, religion, culture
    "University",
    "College",
    "Institute",
    "Academy",
    "Hospital",
    "Museum",
    "Church",
    "Cathedral",
    "Mosque",
    "Stadium",
    "Airport",
    // business
    "Bank",
    "Airlines",
    "Airways",
    "Railways",
    "Company",
    "Corporation",
    "Corp",
    "Inc",
    "Ltd",
    "Group",
    "Holdings",
    "Petroleum",
    "Motors",
    "Telecom",
    "Exchange",
    // press
    "Dispatch",
    "Times",
    "Post",
    "Herald",
    "Tribune",
    "Journal",
    "Gazette",
    "Chronicle",
    "Examiner",
    "Inquirer",
    "Telegraph",
    "Courier",
    "News",
    "Agency",
    // government and politics
    "Ministry",
    "Commission",
    "Committee",
    "Authority",
    "Department",
    "Party",
    "Movement",
    "Alliance",
    "Union",
    "League",
    "Parliament",
    "Assembly",
    "Senate",
    "Court",
    "Tribunal",
    "Foundation",
    "Fund",
    "Society",
    "Association",
    "Federation",
    // agreements
    "Agreement",
    "Accord",
    "Accords",
    "Convention",
    "Conventions",
    "Treaty",
    "Protocol",
    "Declaration",
    // local units named after a town, which the default gazetteer does not list
    "County",
    "Parish",
    "Borough",
    "Township",
    // compass words after a region's name, in the languages that write them there (`Ilocos
    // Sur`, `Camarines Norte`, `Sumatera Barat`): a province of its own, not the region
    "Norte",
    "Sur",
    "Sul",
    "Occidental",
    "Oriental",
    "Utara",
    "Selatan",
    "Barat",
    "Timur",
];

/// Nouns that begin an organisation's name before `of`/`de` and a place. Not titles (`Governor
/// of Texas`), kinds of place (`Republic of Ireland`, `Port of Spain`, `City of London`) or a
/// place's own institutions, which name the place (`El Gobierno de Suiza`, `Parliament of
/// Canada`).
const HEADS_BEFORE: &[&str] = &[
    "University",
    "College",
    "Institute",
    "Bank",
    "Museum",
    "Hospital",
    "Church",
    "Archdiocese",
    "Diocese",
    "Universidad",
    "Université",
    "Universität",
    "Università",
    "Universidade",
    "Banco",
    "Banque",
    "Fiscalía",
    "Estadio",
    "Stade",
    "Palacio",
    "Palais",
    "Museo",
    "Musée",
    "Aeropuerto",
    "Aéroport",
    "Flughafen",
    "Instituto",
    "Institut",
];

/// Words that join an organisation's head to the place: `University of Texas`.
const JOINERS: &[&str] = &["of", "de", "del", "du", "des", "der", "di", "da", "do"];

/// Capitalised words allowed between the place and a head after it: `Ohio State Highway Patrol`.
const MAX_BETWEEN: usize = 3;

/// Drops the place and nationality readings of candidates inside a longer name; a candidate
/// left with no reading is dropped.
pub(crate) fn drop_parts(
    entries: EntryTable<'_>,
    texts: &[&str],
    candidates: &mut Vec<(usize, Candidate)>,
) {
    let mut emptied = false;
    for (field, c) in candidates.iter_mut() {
        let text = texts[*field];
        if head_after(text, c.end) || head_before(text, c.start) {
            c.readings.retain(|r| {
                !matches!(
                    entries.get(r.entry as usize).entity_type(),
                    "LOCATION" | "NORP"
                )
            });
            emptied |= c.readings.is_empty();
        }
    }
    if emptied {
        candidates.retain(|(_, c)| !c.readings.is_empty());
    }
}

/// Whether a head noun follows `end` within a run of capitalised words.
fn head_after(text: &str, end: usize) -> bool {
    // Most places are followed by a lower-case word or a sign: no run to walk.
    let capital_next = text
        .get(end..)
        .and_then(|t| t.strip_prefix(' '))
        .is_some_and(|t| t.starts_with(char::is_uppercase));
    capital_next
        && run_has_head(
            words::after(text, end),
            |w| words::after(text, offset(text, w) + w.len()),
            HEADS_AFTER,
        )
}

/// Whether a head noun precedes `start`, joined to it by a joiner (`University of`), possibly
/// with capitalised words between (`Universidad Complutense de`).
fn head_before(text: &str, start: usize) -> bool {
    // Every joiner ends in a lower-case ASCII letter before the place's space.
    let head = text.as_bytes().get(..start).unwrap_or_default();
    if !matches!(head, [.., b'a'..=b'z', b' ']) {
        return false;
    }
    let Some(joiner) = words::before(text, start).filter(|j| JOINERS.contains(j)) else {
        return false;
    };
    run_has_head(
        words::before(text, offset(text, joiner)),
        |w| words::before(text, offset(text, w)),
        HEADS_BEFORE,
    )
}

/// Walks a run of capitalised words from `first`, stepping with `next` (to the word after or
/// before), [`MAX_BETWEEN`] words past the first at most: whether it reaches one of `heads`
/// before a lower-case or function word ends the run.
fn run_has_head<'t>(
    first: Option<&'t str>,
    next: impl Fn(&'t str) -> Option<&'t str>,
    heads: &[&str],
) -> bool {
    let mut word = first;
    for _ in 0..=MAX_BETWEEN {
        // Capitals first: most words beside a place are lower-case, and every head is
        // capitalised.
        let Some(w) = word.filter(|w| words::capitalised(w)) else {
            return false;
        };
        if heads.contains(&w) {
            return true;
        }
        if is_function_word(w) {
            return false;
        }
        word = next(w);
    }
    false
}

/// Where `word`, a slice of `text` (as `words` returns them), starts in it.
fn offset(text: &str, word: &str) -> usize {
    word.as_ptr() as usize - text.as_ptr() as usize
}

#[cfg(test)]
mod tests {
    const GAZ: &str = r#"
{"id":"arakan","name":"Arakan","type":"LOCATION","prior":6.0,"attributes":{"country_code":"MM"}}
{"id":"ohio","name":"Ohio","type":"LOCATION","prior":8.0,"attributes":{"country_code":"US"}}
{"id":"texas","name":"Texas","type":"LOCATION","prior":8.0,"attributes":{"country_code":"US"}}
{"id":"madrid","name":"Madrid","type":"LOCATION","prior":9.0,"attributes":{"country_code":"ES"}}
{"id":"kabul","name":"Kabul","type":"LOCATION","prior":9.0,"attributes":{"country_code":"AF"}}
{"id":"lagos","name":"Lagos","type":"LOCATION","prior":9.0,"attributes":{"country_code":"NG"}}
{"id":"paris","name":"Paris","type":"LOCATION","prior":9.0,"attributes":{"country_code":"FR"}}
{"id":"syrian","name":"Syrian","type":"NORP","attributes":{"country_code":"SY"}}
"#;

    fn found(text: &str) -> Vec<String> {
        crate::resolve::tests::found_ids(GAZ, text)
    }

    #[test]
    fn places_inside_longer_names_are_not_places() {
        let cases: &[(&str, &[&str])] = &[
            ("Fighting with the Arakan Army continued.", &[]),
            ("The Ohio State Highway Patrol said.", &[]),
            ("Syrian Democratic Forces advanced.", &[]),
            ("He studied at the University of Texas.", &[]),
            ("She teaches at the Universidad Complutense de Madrid.", &[]),
            ("Under the Paris Agreement, emissions fall.", &[]),
            ("Deputies in Paris County searched.", &[]),
            ("Floods in Madrid Norte and Texas Sur.", &[]),
            // A lower-case noun, a title and a headline's function word are no sign.
            ("Flights left Kabul airport.", &["kabul"]),
            ("The Governor of Texas spoke.", &["texas"]),
            ("El Gobierno de Madrid habló.", &["madrid"]),
            ("Police In Lagos Arrest Suspects", &["lagos"]),
            ("Syrian forces advanced on Paris.", &["syrian", "paris"]),
        ];
        for (text, want) in cases {
            assert_eq!(found(text), *want, "{text}");
        }
    }
}
