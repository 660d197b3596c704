//! What starts a reload besides the RPC: SIGHUP, and changes to the gazetteer files.

use std::sync::Arc;
use std::time::Duration;

use notify::{RecursiveMode, Watcher};

use super::live::{LiveGazetteer, Trigger};

/// Quiet time after the last file event before reloading: editors and `cp` write in bursts,
/// and a half-written file must not be loaded (a failed load would keep the old index anyway).
pub const WATCH_DEBOUNCE: Duration = Duration::from_millis(300);

/// Reloads on every SIGHUP until the runtime stops.
#[cfg(unix)]
pub fn spawn_sighup_reload(live: Arc<LiveGazetteer>) -> std::io::Result<()> {
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

/// Watches the configured gazetteer paths and reloads after changes settle. The returned
/// watcher must be kept alive for as long as watching should go on.
pub fn spawn_file_watch(
    live: Arc<LiveGazetteer>,
) -> notify::Result<Option<notify::RecommendedWatcher>> {
    let Some(sources) = live.sources() else {
        return Ok(None);
    };
    if sources.paths.is_empty() {
        return Ok(None);
    }
    // Capacity 1: a burst of events while a reload is pending coalesces into that one.
    let (tx, mut rx) = tokio::sync::mpsc::channel::<()>(1);
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if event.is_ok_and(|e| !e.kind.is_access()) {
            let _ = tx.try_send(());
        }
    })?;
    for path in &sources.paths {
        watcher.watch(path, RecursiveMode::NonRecursive)?;
    }
    tokio::spawn(async move {
        while rx.recv().await.is_some() {
            // Debounce: wait until no event arrives for WATCH_DEBOUNCE.
            while let Ok(Some(())) = tokio::time::timeout(WATCH_DEBOUNCE, rx.recv()).await {}
            let _ = live.reload(Trigger::Watch).await;
        }
    });
    Ok(Some(watcher))
}
