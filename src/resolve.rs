//! From candidate spans to entities: choosing between readings, grouping, salience.
//!
//! - A **partial name** (`Assad` after `Bashar al-Assad`) links to the person named in full most
//!   recently before it; the matcher records that choice as it scans, since a later full name
//!   must not change an earlier link.
//! - An **ambiguous** span (`Paris`: the French capital or the Texas town) is scored
//!   `prior + 4 × (its country is named elsewhere in the document) + 8 × (its region, or a city
//!   in it, is named elsewhere)`; the best score wins, the others are returned as alternatives.
//!   "Elsewhere" is every other mention, each read by prior first (one pass, no iteration), so
//!   `London, Ontario` is London, Canada even though `Ontario` is ambiguous too.
//! - A **qualifier** right after a place (`Paris, Texas`, `London, Ontario`) is the strongest
//!   context: the two are read together as the pair in one country (in one region where both
//!   know it), before any other rule.
//! - A **weak signal** — the country alone named elsewhere (+4) — only decides between readings
//!   of similar weight: it does not apply against a capital or a place with a prior 1 higher
//!   (ten times the people), so `U.S. negotiators met in Vienna` stays in Austria.
//! - **Ties** never fall to load order: equal scores go to the larger population, then to the
//!   smaller id.
//! - Before any of this, readings an editor's "never tag" rule covers are dropped (`never`),
//!   places and nationalities inside a longer name (`longer_name`), the country or
//!   the nationality of a name that is both, by its syntax (`nationality`),
//!   place readings that are part of a person's name (`person`), and readings through gated
//!   forms without evidence (`evidence`); explain mode lists them (`suppressed`).
//! - **Salience** weighs each mention by where it is: 3 in a headline, 1.5 in other named fields,
//!   and in the body from 2 at the start down to 1 at the end; an entity's weight is the sum over
//!   its mentions, normalised so a document's entities sum to 1.

mod evidence;
mod longer_name;
mod name_parts;
mod nationality;
mod never;
mod person;
mod place;
mod qualifier;
mod suppressed;
mod words;

pub use suppressed::Suppressed;

use std::cmp::Ordering;

use rustc_hash::FxHashMap as HashMap;

use crate::gazetteer::{EntryRef, EntryTable};
use crate::matcher::{Candidate, Reading};
use place::{keys, Code};
// The name-part lexicon, shared with the suggestions (`crate::suggest`): one copy inflated.
pub(crate) use name_parts::{key as name_key, name_parts};
use qualifier::{is_qualifier_gap, qualified, QUALIFIER_BONUS};

/// Drops the readings the text does not support: editors' "never tag" rules (only when the
/// gazetteer has any: `never`), people's name parts read as places, gated forms without
/// evidence. `texts` are the fields' texts, `candidates` (field, candidate) in document order.
/// With `explain`, every dropped reading is added to it with its rule.
pub(crate) fn screen(
    entries: EntryTable<'_>,
    texts: &[&str],
    candidates: &mut Vec<(usize, Candidate)>,
    never: bool,
    mut explain: Option<&mut Vec<Suppressed>>,
) {
    if never {
        never::drop_suppressed(entries, candidates, explain.as_deref_mut());
    }
    let Some(out) = explain else {
        longer_name::drop_parts(entries, texts, candidates);
        nationality::drop_by_syntax(entries, texts, candidates);
        person::drop_name_parts(entries, texts, candidates);
        evidence::drop_unsupported(entries, texts, candidates);
        return;
    };
    suppressed::explained(candidates, suppressed::LONGER_NAME, out, |c| {
        longer_name::drop_parts(entries, texts, c)
    });
    suppressed::explained(candidates, suppressed::NATIONALITY, out, |c| {
        nationality::drop_by_syntax(entries, texts, c)
    });
    suppressed::explained(candidates, suppressed::PERSON_PART, out, |c| {
        person::drop_name_parts(entries, texts, c)
    });
    suppressed::explained(candidates, suppressed::NO_EVIDENCE, out, |c| {
        evidence::drop_unsupported(entries, texts, c)
    });
}

/// Orders equal scores: the larger population first, then the smaller id (never load order).
fn tie_break(entries: EntryTable<'_>, a: u32, b: u32) -> Ordering {
    let (ea, eb) = (entries.get(a as usize), entries.get(b as usize));
    let pop = |e: EntryRef<'_>| {
        e.attribute("population")
            .and_then(|p| p.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    pop(ea)
        .total_cmp(&pop(eb))
        .then_with(|| eb.id().cmp(ea.id()))
}

/// How a mention matched its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    /// By the entity's name.
    Name,
    /// By one of its global aliases.
    Alias,
    /// By a short form (document-scoped alias) after the full name appeared.
    PartialName,
}

