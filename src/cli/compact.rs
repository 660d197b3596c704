//! `gazette compact`: folds the edit log's new entities into a gazetteer file.
//!
//! - **Journal** (`--data-dir`, the server stopped): the file is written, then the journal is
//!   rewritten to what the file cannot hold: upserts that replace entries of other gazetteer
//!   files, and deletes of them (a file cannot delete another file's entry).
//! - **Shared store** (`--edit-store`, replicas may run): the file is written and the store is
//!   left as it is, because a replica that restarts on the old files would lose the edits. Once
//!   every replica serves the file, `--prune-through SEQ` drops the folded edits from the store
//!   (after checking that the file holds them), in one transaction under the writers' lock.
//!
//! The file is written (atomically) before anything is removed from a log, so a crash in
//! between leaves an entity in both, which loads the same.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};

use super::error::CommandError;
use crate::edits::{Change, Edit, EditLog, Logged, Meta, Overlay};
use crate::gazetteer::{entry_json, LoadErrors};
use crate::sources;

/// What `gazette compact` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Compacted {
    /// Upserted entries written into the gazetteer file.
    pub(crate) folded: usize,
    /// Edits the log keeps (upserts replacing entries of other files, and deletes).
    pub(crate) remaining: usize,
    /// The newest edit folded (its seq).
    pub(crate) through: u64,
}

/// What folding a log into a file gives: the file's new lines, and the edits the log must keep.
struct Plan {
    /// The file's entries by id, in order, with the folded ones.
    lines: Vec<(String, serde_json::Value)>,
    /// The file's entries before (to tell whether folding changes it).
    before: Vec<(String, serde_json::Value)>,
    /// The edits the file cannot hold, each with its last edit's history.
    remaining: Vec<(Change, Meta)>,
    folded: usize,
}

impl Plan {
    /// Folds `logged` (as the server folds it: last write per id wins) into the `.jsonl` file
    /// `into`, given the gazetteers the server loads.
    fn new(
        logged: &[Logged],
        gazetteers: &[PathBuf],
        include_default: bool,
        into: &Path,
    ) -> Result<Plan, CompactError> {
        let edits = Overlay::fold(logged.iter().map(|l| &l.edit));
        // Each id's last edit: who made it, when, and what was there before, kept with the
        // edits the log keeps (the history of those ids goes on from them).
        let last: HashMap<&str, &Logged> = logged.iter().map(|l| (l.edit.id(), l)).collect();
        let kept = |edit: Edit| {
            let (before, meta) = last
                .get(edit.id())
                .map(|l| (l.before.clone(), l.meta.clone()))
                .unwrap_or_default();
            (Change { edit, before }, meta)
        };
        let before = read_lines(into)?;
        let mut lines = before.clone();
        let into_ids: HashSet<String> = lines.iter().map(|(id, _)| id.clone()).collect();
        // Ids other files define: upserts of those must stay in the log, or the next load
        // would see the id twice.
        let loaded = sources::load(gazetteers, include_default)?;
        let elsewhere: HashSet<String> = loaded
            .gazetteer
            .entries()
            .map(|e| e.id().to_string())
            .filter(|id| !into_ids.contains(id))
            .collect();
        let mut remaining = Vec::new();
        let mut folded = 0;
        for entry in edits.upserts() {
            if elsewhere.contains(&entry.id) {
                remaining.push(kept(Edit::Upsert(entry.clone())));
            } else {
                let line = entry_json(entry);
                match lines.iter_mut().find(|(x, _)| *x == entry.id) {
                    Some(slot) => slot.1 = line,
                    None => lines.push((entry.id.clone(), line)),
                }
                folded += 1;
            }
        }
        for id in edits.deletes() {
            let count = lines.len();
            lines.retain(|(x, _)| x != id);
            if lines.len() == count {
                remaining.push(kept(Edit::Delete { id: id.to_string() }));
            }
        }
        Ok(Plan {
            lines,
            before,
            remaining,
            folded,
        })
    }

    /// Writes the file's new lines, atomically.
    fn write(&self, into: &Path) -> Result<(), CompactError> {
        let mut out = String::new();
        for (_, v) in &self.lines {
            out.push_str(&v.to_string());
            out.push('\n');
        }
        let tmp = into.with_extension("jsonl.tmp");
        let write = |p: &Path, s: &str| -> std::io::Result<()> {
            let mut f = std::fs::File::create(p)?;
            f.write_all(s.as_bytes())?;
            f.sync_all()
        };
        write(&tmp, &out)
            .and_then(|()| std::fs::rename(&tmp, into))
            .map_err(CommandError::Output)?;
        Ok(())
    }
}

