//! What the matcher hands to `resolve`: a span and the readings that passed there.

use smallvec::SmallVec;

/// One reading of a candidate span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Reading {
    pub(crate) entry: u32,
    pub(crate) form: u32,
    /// Read through a document-scoped alias (a partial name).
    pub(crate) scoped: bool,
}

/// A span with every reading that passed its checks, in original byte offsets (half-open).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Candidate {
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// Inline for the usual one or two readings: a heap allocation per mention was a fifth of
    /// extraction time.
    pub(crate) readings: SmallVec<[Reading; 2]>,
    /// For a partial name, the entry among its scoped readings named in full most recently
    /// before this point (decided now: a later full name must not change an earlier link).
    pub(crate) recent_full: Option<u32>,
}

impl Candidate {
    /// A partial-name mention: some reading is a document-scoped alias of an entry already named.
    pub(crate) fn is_partial(&self) -> bool {
        self.recent_full.is_some()
    }
}
