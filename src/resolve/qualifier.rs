//! A qualifier right after a place — `Paris, Texas`, `London, Ontario`, `Vienna, Virginia` —
//! is the strongest context news gives: the two names are read together, as the pair of
//! readings in one country (in one region where both know it).

use super::place::keys;
use crate::gazetteer::EntryTable;
use crate::matcher::Candidate;

/// Added to the score of a reading a qualifier chose (`Paris, Texas`): more than any prior
/// and context can make up, so the chosen reading is also the best-scored one.
pub(super) const QUALIFIER_BONUS: f32 = 40.0;

/// The pair of readings a qualifier decides (`Paris, Texas`): for the place `c` followed by
/// `, ` and the place `q`, the best-prior reading of each that share a country, preferring
/// pairs that share a region too. `None` when no pair does or nothing is ambiguous.
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
            if cc != qcc || ea.is_country() {
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
