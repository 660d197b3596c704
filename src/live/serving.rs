//! The serving state: the snapshot requests read, the layers it is built from, and the edit log;
//! the other files of `live` add edits, reloads and merges to it.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, SystemTime};

use arc_swap::ArcSwap;

use super::builds::{BuildStats, Builds, DEFAULT_MERGE_EDITS_AT};
use super::rounds::Reloads;
use crate::edits::{Edit, EditLog, EditLogError, Overlay};
use crate::extract::Extractor;
use crate::gazetteer::{Entry, Gazetteer, LoadErrors};

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

/// What `GetInfo` says about the edit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogStatus {
    /// [`EditLog::kind`].
    pub kind: &'static str,
    /// [`EditLog::is_shared`]: other servers write to it too.
    pub shared: bool,
    /// The `seq` of the last logged edit applied.
    pub applied_seq: u64,
    /// A shared log: the last successful read of it.
    pub last_contact: Option<SystemTime>,
    /// A shared log: why the last read failed, if it did.
    pub error: Option<String>,
}

/// The shared log's last read: when it last succeeded, and the error of the last one if it
/// failed.
#[derive(Debug, Default)]
pub(super) struct Contact {
    pub(super) at: Option<SystemTime>,
    pub(super) error: Option<String>,
}

/// The edits in effect, as layers of the serving index. Replaced whole under `state_lock`.
#[derive(Debug)]
pub(super) struct Layers {
    /// The base: the files, plus edits merged into it since the last reload.
    pub(super) base: Gazetteer,
    /// Edits not merged into `base` yet: the edit layer.
    pub(super) pending: Overlay,
    /// Every edit since the log began: reloads lay it over the new files.
    pub(super) all: Overlay,
    /// The `seq` of the last logged edit applied (0: none).
    pub(super) applied: u64,
    /// The files' entries of the ids a merge folded into `base` (none: no file has the id).
    pub(super) merged: Merged,
}

/// The gazetteer files' entry of every id whose edits a background merge folded into the base:
/// the base no longer has the files' entry under the edit layer, so a restore of such an id
/// must put it back in the layer. Emptied when a reload builds the base from the files again.
#[derive(Debug, Default, Clone)]
pub(super) struct Merged(BTreeMap<String, Option<Entry>>);

impl Merged {
    /// Keeps the files' entry of `id`, unless it is kept already: `base` is the base before the
    /// merge, which still has the files' entry of every id not merged before.
    pub(super) fn keep(&mut self, id: &str, base: &Gazetteer) {
        if !self.0.contains_key(id) {
            self.0
                .insert(id.to_string(), base.get(id).map(|e| e.to_entry()));
        }
    }

    /// `edit` as the edit layer over the base holds it: a restore of a merged id becomes the
    /// files' entry (or a delete); every other edit is itself.
    pub(super) fn layer_edit<'a>(&self, edit: &'a Edit) -> Cow<'a, Edit> {
        let Edit::Restore { id } = edit else {
            return Cow::Borrowed(edit);
        };
        match self.0.get(id) {
            Some(Some(entry)) => Cow::Owned(Edit::Upsert(entry.clone())),
            Some(None) => Cow::Owned(Edit::Delete { id: id.clone() }),
            None => Cow::Borrowed(edit),
        }
    }
}

/// A std mutex's guard, even if a thread panicked holding it: every value kept behind these
/// mutexes is replaced whole, never left half-updated, so the data is still sound.
pub(super) fn locked<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The serving gazetteer and its edit, reload and merge machinery.
#[derive(Debug)]
pub struct LiveGazetteer {
    pub(super) current: ArcSwap<Snapshot>,
    pub(super) sources: Option<Sources>,
    /// Serialises edits and the swaps of reloads and merges (never held across a full build).
    pub(super) state_lock: tokio::sync::Mutex<()>,
    pub(super) layers: Mutex<Layers>,
    pub(super) log: Arc<Mutex<Option<Box<dyn EditLog>>>>,
    /// The log's kind, kept apart so GetInfo need not wait for the log's lock (held through an
    /// append, up to the store's timeout).
    pub(super) log_kind: Option<&'static str>,
    /// Whether the log is shared, kept apart for the same reason.
    pub(super) log_shared: bool,
    pub(super) contact: Mutex<Contact>,
    /// Test hook: a pause after the log write, standing in for a slow disk.
    pub(super) edit_pause_ms: AtomicU64,
    pub(super) reloads: Reloads,
    pub(super) builds: Builds,
    /// Merge the edit layer into the base once it holds this many upserted entries.
    pub(super) merge_at: AtomicUsize,
    pub(super) merging: AtomicBool,
}

