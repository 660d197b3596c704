//! The gazetteer the server is serving now, and replacing it while requests run.
//!
//! Readers take a snapshot (`Arc`) per request, so a request finishes on the index it started
//! with; reloads build the new index on the blocking pool, validate it, and publish it with one
//! atomic swap (`arc-swap`, lock-free for readers). A reload that fails leaves the old index in
//! place.
//!
//! Work that must not be cut in half runs in its own task, never in the caller's future: a
//! gRPC handler is dropped when its client's deadline passes or the client goes away, and
//! whatever it was awaiting would stop at that `.await`.
//!
//! - An edit (validate, journal, apply) runs in a spawned task; the caller only awaits its
//!   result. Once the journal write has begun, the edit is applied too, whether or not anyone
//!   is still waiting, so what is served always equals what a restart would replay.
//! - Full builds (reloads and background merges) run one at a time (`build_lock`), held by the
//!   task doing the build until the build has really ended. Reload requests coalesce: callers
//!   arriving while a reload runs share the next one, so any number of queued callers cause at
//!   most one more build.
//! - Edits and swaps of the serving index are serialised by `state_lock`, which is never held
//!   across a full build.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant, SystemTime};

use arc_swap::ArcSwap;

use std::collections::{BTreeMap, BTreeSet};

use crate::extract::Extractor;
use crate::gazetteer::{parse_entry, Entry, Gazetteer, LoadErrors};
use crate::journal::{Edit, Journal, JournalError};
use crate::sources;

use super::metrics::names;

/// Where the gazetteer comes from, to load it again.
#[derive(Debug, Clone)]
pub struct Sources {
    /// Gazetteer directories or files, as given with `--gazetteer`.
    pub paths: Vec<PathBuf>,
    /// Whether the embedded default is loaded too.
    pub include_default: bool,
}

/// One index in service.
#[derive(Debug)]
pub struct Snapshot {
    /// The extractor over this version.
    pub extractor: Extractor,
    /// When it was loaded.
    pub loaded_at: SystemTime,
}

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
    /// The first problems (at most `status::MAX_RELOAD_ERRORS`, each clipped), as
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

/// Admin edits in effect, by id (the journal folded).
#[derive(Debug, Default, Clone)]
pub struct Overlay {
    upserts: BTreeMap<String, Entry>,
    deletes: BTreeSet<String>,
}

impl Overlay {
    /// Applies one edit; an upsert whose entry does not validate is an error.
    pub fn apply(&mut self, edit: &Edit) -> Result<(), String> {
        match edit {
            Edit::Upsert { namespace, entry } => {
                let e = parse_entry(&entry.to_string(), namespace).map_err(|e| e.to_string())?;
                self.deletes.remove(&e.id);
                self.upserts.insert(e.id.clone(), e);
            }
            Edit::Delete { id } => {
                self.upserts.remove(id);
                self.deletes.insert(id.clone());
            }
        }
        Ok(())
    }

    /// `base` with these edits as its upper layer.
    pub fn over(&self, base: &Gazetteer) -> Result<Gazetteer, LoadErrors> {
        let deletes: Vec<String> = self.deletes.iter().cloned().collect();
        base.with_edits(self.upserts.values().cloned().collect(), &deletes)
    }

    /// Number of upserts and deletes in effect.
    pub fn len(&self) -> (usize, usize) {
        (self.upserts.len(), self.deletes.len())
    }
}

/// Why an edit was not made.
#[derive(Debug, thiserror::Error)]
pub enum EditError {
    /// No `--data-dir`: edits could not be made durable, so none are accepted.
    #[error("edits are disabled: no --data-dir to journal them in")]
    NoJournal,
    /// An upserted entry does not validate.
    #[error("{0}")]
    Invalid(String),
    /// The journal could not be written or synced; nothing was acknowledged.
    #[error("{0}")]
    Journal(#[from] JournalError),
    /// The edit task failed.
    #[error("edit task failed: {0}")]
    Task(String),
}

/// An acknowledged edit.
#[derive(Debug, Clone)]
pub struct Edited {
    /// The version serving now, with the edit.
    pub version: String,
    /// How many edits were applied.
    pub applied: usize,
    /// How long from request to visible, journal sync included.
    pub duration: Duration,
}

/// Full builds so far, for tests and diagnostics (see [`LiveGazetteer::build_stats`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuildStats {
    /// Full builds (reloads and merges) started since the server started.
    pub started: u64,
    /// Builds running now.
    pub running: usize,
    /// The most that ever ran at the same time: 1, as builds are single-flight.
    pub max_running: usize,
}

#[derive(Debug, Default)]
struct BuildCounters {
    started: AtomicU64,
    running: AtomicUsize,
    max_running: AtomicUsize,
}

