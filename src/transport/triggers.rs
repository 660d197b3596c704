//! What starts a reload besides the RPC: SIGHUP, and changes to the gazetteer files.
//!
//! File changes are noticed two ways, and a reload needs the files' *fingerprint* (each file's
//! device, inode, size, mtime and ctime, symlinks followed) to have changed:
//!
//! * filesystem events (inotify on Linux). A `--gazetteer` path is never watched by its own inode
//!   alone: an atomic replace (write a temporary file, rename it over) gives the path a new
//!   inode, and a watch on the old one never fires again; deleting and re-creating a directory
//!   does the same. So the *parent directory* of every path is watched as well (a directory's
//!   own contents through a watch on it), and the watches are re-established whenever a watched
//!   path disappears, comes back or changes inode. Kubernetes ConfigMap volumes (`..data`
//!   symlink swapped to a new directory) show up as events in the watched directory, and as new
//!   inodes behind the followed symlinks.
//! * a metadata poll every `--watch-poll-interval`. It always runs, as a backstop, and it is what
//!   keeps reloads going when the events fail (watch limit reached, a path gone, an inotify queue
//!   overflow): then an ERROR is logged, GetInfo's `file_watch.mode` says `poll`, and the gauge
//!   `gazette_reload_watch_ok` is 0, instead of reloads stopping silently.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use notify::{RecursiveMode, Watcher};

use crate::live::{LiveGazetteer, Trigger};
use crate::metrics::names;

/// Quiet time after the last file event before reloading: editors and `cp` write in bursts,
/// and a half-written file must not be loaded (a failed load would keep the old index anyway).
pub(crate) const WATCH_DEBOUNCE: Duration = Duration::from_millis(300);

/// Default for `--watch-poll-interval`.
pub(crate) const DEFAULT_WATCH_POLL_INTERVAL: Duration = Duration::from_secs(5);

/// Reloads on every SIGHUP until the runtime stops.
#[cfg(unix)]
pub(crate) fn spawn_sighup_reload(live: Arc<LiveGazetteer>) -> std::io::Result<()> {
    use tokio::signal::unix::{signal, SignalKind};
    let mut hup = signal(SignalKind::hangup())?;
    tokio::spawn(async move {
        while hup.recv().await.is_some() {
            // The outcome is logged and kept for GetInfo.
            let _ = live.reload(Trigger::Signal).await;
        }
    });
    Ok(())
}

/// How file changes are being noticed now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WatchMode {
    /// Filesystem events, with the metadata poll as a backstop.
    Events,
    /// The events failed: only the metadata poll notices changes.
    Poll,
}

impl WatchMode {
    /// Lower-case name, as reported in `GazetteerInfo.file_watch.mode`.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            WatchMode::Events => "events",
            WatchMode::Poll => "poll",
        }
    }
}

/// The health of the file watch, shared with GetInfo.
#[derive(Debug)]
pub(crate) struct WatchStatus {
    state: Mutex<(WatchMode, Option<String>)>,
    poll_interval: Duration,
}

impl WatchStatus {
    fn new(poll_interval: Duration) -> Arc<Self> {
        metrics::gauge!(names::RELOAD_WATCH_OK).set(1.0);
        Arc::new(WatchStatus {
            state: Mutex::new((WatchMode::Events, None)),
            poll_interval,
        })
    }

    /// The mode and, in [`WatchMode::Poll`], why the events failed.
    pub(crate) fn get(&self) -> (WatchMode, Option<String>) {
        self.state.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// The status as GetInfo reports it.
    pub(crate) fn to_proto(&self) -> crate::proto::v1::FileWatch {
        let (mode, error) = self.get();
        crate::proto::v1::FileWatch {
            mode: mode.as_str().to_string(),
            error: error.unwrap_or_default(),
            poll_interval_ms: u32::try_from(self.poll_interval.as_millis()).unwrap_or(u32::MAX),
        }
    }

    /// Records the outcome of re-establishing the watches; logs only changes of state.
    fn set(&self, problem: Option<String>) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        match (&state.1, &problem) {
            (None, Some(error)) => tracing::error!(
                %error,
                poll_interval = ?self.poll_interval,
                "gazetteer file watch failed: changes are now noticed only by polling the files' \
                 metadata (--watch-poll-interval)"
            ),
            (Some(_), None) => tracing::info!("gazetteer file watch re-established"),
            _ => {}
        }
        let ok = problem.is_none();
        *state = (
            if ok {
                WatchMode::Events
            } else {
                WatchMode::Poll
            },
            problem,
        );
        metrics::gauge!(names::RELOAD_WATCH_OK).set(if ok { 1.0 } else { 0.0 });
    }
}

/// Watching in progress; dropping it stops the watching task (and its watcher).
#[derive(Debug)]
pub(crate) struct FileWatch {
    task: tokio::task::JoinHandle<()>,
    status: Arc<WatchStatus>,
}

impl FileWatch {
    /// The health of the watch, for GetInfo.
    pub(crate) fn status(&self) -> Arc<WatchStatus> {
        self.status.clone()
    }
}