/// Which rule chose the entity of a mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolution {
    /// Only one entity has this name.
    OnlyCandidate,
    /// Several do; the highest prior won and the document agreed or said nothing.
    Prior,
    /// Several do; the document's other places changed the winner.
    Context,
    /// A short name, linked to the most recent full mention.
    PartialName,
}

/// Another entity a mention could have named, with its score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Alternative {
    /// Index of the entry in [`Gazetteer::entries`](crate::Gazetteer::entries); read it with
    /// [`Extraction::entry`](crate::Extraction::entry).
    pub entry: usize,
    /// Its score: prior plus context (see the module documentation).
    pub score: f32,
}

/// A candidate with its entity chosen.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Resolved {
    pub(crate) field: usize,
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) entry: usize,
    pub(crate) form: usize,
    pub(crate) how: How,
    pub(crate) resolution: Resolution,
    pub(crate) score: f32,
    pub(crate) alternatives: Vec<Alternative>,
    /// Chosen by the qualifier rule (`Paris, Texas`).
    pub(crate) qualified: bool,
}

/// How much higher a prior must be (ten times the people) for the country alone, named
/// elsewhere, not to overturn it; and for a mention to be sure of its reading.
const WEAK_MARGIN: f32 = 1.0;

/// Places a document names: how many mentions name each country and each (country, region).
#[derive(Debug, Default)]
struct Context {
    countries: HashMap<Code, usize>,
    regions: HashMap<(Code, Code), usize>,
}

/// The reading a candidate gets before context: its partial-name link, or the highest prior.
fn provisional(entries: EntryTable<'_>, c: &Candidate) -> u32 {
    c.recent_full.unwrap_or_else(|| {
        c.readings
            .iter()
            .max_by(|a, b| {
                let (pa, pb) = (
                    entries.get(a.entry as usize).prior(),
                    entries.get(b.entry as usize).prior(),
                );
                pa.total_cmp(&pb)
                    .then_with(|| tie_break(entries, a.entry, b.entry))
            })
            .map_or(0, |r| r.entry)
    })
}

impl Context {
    /// The places a document names: each mention's provisional reading (`provisional`), when
    /// the mention is sure of it. It is when a qualifier fixed it (`fixed`), when it is a
    /// partial name's link or the only reading, and when every reading in another place is at
    /// least [`WEAK_MARGIN`] below it; a reading context could still overturn names nothing.
    /// Otherwise ambiguous names vote for each other: `Bragança, Viseu, Santarém` are
    /// Portuguese districts and also towns of Pará, Brazil, and by prior two of them would
    /// name Pará for the third.
    fn of(
        entries: EntryTable<'_>,
        candidates: &[(usize, Candidate)],
        provisional: &[u32],
        fixed: &[Option<u32>],
    ) -> Context {
        // Sized once: growing the maps mention by mention cost more than filling them.
        let mut ctx = Context {
            countries: HashMap::with_capacity_and_hasher(provisional.len(), Default::default()),
            regions: HashMap::with_capacity_and_hasher(provisional.len(), Default::default()),
        };
        for (((_, c), &e), f) in candidates.iter().zip(provisional).zip(fixed) {
            let own = entries.get(e as usize);
            let Some((cc, region)) = keys(own) else {
                continue;
            };
            let sure = f.is_some()
                || c.is_partial()
                || c.readings.iter().all(|r| {
                    let other = entries.get(r.entry as usize);
                    r.entry == e
                        || own.prior() >= other.prior() + WEAK_MARGIN
                        || keys(other) == Some((cc, region))
                });
            if !sure {
                continue;
            }
            *ctx.countries.entry(cc).or_default() += 1;
            if let Some(r) = region {
                *ctx.regions.entry(r).or_default() += 1;
            }
        }
        ctx
    }

    /// Context bonus of `entry` from every mention but `own` (the mention being scored, whose
    /// provisional reading must not vote for itself): 12 when its region is named (which names
    /// its country too), else 4 when its country is and `weak_counts`.
    fn bonus(&self, entry: EntryRef<'_>, own: EntryRef<'_>, weak_counts: bool) -> f32 {
        let Some((cc, region)) = keys(entry) else {
            return 0.0;
        };
        let (own_cc, own_region) = keys(own).map_or((None, None), |(c, r)| (Some(c), r));
        let others =
            |n: Option<&usize>, is_own: bool| n.copied().unwrap_or(0) > usize::from(is_own);
        let country = others(self.countries.get(&cc), own_cc == Some(cc));
        let region = region.is_some_and(|r| others(self.regions.get(&r), own_region == Some(r)));
        // The region's evidence carries its country's; the country alone is weak.
        match (region, country) {
            (true, _) => 12.0,
            (false, true) if weak_counts => 4.0,
            _ => 0.0,
        }
    }
}

