//! From raw matches to entities: grouping mentions per canonical entity and scoring salience.

use crate::matcher::RawMatch;

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

/// Groups `matches` (in document order) by entry, ordered by first mention.
///
/// Salience: each mention weighs between 1 (at the end of the text) and 2 (at the start), because
/// news puts what matters first; an entity's weight is the sum over its mentions, normalised so
/// the document's entities sum to 1.
pub fn group(matches: &[RawMatch], text_len: usize) -> Vec<EntityGroup> {
    let mut groups: Vec<EntityGroup> = Vec::new();
    let mut index: std::collections::HashMap<u32, usize> = std::collections::HashMap::new();
    let mut weights: Vec<f64> = Vec::new();
    let len = text_len.max(1) as f64;
    for (i, m) in matches.iter().enumerate() {
        let g = *index.entry(m.entry).or_insert_with(|| {
            groups.push(EntityGroup {
                entry: m.entry,
                mentions: Vec::new(),
                salience: 0.0,
            });
            weights.push(0.0);
            groups.len() - 1
        });
        groups[g].mentions.push(i as u32);
        weights[g] += 2.0 - (m.start as f64 / len);
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

    fn m(start: usize, entry: u32) -> RawMatch {
        RawMatch {
            start,
            end: start + 1,
            entry,
            form: 0,
        }
    }

    #[test]
    fn more_and_earlier_mentions_weigh_more() {
        let g = group(&[m(0, 7), m(50, 3), m(60, 7), m(90, 9)], 100);
        assert_eq!(g.iter().map(|g| g.entry).collect::<Vec<_>>(), vec![7, 3, 9]);
        assert_eq!(g[0].mentions, vec![0, 2]);
        let sum: f32 = g.iter().map(|g| g.salience).sum();
        assert!((sum - 1.0).abs() < 1e-5);
        assert!(g[0].salience > g[1].salience && g[1].salience > g[2].salience);
    }

    #[test]
    fn no_matches_no_groups() {
        assert!(group(&[], 0).is_empty());
    }
}
