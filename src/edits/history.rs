//! Which edits the history lists: `ListEdits`' filters and pages, as one value every edit log
//! answers the same way.
//!
//! ```
//! use gazette::edits::{Edit, HistoryQuery, Logged, Meta};
//! let logged = |seq: u64, id: &str, by: &str| Logged {
//!     seq,
//!     edit: Edit::Delete { id: id.into() },
//!     before: Default::default(),
//!     meta: Meta { by: by.into(), ..Meta::default() },
//! };
//! let log = [logged(1, "a", "alice"), logged(2, "b", "bob"), logged(3, "a", "bob")];
//! let query = HistoryQuery { entity_id: Some("a".into()), ..HistoryQuery::newest(10) };
//! let seqs: Vec<u64> = query.select(log.iter().cloned()).iter().map(|l| l.seq).collect();
//! assert_eq!(seqs, [3, 1]);
//! ```

use super::Logged;

/// A page of the history: the newest edits below `before` that match the filters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryQuery {
    /// Only the edits of this entity id.
    pub entity_id: Option<String>,
    /// Only the edits made by this editor (a token's name).
    pub editor: Option<String>,
    /// Only edits with a smaller seq (the previous page's last); `None` from the newest.
    pub before: Option<u64>,
    /// At most this many.
    pub limit: usize,
}

impl HistoryQuery {
    /// The `limit` newest edits, unfiltered.
    pub fn newest(limit: usize) -> HistoryQuery {
        HistoryQuery {
            entity_id: None,
            editor: None,
            before: None,
            limit,
        }
    }

    /// Whether `logged` is in the history this query lists (leaving the limit aside).
    pub fn matches(&self, logged: &Logged) -> bool {
        self.before.is_none_or(|b| logged.seq < b)
            && self
                .entity_id
                .as_deref()
                .is_none_or(|id| logged.edit.id() == id)
            && self.editor.as_deref().is_none_or(|by| logged.meta.by == by)
    }

    /// The page of `log` (edits in seq order) this query lists: newest first.
    pub fn select(&self, log: impl DoubleEndedIterator<Item = Logged>) -> Vec<Logged> {
        log.rev()
            .filter(|l| self.matches(l))
            .take(self.limit)
            .collect()
    }
}
