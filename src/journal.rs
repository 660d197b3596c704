//! The admin edit journal: every upsert and delete is appended to `journal.jsonl` in the data
//! directory and fsynced before the edit is acknowledged, and replayed at start on top of the
//! gazetteer files.
//!
//! One JSON object per line: `{"op":"upsert","namespace":"people","entry":{…}}` or
//! `{"op":"delete","id":"…"}`. A crash mid-write leaves at most one incomplete last line (no
//! trailing newline): it is dropped with a warning and cut off the file, so later appends start
//! on a clean line. A complete line that does not parse is corruption and is reported with its
//! line number and the command that moves it aside ([`repair`], `gazette journal repair`), never
//! skipped silently.
//!
//! A write that fails (disk full, file-size limit) is undone before the error is returned: the
//! file is cut back to its last good length, so an edit the client was told failed can never
//! come back at the next start, and a half-written line can never make the next one unreadable.
//! If even the cut fails, the journal refuses every further append until the process restarts
//! (startup drops a torn last line by itself).

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};

use crate::edits::{Change, Edit, EditLog, EditLogError, Logged, Meta};

/// Problems with the journal.
#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    /// Reading, writing or syncing failed.
    #[error("journal {path}: {error}")]
    Io {
        /// The journal file.
        path: PathBuf,
        /// The underlying error: said in the message, so not also a `source` (printed with its
        /// causes, the error said it twice).
        error: std::io::Error,
    },
    /// Another process (a running server, a compaction) holds the journal.
    #[error("journal {path} is in use by another process (is the server running?)")]
    Locked {
        /// The journal file.
        path: PathBuf,
    },
    /// A failed append could not be undone, so appending more could bury a torn line.
    #[error(
        "journal {path}: an earlier write failed and could not be undone; edits are refused \
         until the server restarts (which drops the torn last line)"
    )]
    Poisoned {
        /// The journal file.
        path: PathBuf,
    },
    /// A complete line is not a valid edit.
    #[error(
        "journal {path}:{line}: {message}; to start without this line and the ones after it, \
         run `gazette journal repair --data-dir {dir}` with the server stopped (it moves them \
         into {file}.bad-<time> beside the journal, for inspection)",
        dir = data_dir_of(.path),
        file = FILE_NAME,
    )]
    Corrupt {
        /// The journal file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

/// An open journal, ready to append: the file implementation of [`EditLog`], whose `seq` is
/// the edit's line number.
#[derive(Debug)]
pub struct Journal {
    file: File,
    path: PathBuf,
    /// Bytes of complete, acknowledged lines: where a failed append is cut back to.
    len: u64,
    /// Complete lines, blank ones included: the last `seq` given out.
    lines: u64,
    /// Set when a failed append could not be cut back: no further appends.
    poisoned: bool,
    /// The line number of an incomplete last line that was dropped at open, if there was one.
    dropped_torn_line: Option<usize>,
}

/// The journal's file name inside the data directory.
pub const FILE_NAME: &str = "journal.jsonl";

impl Journal {
    /// Opens (creating if needed) the journal in `dir` and takes its lock. An incomplete last
    /// line (a crash mid-write: never acknowledged) is cut off, so appends start on a clean
    /// line; [`EditLog::read_after`] then reads the edits.
    pub fn open(dir: &Path) -> Result<Journal, JournalError> {
        let path = dir.join(FILE_NAME);
        let io = |error| JournalError::Io {
            path: path.clone(),
            error,
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
        let complete = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let lines = bytes[..complete].iter().filter(|&&b| b == b'\n').count();
        let mut dropped_torn_line = None;
        if complete < bytes.len() {
            // A write cut short by a crash: never acknowledged, so dropping it loses nothing.
            tracing::warn!(path = %path.display(), line = lines + 1, "dropping an incomplete last journal line");
            dropped_torn_line = Some(lines + 1);
            file.set_len(complete as u64).map_err(io)?;
            file.sync_data().map_err(io)?;
        }
        sync_dir(dir);
        Ok(Journal {
            file,
            path,
            len: complete as u64,
            lines: lines as u64,
            poisoned: false,
            dropped_torn_line,
        })
    }

    /// The line number of the incomplete last line [`Journal::open`] dropped, if it did.
    pub fn dropped_torn_line(&self) -> Option<usize> {
        self.dropped_torn_line
    }

    /// Every complete line after line `after`, parsed, with its line number.
    fn read_lines_after(&mut self, after: u64) -> Result<Vec<Logged>, JournalError> {
        let io = |error| JournalError::Io {
            path: self.path.clone(),
            error,
        };
        let mut bytes = Vec::with_capacity(self.len as usize);
        // Appends go to the end whatever the position (O_APPEND): seeking only moves reads.
        self.file.seek(SeekFrom::Start(0)).map_err(io)?;
        (&mut self.file)
            .take(self.len)
            .read_to_end(&mut bytes)
            .map_err(io)?;
        let mut out = Vec::new();
        for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
            let seq = i as u64 + 1;
            if seq <= after || seq > self.lines || line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let (change, meta) = Change::from_record(line).map_err(|e| JournalError::Corrupt {
                path: self.path.clone(),
                line: i + 1,
                message: e.to_string(),
            })?;
            out.push(Logged::new(seq, change, meta));
        }
        Ok(out)
    }

    /// Appends `edits` and syncs them to disk; only then may they be acknowledged. On an error
    /// the file is as it was before the call (or, if that cannot be restored, the journal
    /// refuses further appends: [`JournalError::Poisoned`]).
    pub fn append(&mut self, changes: &[Change], meta: &Meta) -> Result<u64, JournalError> {
        if self.poisoned {
            return Err(JournalError::Poisoned {
                path: self.path.clone(),
            });
        }
        let buf = records(changes.iter().map(|c| (c, meta)));
        let io = |error| JournalError::Io {
            path: self.path.clone(),
            error,
        };
        let written = self
            .file
            .write_all(&buf)
            .and_then(|()| self.file.sync_data());
        match written {
            Ok(()) => {
                self.len += buf.len() as u64;
                self.lines += changes.len() as u64;
                Ok(self.lines)
            }
            Err(source) => {
                // Part of the batch may be on disk (a short write, or complete lines of a batch
                // whose sync failed): never acknowledged, so it must not be replayed.
                let undone = self
                    .file
                    .set_len(self.len)
                    .and_then(|()| self.file.sync_data());
                if let Err(e) = undone {
                    tracing::error!(
                        path = %self.path.display(),
                        error = %e,
                        "cannot cut the journal back after a failed write; refusing further edits"
                    );
                    self.poisoned = true;
                }
                Err(io(source))
            }
        }
    }

    /// The journal's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Replaces the journal's contents with `changes` (each with who made it, when and why),
    /// atomically (a new file renamed over the old one), keeping this handle's lock on the new
    /// file.
    pub fn rewrite(&mut self, changes: &[(Change, Meta)]) -> Result<(), JournalError> {
        let io = |error| JournalError::Io {
            path: self.path.clone(),
            error,
        };
        let tmp = self.path.with_extension("jsonl.tmp");
        let buf = records(changes.iter().map(|(c, m)| (c, m)));
        {
            let mut f = File::create(&tmp).map_err(io)?;
            f.write_all(&buf).map_err(io)?;
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
        self.len = buf.len() as u64;
        self.lines = changes.len() as u64;
        self.poisoned = false;
        Ok(())
    }
}

impl EditLog for Journal {
    fn append(
        &mut self,
        changes: &[Change],
        meta: &Meta,
    ) -> Result<RangeInclusive<u64>, EditLogError> {
        // One writer (the journal's lock), and the server checks under its state lock that the
        // edit an undo reverts is still its entity's newest: nothing can come in between.
        let last = Journal::append(self, changes, meta).map_err(EditLogError::from)?;
        Ok(last + 1 - changes.len() as u64..=last)
    }

    fn read_after(&mut self, after: u64) -> Result<Vec<Logged>, EditLogError> {
        self.read_lines_after(after).map_err(EditLogError::from)
    }

    fn kind(&self) -> &'static str {
        "journal"
    }

    fn describe(&self) -> String {
        format!("journal {}", self.path.display())
    }
}

impl From<JournalError> for EditLogError {
    fn from(e: JournalError) -> EditLogError {
        let reason = match &e {
            JournalError::Io { error, .. } => error.to_string(),
            JournalError::Locked { .. } => "it is in use by another process".into(),
            JournalError::Poisoned { .. } => {
                "an earlier write failed and could not be undone; restart the server".into()
            }
            JournalError::Corrupt { .. } => return EditLogError::Corrupt(Box::new(e)),
        };
        EditLogError::Unavailable {
            reason,
            error: Box::new(e),
        }
    }
}

/// `changes` as journal lines, each ending in a newline.
fn records<'a>(changes: impl Iterator<Item = (&'a Change, &'a Meta)>) -> Vec<u8> {
    let mut buf = Vec::new();
    for (c, meta) in changes {
        buf.extend_from_slice(c.to_record(meta).as_bytes());
        buf.push(b'\n');
    }
    buf
}

