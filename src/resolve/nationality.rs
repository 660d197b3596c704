//! A nationality that is also its country's name in another language (`Argentine` is the
//! English adjective and French for Argentina; `Saudi` the adjective and a short name of Saudi
//! Arabia) is read by its syntax, not by prior: the country after a place preposition or a
//! French elided article (`in Saudi`, `en Argentine`, `l'Argentine`), the nationality everywhere
//! else (`Argentine farmers`, `an Argentine`, `Saudi officials`) — which is how English news
//! uses them.

use super::evidence::place_preposition;
use super::place::country;
use super::words;
use crate::gazetteer::EntryTable;
use crate::matcher::Candidate;

/// Drops, from each candidate that reads both as a nationality (NORP) and as a place of the same
/// country, the readings its syntax rules out; see the module documentation.
pub(crate) fn drop_by_syntax(
    entries: EntryTable<'_>,
    texts: &[&str],
    candidates: &mut [(usize, Candidate)],
) {
    for (field, c) in candidates.iter_mut() {
        // Most candidates have one reading: nothing to choose.
        if c.readings.len() < 2 {
            continue;
        }
        let country_as = |i: usize, ty: &str| {
            let e = entries.get(c.readings[i].entry as usize);
            (e.entity_type() == ty).then(|| country(e)).flatten()
        };
        let shared = (0..c.readings.len()).find_map(|i| {
            country_as(i, "NORP")
                .filter(|&cc| (0..c.readings.len()).any(|j| country_as(j, "LOCATION") == Some(cc)))
        });
        let Some(shared) = shared else {
            continue;
        };
        let text = texts[*field];
        let place = words::before(text, c.start).is_some_and(place_preposition)
            || elided_article(&text[..c.start]);
        let drop = if place { "NORP" } else { "LOCATION" };
        c.readings.retain(|r| {
            let e = entries.get(r.entry as usize);
            e.entity_type() != drop || country(e) != Some(shared)
        });
    }
}

/// Whether `head` ends with a French elided article or preposition (`l'`, `d'`, `l’`, `d’`)
/// glued to what follows.
fn elided_article(head: &str) -> bool {
    let Some(rest) = head.strip_suffix('\'').or_else(|| head.strip_suffix('’')) else {
        return false;
    };
    let Some(letter) = rest.chars().next_back() else {
        return false;
    };
    let before = rest[..rest.len() - letter.len_utf8()].chars().next_back();
    matches!(letter, 'l' | 'L' | 'd' | 'D') && before.is_none_or(|c| !c.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    const GAZ: &str = r#"
{"id":"AR","name":"Argentina","type":"LOCATION","prior":17.5,"aliases":["Argentine"],"attributes":{"country_code":"AR"}}
{"id":"demonym:AR","name":"Argentinean","type":"NORP","prior":7.6,"aliases":["Argentine"],"attributes":{"country_code":"AR"}}
{"id":"SA","name":"Saudi Arabia","type":"LOCATION","prior":17.5,"aliases":["Saudi"],"attributes":{"country_code":"SA"}}
{"id":"demonym:SA","name":"Saudi Arabian","type":"NORP","prior":7.6,"aliases":["Saudi"],"attributes":{"country_code":"SA"}}
{"id":"jordan","name":"Jordan","type":"LOCATION","prior":16.0,"attributes":{"country_code":"JO"}}
{"id":"p-jordan","name":"Jordan","type":"NORP","prior":3.0,"attributes":{"country_code":"US"}}
"#;

    fn found(text: &str) -> Vec<String> {
        crate::resolve::tests::found_ids(GAZ, text)
    }

    #[test]
    fn a_nationality_named_like_its_country_is_read_by_its_syntax() {
        let cases: &[(&str, &[&str])] = &[
            ("Argentine farmers blocked roads.", &["demonym:AR"]),
            ("He is an Argentine.", &["demonym:AR"]),
            ("Saudi officials met.", &["demonym:SA"]),
            ("She worked in Saudi for years.", &["SA"]),
            ("Le match en Argentine.", &["AR"]),
            ("Le président de l'Argentine.", &["AR"]),
            ("Les vins d’Argentine.", &["AR"]),
            // Another country's group: no choice to make here, the prior decides.
            ("Jordan spoke.", &["jordan"]),
        ];
        for (text, want) in cases {
            assert_eq!(found(text), *want, "{text:?}");
        }
    }
}