/// Counts a build as running for as long as it lives (dropped on the build's thread, panics
/// included).
struct BuildRunning(Arc<BuildCounters>);

impl BuildRunning {
    fn start(c: &Arc<BuildCounters>) -> BuildRunning {
        c.started.fetch_add(1, Ordering::Relaxed);
        let now = c.running.fetch_add(1, Ordering::AcqRel) + 1;
        c.max_running.fetch_max(now, Ordering::AcqRel);
        BuildRunning(c.clone())
    }
}

impl Drop for BuildRunning {
    fn drop(&mut self) {
        self.0.running.fetch_sub(1, Ordering::AcqRel);
    }
}

/// The answer every caller of one reload round gets.
type RoundResult = Option<Result<Reloaded, ReloadError>>;

/// A std mutex's guard, even if a thread panicked holding it: every value kept behind these
/// mutexes is replaced whole, never left half-updated, so the data is still sound.
fn locked<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The serving gazetteer and its reload machinery.
#[derive(Debug)]
pub struct LiveGazetteer {
    current: ArcSwap<Snapshot>,
    sources: Option<Sources>,
    /// Serialises edits and the swaps of reloads and merges (never held across a full build).
    state_lock: tokio::sync::Mutex<()>,
    /// One full build (reload or merge) at a time, held by the task that builds.
    build_lock: Arc<tokio::sync::Mutex<()>>,
    /// The reload round waiting for the running one to end, which new callers join.
    queued_reload: Mutex<Option<tokio::sync::watch::Sender<RoundResult>>>,
    builds: Arc<BuildCounters>,
    /// Test hook: a pause after the journal write, standing in for a slow disk.
    edit_pause_ms: AtomicU64,
    last_reload: Mutex<Option<ReloadOutcome>>,
    /// The base layer: the files, plus edits merged into it since the last reload.
    base: Mutex<Gazetteer>,
    /// Edits not merged into `base` yet: the edit layer.
    overlay: Mutex<Overlay>,
    /// Every edit since the journal began, in order: reloads apply them over the new files.
    all_edits: Mutex<Vec<Edit>>,
    journal: Arc<Mutex<Option<Journal>>>,
    /// Merge the edit layer into the base once it holds this many upserted entries.
    merge_at: AtomicUsize,
    merging: AtomicBool,
}

/// Default for `--merge-edits-at`: an edit rebuilds the edit layer, which takes ~0.1 s at 10,000
/// entries and ~1.4 s at 50,000 (measured on a 100k base), so merge well before that.
pub const DEFAULT_MERGE_EDITS_AT: usize = 5_000;

impl LiveGazetteer {
    /// Serves `extractor`; `sources` (if any) is what reloads read.
    pub fn new(extractor: Extractor, sources: Option<Sources>) -> Arc<LiveGazetteer> {
        let base = extractor.gazetteer().clone();
        Arc::new(LiveGazetteer {
            current: ArcSwap::from_pointee(Snapshot {
                extractor,
                loaded_at: SystemTime::now(),
            }),
            sources,
            state_lock: tokio::sync::Mutex::new(()),
            build_lock: Arc::new(tokio::sync::Mutex::new(())),
            queued_reload: Mutex::new(None),
            builds: Arc::new(BuildCounters::default()),
            edit_pause_ms: AtomicU64::new(0),
            last_reload: Mutex::new(None),
            base: Mutex::new(base),
            overlay: Mutex::new(Overlay::default()),
            all_edits: Mutex::new(Vec::new()),
            journal: Arc::new(Mutex::new(None)),
            merge_at: AtomicUsize::new(DEFAULT_MERGE_EDITS_AT),
            merging: AtomicBool::new(false),
        })
    }

    /// Sets how many upserted entries the edit layer may hold before it is merged into the
    /// base in the background.
    pub fn set_merge_at(&self, entries: usize) {
        self.merge_at.store(entries.max(1), Ordering::Relaxed);
    }

    /// Test hook: every edit pauses this long after its journal write, as on a slow disk, so a
    /// test can let a client's deadline pass mid-edit.
    #[doc(hidden)]
    pub fn set_edit_pause_for_tests(&self, pause: Duration) {
        self.edit_pause_ms
            .store(pause.as_millis() as u64, Ordering::Relaxed);
    }

    /// How many full builds have run, and whether any ever overlapped.
    pub fn build_stats(&self) -> BuildStats {
        BuildStats {
            started: self.builds.started.load(Ordering::Relaxed),
            running: self.builds.running.load(Ordering::Acquire),
            max_running: self.builds.max_running.load(Ordering::Acquire),
        }
    }