/// The `.jsonl` file's entries by id, in order (none if it does not exist yet).
fn read_lines(into: &Path) -> Result<Vec<(String, serde_json::Value)>, CompactError> {
    if crate::gazetteer::Format::from_file_name(&into.to_string_lossy())
        != Some(crate::gazetteer::Format::Jsonl)
    {
        return Err(CompactError::Into(format!(
            "{} must be a .jsonl file",
            into.display()
        )));
    }
    let mut lines = Vec::new();
    if !into.exists() {
        return Ok(lines);
    }
    let text = std::fs::read_to_string(into).map_err(|source| CommandError::Input {
        path: into.display().to_string(),
        source,
    })?;
    for (i, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let v: serde_json::Value = serde_json::from_str(line)
            .map_err(|e| CompactError::Into(format!("{}:{}: {e}", into.display(), i + 1)))?;
        lines.push((v["id"].as_str().unwrap_or_default().to_string(), v));
    }
    Ok(lines)
}

/// `gazette compact --data-dir`: folds the journal into `into` and rewrites the journal to what
/// is left. Holds the journal's lock, so it refuses to run while a server uses the directory.
pub(crate) fn journal(
    data_dir: &Path,
    gazetteers: &[PathBuf],
    include_default: bool,
    into: &Path,
) -> Result<Compacted, CompactError> {
    let mut journal = crate::journal::Journal::open(data_dir)?;
    let logged = journal
        .read_after(0)
        .map_err(|e| CompactError::Log(Box::new(e)))?;
    let plan = Plan::new(&logged, gazetteers, include_default, into)?;
    plan.write(into)?;
    journal.rewrite(&plan.remaining)?;
    Ok(Compacted {
        folded: plan.folded,
        remaining: plan.remaining.len(),
        through: logged.last().map_or(0, |l| l.seq),
    })
}

/// `gazette compact --edit-store`: folds the store's edits into `into`, leaving the store as it
/// is (replicas may be running on the old files).
pub(crate) async fn store(
    store: &crate::pg_log::PgLog,
    gazetteers: &[PathBuf],
    include_default: bool,
    into: &Path,
) -> Result<Compacted, CompactError> {
    let logged = store
        .edits_through(u64::MAX)
        .await
        .map_err(|e| CompactError::Log(Box::new(e)))?;
    let plan = Plan::new(&logged, gazetteers, include_default, into)?;
    plan.write(into)?;
    Ok(Compacted {
        folded: plan.folded,
        remaining: plan.remaining.len(),
        through: logged.last().map_or(0, |l| l.seq),
    })
}

/// What `--prune-through` removed from the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Pruned {
    /// Rows deleted.
    pub(crate) rows: u64,
    /// The entities they were edits of.
    pub(crate) entities: usize,
}

/// `gazette compact --edit-store --prune-through SEQ`: deletes from the store the edits up to
/// `through` that `into` holds. Refused unless folding them into `into` would change nothing,
/// i.e. `gazette compact` wrote them there.
pub(crate) async fn prune(
    store: &crate::pg_log::PgLog,
    through: u64,
    gazetteers: &[PathBuf],
    include_default: bool,
    into: &Path,
) -> Result<Pruned, CompactError> {
    let logged = store
        .edits_through(through)
        .await
        .map_err(|e| CompactError::Log(Box::new(e)))?;
    let plan = Plan::new(&logged, gazetteers, include_default, into)?;
    if plan.lines != plan.before {
        return Err(CompactError::Into(format!(
            "{} does not hold the edits through seq {through}: run `gazette compact` without \
             --prune-through first, and prune only once every replica serves the file",
            into.display()
        )));
    }
    let kept: HashSet<&str> = plan.remaining.iter().map(|(c, _)| c.edit.id()).collect();
    let mut ids: Vec<String> = logged
        .iter()
        .map(|l| l.edit.id())
        .filter(|id| !kept.contains(id))
        .map(str::to_string)
        .collect();
    ids.sort();
    ids.dedup();
    let file = into
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let rows = store
        .prune(through, &ids, &file)
        .await
        .map_err(|e| CompactError::Log(Box::new(e)))?;
    Ok(Pruned {
        rows,
        entities: ids.len(),
    })
}

/// Why `gazette compact` failed.
#[derive(Debug, thiserror::Error)]
pub(crate) enum CompactError {
    /// The edit log could not be opened, read or rewritten.
    #[error(transparent)]
    Log(Box<dyn std::error::Error + Send + Sync>),
    /// The target file is not usable.
    #[error("--into: {0}")]
    Into(String),
    /// Reading the gazetteers or writing the file failed.
    #[error(transparent)]
    Command(#[from] CommandError),
}

impl From<crate::journal::JournalError> for CompactError {
    fn from(e: crate::journal::JournalError) -> Self {
        CompactError::Log(Box::new(e))
    }
}

impl From<LoadErrors> for CompactError {
    fn from(e: LoadErrors) -> Self {
        CompactError::Command(CommandError::Load(e))
    }
}
