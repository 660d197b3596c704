//! The stored form of an edit: one line of JSON, the same bytes in the file journal and in the
//! shared store's rows.
//!
//! ```text
//! {"op":"upsert","namespace":"people","entry":{…},"by":"alice","at":1764800000000,"before":null}
//! {"op":"delete","id":"Q858","by":"bob","at":1764800000000,"before":{"namespace":"geo","entry":{…}}}
//! {"op":"restore","id":"Q858","by":"bob","at":1764800000000,"before":null,"reverts":7}
//! ```
//!
//! Every field after the edit's own is optional, so lines written by earlier versions (no `by`,
//! `at` or `before`) read back; `before` absent means the history did not keep it then
//! ([`Before::Unknown`]), `null` that the entity had no entry.

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::value::RawValue;

use super::{Before, Change, Edit, Meta};
use crate::gazetteer::{entry_json, parse_entry, Entry, EntryError};

/// A stored edit that does not read back as one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RecordError {
    /// Not JSON, or not an edit's shape.
    #[error("{0}")]
    Json(String),
    /// An entry (the upserted one, or the one before) that does not validate (limits and checks
    /// can tighten between versions).
    #[error("{}", in_field(.0, .1))]
    Entry(&'static str, EntryError),
}

/// An entry's error with its field path from the record (`entry.aliases[2]: …`).
fn in_field(field: &str, e: &EntryError) -> String {
    let mut path = crate::field_path::FieldPath::new();
    for part in field.split('.') {
        path = path.field(part);
    }
    format!("{}: {}", path.join(&e.field), e.message)
}

/// The stored form as serde reads it. Entries are kept as raw JSON text, so each is parsed once,
/// by the gazetteer's own line parser. (A flat struct: serde's tagged enums buffer their
/// content, which cannot hold borrowed raw JSON.)
#[derive(Deserialize)]
struct RecordIn<'a> {
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
    /// Absent: unknown; `null`: no entry.
    #[serde(borrow, default, deserialize_with = "present")]
    before: Option<Option<BeforeIn<'a>>>,
    #[serde(default)]
    reverts: Option<u64>,
}

#[derive(Deserialize)]
struct BeforeIn<'a> {
    namespace: String,
    #[serde(borrow)]
    entry: &'a RawValue,
}

/// A field that is present (even as `null`) reads as `Some`, so `null` and absent differ.
fn present<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(d).map(Some)
}

/// The stored form as it is written: `op` first, as every version wrote it.
#[derive(Serialize)]
struct RecordOut<'a> {
    op: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    namespace: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    entry: Option<serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    #[serde(skip_serializing_if = "str::is_empty")]
    by: &'a str,
    #[serde(skip_serializing_if = "is_zero")]
    at: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    before: Option<Option<BeforeOut<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reverts: Option<u64>,
}

#[derive(Serialize)]
struct BeforeOut<'a> {
    namespace: &'a str,
    entry: serde_json::Value,
}

fn is_zero(n: &i64) -> bool {
    *n == 0
}

#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum Op {
    Upsert,
    Delete,
    Restore,
}

impl Change {
    /// The change as one line of JSON (no newline), with who made it, when and why: what the
    /// stores keep.
    pub fn to_record(&self, meta: &Meta) -> String {
        let (op, namespace, entry, id) = match &self.edit {
            Edit::Upsert(e) => (
                "upsert",
                Some(e.namespace.as_str()),
                Some(entry_json(e)),
                None,
            ),
            Edit::Delete { id } => ("delete", None, None, Some(id.as_str())),
            Edit::Restore { id } => ("restore", None, None, Some(id.as_str())),
        };
        let before = match &self.before {
            Before::Unknown => None,
            Before::Absent => Some(None),
            Before::Entry(e) => Some(Some(BeforeOut {
                namespace: &e.namespace,
                entry: entry_json(e),
            })),
        };
        let record = RecordOut {
            op,
            namespace,
            entry,
            id,
            by: &meta.by,
            at: meta.at_unix_ms,
            before,
            reverts: meta.reverts,
        };
        // Strings and JSON values: serialising cannot fail.
        serde_json::to_string(&record).unwrap_or_default()
    }

