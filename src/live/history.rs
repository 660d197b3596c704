//! The edit history as the admin API reads it, and undo: an edit that puts an entity back as
//! it was before one of its edits ([`crate::edits::revert`] decides which).

use std::sync::Arc;
use std::time::Instant;

use super::edit::{EditError, Edited};
use super::serving::{locked, LiveGazetteer};
use crate::edits::{revert, EditLog, HistoryQuery, Logged, RevertError};

impl LiveGazetteer {
    /// The page of the edit history `query` asks for, newest first.
    pub async fn history(&self, query: HistoryQuery) -> Result<Vec<Logged>, EditError> {
        let log = self.log.clone();
        tokio::task::spawn_blocking(move || {
            let mut log = locked(&log);
            let log = log.as_mut().ok_or(EditError::NoLog)?;
            Ok(log.history(&query)?)
        })
        .await
        .map_err(|e| EditError::Task(e.to_string()))?
    }

    /// Undoes edit `seq` with a new edit made by `by`, logged with `reverts: seq`; refused if a
    /// later edit changed the same entity ([`RevertError`]). Runs in its own task, like
    /// [`LiveGazetteer::edit`].
    pub async fn revert(self: &Arc<Self>, seq: u64, by: String) -> Result<Edited, EditError> {
        let live = self.clone();
        tokio::spawn(async move {
            let started = Instant::now();
            let _state = live.state_lock.lock().await;
            live.prepare_holding_state().await?;
            // Read under the state lock, after catching up: no edit of this server can come in
            // between, and a shared log checks other servers' at the append.
            let log = live.log.clone();
            let undo = tokio::task::spawn_blocking(move || {
                let mut log = locked(&log);
                let log = log.as_mut().ok_or(EditError::NoLog)?;
                Ok::<_, EditError>(revert(seq, &entity_history(log.as_mut(), seq)?)?)
            })
            .await
            .map_err(|e| EditError::Task(e.to_string()))??;
            live.apply_holding_state(vec![undo], by, Some(seq), started)
                .await
        })
        .await
        .map_err(|e| EditError::Task(e.to_string()))?
    }
}

/// Every edit of the entity edit `seq` changed, newest first; `NotFound` if no edit has `seq`.
fn entity_history(log: &mut dyn EditLog, seq: u64) -> Result<Vec<Logged>, EditError> {
    let target = log.history(&HistoryQuery {
        before: Some(seq.saturating_add(1)),
        ..HistoryQuery::newest(1)
    })?;
    let Some(target) = target.into_iter().find(|l| l.seq == seq) else {
        return Err(RevertError::NotFound { seq }.into());
    };
    Ok(log.history(&HistoryQuery {
        entity_id: Some(target.edit.id().to_string()),
        ..HistoryQuery::newest(usize::MAX)
    })?)
}
