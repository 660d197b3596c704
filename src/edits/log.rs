//! The seam where edits are made durable: an ordered, append-only log that the server appends
//! to before it acknowledges an edit, and reads at start (and, with a shared store, to catch up
//! with other writers). The file journal ([`crate::journal::Journal`]) and the shared store
//! ([`crate::pg_log::PgLog`]) implement it.
//!
//! The methods block (a file sync, a database round trip): callers run them off the async
//! workers.

use std::ops::RangeInclusive;

use super::{Change, HistoryQuery, Logged, Meta};

/// A durable, ordered log of edits.
pub trait EditLog: Send + std::fmt::Debug {
    /// Appends `changes` as one batch made by `meta`, durable when this returns `Ok` (and only
    /// then may they be acknowledged); returns the `seq`s they were given, first to last. On an
    /// error none of them is in the log.
    ///
    /// A batch that undoes an edit (`meta.reverts`) is refused with
    /// [`EditLogError::Superseded`] if a later edit of the same entity is in the log: a shared
    /// log checks it in the same transaction, against every writer.
    fn append(
        &mut self,
        changes: &[Change],
        meta: &Meta,
    ) -> Result<RangeInclusive<u64>, EditLogError>;

    /// Every edit with a `seq` greater than `after`, in order; `read_after(0)` reads the whole
    /// log.
    fn read_after(&mut self, after: u64) -> Result<Vec<Logged>, EditLogError>;

    /// The page of the history `query` asks for, newest first. This reads the whole log (a
    /// journal holds what `gazette compact` left); a database answers from its indexes.
    fn history(&mut self, query: &HistoryQuery) -> Result<Vec<Logged>, EditLogError> {
        Ok(query.select(self.read_after(0)?.into_iter()))
    }

    /// Whether other servers append to this log too: then a reader must look for their edits
    /// before and after its own (a file journal has one writer, so it never needs to).
    fn is_shared(&self) -> bool {
        false
    }

    /// What kind of store this is, as `GetInfo` reports it (`journal`, `postgres`).
    fn kind(&self) -> &'static str;

    /// Where the log is, for the server's own messages (`journal /data/journal.jsonl`); may name
    /// paths or hosts, so it is never sent to a client.
    fn describe(&self) -> String;
}

/// Why the log could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum EditLogError {
    /// The log cannot be written or read now (I/O, held by another process, a failed write that
    /// could not be undone). `reason` is safe to tell a client; the error names the place.
    #[error("{error}")]
    Unavailable {
        /// What happened, without paths or hosts (`no space left on device`).
        reason: String,
        /// The whole error, for the server's log.
        error: Box<dyn std::error::Error + Send + Sync>,
    },
    /// A stored edit does not read back as one; the error names its place and how to repair.
    #[error(transparent)]
    Corrupt(Box<dyn std::error::Error + Send + Sync>),
    /// An undo of edit `reverts` came after edit `by` changed the same entity (another writer
    /// got there first); nothing was appended.
    #[error("edit {reverts} cannot be undone: edit {by} changed the same entity after it")]
    Superseded {
        /// The edit the batch was to undo.
        reverts: u64,
        /// The later edit of the same entity.
        by: u64,
    },
}