/// What [`repair`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repaired {
    /// The first bad line, where the cut was made; `None` when the journal was sound.
    pub bad_line: Option<usize>,
    /// Lines moved aside (the bad one and every one after it).
    pub moved_lines: usize,
    /// Edits left in the journal.
    pub kept_edits: usize,
    /// The file the moved lines were written to.
    pub moved_to: Option<PathBuf>,
}

/// `gazette journal repair`: cuts the journal in `dir` at its first line that is not a valid
/// edit (not JSON, not an edit, or an upsert whose entry does not validate) and moves that line
/// and every later one into `journal.jsonl.bad-<unix seconds>` beside it, so the server can
/// start on the edits before it. Later lines are moved too: they were written after the damage
/// and may depend on what it held. Takes the journal's lock, so it refuses to run while a
/// server holds the data directory.
pub fn repair(dir: &Path) -> Result<Repaired, JournalError> {
    let path = dir.join(FILE_NAME);
    let io = |error| JournalError::Io {
        path: path.clone(),
        error,
    };
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .open(&path)
        .map_err(io)?;
    if file.try_lock().is_err() {
        return Err(JournalError::Locked { path });
    }
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes).map_err(io)?;
    let mut start = 0;
    let mut kept = 0;
    let mut bad = None;
    for (i, line) in bytes.split_inclusive(|&b| b == b'\n').enumerate() {
        let text = line.strip_suffix(b"\n").unwrap_or(line);
        let blank = text.iter().all(u8::is_ascii_whitespace);
        let valid = blank || (line.ends_with(b"\n") && Edit::from_record(text).is_ok());
        if !valid {
            bad = Some((i + 1, start));
            break;
        }
        kept += usize::from(!blank);
        start += line.len();
    }
    let Some((line, cut)) = bad else {
        return Ok(Repaired {
            bad_line: None,
            moved_lines: 0,
            kept_edits: kept,
            moved_to: None,
        });
    };
    let tail = &bytes[cut..];
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let moved_to = dir.join(format!("{FILE_NAME}.bad-{secs}"));
    {
        // create_new: never overwrite an earlier repair's copy.
        let mut f = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&moved_to)
            .map_err(io)?;
        f.write_all(tail).map_err(io)?;
        f.sync_all().map_err(io)?;
    }
    // The copy is durable before the journal loses the lines.
    file.set_len(cut as u64).map_err(io)?;
    file.sync_all().map_err(io)?;
    sync_dir(dir);
    Ok(Repaired {
        bad_line: Some(line),
        moved_lines: tail.split_inclusive(|&b| b == b'\n').count(),
        kept_edits: kept,
        moved_to: Some(moved_to),
    })
}

