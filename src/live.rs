//! The gazetteer the server is serving now, and replacing it while requests run: edits, reloads
//! and background merges. Tokio and files, but no gRPC: the transport calls in here.
//!
//! Readers take a snapshot (`Arc`) per request, so a request finishes on the index it started
//! with; new indexes are built on the blocking pool, validated, and published with one atomic
//! swap (`arc-swap`, lock-free for readers). A reload that fails leaves the old index in place.
//!
//! What is served is three layers: the files (`base`), the edits not yet merged into the base
//! (the edit layer, [`Overlay`]), and, for reloads, every edit since the log began (laid over
//! the new files, so edits outlive reloads). Edits are typed ([`Edit`]) and parsed once, at the
//! edge; they are made durable through an [`EditLog`] (the file journal today).
//!
//! Work that must not be cut in half runs in its own task, never in the caller's future: a
//! gRPC handler is dropped when its client's deadline passes or the client goes away, and
//! whatever it was awaiting would stop at that `.await`.
//!
//! - An edit (validate, log, apply) runs in a spawned task; the caller only awaits its result.
//!   Once the log write has begun, the edit is applied too, whether or not anyone is still
//!   waiting, so what is served always equals what a restart would replay.
//! - Full builds (reloads and background merges) run one at a time (`build_lock`), held by the
//!   task doing the build until the build has really ended. Reload requests coalesce: callers
//!   arriving while a reload runs share the next one (`live/reload.rs`).
//! - Edits and swaps of the serving index are serialised by `state_lock`, which is never held
//!   across a full build (`live/merge.rs`).

mod merge;
mod reload;

pub use merge::{BuildStats, MergeError, DEFAULT_MERGE_EDITS_AT};
pub use reload::{
    relative_paths, relative_to_roots, ReloadError, ReloadOutcome, Reloaded, Trigger,
    MAX_RELOAD_ERRORS, MAX_RELOAD_ERROR_BYTES, SEE_CHECK,
};

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant, SystemTime};

use arc_swap::ArcSwap;

use crate::edits::{Edit, EditLog, EditLogError, Overlay};
use crate::extract::Extractor;
use crate::gazetteer::{Gazetteer, LoadErrors};
use crate::metrics::{self, names};

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

/// Why the server could not start on its edit log.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// The log could not be read, or holds an edit that does not read back.
    #[error(transparent)]
    Log(#[from] EditLogError),
    /// The logged edits do not apply over the gazetteer files.
    #[error("the edits in the {log} do not apply over the gazetteer: {errors}")]
    Apply {
        /// Where the log is ([`EditLog::describe`]).
        log: String,
        /// What does not apply.
        errors: LoadErrors,
    },
}

/// Why an edit was not made.
#[derive(Debug, thiserror::Error)]
pub enum EditError {
    /// No edit log (`--data-dir`): edits could not be made durable, so none are accepted.
    #[error("edits are disabled: no --data-dir to journal them in")]
    NoLog,
    /// The edit layer with these edits does not build (an entry conflicts with another).
    #[error("{0}")]
    Invalid(LoadErrors),
    /// The log could not be written; nothing was acknowledged.
    #[error(transparent)]
    Log(#[from] EditLogError),
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
    /// How long from request to visible, log sync included.
    pub duration: Duration,
}

/// The edits in effect, as layers of the serving index. Replaced whole under `state_lock`.
#[derive(Debug)]
struct Layers {
    /// The base: the files, plus edits merged into it since the last reload.
    base: Gazetteer,
    /// Edits not merged into `base` yet: the edit layer.
    pending: Overlay,
    /// Every edit since the log began: reloads lay it over the new files.
    all: Overlay,
}

/// A std mutex's guard, even if a thread panicked holding it: every value kept behind these
/// mutexes is replaced whole, never left half-updated, so the data is still sound.
fn locked<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The serving gazetteer and its edit, reload and merge machinery.
#[derive(Debug)]
pub struct LiveGazetteer {
    current: ArcSwap<Snapshot>,
    sources: Option<Sources>,
    /// Serialises edits and the swaps of reloads and merges (never held across a full build).
    state_lock: tokio::sync::Mutex<()>,
    layers: Mutex<Layers>,
    log: Arc<Mutex<Option<Box<dyn EditLog>>>>,
    /// Test hook: a pause after the log write, standing in for a slow disk.
    edit_pause_ms: AtomicU64,
    reloads: reload::Reloads,
    builds: merge::Builds,
    /// Merge the edit layer into the base once it holds this many upserted entries.
    merge_at: AtomicUsize,
    merging: AtomicBool,
}

impl LiveGazetteer {
    /// Serves `extractor`, with edits disabled; `sources` (if any) is what reloads read.
    pub fn new(extractor: Extractor, sources: Option<Sources>) -> Arc<LiveGazetteer> {
        let base = extractor.gazetteer().clone();
        Arc::new(LiveGazetteer {
            current: ArcSwap::from_pointee(Snapshot {
                extractor,
                loaded_at: SystemTime::now(),
            }),
            sources,
            state_lock: tokio::sync::Mutex::new(()),
            layers: Mutex::new(Layers {
                base,
                pending: Overlay::default(),
                all: Overlay::default(),
            }),
            log: Arc::new(Mutex::new(None)),
            edit_pause_ms: AtomicU64::new(0),
            reloads: reload::Reloads::default(),
            builds: merge::Builds::default(),
            merge_at: AtomicUsize::new(DEFAULT_MERGE_EDITS_AT),
            merging: AtomicBool::new(false),
        })
    }

