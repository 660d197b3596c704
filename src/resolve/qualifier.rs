//! A qualifier right after a place — `Paris, Texas`, `London, Ontario`, `Vienna, Virginia` —
//! is the strongest context news gives: the two names are read together, as the pair of
//! readings in one country (in one region where both know it). News also writes it as an
//! appositive of a few plain words: `León, in northern Spain`, `Temple, a city in central
//! Texas`, `Tripoli, the capital of Libya`, `Mérida, in the Spanish region of Extremadura` (a
//! nationality names its country too).

use super::place::keys;
use crate::gazetteer::{EntryRef, EntryTable};
use crate::matcher::Candidate;

/// Lower-case words an appositive qualifier may have between the comma and the place (after
/// `, `): prepositions, articles, compass points and kinds of place. Anything else (`Jackson, the
/// president of France`) is no qualifier.
const APPOSITIVE: &[&str] = &[
    "in",
    "of",
    "near",
    "the",
    "a",
    "an",
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "north-east",
    "north-west",
    "south-east",
    "south-west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "north-eastern",
    "north-western",
    "south-eastern",
    "south-western",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "city",
    "town",
    "village",
    "region",
    "province",
    "state",
    "county",
    "district",
    "capital",
    "port",
    "coastal",
    "small",
    "island",
];

/// Whether `gap`, the text between a place and the next name, makes that name its qualifier:
/// `, ` alone, or `, ` and words of [`APPOSITIVE`] only.
pub(super) fn is_qualifier_gap(gap: &str) -> bool {
    let Some(rest) = gap.strip_prefix(',') else {
        return false;
    };
    if !rest.starts_with(' ') {
        return false;
    }
    rest.split_whitespace().all(|w| APPOSITIVE.contains(&w))
}

/// Added to the score of a reading a qualifier chose (`Paris, Texas`): more than any prior
/// and context can make up, so the chosen reading is also the best-scored one.
pub(super) const QUALIFIER_BONUS: f32 = 40.0;

/// The pair of readings a qualifier decides (`Paris, Texas`): for the place `c` followed by
/// `, ` and the place `q` (a country or region, not a town), the best-prior reading of each
/// that share a country, preferring pairs that share a region too. `None` when no pair does or
/// nothing is ambiguous.
pub(super) fn qualified(
    entries: EntryTable<'_>,
    c: &Candidate,
    q: &Candidate,
) -> Option<(u32, u32)> {
    if c.readings.len() < 2 && q.readings.len() < 2 {
        return None;
    }
    let mut best: Option<(f32, u32, u32)> = None;
    for a in &c.readings {
        let ea = entries.get(a.entry as usize);
        let Some((cc, region)) = keys(ea) else {
            continue;
        };
        for b in &q.readings {
            let eb = entries.get(b.entry as usize);
            let Some((qcc, qregion)) = keys(eb) else {
                continue;
            };
            // A qualifier is a larger place than a town: in `Odessa, Hanover` (a list) the
            // second town does not say which Odessa.
            if cc != qcc || ea.is_country() || is_town(eb) {
                continue;
            }
            let same_region = region.is_some() && region == qregion;
            let score = ea.prior() + eb.prior() + if same_region { 100.0 } else { 0.0 };
            if best.is_none_or(|(s, _, _)| score > s) {
                best = Some((score, a.entry, b.entry));
            }
        }
    }
    best.map(|(_, a, b)| (a, b))
}

/// Whether `e` is a city or an administrative seat, which no qualifier names.
fn is_town(e: EntryRef<'_>) -> bool {
    matches!(e.attribute("feature"), Some("city" | "seat"))
}

#[cfg(test)]
mod tests {
    use super::is_qualifier_gap;

    #[test]
    fn qualifier_gaps() {
        for gap in [
            ", ",
            ",  ",
            ", in northern ",
            ", a city in central ",
            ", the capital of ",
        ] {
            assert!(is_qualifier_gap(gap), "{gap:?}");
        }
        for gap in [
            ",",
            " ",
            " and ",
            ", the president of ",
            ", said ",
            ", in Northern ",
        ] {
            assert!(!is_qualifier_gap(gap), "{gap:?}");
        }
    }
}