/// The data directory holding `journal`, for messages.
fn data_dir_of(journal: &Path) -> String {
    journal
        .parent()
        .map(|d| d.display().to_string())
        .unwrap_or_default()
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
        let line = format!(r#"{{"id":"{id}","name":"Ali Habib","type":"PERSON"}}"#);
        Edit::Upsert(crate::gazetteer::parse_entry(&line, "people").unwrap())
    }

    fn changes<const N: usize>(edits: [Edit; N]) -> Vec<Change> {
        edits.into_iter().map(Change::from).collect()
    }

    /// Opens the journal in `dir` and reads every edit in it.
    fn open(dir: &Path) -> Result<(Journal, Vec<Edit>), JournalError> {
        let mut j = Journal::open(dir)?;
        let edits = j.read_lines_after(0)?.into_iter().map(|l| l.edit).collect();
        Ok((j, edits))
    }

    #[test]
    fn appends_then_replays_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let (mut j, r) = open(dir.path()).unwrap();
        assert!(r.is_empty());
        j.append(
            &changes([upsert("a"), Edit::Delete { id: "b".into() }]),
            &Meta::default(),
        )
        .unwrap();
        j.append(&changes([upsert("c")]), &Meta::default()).unwrap();
        drop(j);
        let (j, r) = open(dir.path()).unwrap();
        assert_eq!(
            r,
            vec![upsert("a"), Edit::Delete { id: "b".into() }, upsert("c")]
        );
        assert_eq!(j.dropped_torn_line(), None);
    }

    #[test]
    fn seq_is_the_line_number_and_reads_resume_after_it() {
        let dir = tempfile::tempdir().unwrap();
        let mut j = Journal::open(dir.path()).unwrap();
        assert_eq!(
            j.append(&changes([upsert("a"), upsert("b")]), &Meta::default())
                .unwrap(),
            2
        );
        assert_eq!(
            j.append(
                &changes([Edit::Delete { id: "a".into() }]),
                &Meta::default()
            )
            .unwrap(),
            3
        );
        let log: &mut dyn EditLog = &mut j;
        let after_2: Vec<(u64, Edit)> = log
            .read_after(2)
            .unwrap()
            .into_iter()
            .map(|l| (l.seq, l.edit))
            .collect();
        assert_eq!(after_2, [(3, Edit::Delete { id: "a".into() })]);
        assert_eq!(log.read_after(0).unwrap().len(), 3);
        assert!(log.read_after(3).unwrap().is_empty());
        // An append after a read lands at the end, and counts on.
        assert_eq!(
            log.append(&changes([upsert("c"), upsert("d")]), &Meta::default())
                .unwrap(),
            4..=5
        );
        drop(j);
        let mut j = Journal::open(dir.path()).unwrap();
        let seqs: Vec<u64> = j
            .read_lines_after(0)
            .unwrap()
            .iter()
            .map(|l| l.seq)
            .collect();
        assert_eq!(seqs, [1, 2, 3, 4, 5]);
    }

    #[test]
    fn torn_last_line_is_dropped_and_cut_off() {
        let dir = tempfile::tempdir().unwrap();
        let (mut j, _) = open(dir.path()).unwrap();
        j.append(&changes([upsert("a"), upsert("b")]), &Meta::default())
            .unwrap();
        drop(j);
        let path = dir.path().join(FILE_NAME);
        let mut f = OpenOptions::new().append(true).open(&path).unwrap();
        f.write_all(br#"{"op":"upsert","namespace":"people","entry":{"id":"c","na"#)
            .unwrap();
        drop(f);
        let (mut j, r) = open(dir.path()).unwrap();
        assert_eq!(r, vec![upsert("a"), upsert("b")]);
        assert_eq!(j.dropped_torn_line(), Some(3));
        // The next append starts on a clean line.
        j.append(&changes([upsert("d")]), &Meta::default()).unwrap();
        drop(j);
        let (_, r) = open(dir.path()).unwrap();
        assert_eq!(r, vec![upsert("a"), upsert("b"), upsert("d")]);
    }

    #[test]
    fn one_holder_at_a_time() {
        let dir = tempfile::tempdir().unwrap();
        let (_held, _) = open(dir.path()).unwrap();
        assert!(matches!(open(dir.path()), Err(JournalError::Locked { .. })));
    }

    #[test]
    fn a_corrupt_complete_line_is_an_error_with_its_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(FILE_NAME),
            "{\"op\":\"delete\",\"id\":\"a\"}\nnot json\n",
        )
        .unwrap();
        let err = open(dir.path()).unwrap_err();
        assert!(err.to_string().contains("journal.jsonl:2:"), "{err}");
    }

    #[test]
    fn repair_moves_the_first_bad_line_and_the_rest_aside() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        let good = upsert("a").to_record(&Meta::default());
        let bad_entry = r#"{"op":"upsert","namespace":"n","entry":{"name":"X","type":"x"}}"#;
        std::fs::write(&path, format!("{good}\n{bad_entry}\n{good}\n")).unwrap();
        let r = repair(dir.path()).unwrap();
        assert_eq!(r.bad_line, Some(2));
        assert_eq!((r.moved_lines, r.kept_edits), (2, 1));
        let moved = std::fs::read_to_string(r.moved_to.unwrap()).unwrap();
        assert_eq!(moved, format!("{bad_entry}\n{good}\n"));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), format!("{good}\n"));
        // Sound now: nothing more to move; and never while the journal is held.
        assert_eq!(repair(dir.path()).unwrap().bad_line, None);
        let (_held, _) = open(dir.path()).unwrap();
        assert!(matches!(
            repair(dir.path()),
            Err(JournalError::Locked { .. })
        ));
    }

    #[test]
    fn a_corrupt_line_says_how_to_repair() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE_NAME), "not json\n").unwrap();
        let err = open(dir.path()).unwrap_err().to_string();
        let hint = format!("gazette journal repair --data-dir {}", dir.path().display());
        assert!(err.contains(&hint), "{err}");
    }
}