    /// Reads a line written by [`Change::to_record`] (or by any earlier version of Gazette),
    /// validating the entries in it like gazetteer file lines.
    pub fn from_record(line: &[u8]) -> Result<(Change, Meta), RecordError> {
        let record: RecordIn<'_> =
            serde_json::from_slice(line).map_err(|e| RecordError::Json(e.to_string()))?;
        let meta = Meta {
            by: record.by,
            at_unix_ms: record.at,
            reverts: record.reverts,
        };
        let missing = |field: &str| RecordError::Json(format!("missing field `{field}`"));
        let id = || record.id.clone().ok_or_else(|| missing("id"));
        let edit = match record.op {
            Op::Upsert => {
                let namespace = record
                    .namespace
                    .as_deref()
                    .ok_or_else(|| missing("namespace"))?;
                let entry = record.entry.ok_or_else(|| missing("entry"))?;
                Edit::Upsert(entry_of(entry, namespace, "entry")?)
            }
            Op::Delete => Edit::Delete { id: id()? },
            Op::Restore => Edit::Restore { id: id()? },
        };
        let before = match record.before {
            None => Before::Unknown,
            Some(None) => Before::Absent,
            Some(Some(b)) => Before::Entry(entry_of(b.entry, &b.namespace, "before.entry")?),
        };
        Ok((Change { edit, before }, meta))
    }
}

fn entry_of(raw: &RawValue, namespace: &str, field: &'static str) -> Result<Entry, RecordError> {
    parse_entry(raw.get(), namespace).map_err(|e| RecordError::Entry(field, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(line: &str) -> Entry {
        parse_entry(line, "people").unwrap()
    }

    #[test]
    fn records_written_by_earlier_versions_read_back() {
        // As the journal of every version so far holds them: the entry as the API sent it.
        let line = br#"{"op":"upsert","namespace":"people","entry":{"id":"p:1","name":"Ali Habib","type":"PERSON","aliases":["General Habib"],"attributes":{},"prior":0.0}}"#;
        let (change, meta) = Change::from_record(line).unwrap();
        let Edit::Upsert(e) = change.edit else {
            panic!("an upsert")
        };
        assert_eq!((e.id.as_str(), e.namespace.as_str()), ("p:1", "people"));
        assert_eq!(e.aliases[0].text, "General Habib");
        assert_eq!((change.before, meta), (Before::Unknown, Meta::default()));
        let (change, _) = Change::from_record(br#"{"op":"delete","id":"Q858"}"#).unwrap();
        assert_eq!(change.edit, Edit::Delete { id: "Q858".into() });
    }

    #[test]
    fn a_written_record_reads_back_equal() {
        let e = entry(
            r#"{"id":"Q1","name":"WHO","type":"ORGANIZATION","case":"exact","prior":2,"attributes":{"a":"b"}}"#,
        );
        let delete = Change {
            edit: Edit::Delete { id: "x\"y".into() },
            before: Before::Unknown,
        };
        assert_eq!(
            delete.to_record(&Meta::default()),
            r#"{"op":"delete","id":"x\"y"}"#
        );
        let meta = Meta {
            by: "alice".into(),
            at_unix_ms: 1_764_800_000_000,
            reverts: None,
        };
        assert_eq!(
            delete.to_record(&meta),
            r#"{"op":"delete","id":"x\"y","by":"alice","at":1764800000000}"#
        );
        let undo = Meta {
            reverts: Some(7),
            ..meta.clone()
        };
        let changes = [
            (
                Change {
                    edit: Edit::Upsert(e.clone()),
                    before: Before::Absent,
                },
                meta.clone(),
            ),
            (
                Change {
                    edit: Edit::Delete { id: "Q1".into() },
                    before: Before::Entry(e),
                },
                meta,
            ),
            (
                Change {
                    edit: Edit::Restore { id: "Q1".into() },
                    before: Before::Absent,
                },
                undo,
            ),
            (delete, Meta::default()),
        ];
        for (change, meta) in changes {
            let line = change.to_record(&meta);
            assert!(!line.contains('\n'));
            assert_eq!(
                Change::from_record(line.as_bytes()).unwrap(),
                (change, meta)
            );
        }
    }

    #[test]
    fn bad_records_say_what_is_wrong() {
        let cases: [(&[u8], &str); 5] = [
            (b"not json", "expected ident"),
            (br#"{"op":"rename","id":"a"}"#, "unknown variant `rename`"),
            (br#"{"op":"restore"}"#, "missing field `id`"),
            (
                br#"{"op":"upsert","namespace":"n","entry":{"name":"X","type":"x"}}"#,
                "entry.type: \"x\" must be upper-case",
            ),
            (
                br#"{"op":"delete","id":"a","before":{"namespace":"n","entry":{"id":"a","name":"","type":"X"}}}"#,
                "before.entry.name",
            ),
        ];
        for (line, want) in cases {
            let err = Change::from_record(line).unwrap_err().to_string();
            assert!(err.contains(want), "{err:?} lacks {want:?}");
        }
    }
}