/// Chooses an entity for every candidate. `candidates` are (field, candidate) in document order.
pub(crate) fn resolve(
    entries: EntryTable<'_>,
    texts: &[&str],
    candidates: &[(usize, Candidate)],
) -> Vec<Resolved> {
    let mut first: Vec<u32> = candidates
        .iter()
        .map(|(_, c)| provisional(entries, c))
        .collect();
    // Qualifiers first: `Paris, Texas` fixes both readings, and they are context for the rest.
    let mut fixed: Vec<Option<u32>> = vec![None; candidates.len()];
    for (i, pair) in candidates.windows(2).enumerate() {
        let ((f, c), (g, q)) = (&pair[0], &pair[1]);
        let gap = texts[*f].get(c.end..q.start).unwrap_or("");
        if f != g || c.is_partial() || !is_qualifier_gap(gap) {
            continue;
        }
        if let Some((a, b)) = qualified(entries, c, q) {
            fixed[i] = Some(a);
            fixed[i + 1] = Some(b);
            first[i] = a;
            first[i + 1] = b;
        }
    }
    let ctx = Context::of(entries, candidates, &first, &fixed);
    // Each reading's score, computed once per candidate (the best and the alternatives both
    // read it), in a buffer reused across candidates.
    let mut scores: Vec<f32> = Vec::new();
    candidates
        .iter()
        .zip(&first)
        .zip(&fixed)
        .map(|(((field, c), &own_id), &fixed)| {
            // Read by prior (or its partial-name link): the winner unless context says otherwise.
            let own = entries.get(own_id as usize);
            // The weak signal does not apply against a capital or a much larger place.
            let top = c
                .readings
                .iter()
                .filter(|_| c.readings.len() > 1)
                .map(|r| entries.get(r.entry as usize))
                .max_by(|a, b| a.prior().total_cmp(&b.prior()));
            let top_prior = top.map_or(0.0, |e| e.prior());
            let top_capital = top.is_some_and(|e| e.is_capital());
            let score_of = |e: u32| {
                let entry = entries.get(e as usize);
                let weak_counts = entry.prior() >= top_prior - WEAK_MARGIN
                    && (!top_capital || entry.prior() >= top_prior);
                let context = if c.readings.len() > 1 {
                    ctx.bonus(entry, own, weak_counts)
                } else {
                    0.0
                };
                // The qualifier is the strongest context: its reading outscores every other.
                let qualifier = if fixed == Some(e) && c.readings.len() > 1 {
                    QUALIFIER_BONUS
                } else {
                    0.0
                };
                entry.prior() + context + qualifier
            };
            scores.clear();
            scores.extend(c.readings.iter().map(|r| score_of(r.entry)));
            let (chosen, resolution) = if let Some(recent) = c.recent_full {
                (
                    c.readings.iter().find(|r| r.entry == recent).copied(),
                    Resolution::PartialName,
                )
            } else if let Some(q) = fixed.filter(|_| c.readings.len() > 1) {
                (
                    c.readings.iter().find(|r| r.entry == q).copied(),
                    Resolution::Context,
                )
            } else {
                let best = c
                    .readings
                    .iter()
                    .copied()
                    .zip(&scores)
                    .max_by(|(a, sa): &(Reading, &f32), (b, sb)| {
                        sa.total_cmp(sb)
                            .then_with(|| tie_break(entries, a.entry, b.entry))
                    })
                    .map(|(r, _)| r);
                let resolution = if c.readings.len() == 1 {
                    Resolution::OnlyCandidate
                } else if best.map(|r| r.entry) == Some(own_id) {
                    Resolution::Prior
                } else {
                    Resolution::Context
                };
                (best, resolution)
            };
            // A candidate always has a reading; `recent_full` is one of them.
            let chosen = chosen.unwrap_or(c.readings[0]);
            let mut alternatives: Vec<Alternative> = c
                .readings
                .iter()
                .zip(&scores)
                .filter(|(r, _)| r.entry != chosen.entry)
                .map(|(r, &score)| Alternative {
                    entry: r.entry as usize,
                    score,
                })
                .collect();
            alternatives.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.entry.cmp(&b.entry)));
            let how = if chosen.scoped {
                How::PartialName
            } else if chosen.form == 0 {
                How::Name
            } else {
                How::Alias
            };
            Resolved {
                qualified: fixed.is_some() && c.readings.len() > 1,
                field: *field,
                start: c.start,
                end: c.end,
                entry: chosen.entry as usize,
                form: chosen.form as usize,
                how,
                resolution,
                // A score depends on the entry alone, whichever of its readings was chosen.
                score: c
                    .readings
                    .iter()
                    .position(|r| r.entry == chosen.entry)
                    .map_or_else(|| score_of(chosen.entry), |i| scores[i]),
                alternatives,
            }
        })
        .collect()
}

