//! What a reload tells its callers and what is kept of it: triggers, outcomes (their problems
//! clipped and with file names relative to the gazetteer roots) and the coalescing rounds.

use std::path::Path;
use std::time::{Duration, SystemTime};

use crate::gazetteer::{LoadError, LoadErrors};

/// What started a reload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger {
    /// `GazetteerAdmin.Reload`.
    Rpc,
    /// SIGHUP.
    Signal,
    /// The gazetteer files changed.
    Watch,
}

impl Trigger {
    /// Lower-case name, as reported in `ReloadResult.trigger`.
    pub fn as_str(self) -> &'static str {
        match self {
            Trigger::Rpc => "rpc",
            Trigger::Signal => "signal",
            Trigger::Watch => "watch",
        }
    }
}

/// A finished reload attempt.
#[derive(Debug, Clone)]
pub struct ReloadOutcome {
    /// Whether the new index was built (whether or not it differed).
    pub ok: bool,
    /// When the attempt ended.
    pub at: SystemTime,
    /// The version serving after the attempt.
    pub version: String,
    /// The first problems (at most [`MAX_RELOAD_ERRORS`], each clipped), as
    /// `file:line: reason` with the file relative to its gazetteer root, when it failed.
    pub errors: Vec<String>,
    /// How many problems there were in all (`gazette check` lists every one).
    pub error_count: usize,
    /// What started it.
    pub trigger: Trigger,
    /// How long it took.
    pub duration: Duration,
}

/// A successful reload.
#[derive(Debug, Clone)]
pub struct Reloaded {
    /// The version serving now.
    pub version: String,
    /// The version before.
    pub previous_version: String,
    /// False when the files gave the same content.
    pub changed: bool,
    /// Entries in the serving index.
    pub entries: usize,
    /// How long the build took.
    pub duration: Duration,
}

/// Why a reload did not happen.
#[derive(Debug, Clone, thiserror::Error)]
pub enum ReloadError {
    /// This server was started on a fixed gazetteer with no files to reload.
    #[error("this server has no gazetteer sources to reload")]
    NoSources,
    /// The files did not validate; the old index keeps serving.
    #[error("{0}")]
    Invalid(LoadErrors),
    /// The build task failed.
    #[error("reload task failed: {0}")]
    Task(String),
}

/// The answer every caller of one reload round gets.
pub(super) type RoundResult = Option<Result<Reloaded, ReloadError>>;

/// The reload round waiting to start, and the last outcome.
#[derive(Debug, Default)]
pub(super) struct Reloads {
    /// The reload round waiting for the running one to end, which new callers join.
    pub(super) queued: std::sync::Mutex<Option<tokio::sync::watch::Sender<RoundResult>>>,
    pub(super) last: std::sync::Mutex<Option<ReloadOutcome>>,
}

/// Most problems of a failed reload kept and listed (in its status, in `GetInfo` and in the log);
/// the count of all of them is kept, and `gazette check` lists them all.
pub const MAX_RELOAD_ERRORS: usize = 20;

/// Longest reload problem kept, in bytes (lines quote the file's content).
pub const MAX_RELOAD_ERROR_BYTES: usize = 300;

/// Where to find every problem when only the first few are reported.
pub const SEE_CHECK: &str = "run `gazette check --gazetteer <dir>` to list every problem";

/// `errors` with their file names relative to the gazetteer roots in `roots` (as given on the
/// command line): `people.jsonl` for a root that is that file, `<dir-name>/people.jsonl` for a
/// file in a root directory. Answers and the `GetInfo` history never carry absolute server paths.
pub fn relative_to_roots(errors: LoadErrors, roots: &[impl AsRef<Path>]) -> LoadErrors {
    LoadErrors(
        errors
            .0
            .into_iter()
            .map(|e| LoadError {
                source_name: relative_paths(&e.source_name, roots),
                line: e.line,
                message: relative_paths(&e.message, roots),
            })
            .collect(),
    )
}

/// `text` with each root's path replaced by its last component in the paths it quotes (a
/// duplicate id's message names the file of the first definition).
pub fn relative_paths(text: &str, roots: &[impl AsRef<Path>]) -> String {
    let mut out = text.to_string();
    for root in roots {
        // Without a trailing separator, as the paths of its files print.
        let root: std::path::PathBuf = root.as_ref().components().collect();
        let Some(name) = root.file_name() else {
            continue;
        };
        let full = root.display().to_string();
        let name = name.to_string_lossy();
        if full != name {
            out = out.replace(&full, &name);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_made_relative_to_their_root() {
        let roots = ["/srv/gazette/data", "/etc/extra.tsv"];
        assert_eq!(
            relative_paths("/srv/gazette/data/a.jsonl:3: duplicate id \"X\" (first defined at /etc/extra.tsv:1)", &roots),
            "data/a.jsonl:3: duplicate id \"X\" (first defined at extra.tsv:1)"
        );
        assert_eq!(relative_paths("/data/a.tsv", &["/data/"]), "data/a.tsv");
        assert_eq!(relative_paths("gaz/a.tsv", &["gaz"]), "gaz/a.tsv");
    }
}