impl LiveGazetteer {
    /// Serves `extractor`, with edits disabled; `sources` (if any) is what reloads read.
    pub fn new(extractor: Extractor, sources: Option<Sources>) -> Arc<LiveGazetteer> {
        let layers = Layers {
            base: extractor.gazetteer().clone(),
            pending: Overlay::default(),
            all: Overlay::default(),
            applied: 0,
            merged: Merged::default(),
        };
        LiveGazetteer::assemble(extractor, sources, layers, None)
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
        let layers = Layers {
            base,
            pending: all.clone(),
            all,
            applied: logged.last().map_or(0, |l| l.seq),
            merged: Merged::default(),
        };
        Ok(LiveGazetteer::assemble(
            Extractor::new(serving),
            sources,
            layers,
            Some(log),
        ))
    }

    fn assemble(
        extractor: Extractor,
        sources: Option<Sources>,
        layers: Layers,
        log: Option<Box<dyn EditLog>>,
    ) -> Arc<LiveGazetteer> {
        // A shared log was just read in full (with_log): that is a contact.
        let contact = Contact {
            at: log
                .as_ref()
                .filter(|l| l.is_shared())
                .map(|_| SystemTime::now()),
            error: None,
        };
        Arc::new(LiveGazetteer {
            current: ArcSwap::from_pointee(Snapshot {
                extractor,
                loaded_at: SystemTime::now(),
            }),
            sources,
            state_lock: tokio::sync::Mutex::new(()),
            layers: Mutex::new(layers),
            log_kind: log.as_ref().map(|l| l.kind()),
            log_shared: log.as_ref().is_some_and(|l| l.is_shared()),
            log: Arc::new(Mutex::new(log)),
            contact: Mutex::new(contact),
            edit_pause_ms: AtomicU64::new(0),
            reloads: Reloads::default(),
            builds: Builds::default(),
            merge_at: AtomicUsize::new(DEFAULT_MERGE_EDITS_AT),
            merging: AtomicBool::new(false),
        })
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

    /// The `seq` of the last logged edit this server applies (0: none, or no log).
    pub fn applied_seq(&self) -> u64 {
        locked(&self.layers).applied
    }

    /// The edit log's kind and how far this server has applied it; `None` without a log.
    pub fn log_status(&self) -> Option<LogStatus> {
        let kind = self.log_kind?;
        let contact = locked(&self.contact);
        Some(LogStatus {
            kind,
            shared: self.log_shared,
            applied_seq: self.applied_seq(),
            last_contact: contact.at,
            error: contact.error.clone(),
        })
    }

    /// The edits in the edit layer (not merged into the base yet).
    pub fn pending_edits(&self) -> Overlay {
        locked(&self.layers).pending.clone()
    }

    /// Publishes `serving`; the old index is freed off the caller's thread (freeing a large
    /// index takes time, and the caller may be a request's).
    pub(super) fn publish(&self, serving: Gazetteer) {
        let old = self.current.swap(Arc::new(Snapshot {
            extractor: Extractor::new(serving),
            loaded_at: SystemTime::now(),
        }));
        tokio::task::spawn_blocking(move || drop(old));
    }

    /// How many full builds have run, and whether any ever overlapped.
    pub fn build_stats(&self) -> BuildStats {
        self.builds.stats()
    }
}