impl Drop for FileWatch {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// What a filesystem event tells the watching task: something changed under these paths (none
/// when the watcher reported an error, kept in [`Watches::failed`]).
#[derive(Debug)]
struct Event(Vec<PathBuf>);

/// Watches the configured gazetteer paths and reloads after changes settle, until the returned
/// [`FileWatch`] is dropped. `None` when there are no files to watch.
pub(crate) fn spawn_file_watch(
    live: Arc<LiveGazetteer>,
    poll_interval: Duration,
) -> Option<FileWatch> {
    let paths = live.sources()?.paths.clone();
    if paths.is_empty() {
        return None;
    }
    let status = WatchStatus::new(poll_interval);
    // Watches and the first fingerprint are taken before serving starts, so that a change made
    // as soon as the server answers is not folded into the starting state.
    // Capacity 1 for change notices: a burst while one is pending coalesces into it.
    let (tx, rx) = tokio::sync::mpsc::channel::<Event>(1);
    let mut watches = Watches::new(&paths, tx);
    status.set(watches.sync(&[]));
    let last = fingerprint(&paths);
    let task = tokio::spawn(watch_loop(
        live,
        paths,
        poll_interval,
        status.clone(),
        (watches, rx, last),
    ));
    Some(FileWatch { task, status })
}

async fn watch_loop(
    live: Arc<LiveGazetteer>,
    paths: Vec<PathBuf>,
    poll_interval: Duration,
    status: Arc<WatchStatus>,
    (mut watches, mut rx, mut last): (Watches, tokio::sync::mpsc::Receiver<Event>, Vec<FileState>),
) {
    loop {
        let mut touched = Vec::new();
        let by_event = tokio::select! {
            event = rx.recv() => {
                let Some(event) = event else { return };
                watches.note(event, &mut touched);
                // Debounce: wait until no event arrives for WATCH_DEBOUNCE.
                while let Ok(Some(event)) = tokio::time::timeout(WATCH_DEBOUNCE, rx.recv()).await {
                    watches.note(event, &mut touched);
                }
                true
            }
            () = tokio::time::sleep(poll_interval) => false,
        };
        status.set(watches.sync(&touched));
        let now = fingerprint_of(&paths).await;
        if now == last {
            continue;
        }
        if !by_event {
            // Seen by polling, perhaps mid-write: reload only once it has held still.
            tokio::time::sleep(WATCH_DEBOUNCE).await;
            if fingerprint_of(&paths).await != now {
                continue;
            }
        }
        last = now;
        // The outcome is logged and kept for GetInfo.
        let _ = live.reload(Trigger::Watch).await;
    }
}

/// The notify watcher and what it watches.
struct Watches {
    /// The directories to watch: every configured directory, and every path's parent.
    wanted: Vec<PathBuf>,
    tx: tokio::sync::mpsc::Sender<Event>,
    watcher: Option<notify::RecommendedWatcher>,
    /// Watched directories and the (device, inode) they had when the watch was added.
    watched: HashMap<PathBuf, (u64, u64)>,
    /// An error the watcher reported since the last sync (queue overflow, a watch lost). Kept
    /// here rather than sent, so that a full channel cannot drop it.
    failed: Arc<Mutex<Option<String>>>,
}

impl Watches {
    fn new(paths: &[PathBuf], tx: tokio::sync::mpsc::Sender<Event>) -> Self {
        let mut wanted = Vec::new();
        for path in paths {
            let parent = match path.parent() {
                Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                _ => PathBuf::from("."),
            };
            wanted.push(parent);
            if std::fs::metadata(path).is_ok_and(|m| m.is_dir()) {
                wanted.push(path.clone());
            }
        }
        wanted.sort();
        wanted.dedup();
        Watches {
            wanted,
            tx,
            watcher: None,
            watched: HashMap::new(),
            failed: Arc::default(),
        }
    }

    fn note(&mut self, event: Event, touched: &mut Vec<PathBuf>) {
        touched.extend(event.0);
    }

