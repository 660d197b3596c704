//! The background merge that folds the edit layer into the base once it grows, so each edit
//! keeps rebuilding only a small layer.

use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Instant;

use super::serving::{locked, LiveGazetteer};
use crate::gazetteer::{Gazetteer, LoadErrors};

/// Why a background merge did not happen (the edit layer keeps serving as a layer).
#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    /// The merged index did not build.
    #[error("{0}")]
    Build(#[from] LoadErrors),
    /// The build task failed.
    #[error("merge task failed: {0}")]
    Task(String),
}

impl LiveGazetteer {
    /// Starts a background merge unless one is running.
    pub(super) fn start_merge(self: &Arc<Self>) {
        if self.merging.swap(true, Ordering::AcqRel) {
            return;
        }
        let live = self.clone();
        let merge = tokio::spawn(live.clone().merge_edits());
        tokio::spawn(async move {
            // Awaited through its JoinHandle, so a panicking merge still clears the flag (a
            // stuck flag would stop every later merge).
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

    /// Folds the edit layer into the base: a full build on the blocking pool while edits go on,
    /// then a quick swap that keeps the edits made meanwhile in a new, small edit layer. Holds
    /// the build lock throughout, so it never overlaps a reload's build; skipped if a reload
    /// replaced the base in the meantime (it merged everything itself).
    pub async fn merge_edits(self: Arc<Self>) -> Result<(), MergeError> {
        let _one_build = self.builds.lock.clone().lock_owned().await;
        let (base0, pending0) = {
            let _g = self.state_lock.lock().await;
            let layers = locked(&self.layers);
            (layers.base.clone(), layers.pending.clone())
        };
        let started = Instant::now();
        let base0_version = base0.version().to_string();
        let running = self.builds.running();
        let (folded, under) = (pending0.clone(), base0.clone());
        let merged = tokio::task::spawn_blocking(move || -> Result<Gazetteer, LoadErrors> {
            let _running = running;
            folded.over(&under)?.merged()
        })
        .await
        .map_err(|e| MergeError::Task(e.to_string()))??;
        let _g = self.state_lock.lock().await;
        let pending = {
            let layers = locked(&self.layers);
            if layers.base.version() != base0_version {
                return Ok(());
            }
            layers.pending.without(&pending0)
        };
        let serving = pending.over(&merged)?;
        self.publish(serving);
        {
            let mut layers = locked(&self.layers);
            for id in pending0
                .upserts()
                .map(|e| e.id.as_str())
                .chain(pending0.deletes())
            {
                layers.merged.keep(id, &base0);
            }
            layers.base = merged;
            layers.pending = pending;
        }
        tracing::info!(
            ms = started.elapsed().as_millis() as u64,
            "edit layer merged into the base"
        );
        Ok(())
    }
}
