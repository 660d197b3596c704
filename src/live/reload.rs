//! Reloading the gazetteer files: one build at a time, callers coalescing into rounds, every
//! logged edit laid over the new files, and the outcome kept for `GetInfo`, the metrics and the
//! log.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use super::rounds::{
    relative_paths, ReloadError, ReloadOutcome, Reloaded, Trigger, MAX_RELOAD_ERRORS,
    MAX_RELOAD_ERROR_BYTES, SEE_CHECK,
};
use super::serving::{locked, LiveGazetteer, Sources};
use crate::metrics::{self, names};
use crate::quote::clip;
use crate::sources;

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
            let version = serving.version().to_string();
            let entries = serving.len();
            let changed = version != previous_version;
            let publish = if changed {
                layers.base = base;
                layers.pending = layers.all.clone();
                layers.merged = Default::default();
                Some(serving)
            } else {
                // The same content: keep the base the serving index shares, and the edit
                // layer over it. Replacing it with the new build kept two whole indexes alive
                // (RSS doubled after every reload that changed nothing).
                tokio::task::spawn_blocking(move || drop((base, serving)));
                None
            };
            let reloaded = Reloaded {
                version,
                previous_version,
                changed,
                entries,
                duration,
            };
            Ok((reloaded, publish))
        });
        let (result, publish) = match result {
            Ok((reloaded, publish)) => (Ok(reloaded), publish),
            Err(e) => (Err(e), None),
        };
        // The outcome is kept before the new index is published, so that GetInfo never shows a
        // new version without the reload that made it.
        self.record(trigger, &result, duration);
        if let Some(serving) = publish {
            self.publish(serving);
        }
        metrics::record_gazetteer(self.snapshot().extractor.gazetteer());
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
        let version = match result {
            Ok(r) => r.version.clone(),
            Err(_) => self.snapshot().extractor.gazetteer().version().to_string(),
        };
        let outcome = ReloadOutcome {
            ok: result.is_ok(),
            at: SystemTime::now(),
            version,
            errors,
            error_count,
            trigger,
            duration,
        };
        let label = if outcome.ok { "ok" } else { "error" };
        ::metrics::counter!(names::RELOADS, "trigger" => trigger.as_str(), "result" => label)
            .increment(1);
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
}