    /// (Re)establishes the watches: new watcher if there is none or it failed, a new watch for
    /// every wanted directory that is unwatched, has a new inode, or was itself `touched` (it may
    /// have been deleted and re-created with the same inode number). Returns what is wrong, if
    /// anything.
    fn sync(&mut self, touched: &[PathBuf]) -> Option<String> {
        let mut problems = Vec::new();
        let failed = self.failed.lock().unwrap_or_else(|e| e.into_inner()).take();
        if let Some(error) = failed {
            problems.push(format!("the watcher reported: {error}"));
            // Start over: a watch may have been dropped with the error.
            self.watcher = None;
        }
        if self.watcher.is_none() {
            self.watched.clear();
            let tx = self.tx.clone();
            let failed = self.failed.clone();
            let created =
                notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
                    let _ = match event {
                        Ok(e) if e.kind.is_access() => return,
                        Ok(e) => tx.try_send(Event(e.paths)),
                        Err(e) => {
                            *failed.lock().unwrap_or_else(|e| e.into_inner()) = Some(e.to_string());
                            tx.try_send(Event(Vec::new()))
                        }
                    };
                });
            match created {
                Ok(w) => self.watcher = Some(w),
                Err(e) => {
                    problems.push(format!("cannot start watching: {e}"));
                    return Some(problems.join("; "));
                }
            }
        }
        let Some(watcher) = self.watcher.as_mut() else {
            return Some(problems.join("; "));
        };
        for dir in &self.wanted {
            let id = std::fs::metadata(dir).ok().map(|m| file_id(&m));
            let current = self.watched.get(dir).copied();
            let Some(id) = id else {
                if current.is_some() {
                    let _ = watcher.unwatch(dir);
                    self.watched.remove(dir);
                }
                problems.push(format!("{} does not exist", dir.display()));
                continue;
            };
            if current == Some(id) && !touched.iter().any(|t| t == dir) {
                continue;
            }
            if current.is_some() {
                let _ = watcher.unwatch(dir);
                self.watched.remove(dir);
            }
            match watcher.watch(dir, RecursiveMode::NonRecursive) {
                Ok(()) => {
                    self.watched.insert(dir.clone(), id);
                }
                Err(e) => problems.push(format!("cannot watch {}: {e}", dir.display())),
            }
        }
        (!problems.is_empty()).then(|| problems.join("; "))
    }
}

#[cfg(unix)]
fn file_id(m: &std::fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (m.dev(), m.ino())
}

#[cfg(not(unix))]
fn file_id(_m: &std::fs::Metadata) -> (u64, u64) {
    (0, 0)
}

/// What identifies one version of one file, symlinks followed: any write, replace or swap
/// changes it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum FileState {
    Present {
        path: PathBuf,
        id: (u64, u64),
        len: u64,
        modified: Option<SystemTime>,
        changed: i64,
    },
    /// Unreadable or missing (a reload would fail; its return is a change too).
    Missing { path: PathBuf, error: String },
}

async fn fingerprint_of(paths: &[PathBuf]) -> Vec<FileState> {
    let paths = paths.to_vec();
    tokio::task::spawn_blocking(move || fingerprint(&paths))
        .await
        .unwrap_or_default()
}

/// The state of every gazetteer file the paths name, in a stable order.
fn fingerprint(paths: &[PathBuf]) -> Vec<FileState> {
    let mut out = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => match std::fs::read_dir(path) {
                Ok(entries) => {
                    let mut files: Vec<PathBuf> = entries
                        .filter_map(|e| e.ok().map(|e| e.path()))
                        .filter(|p| {
                            p.file_name().is_some_and(|n| {
                                crate::gazetteer::Format::from_file_name(&n.to_string_lossy())
                                    .is_some()
                            })
                        })
                        .collect();
                    files.sort();
                    out.extend(files.iter().map(|f| file_state(f)));
                }
                Err(e) => out.push(FileState::Missing {
                    path: path.clone(),
                    error: e.to_string(),
                }),
            },
            _ => out.push(file_state(path)),
        }
    }
    out
}

fn file_state(path: &Path) -> FileState {
    match std::fs::metadata(path) {
        Ok(m) => FileState::Present {
            path: path.to_path_buf(),
            id: file_id(&m),
            len: m.len(),
            modified: m.modified().ok(),
            changed: ctime(&m),
        },
        Err(e) => FileState::Missing {
            path: path.to_path_buf(),
            error: e.kind().to_string(),
        },
    }
}

#[cfg(unix)]
fn ctime(m: &std::fs::Metadata) -> i64 {
    use std::os::unix::fs::MetadataExt;
    m.ctime().saturating_mul(1_000_000_000) + m.ctime_nsec()
}

#[cfg(not(unix))]
fn ctime(_m: &std::fs::Metadata) -> i64 {
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_sees_atomic_replace_in_place_write_and_removal() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("people.tsv");
        std::fs::write(&file, "a\tPERSON\tid:a\n").expect("write");
        let paths = [dir.path().to_path_buf(), file.clone()];
        let first = fingerprint(&paths);
        let tmp = dir.path().join(".people.tsv.tmp");
        std::fs::write(&tmp, "b\tPERSON\tid:b\n").expect("write");
        std::fs::rename(&tmp, &file).expect("rename");
        let replaced = fingerprint(&paths);
        assert_ne!(first, replaced, "atomic replace");
        std::fs::write(&file, "c\tPERSON\tid:c\nd\tPERSON\tid:d\n").expect("write");
        let written = fingerprint(&paths);
        assert_ne!(replaced, written, "in-place write");
        std::fs::remove_file(&file).expect("remove");
        assert_ne!(written, fingerprint(&paths), "removal");
        // Files the loader ignores do not count.
        let before = fingerprint(&paths);
        std::fs::write(dir.path().join("notes.txt"), "x").expect("write");
        assert_eq!(before, fingerprint(&paths));
    }
}
