//! Full builds (reloads and merges): one at a time, and counted, so tests and diagnostics can see
//! that they never overlap.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;

/// Default for `--merge-edits-at`: merge well before the edit layer makes edits slow (a layer
/// of 10,000 entries takes ~0.1 s to rebuild on every edit, 50,000 ~1.4 s, on a 100k base).
pub const DEFAULT_MERGE_EDITS_AT: usize = 5_000;

/// Full builds so far, for tests and diagnostics (see [`LiveGazetteer::build_stats`](super::LiveGazetteer::build_stats)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuildStats {
    /// Full builds (reloads and merges) started since the server started.
    pub started: u64,
    /// Builds running now.
    pub running: usize,
    /// The most that ever ran at the same time: 1, as builds are single-flight.
    pub max_running: usize,
}

/// The single-flight lock of full builds and their counters.
#[derive(Debug, Default)]
pub(super) struct Builds {
    /// One full build (reload or merge) at a time, held by the task that builds.
    pub(super) lock: Arc<tokio::sync::Mutex<()>>,
    counters: Arc<Counters>,
}

#[derive(Debug, Default)]
struct Counters {
    started: AtomicU64,
    running: AtomicUsize,
    max_running: AtomicUsize,
}

/// Counts a build as running for as long as it lives (dropped on the build's thread, panics
/// included).
pub(super) struct Running(Arc<Counters>);

impl Builds {
    /// A build starts: counted until the returned guard is dropped.
    pub(super) fn running(&self) -> Running {
        let c = &self.counters;
        c.started.fetch_add(1, Ordering::Relaxed);
        let now = c.running.fetch_add(1, Ordering::AcqRel) + 1;
        c.max_running.fetch_max(now, Ordering::AcqRel);
        Running(c.clone())
    }
}

impl Builds {
    /// How many builds have run, and the most that ever ran at once.
    pub(super) fn stats(&self) -> BuildStats {
        let c = &self.counters;
        BuildStats {
            started: c.started.load(Ordering::Relaxed),
            running: c.running.load(Ordering::Acquire),
            max_running: c.max_running.load(Ordering::Acquire),
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.0.running.fetch_sub(1, Ordering::AcqRel);
    }
}
