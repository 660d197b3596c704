//! The admin edit journal: every upsert and delete is appended to `journal.jsonl` in the data
//! directory and fsynced before the edit is acknowledged, and replayed at start on top of the
//! gazetteer files.
//!
//! One JSON object per line: `{"op":"upsert","namespace":"people","entry":{…}}` or
//! `{"op":"delete","id":"…"}`. A crash mid-write leaves at most one incomplete last line (no
//! trailing newline): it is dropped with a warning and cut off the file, so later appends start
//! on a clean line. A complete line that does not parse is corruption and is reported with its
//! line number, never skipped silently.

use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// One durable edit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "lowercase")]
pub enum Edit {
    /// Add an entry, or replace the entry with the same id.
    Upsert {
        /// The namespace the entry belongs to.
        namespace: String,
        /// The entry, as a JSONL gazetteer line's object.
        entry: serde_json::Value,
    },
    /// Remove the entry with this id.
    Delete {
        /// The entry's id.
        id: String,
    },
}

/// Problems with the journal.
#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    /// Reading, writing or syncing failed.
    #[error("journal {path}: {source}")]
    Io {
        /// The journal file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// Another process (a running server, a compaction) holds the journal.
    #[error("journal {path} is in use by another process (is the server running?)")]
    Locked {
        /// The journal file.
        path: PathBuf,
    },
    /// A complete line is not a valid edit.
    #[error("journal {path}:{line}: {message}")]
    Corrupt {
        /// The journal file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

/// An open journal, ready to append.
#[derive(Debug)]
pub struct Journal {
    file: File,
    path: PathBuf,
}

/// What opening a journal found.
#[derive(Debug, Default)]
pub struct Replayed {
    /// The edits, in the order they were acknowledged.
    pub edits: Vec<Edit>,
    /// The line number of an incomplete last line that was dropped, if there was one.
    pub dropped_torn_line: Option<usize>,
}

/// The journal's file name inside the data directory.
pub const FILE_NAME: &str = "journal.jsonl";

impl Journal {
    /// Opens (creating if needed) the journal in `dir` and reads every edit in it.
    pub fn open(dir: &Path) -> Result<(Journal, Replayed), JournalError> {
        let path = dir.join(FILE_NAME);
        let io = |source| JournalError::Io {
            path: path.clone(),
            source,
        };
        std::fs::create_dir_all(dir).map_err(io)?;
        let mut file = OpenOptions::new()
            .create(true)
            .read(true)
            .append(true)
            .open(&path)
            .map_err(io)?;
        // One writer at a time: a server, or a compaction, never both.
        if file.try_lock().is_err() {
            return Err(JournalError::Locked { path });
        }
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).map_err(io)?;
        let mut replayed = Replayed::default();
        let complete = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        if complete < bytes.len() {
            // A write cut short by a crash: never acknowledged, so dropping it loses nothing.
            let line = bytes[..complete].iter().filter(|&&b| b == b'\n').count() + 1;
            tracing::warn!(path = %path.display(), line, "dropping an incomplete last journal line");
            replayed.dropped_torn_line = Some(line);
            file.set_len(complete as u64).map_err(io)?;
            file.sync_data().map_err(io)?;
        }
        for (i, line) in bytes[..complete].split(|&b| b == b'\n').enumerate() {
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let edit: Edit = serde_json::from_slice(line).map_err(|e| JournalError::Corrupt {
                path: path.clone(),
                line: i + 1,
                message: e.to_string(),
            })?;
            replayed.edits.push(edit);
        }
        sync_dir(dir);
        Ok((Journal { file, path }, replayed))
    }

    /// Appends `edits` and syncs them to disk; only then may they be acknowledged.
    pub fn append(&mut self, edits: &[Edit]) -> Result<(), JournalError> {
        let mut buf = Vec::new();
        for e in edits {
            // An Edit is plain strings and JSON values: serialising cannot fail.
            serde_json::to_writer(&mut buf, e).unwrap_or_default();
            buf.push(b'\n');
        }
        let io = |source| JournalError::Io {
            path: self.path.clone(),
            source,
        };
        self.file.write_all(&buf).map_err(io)?;
        self.file.sync_data().map_err(io)
    }

    /// The journal's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Replaces the journal's contents with `edits`, atomically (a new file renamed over the
    /// old one), keeping this handle's lock on the new file.
    pub fn rewrite(&mut self, edits: &[Edit]) -> Result<(), JournalError> {
        let io = |source| JournalError::Io {
            path: self.path.clone(),
            source,
        };
        let tmp = self.path.with_extension("jsonl.tmp");
        {
            let mut f = File::create(&tmp).map_err(io)?;
            for e in edits {
                serde_json::to_writer(&mut f, e).map_err(|e| io(e.into()))?;
                f.write_all(b"\n").map_err(io)?;
            }
            f.sync_all().map_err(io)?;
        }
        std::fs::rename(&tmp, &self.path).map_err(io)?;
        if let Some(dir) = self.path.parent() {
            sync_dir(dir);
        }
        let file = OpenOptions::new()
            .append(true)
            .open(&self.path)
            .map_err(io)?;
        if file.try_lock().is_err() {
            return Err(JournalError::Locked {
                path: self.path.clone(),
            });
        }
        self.file = file;
        Ok(())
    }
}

/// Syncs a directory so a newly created file's entry survives a crash (best effort: not every
/// platform can open a directory).
fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn upsert(id: &str) -> Edit {
        Edit::Upsert {
            namespace: "people".into(),
            entry: serde_json::json!({"id": id, "name": "Ali Habib", "type": "PERSON"}),
        }
    }

    #[test]
    fn appends_then_replays_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let (mut j, r) = Journal::open(dir.path()).unwrap();
        assert!(r.edits.is_empty());
        j.append(&[upsert("a"), Edit::Delete { id: "b".into() }])
            .unwrap();
        j.append(&[upsert("c")]).unwrap();
        drop(j);
        let (_, r) = Journal::open(dir.path()).unwrap();
        assert_eq!(
            r.edits,
            vec![upsert("a"), Edit::Delete { id: "b".into() }, upsert("c")]
        );
        assert_eq!(r.dropped_torn_line, None);
    }

    #[test]
    fn torn_last_line_is_dropped_and_cut_off() {
        let dir = tempfile::tempdir().unwrap();
        let (mut j, _) = Journal::open(dir.path()).unwrap();
        j.append(&[upsert("a"), upsert("b")]).unwrap();
        drop(j);
        let path = dir.path().join(FILE_NAME);
        let mut f = OpenOptions::new().append(true).open(&path).unwrap();
        f.write_all(br#"{"op":"upsert","namespace":"people","entry":{"id":"c","na"#)
            .unwrap();
        drop(f);
        let (mut j, r) = Journal::open(dir.path()).unwrap();
        assert_eq!(r.edits, vec![upsert("a"), upsert("b")]);
        assert_eq!(r.dropped_torn_line, Some(3));
        // The next append starts on a clean line.
        j.append(&[upsert("d")]).unwrap();
        drop(j);
        let (_, r) = Journal::open(dir.path()).unwrap();
        assert_eq!(r.edits, vec![upsert("a"), upsert("b"), upsert("d")]);
    }

    #[test]
    fn one_holder_at_a_time() {
        let dir = tempfile::tempdir().unwrap();
        let (_held, _) = Journal::open(dir.path()).unwrap();
        assert!(matches!(
            Journal::open(dir.path()),
            Err(JournalError::Locked { .. })
        ));
    }

    #[test]
    fn a_corrupt_complete_line_is_an_error_with_its_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(FILE_NAME),
            "{\"op\":\"delete\",\"id\":\"a\"}\nnot json\n",
        )
        .unwrap();
        let err = Journal::open(dir.path()).unwrap_err();
        assert!(err.to_string().contains("journal.jsonl:2:"), "{err}");
    }
}
