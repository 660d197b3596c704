//! Following a shared edit log: applying, in log order, the edits other servers append, when
//! told there are some and on a timer (a notification can be lost), so every replica converges
//! on the same state.

use std::sync::Arc;
use std::time::Duration;

use super::edit::EditError;
use super::serving::{locked, LiveGazetteer};
use crate::metrics::{self, names};

impl LiveGazetteer {
    /// Applies the log's edits this server has not applied yet; returns how many. Edits and
    /// swaps wait meanwhile.
    pub async fn catch_up(self: &Arc<Self>) -> Result<usize, EditError> {
        let _state = self.state_lock.lock().await;
        self.catch_up_holding_state().await
    }

    /// [`LiveGazetteer::catch_up`] for a caller that holds `state_lock`.
    pub(super) async fn catch_up_holding_state(self: &Arc<Self>) -> Result<usize, EditError> {
        let (base, mut pending, applied, merged) = {
            let layers = locked(&self.layers);
            let merged = layers.merged.clone();
            (
                layers.base.clone(),
                layers.pending.clone(),
                layers.applied,
                merged,
            )
        };
        let log = self.log.clone();
        let (serving, pending, new) = tokio::task::spawn_blocking(move || {
            let new = locked(&log)
                .as_mut()
                .ok_or(EditError::NoLog)?
                .read_after(applied)?;
            if new.is_empty() {
                return Ok::<_, EditError>((None, pending, new));
            }
            for logged in &new {
                pending.apply(&merged.layer_edit(&logged.edit));
            }
            let serving = pending.over(&base).map_err(EditError::Invalid)?;
            Ok((Some(serving), pending, new))
        })
        .await
        .map_err(|e| EditError::Task(e.to_string()))??;
        let Some(serving) = serving else {
            return Ok(0);
        };
        self.publish(serving);
        {
            let mut layers = locked(&self.layers);
            layers.pending = pending;
            for logged in &new {
                layers.all.apply(&logged.edit);
            }
            layers.applied = new.last().map_or(applied, |l| l.seq);
        }
        metrics::record_gazetteer(self.snapshot().extractor.gazetteer());
        tracing::info!(
            edits = new.len(),
            applied = self.applied_seq(),
            "applied edits from the shared edit log"
        );
        Ok(new.len())
    }

    /// Catches up whenever `wake` is notified and at least every `every`, for as long as the
    /// task lives. A failed catch-up keeps the last state serving and is tried again.
    pub async fn follow(self: Arc<Self>, wake: Arc<tokio::sync::Notify>, every: Duration) {
        loop {
            tokio::select! {
                _ = wake.notified() => {}
                _ = tokio::time::sleep(every) => {}
            }
            let caught_up = self.catch_up().await;
            let up = caught_up.is_ok();
            ::metrics::gauge!(names::EDIT_STORE_UP).set(f64::from(u8::from(up)));
            ::metrics::gauge!(names::EDITS_APPLIED_SEQ).set(self.applied_seq() as f64);
            if up {
                let now = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0.0, |d| d.as_secs_f64());
                ::metrics::gauge!(names::EDIT_STORE_LAST_CONTACT).set(now);
            }
            {
                let mut contact = locked(&self.contact);
                match &caught_up {
                    Ok(_) => {
                        contact.at = Some(std::time::SystemTime::now());
                        contact.error = None;
                    }
                    Err(e) => contact.error = Some(e.to_string()),
                }
            }
            if let Err(e) = caught_up {
                tracing::warn!(
                    error = %e,
                    applied = self.applied_seq(),
                    "cannot apply the shared edit log's new edits; the last state keeps serving"
                );
            }
        }
    }
}
