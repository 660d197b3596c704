//! `gazette compact`: folds the edit journal into a gazetteer file (`gazette journal repair` is
//! [`crate::journal::repair`]; its report is printed by the dispatcher in `cli.rs`).

use std::io::Write;
use std::path::{Path, PathBuf};

use super::error::CommandError;
use crate::gazetteer::LoadErrors;
use crate::sources;

/// What `gazette compact` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Compacted {
    /// Upserted entries written into the gazetteer file.
    pub(crate) folded: usize,
    /// Edits left in the journal (upserts replacing entries of other files, and deletes).
    pub(crate) remaining: usize,
}

/// `gazette compact`: folds the journal's upserts of new entities into the gazetteer file
/// `into` (a `.jsonl` file, normally inside a `--gazetteer` directory; its stem becomes their
/// namespace) and rewrites the journal to what is left: upserts that replace entries defined in
/// other gazetteer files, and deletes (a file cannot delete another file's entry). Holds the
/// journal's lock, so it refuses to run while a server uses the data directory.
///
/// The file is written (atomically) before the journal is rewritten, so a crash in between
/// leaves an entity in both, which loads the same.
pub(crate) fn compact(
    data_dir: &Path,
    gazetteers: &[PathBuf],
    include_default: bool,
    into: &Path,
) -> Result<Compacted, CompactError> {
    use std::collections::HashSet;

    use crate::edits::{Edit, EditLog, Overlay};
    use crate::gazetteer::entry_json;
    use crate::journal::Journal;

    if crate::gazetteer::Format::from_file_name(&into.to_string_lossy())
        != Some(crate::gazetteer::Format::Jsonl)
    {
        return Err(CompactError::Into(format!(
            "{} must be a .jsonl file",
            into.display()
        )));
    }
    let mut journal = Journal::open(data_dir)?;
    // The journal folded as the server folds it: last write per id wins.
    let logged = journal
        .read_after(0)
        .map_err(|e| CompactError::Journal(Box::new(e)))?;
    let edits = Overlay::fold(logged.iter().map(|l| &l.edit));
    // Each id's last edit: who made it, when, and what was there before, kept with the edits
    // the journal keeps (the history of those ids goes on from them).
    let last: std::collections::HashMap<&str, &crate::edits::Logged> =
        logged.iter().map(|l| (l.edit.id(), l)).collect();
    let kept = |edit: Edit| {
        let (before, meta) = last
            .get(edit.id())
            .map(|l| (l.before.clone(), l.meta.clone()))
            .unwrap_or_default();
        (crate::edits::Change { edit, before }, meta)
    };
    // The target file's current entries, by id, in order.
    let mut lines: Vec<(String, serde_json::Value)> = Vec::new();
    if into.exists() {
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
    }
    let into_ids: HashSet<String> = lines.iter().map(|(id, _)| id.clone()).collect();
    // Ids other files define: upserts of those must stay in the journal, or the next load
    // would see the id twice.
    let loaded = sources::load(gazetteers, include_default)?;
    let elsewhere: HashSet<String> = loaded
        .gazetteer
        .entries()
        .map(|e| e.id().to_string())
        .filter(|id| !into_ids.contains(id))
        .collect();

    let mut remaining: Vec<Edit> = Vec::new();
    let mut folded = 0;
    for entry in edits.upserts() {
        if elsewhere.contains(&entry.id) {
            remaining.push(Edit::Upsert(entry.clone()));
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
        let before = lines.len();
        lines.retain(|(x, _)| x != id);
        if lines.len() == before {
            remaining.push(Edit::Delete { id: id.to_string() });
        }
    }
    let tmp = into.with_extension("jsonl.tmp");
    let mut out = String::new();
    for (_, v) in &lines {
        out.push_str(&v.to_string());
        out.push('\n');
    }
    let write = |p: &Path, s: &str| -> std::io::Result<()> {
        let mut f = std::fs::File::create(p)?;
        f.write_all(s.as_bytes())?;
        f.sync_all()
    };
    write(&tmp, &out)
        .and_then(|()| std::fs::rename(&tmp, into))
        .map_err(CommandError::Output)?;
    let remaining: Vec<_> = remaining.into_iter().map(kept).collect();
    journal.rewrite(&remaining)?;
    Ok(Compacted {
        folded,
        remaining: remaining.len(),
    })
}

/// Why `gazette compact` failed.
#[derive(Debug, thiserror::Error)]
pub(crate) enum CompactError {
    /// The journal could not be opened, read or rewritten.
    #[error(transparent)]
    Journal(Box<dyn std::error::Error + Send + Sync>),
    /// The target file is not usable.
    #[error("--into: {0}")]
    Into(String),
    /// Reading the gazetteers or writing the file failed.
    #[error(transparent)]
    Command(#[from] CommandError),
}

impl From<crate::journal::JournalError> for CompactError {
    fn from(e: crate::journal::JournalError) -> Self {
        CompactError::Journal(Box::new(e))
    }
}

impl From<LoadErrors> for CompactError {
    fn from(e: LoadErrors) -> Self {
        CompactError::Command(CommandError::Load(e))
    }
}