/// Mentions of one entity within a document.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityGroup {
    /// Index of the entry in the gazetteer.
    pub entry: u32,
    /// Indexes into the document's mentions, in document order.
    pub mentions: Vec<u32>,
    /// Share of the document's attention, in `[0, 1]`; the groups of a document sum to 1.
    pub salience: f32,
}

/// Where a mention is, for salience.
#[derive(Debug, Clone, Copy)]
pub struct Position {
    /// The entry mentioned.
    pub entry: u32,
    /// Byte offset in its field.
    pub start: usize,
    /// Length of its field in bytes.
    pub field_len: usize,
    /// What kind of field it is in.
    pub field: FieldKind,
}

/// Kinds of field, for salience weights.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// The headline: weighs most.
    Headline,
    /// The body text.
    Body,
    /// Any other field (standfirst, caption).
    Other,
}

/// Groups mentions (in document order) by entry, ordered by first mention, with salience.
pub fn group(mentions: &[Position]) -> Vec<EntityGroup> {
    // First pass: which group each mention joins, and group sizes, so each group's mention
    // list is allocated once at its final size.
    let mut index: HashMap<u32, usize> =
        HashMap::with_capacity_and_hasher(mentions.len(), Default::default());
    let mut sizes: Vec<usize> = Vec::new();
    let joins: Vec<usize> = mentions
        .iter()
        .map(|m| {
            let g = *index.entry(m.entry).or_insert_with(|| {
                sizes.push(0);
                sizes.len() - 1
            });
            sizes[g] += 1;
            g
        })
        .collect();
    let mut groups: Vec<EntityGroup> = Vec::with_capacity(sizes.len());
    let mut weights: Vec<f64> = vec![0.0; sizes.len()];
    for (i, (m, &g)) in mentions.iter().zip(&joins).enumerate() {
        if g == groups.len() {
            groups.push(EntityGroup {
                entry: m.entry,
                mentions: Vec::with_capacity(sizes[g]),
                salience: 0.0,
            });
        }
        groups[g].mentions.push(i as u32);
        weights[g] += match m.field {
            FieldKind::Headline => 3.0,
            FieldKind::Other => 1.5,
            FieldKind::Body => 2.0 - (m.start as f64 / m.field_len.max(1) as f64),
        };
    }
    let total: f64 = weights.iter().sum();
    for (g, w) in groups.iter_mut().zip(&weights) {
        g.salience = (w / total) as f32;
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The entity ids found in `text` with the JSONL gazetteer `gazetteer` alone: what the
    /// screens' tests (`person`, `evidence`) check.
    pub(super) fn found_ids(gazetteer: &str, text: &str) -> Vec<String> {
        let mut b = crate::GazetteerBuilder::new();
        b.add_source("t", "t.jsonl", crate::Format::Jsonl, gazetteer.as_bytes());
        let ex = crate::Extractor::new(b.build().expect("gazetteer"));
        let out = ex
            .extract(text, &crate::ExtractOptions::default())
            .expect("extract");
        out.mentions
            .iter()
            .map(|m| out.entry(m.entry).id().to_string())
            .collect()
    }

    fn m(start: usize, entry: u32, field: FieldKind) -> Position {
        Position {
            entry,
            start,
            field_len: 100,
            field,
        }
    }

    #[test]
    fn more_and_earlier_mentions_weigh_more() {
        let b = FieldKind::Body;
        let g = group(&[m(0, 7, b), m(50, 3, b), m(60, 7, b), m(90, 9, b)]);
        assert_eq!(g.iter().map(|g| g.entry).collect::<Vec<_>>(), vec![7, 3, 9]);
        assert_eq!(g[0].mentions, vec![0, 2]);
        let sum: f32 = g.iter().map(|g| g.salience).sum();
        assert!((sum - 1.0).abs() < 1e-5);
        assert!(g[0].salience > g[1].salience && g[1].salience > g[2].salience);
    }

    #[test]
    fn headline_weighs_more_than_a_late_body_mention() {
        let g = group(&[m(0, 1, FieldKind::Headline), m(0, 2, FieldKind::Body)]);
        assert!(g[0].salience > g[1].salience);
    }

    #[test]
    fn no_matches_no_groups() {
        assert!(group(&[]).is_empty());
    }
}
