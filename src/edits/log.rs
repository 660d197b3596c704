//! The seam where edits are made durable: an ordered, append-only log that the server appends
//! to before it acknowledges an edit, and reads at start (and, with a shared store, to catch up
//! with other writers). The file journal ([`crate::journal::Journal`]) is the implementation
//! today.
//!
//! The methods block (a file sync, a database round trip): callers run them off the async
//! workers.

use std::ops::RangeInclusive;

use super::Edit;

/// Who made a batch of edits and when: kept with every edit, for the history.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    /// The name of the admin token that made it (`admin` for `--admin-token-file`, a name from
    /// `--admin-tokens-file`); empty in records written before editors were recorded.
    pub by: String,
    /// When it was logged, Unix milliseconds; 0 in records written before that.
    pub at_unix_ms: i64,
}

/// An edit as the log holds it, with its place in the log.
#[derive(Debug, Clone, PartialEq)]
pub struct Logged {
    /// Its position: increasing along the log, not necessarily dense (the file journal uses
    /// line numbers, so `journal.jsonl:<seq>` names it).
    pub seq: u64,
    /// The edit.
    pub edit: Edit,
    /// Who made it and when.
    pub meta: Meta,
}

/// A durable, ordered log of edits.
pub trait EditLog: Send + std::fmt::Debug {
    /// Appends `edits` as one batch made by `meta`, durable when this returns `Ok` (and only then may they be
    /// acknowledged); returns the `seq`s they were given, first to last. On an error none of them
    /// is in the log.
    fn append(&mut self, edits: &[Edit], meta: &Meta) -> Result<RangeInclusive<u64>, EditLogError>;

    /// Every edit with a `seq` greater than `after`, in order; `read_after(0)` reads the whole
    /// log.
    fn read_after(&mut self, after: u64) -> Result<Vec<Logged>, EditLogError>;

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
}