    /// Serves `base` with the edits of `journal` (already replayed into `edits`) over it, and
    /// journals further edits there.
    pub fn with_journal(
        base: Gazetteer,
        sources: Option<Sources>,
        journal: Journal,
        edits: &[Edit],
    ) -> Result<Arc<LiveGazetteer>, String> {
        LiveGazetteer::with_journal_lines(base, sources, journal, edits, &[])
    }

    /// [`LiveGazetteer::with_journal`], with the journal line of each edit
    /// ([`crate::journal::Replayed::lines`]) so an edit that does not apply is named by
    /// `file:line`.
    pub fn with_journal_lines(
        base: Gazetteer,
        sources: Option<Sources>,
        journal: Journal,
        edits: &[Edit],
        lines: &[usize],
    ) -> Result<Arc<LiveGazetteer>, String> {
        let mut overlay = Overlay::default();
        for (i, e) in edits.iter().enumerate() {
            overlay.apply(e).map_err(|message| {
                JournalError::Corrupt {
                    path: journal.path().to_path_buf(),
                    line: lines.get(i).copied().unwrap_or(i + 1),
                    message,
                }
                .to_string()
            })?;
        }
        let serving = overlay.over(&base).map_err(|e| e.to_string())?;
        let live = LiveGazetteer::new(Extractor::new(serving), sources);
        *locked(&live.base) = base;
        *locked(&live.overlay) = overlay;
        *locked(&live.all_edits) = edits.to_vec();
        *locked(&live.journal) = Some(journal);
        Ok(live)
    }

    /// Every edit since the journal began, folded.
    fn all_edits_folded(&self) -> Result<Overlay, String> {
        let mut o = Overlay::default();
        for e in locked(&self.all_edits).iter() {
            o.apply(e)?;
        }
        Ok(o)
    }

    /// Folds the edit layer into the base: a full build on the blocking pool while edits go on,
    /// then a quick swap that keeps the edits made meanwhile in a new, small edit layer. Holds
    /// the build lock throughout, so it never overlaps a reload's build; skipped if a reload
    /// replaced the base in the meantime (it merged everything itself).
    pub async fn merge_edits(self: Arc<Self>) -> Result<(), String> {
        let _one_build = self.build_lock.clone().lock_owned().await;
        let (base0, pending0, mark) = {
            let _g = self.state_lock.lock().await;
            let base = locked(&self.base).clone();
            let mark = locked(&self.all_edits).len();
            (base, self.overlay(), mark)
        };
        let started = Instant::now();
        let base0_version = base0.version().to_string();
        let builds = self.builds.clone();
        let merged = tokio::task::spawn_blocking(move || -> Result<Gazetteer, String> {
            let _running = BuildRunning::start(&builds);
            let layered = pending0.over(&base0).map_err(|e| e.to_string())?;
            layered.merged().map_err(|e| e.to_string())
        })
        .await
        .map_err(|e| e.to_string())??;
        let _g = self.state_lock.lock().await;
        if locked(&self.base).version() != base0_version {
            return Ok(());
        }
        let mut pending = Overlay::default();
        for e in locked(&self.all_edits).iter().skip(mark) {
            pending.apply(e)?;
        }
        let serving = pending.over(&merged).map_err(|e| e.to_string())?;
        let old = self.current.swap(Arc::new(Snapshot {
            extractor: Extractor::new(serving),
            loaded_at: SystemTime::now(),
        }));
        tokio::task::spawn_blocking(move || drop(old));
        *locked(&self.base) = merged;
        *locked(&self.overlay) = pending;
        tracing::info!(
            ms = started.elapsed().as_millis() as u64,
            "edit layer merged into the base"
        );
        Ok(())
    }

    /// The edits in effect.
    pub fn overlay(&self) -> Overlay {
        locked(&self.overlay).clone()
    }

    /// Validates, journals (synced to disk) and applies `edits`; returns once they are visible.
    /// Only the small edit layer is rebuilt, never the base automaton; when the layer grows past
    /// the merge threshold, a background merge folds it into the base.
    ///
    /// The work runs in its own task: if the caller is dropped (its client's deadline passed),
    /// the edit still either fails before its journal write or is applied in full.
    pub async fn edit(self: &Arc<Self>, edits: Vec<Edit>) -> Result<Edited, EditError> {
        let live = self.clone();
        tokio::spawn(async move { live.edit_now(edits).await })
            .await
            .map_err(|e| EditError::Task(e.to_string()))?
    }