    /// Serves `base` with every edit of `log` over it, and logs further edits there.
    pub fn with_log(
        base: Gazetteer,
        sources: Option<Sources>,
        mut log: Box<dyn EditLog>,
    ) -> Result<Arc<LiveGazetteer>, StartError> {
        let logged = log.read_after(0)?;
        let all = Overlay::fold(logged.iter().map(|l| &l.edit));
        let serving = all.over(&base).map_err(|errors| StartError::Apply {
            log: log.describe(),
            errors,
        })?;
        tracing::info!(log = %log.describe(), edits = logged.len(), "edit log replayed");
        let live = LiveGazetteer::new(Extractor::new(serving), sources);
        *locked(&live.layers) = Layers {
            base,
            pending: all.clone(),
            all,
        };
        *locked(&live.log) = Some(log);
        Ok(live)
    }

    /// Sets how many upserted entries the edit layer may hold before it is merged into the
    /// base in the background.
    pub fn set_merge_at(&self, entries: usize) {
        self.merge_at.store(entries.max(1), Ordering::Relaxed);
    }

    /// Test hook: every edit pauses this long after its log write, as on a slow disk, so a
    /// test can let a client's deadline pass mid-edit.
    #[doc(hidden)]
    pub fn set_edit_pause_for_tests(&self, pause: Duration) {
        self.edit_pause_ms
            .store(pause.as_millis() as u64, Ordering::Relaxed);
    }

    /// The index serving now; hold it for the whole request.
    pub fn snapshot(&self) -> Arc<Snapshot> {
        self.current.load_full()
    }

    /// The configured sources, if the gazetteer can be reloaded.
    pub fn sources(&self) -> Option<&Sources> {
        self.sources.as_ref()
    }

    /// The edits in the edit layer (not merged into the base yet).
    pub fn pending_edits(&self) -> Overlay {
        locked(&self.layers).pending.clone()
    }

    /// Publishes `serving`; the old index is freed off the caller's thread (freeing a large
    /// index takes time, and the caller may be a request's).
    fn publish(&self, serving: Gazetteer) {
        let old = self.current.swap(Arc::new(Snapshot {
            extractor: Extractor::new(serving),
            loaded_at: SystemTime::now(),
        }));
        tokio::task::spawn_blocking(move || drop(old));
    }

    /// Validates, logs (durably) and applies `edits`; returns once they are visible. Only the
    /// small edit layer is rebuilt, never the base automaton; when the layer grows past the
    /// merge threshold, a background merge folds it into the base.
    ///
    /// The work runs in its own task: if the caller is dropped (its client's deadline passed),
    /// the edit still either fails before its log write or is applied in full.
    pub async fn edit(self: &Arc<Self>, edits: Vec<Edit>) -> Result<Edited, EditError> {
        let live = self.clone();
        tokio::spawn(async move { live.edit_now(edits).await })
            .await
            .map_err(|e| EditError::Task(e.to_string()))?
    }

    async fn edit_now(self: Arc<Self>, edits: Vec<Edit>) -> Result<Edited, EditError> {
        let started = Instant::now();
        let _state = self.state_lock.lock().await;
        let log = self.log.clone();
        if locked(&log).is_none() {
            return Err(EditError::NoLog);
        }
        let (base, mut pending) = {
            let layers = locked(&self.layers);
            (layers.base.clone(), layers.pending.clone())
        };
        for e in &edits {
            pending.apply(e);
        }
        let applied = edits.len();
        let upserts = edits
            .iter()
            .filter(|e| matches!(e, Edit::Upsert(_)))
            .count();
        let pause = Duration::from_millis(self.edit_pause_ms.load(Ordering::Relaxed));
        let (serving, pending, edits) = tokio::task::spawn_blocking(move || {
            let serving = pending.over(&base).map_err(EditError::Invalid)?;
            // Durable before visible, and before the caller hears "done". Nothing that can fail
            // comes after the write: from here on the edit is applied.
            locked(&log)
                .as_mut()
                .ok_or(EditError::NoLog)?
                .append(&edits)?;
            if !pause.is_zero() {
                std::thread::sleep(pause);
            }
            Ok::<_, EditError>((serving, pending, edits))
        })
        .await
        .map_err(|e| EditError::Task(e.to_string()))??;
        let version = serving.version().to_string();
        self.publish(serving);
        let layer = pending.upserts().len();
        {
            let mut layers = locked(&self.layers);
            layers.pending = pending;
            for e in &edits {
                layers.all.apply(e);
            }
        }
        if layer >= self.merge_at.load(Ordering::Relaxed) {
            self.start_merge();
        }
        for (op, n) in [("upsert", upserts), ("delete", applied - upserts)] {
            ::metrics::counter!(names::EDITS, "op" => op).increment(n as u64);
        }
        metrics::record_gazetteer(self.snapshot().extractor.gazetteer());
        Ok(Edited {
            version,
            applied,
            duration: started.elapsed(),
        })
    }
}
