//! Edits to the serving gazetteer: what an editor changes between file reloads.
//!
//! An [`Edit`] carries a parsed, validated [`Entry`]: the admin API parses a request's entries
//! once, at the edge, and everything after it (the log, the serving layer, reloads, compaction)
//! works on typed values. Three pieces, one file each:
//!
//! | concept | file |
//! |---|---|
//! | one edit and its stored form, a JSON line (`{"op":"upsert","namespace":…,"entry":{…}}`) | this file |
//! | the edits in effect, folded by id (last write wins), and laid over a gazetteer | [`overlay`] |
//! | where edits are made durable: the [`EditLog`] seam (the file journal today) | [`log`] |
//!
//! No I/O here: the file journal ([`crate::journal`]) implements [`EditLog`], and the serving
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

pub mod log;
pub mod overlay;

pub use log::{EditLog, EditLogError, Logged, Meta};
pub use overlay::Overlay;

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::gazetteer::{entry_json, parse_entry, Entry, EntryError};

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
}

/// A stored edit that does not read back as one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RecordError {
    /// Not JSON, or not an edit's shape.
    #[error("{0}")]
    Json(String),
    /// An upsert whose entry does not validate (limits and checks can tighten between
    /// versions).
    #[error("{}", in_entry(.0))]
    Entry(EntryError),
}

/// An entry's error with its field path from the record (`entry.aliases[2]: …`).
fn in_entry(e: &EntryError) -> String {
    let field = crate::field_path::FieldPath::new()
        .field("entry")
        .join(&e.field);
    format!("{field}: {}", e.message)
}

/// The stored form as serde reads it. The entry is kept as raw JSON text, so it is parsed once,
/// by the gazetteer's own line parser. (A flat struct: serde's tagged enums buffer their
/// content, which cannot hold borrowed raw JSON.)
#[derive(Deserialize)]
struct Record<'a> {
    op: Op,
    #[serde(default)]
    by: String,
    #[serde(default)]
    at: i64,
    #[serde(default)]
    namespace: Option<String>,
    #[serde(borrow, default)]
    entry: Option<&'a RawValue>,
    #[serde(default)]
    id: Option<String>,
}

/// The stored form as it is written: `op` first, as every version wrote it.
#[derive(Serialize)]
#[serde(tag = "op", rename_all = "lowercase")]
enum RecordOut<'a> {
    Upsert {
        namespace: &'a str,
        entry: serde_json::Value,
        #[serde(skip_serializing_if = "str::is_empty")]
        by: &'a str,
        #[serde(skip_serializing_if = "is_zero")]
        at: i64,
    },
    Delete {
        id: &'a str,
        #[serde(skip_serializing_if = "str::is_empty")]
        by: &'a str,
        #[serde(skip_serializing_if = "is_zero")]
        at: i64,
    },
}

fn is_zero(n: &i64) -> bool {
    *n == 0
}

#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum Op {
    Upsert,
    Delete,
}

impl Edit {
    /// The id this edit changes.
    pub fn id(&self) -> &str {
        match self {
            Edit::Upsert(e) => &e.id,
            Edit::Delete { id } => id,
        }
    }

    /// The edit as one line of JSON (no newline), with who made it and when: what the stores
    /// keep.
    pub fn to_record(&self, meta: &Meta) -> String {
        let (by, at) = (meta.by.as_str(), meta.at_unix_ms);
        let record = match self {
            Edit::Upsert(e) => RecordOut::Upsert {
                namespace: &e.namespace,
                entry: entry_json(e),
                by,
                at,
            },
            Edit::Delete { id } => RecordOut::Delete { id, by, at },
        };
        // Strings and a JSON value: serialising cannot fail.
        serde_json::to_string(&record).unwrap_or_default()
    }

    /// Reads a line written by [`Edit::to_record`] (or by any earlier version of Gazette: the
    /// format has not changed), validating an upserted entry like a gazetteer file line.
    pub fn from_record(line: &[u8]) -> Result<Edit, RecordError> {
        Edit::from_record_with_meta(line).map(|(edit, _)| edit)
    }

    /// [`Edit::from_record`], with who made the edit and when (empty and 0 in records written
    /// before editors were recorded).
    pub fn from_record_with_meta(line: &[u8]) -> Result<(Edit, Meta), RecordError> {
        let record: Record<'_> =
            serde_json::from_slice(line).map_err(|e| RecordError::Json(e.to_string()))?;
        let meta = Meta {
            by: record.by,
            at_unix_ms: record.at,
        };
        let missing = |field: &str| RecordError::Json(format!("missing field `{field}`"));
        let edit = match record.op {
            Op::Upsert => {
                let namespace = record.namespace.ok_or_else(|| missing("namespace"))?;
                let entry = record.entry.ok_or_else(|| missing("entry"))?;
                parse_entry(entry.get(), &namespace)
                    .map(Edit::Upsert)
                    .map_err(RecordError::Entry)?
            }
            Op::Delete => Edit::Delete {
                id: record.id.ok_or_else(|| missing("id"))?,
            },
        };
        Ok((edit, meta))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_written_by_earlier_versions_read_back() {
        // As the journal of every version so far holds them: the entry as the API sent it.
        let line = br#"{"op":"upsert","namespace":"people","entry":{"id":"p:1","name":"Ali Habib","type":"PERSON","aliases":["General Habib"],"attributes":{},"prior":0.0}}"#;
        let Edit::Upsert(e) = Edit::from_record(line).unwrap() else {
            panic!("an upsert")
        };
        assert_eq!((e.id.as_str(), e.namespace.as_str()), ("p:1", "people"));
        assert_eq!(e.aliases[0].text, "General Habib");
        assert_eq!(
            Edit::from_record(br#"{"op":"delete","id":"Q858"}"#).unwrap(),
            Edit::Delete { id: "Q858".into() }
        );
    }

    #[test]
    fn a_written_record_reads_back_equal() {
        let entry = parse_entry(
            r#"{"id":"Q1","name":"WHO","type":"ORGANIZATION","case":"exact","prior":2,"attributes":{"a":"b"}}"#,
            "orgs",
        )
        .unwrap();
        let delete = Edit::Delete { id: "x\"y".into() };
        assert_eq!(
            delete.to_record(&Meta::default()),
            r#"{"op":"delete","id":"x\"y"}"#
        );
        let meta = Meta {
            by: "alice".into(),
            at_unix_ms: 1_764_800_000_000,
        };
        assert_eq!(
            delete.to_record(&meta),
            r#"{"op":"delete","id":"x\"y","by":"alice","at":1764800000000}"#
        );
        for edit in [Edit::Upsert(entry), delete] {
            let line = edit.to_record(&meta);
            assert!(!line.contains('\n'));
            assert_eq!(
                Edit::from_record_with_meta(line.as_bytes()).unwrap(),
                (edit, meta.clone())
            );
        }
    }

    #[test]
    fn bad_records_say_what_is_wrong() {
        let cases: [(&[u8], &str); 4] = [
            (b"not json", "expected ident"),
            (br#"{"op":"rename","id":"a"}"#, "unknown variant `rename`"),
            (br#"{"op":"delete"}"#, "missing field `id`"),
            (
                br#"{"op":"upsert","namespace":"n","entry":{"name":"X","type":"x"}}"#,
                "entry.type: \"x\" must be upper-case",
            ),
        ];
        for (line, want) in cases {
            let err = Edit::from_record(line).unwrap_err().to_string();
            assert!(err.contains(want), "{err:?} lacks {want:?}");
        }
    }
}