    async fn edit_now(self: Arc<Self>, edits: Vec<Edit>) -> Result<Edited, EditError> {
        let started = Instant::now();
        let _state = self.state_lock.lock().await;
        let journal = self.journal.clone();
        if locked(&journal).is_none() {
            return Err(EditError::NoJournal);
        }
        let mut overlay = self.overlay();
        for e in &edits {
            overlay.apply(e).map_err(EditError::Invalid)?;
        }
        let base = locked(&self.base).clone();
        let applied = edits.len();
        let upserts = edits
            .iter()
            .filter(|e| matches!(e, Edit::Upsert { .. }))
            .count();
        let pause = Duration::from_millis(self.edit_pause_ms.load(Ordering::Relaxed));
        let (serving, overlay, edits) = tokio::task::spawn_blocking(move || {
            let serving = overlay
                .over(&base)
                .map_err(|e| EditError::Invalid(e.to_string()))?;
            // Durable before visible, and before the caller hears "done". Nothing that can fail
            // comes after the write: from here on the edit is applied.
            locked(&journal)
                .as_mut()
                .ok_or(EditError::NoJournal)?
                .append(&edits)?;
            if !pause.is_zero() {
                std::thread::sleep(pause);
            }
            Ok::<_, EditError>((serving, overlay, edits))
        })
        .await
        .map_err(|e| EditError::Task(e.to_string()))??;
        locked(&self.all_edits).extend(edits);
        let version = serving.version().to_string();
        let old = self.current.swap(Arc::new(Snapshot {
            extractor: Extractor::new(serving),
            loaded_at: SystemTime::now(),
        }));
        tokio::task::spawn_blocking(move || drop(old));
        let layer = overlay.len().0;
        *locked(&self.overlay) = overlay;
        if layer >= self.merge_at.load(Ordering::Relaxed)
            && !self.merging.swap(true, Ordering::AcqRel)
        {
            let live = self.clone();
            let merge = tokio::spawn(live.clone().merge_edits());
            tokio::spawn(async move {
                // Awaited through its JoinHandle, so a panicking merge still clears the flag
                // (a stuck flag would stop every later merge).
                match merge.await {
                    Ok(Ok(())) => {}
                    Ok(Err(e)) => tracing::warn!(
                        error = %e,
                        "merging the edit layer failed; it keeps serving as a layer"
                    ),
                    Err(e) => tracing::error!(error = %e, "the edit-layer merge task failed"),
                }
                live.merging.store(false, Ordering::Release);
            });
        }
        for (op, n) in [("upsert", upserts), ("delete", applied - upserts)] {
            metrics::counter!(names::EDITS, "op" => op).increment(n as u64);
        }
        super::metrics::record_gazetteer(self.snapshot().extractor.gazetteer());
        Ok(Edited {
            version,
            applied,
            duration: started.elapsed(),
        })
    }

    /// The index serving now; hold it for the whole request.
    pub fn snapshot(&self) -> Arc<Snapshot> {
        self.current.load_full()
    }

    /// The configured sources, if the gazetteer can be reloaded.
    pub fn sources(&self) -> Option<&Sources> {
        self.sources.as_ref()
    }

    /// The last reload attempt.
    pub fn last_reload(&self) -> Option<ReloadOutcome> {
        self.last_reload.lock().map(|g| g.clone()).unwrap_or(None)
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
            let mut queued = locked(&self.queued_reload);
            match queued.as_ref() {
                Some(tx) => tx.subscribe(),
                None => {
                    let (tx, rx) = tokio::sync::watch::channel(None);
                    *queued = Some(tx.clone());
                    let live = self.clone();
                    tokio::spawn(async move {
                        let _one_build = live.build_lock.clone().lock_owned().await;
                        // Running now: later callers queue a new round.
                        locked(&live.queued_reload).take();
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
        let builds = self.builds.clone();
        let built = tokio::task::spawn_blocking(move || {
            let _running = BuildRunning::start(&builds);
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
            let all = self.all_edits_folded().map_err(ReloadError::Task)?;
            let (base, serving) = built
                .and_then(|loaded| {
                    let serving = all.over(&loaded.gazetteer)?;
                    Ok((loaded.gazetteer, serving))
                })
                .map_err(ReloadError::Invalid)?;
            *locked(&self.overlay) = all;
            let version = serving.version().to_string();
            let entries = serving.len();
            let changed = version != previous_version;
            if changed {
                *locked(&self.base) = base;
                let old = self.current.swap(Arc::new(Snapshot {
                    extractor: Extractor::new(serving),
                    loaded_at: SystemTime::now(),
                }));
                // Freeing a large index takes time: not on a request's thread.
                tokio::task::spawn_blocking(move || drop(old));
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
        use super::status::{clip, relative_paths, MAX_RELOAD_ERRORS, MAX_RELOAD_ERROR_BYTES};
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
        metrics::counter!(names::RELOADS, "trigger" => trigger.as_str(), "result" => label)
            .increment(1);
        super::metrics::record_gazetteer(self.snapshot().extractor.gazetteer());
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
                super::status::SEE_CHECK
            ),
        }
        if let Ok(mut last) = self.last_reload.lock() {
            *last = Some(outcome);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            let base = live.base.lock().expect("base").clone();
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
}
