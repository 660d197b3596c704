//! A document's memory of full names, carried from field to field, by which partial names
//! (document-scoped aliases) are linked.

use super::Candidate;

/// What a document has named so far, carried from field to field: when each entry was last
/// named in full (by its name or a global alias), on a clock that only moves forward.
#[derive(Debug, Default)]
pub(crate) struct DocState {
    last_full: rustc_hash::FxHashMap<u32, u64>,
    clock: u64,
    /// Units of matching work so far (see [`POLL_EVERY`](super::POLL_EVERY)).
    pub(super) work: usize,
}

impl DocState {
    /// When `entry` was last named in full, on the document's clock, if it was.
    pub(crate) fn last_full(&self, entry: u32) -> Option<u64> {
        self.last_full.get(&entry).copied()
    }

    /// Records a full mention: every reading of a span with no partial reading.
    pub(super) fn note(&mut self, c: &Candidate) {
        if c.is_partial() {
            return;
        }
        if self.last_full.capacity() == 0 {
            // A news article names a few dozen entries: one allocation instead of a rehash at
            // every doubling.
            self.last_full.reserve(64);
        }
        for r in &c.readings {
            self.last_full.insert(r.entry, self.clock);
        }
        self.clock += 1;
    }
}
