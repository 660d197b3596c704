//! Edits to the serving gazetteer: what an editor changes between file reloads.
//!
//! An [`Edit`] carries a parsed, validated [`Entry`]: the admin API parses a request's entries
//! once, at the edge, and everything after it (the log, the serving layer, reloads, compaction)
//! works on typed values. One concept a file:
//!
//! | concept | file |
//! |---|---|
//! | one edit ([`Edit`]), the entity before it ([`Before`]), the two ([`Change`]), as logged ([`Logged`], with who and when: [`Meta`]) | this file |
//! | the stored form, one JSON line (`{"op":"upsert","namespace":…,"entry":{…},"by":…}`) | [`record`] |
//! | the edits in effect, folded by id (last write wins), and laid over a gazetteer | [`overlay`] |
//! | where edits are made durable and read back: the [`EditLog`] seam | [`log`] |
//! | which edits the history lists ([`HistoryQuery`]: by entity, by editor, a page) | [`history`] |
//! | the edit that undoes another ([`revert()`]) | [`revert`](mod@revert) |
//!
//! A "never tag" rule ([`crate::gazetteer::NeverRule`]) is an entry of the reserved type `NEVER`,
//! so adding one is an [`Edit::Upsert`] and removing one an [`Edit::Delete`] of its id: the log,
//! history, undo, merges and compaction need nothing of their own for rules.
//!
//! No I/O here: the file journal ([`crate::journal`]) and the shared store ([`crate::pg_log`])
//! implement [`EditLog`], and the serving
//! side ([`crate::live`]) decides when edits are logged and applied.
//!
//! ```
//! use gazette::edits::{Edit, Overlay};
//! use gazette::gazetteer::parse_entry;
//! let entry = parse_entry(r#"{"id":"p:1","name":"Ali Habib","type":"PERSON"}"#, "people")?;
//! let edits = [Edit::Upsert(entry), Edit::Delete { id: "Q858".into() }];
//! let line = edits[0].to_record(&Default::default());
//! assert_eq!(Edit::from_record(line.as_bytes())?, edits[0]);
//! let overlay = Overlay::fold(&edits);
//! assert_eq!((overlay.upserts().count(), overlay.deletes().count()), (1, 1));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod history;
pub mod log;
pub mod overlay;
pub mod record;
pub mod revert;

pub use history::HistoryQuery;
pub use log::{EditLog, EditLogError};
pub use overlay::Overlay;
pub use record::RecordError;
pub use revert::{revert, RevertError};

use crate::gazetteer::Entry;

/// One change to the gazetteer.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// Add an entry, or replace the entry with the same id (in any namespace).
    Upsert(Entry),
    /// Remove the entry with this id, whichever file or edit defined it.
    Delete {
        /// The entry's id.
        id: String,
    },
    /// Undo every edit of this id: the gazetteer files' entry serves again (as the files have
    /// it at each reload), or none if no file has one. What undoing an edit writes when the
    /// entity had no edit before it.
    Restore {
        /// The entry's id.
        id: String,
    },
}

impl Edit {
    /// The id this edit changes.
    pub fn id(&self) -> &str {
        match self {
            Edit::Upsert(e) => &e.id,
            Edit::Delete { id } | Edit::Restore { id } => id,
        }
    }

    /// Its name in the stored form and the history (`upsert`, `delete`, `restore`).
    pub fn op(&self) -> &'static str {
        match self {
            Edit::Upsert(_) => "upsert",
            Edit::Delete { .. } => "delete",
            Edit::Restore { .. } => "restore",
        }
    }

    /// The edit as one stored line (no newline), with who made it and when, and nothing known
    /// of the entity before it ([`Change::to_record`] keeps that too).
    pub fn to_record(&self, meta: &Meta) -> String {
        Change::from(self.clone()).to_record(meta)
    }

    /// Reads a stored line (written by any version of Gazette), validating an upserted entry
    /// like a gazetteer file line.
    pub fn from_record(line: &[u8]) -> Result<Edit, RecordError> {
        Change::from_record(line).map(|(change, _)| change.edit)
    }
}

/// What the entity was just before an edit, as the history keeps it.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Before {
    /// Not kept: the edit was logged by a version before the history.
    #[default]
    Unknown,
    /// The id had no entry.
    Absent,
    /// The entry served then (from a gazetteer file or an earlier edit).
    Entry(Entry),
}

/// An edit with the entity as it was before it: what a log appends, so the history can show
/// both sides.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// The edit.
    pub edit: Edit,
    /// The entity just before it.
    pub before: Before,
}

impl From<Edit> for Change {
    fn from(edit: Edit) -> Change {
        Change {
            edit,
            before: Before::Unknown,
        }
    }
}

/// Who made a batch of edits, when, and why: kept with every edit, for the history.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    /// The name of the admin token that made it (`admin` for `--admin-token-file`, a name from
    /// `--admin-tokens-file`); empty in records written before editors were recorded.
    pub by: String,
    /// When it was logged, Unix milliseconds; 0 in records written before that.
    pub at_unix_ms: i64,
    /// The seq of the edit this batch undoes (`RevertEdit`); `None` for an ordinary edit.
    pub reverts: Option<u64>,
}

/// An edit as the log holds it, with its place in the log.
#[derive(Debug, Clone, PartialEq)]
pub struct Logged {
    /// Its position: increasing along the log, not necessarily dense (the file journal uses
    /// line numbers, so `journal.jsonl:<seq>` names it).
    pub seq: u64,
    /// The edit.
    pub edit: Edit,
    /// The entity just before it.
    pub before: Before,
    /// Who made it, when and why.
    pub meta: Meta,
}

impl Logged {
    /// `change` at `seq`, made by `meta`.
    pub fn new(seq: u64, change: Change, meta: Meta) -> Logged {
        Logged {
            seq,
            edit: change.edit,
            before: change.before,
            meta,
        }
    }
}
