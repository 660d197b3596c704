//! Reloading the gazetteer files: one build at a time, callers coalescing into rounds, every
//! logged edit laid over the new files, and the outcome kept (clipped, with file names relative
//! to their roots) for `GetInfo`, the metrics and the log.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use super::{locked, LiveGazetteer, Sources};
use crate::gazetteer::{LoadError, LoadErrors};
use crate::metrics::{self, names};
use crate::quote::clip;
use crate::sources;

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
type RoundResult = Option<Result<Reloaded, ReloadError>>;

/// The reload round waiting to start, and the last outcome.
#[derive(Debug, Default)]
pub(super) struct Reloads {
    /// The reload round waiting for the running one to end, which new callers join.
    queued: std::sync::Mutex<Option<tokio::sync::watch::Sender<RoundResult>>>,
    last: std::sync::Mutex<Option<ReloadOutcome>>,
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

impl LiveGazetteer {
    /// The last reload attempt.
    pub fn last_reload(&self) -> Option<ReloadOutcome> {
        locked(&self.reloads.last).clone()
    }

    /// Builds the index again from the sources and swaps it in if it validates.
    ///
    /// One build at a time, and callers coalesce: a call made while a reload is running waits
    /// for the next round, which every such caller shares, so N callers cause at most two
    /// builds. The round runs in its own task and holds the build lock until its build ends,
    /// so a caller that gives up (a client deadline) cannot start a second build beside it.
    pub async fn reload(self: &Arc<Self>, trigger: Trigger) -> Result<Reloaded, ReloadError> {
        let Some(sources) = self.sources.clone() else {
            return Err(ReloadError::NoSources);
        };
        let mut round = {
            let mut queued = locked(&self.reloads.queued);
            match queued.as_ref() {
                Some(tx) => tx.subscribe(),
                None => {
                    let (tx, rx) = tokio::sync::watch::channel(None);
                    *queued = Some(tx.clone());
                    let live = self.clone();
                    tokio::spawn(async move {
                        let _one_build = live.builds.lock.clone().lock_owned().await;
                        // Running now: later callers queue a new round.
                        locked(&live.reloads.queued).take();
                        let result = live.reload_now(trigger, sources).await;
                        tx.send_replace(Some(result));
                    });
                    rx
                }
            }
        };
        let answer = round
            .wait_for(Option::is_some)
            .await
            .map_err(|_| ReloadError::Task("the reload task ended without an answer".into()))?
            .clone();
        answer.unwrap_or_else(|| Err(ReloadError::Task("no reload result".into())))
    }

    /// One reload round; the caller holds the build lock.
    async fn reload_now(
        self: &Arc<Self>,
        trigger: Trigger,
        sources: Sources,
    ) -> Result<Reloaded, ReloadError> {
        let started = Instant::now();
        let running = self.builds.running();
        let built = tokio::task::spawn_blocking(move || {
            let _running = running;
            sources::load(&sources.paths, sources.include_default)
        })
        .await
        .map_err(|e| ReloadError::Task(e.to_string()));
        let duration = started.elapsed();
        // Edits wait while the new base takes their layer; not during the build above.
        let _state = self.state_lock.lock().await;
        let previous_version = self.snapshot().extractor.gazetteer().version().to_string();
        // Edits stay in effect over the new files.
        let result = built.and_then(|built| {
            let mut layers = locked(&self.layers);
            let (base, serving) = built
                .and_then(|loaded| {
                    let serving = layers.all.over(&loaded.gazetteer)?;
                    Ok((loaded.gazetteer, serving))
                })
                .map_err(ReloadError::Invalid)?;
            layers.pending = layers.all.clone();
            let version = serving.version().to_string();
            let entries = serving.len();
            let changed = version != previous_version;
            if changed {
                layers.base = base;
                drop(layers);
                self.publish(serving);
            } else {
                // The same content: keep the base the serving index shares. Replacing it
                // with the new build kept two whole indexes alive (RSS doubled after every
                // reload that changed nothing).
                tokio::task::spawn_blocking(move || drop((base, serving)));
            }
            Ok(Reloaded {
                version,
                previous_version,
                changed,
                entries,
                duration,
            })
        });
        self.record(trigger, &result, duration);
        result
    }

    fn record(&self, trigger: Trigger, result: &Result<Reloaded, ReloadError>, duration: Duration) {
        // A file of 100k bad lines once made GetInfo 7.5 MB and one 7.5 MB log line: only the
        // first few problems are kept, clipped, with the file names relative to their roots.
        let roots: &[PathBuf] = self.sources.as_ref().map_or(&[], |s| &s.paths[..]);
        let kept = |e: &dyn std::fmt::Display| {
            clip(
                &relative_paths(&e.to_string(), roots),
                MAX_RELOAD_ERROR_BYTES,
            )
            .into_owned()
        };
        let (errors, error_count) = match result {
            Err(ReloadError::Invalid(e)) => (
                e.0.iter()
                    .take(MAX_RELOAD_ERRORS)
                    .map(|e| kept(e))
                    .collect(),
                e.0.len(),
            ),
            Err(e) => (vec![kept(e)], 1),
            Ok(_) => (Vec::new(), 0),
        };
        let outcome = ReloadOutcome {
            ok: result.is_ok(),
            at: SystemTime::now(),
            version: self.snapshot().extractor.gazetteer().version().to_string(),
            errors,
            error_count,
            trigger,
            duration,
        };
        let label = if outcome.ok { "ok" } else { "error" };
        ::metrics::counter!(names::RELOADS, "trigger" => trigger.as_str(), "result" => label)
            .increment(1);
        metrics::record_gazetteer(self.snapshot().extractor.gazetteer());
        match result {
            Ok(r) => tracing::info!(
                trigger = trigger.as_str(),
                version = %r.version,
                changed = r.changed,
                ms = duration.as_millis() as u64,
                "gazetteer reloaded"
            ),
            Err(_) => tracing::warn!(
                trigger = trigger.as_str(),
                errors = outcome.error_count,
                first = ?outcome.errors,
                "gazetteer reload failed; the previous version keeps serving ({})",
                SEE_CHECK
            ),
        }
        *locked(&self.reloads.last) = Some(outcome);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Extractor;

    #[tokio::test]
    async fn a_reload_that_changes_nothing_keeps_one_index() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("geo.tsv");
        std::fs::write(&file, "Syria\tLOCATION\tSY\n").expect("write");
        let sources = Sources {
            paths: vec![dir.path().to_path_buf()],
            include_default: false,
        };
        let loaded = crate::sources::load(&sources.paths, false).expect("load");
        let live = LiveGazetteer::new(Extractor::new(loaded.gazetteer), Some(sources));
        let serving_base = |live: &LiveGazetteer| {
            let snapshot = live.snapshot();
            let base = locked(&live.layers).base.clone();
            base.shares_base_with(snapshot.extractor.gazetteer())
        };
        let r = live.reload(Trigger::Rpc).await.expect("reload");
        assert!(!r.changed);
        assert!(
            serving_base(&live),
            "the base and the serving index are two copies"
        );
        std::fs::write(&file, "Syria\tLOCATION\tSY\nTurkey\tLOCATION\tTR\n").expect("write");
        let r = live.reload(Trigger::Rpc).await.expect("reload");
        assert!(r.changed);
        assert!(serving_base(&live));
        assert_eq!(live.snapshot().extractor.gazetteer().len(), 2);
    }

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
