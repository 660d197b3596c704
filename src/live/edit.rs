//! Edits: validated at the edge, logged durably, then visible; only the small edit layer is
//! rebuilt.

use std::collections::HashMap;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::serving::{locked, LiveGazetteer};
use crate::edits::{Before, Change, Edit, EditLogError, Meta, RevertError};
use crate::gazetteer::{Entry, LoadErrors};
use crate::metrics::{self, names};

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
    /// The edit to undo does not exist, or is not its entity's newest.
    #[error(transparent)]
    Revert(#[from] RevertError),
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

impl LiveGazetteer {
    /// Validates, logs (durably) and applies `edits`; returns once they are visible. Only the
    /// small edit layer is rebuilt, never the base automaton; when the layer grows past the
    /// merge threshold, a background merge folds it into the base.
    ///
    /// The work runs in its own task: if the caller is dropped (its client's deadline passed),
    /// the edit still either fails before its log write or is applied in full.
    ///
    /// `by` names who makes the edits (the admin token's name); it is logged with them, with the
    /// time they were logged and the entity each one changed as it was before.
    pub async fn edit(
        self: &Arc<Self>,
        edits: Vec<Edit>,
        by: impl Into<String>,
    ) -> Result<Edited, EditError> {
        let live = self.clone();
        let by = by.into();
        tokio::spawn(async move {
            let started = Instant::now();
            let _state = live.state_lock.lock().await;
            live.prepare_holding_state().await?;
            live.apply_holding_state(edits, by, None, started).await
        })
        .await
        .map_err(|e| EditError::Task(e.to_string()))?
    }

    /// Before an edit, under `state_lock`: refuses without a log, and with a shared log applies
    /// other servers' edits first, so this one lands on the state they made.
    pub(super) async fn prepare_holding_state(self: &Arc<Self>) -> Result<(), EditError> {
        if self.log_kind.is_none() {
            return Err(EditError::NoLog);
        }
        if self.log_shared {
            self.catch_up_holding_state().await?;
        }
        Ok(())
    }

    /// Logs and applies `edits` as one batch by `by` (undoing edit `reverts`, if set); the
    /// caller holds `state_lock` and has called [`LiveGazetteer::prepare_holding_state`].
    pub(super) async fn apply_holding_state(
        self: &Arc<Self>,
        edits: Vec<Edit>,
        by: String,
        reverts: Option<u64>,
        started: Instant,
    ) -> Result<Edited, EditError> {
        let log = self.log.clone();
        let shared = self.log_shared;
        // Checked here, under the lock, against the index serving now (reloads and merges
        // publish under it too): a handler's check could race another edit of the same id.
        let serving = self.snapshot();
        let gazetteer = serving.extractor.gazetteer();
        let edits = effective(edits, |id| gazetteer.get(id).is_some());
        if edits.is_empty() {
            return Ok(Edited {
                version: gazetteer.version().to_string(),
                applied: 0,
                duration: started.elapsed(),
            });
        }
        let changes = with_before(edits, |id| gazetteer.get(id).map(|e| e.to_entry()));
        drop(serving);
        let (base, pending, applied_before) = {
            let layers = locked(&self.layers);
            let mut pending = layers.pending.clone();
            for c in &changes {
                pending.apply(&layers.merged.layer_edit(&c.edit));
            }
            (layers.base.clone(), pending, layers.applied)
        };
        let applied = changes.len();
        let mut ops: HashMap<&'static str, u64> = HashMap::new();
        for c in &changes {
            *ops.entry(c.edit.op()).or_default() += 1;
        }
        let pause = Duration::from_millis(self.edit_pause_ms.load(Ordering::Relaxed));
        let (serving, pending, changes, seqs) = tokio::task::spawn_blocking(move || {
            let serving = pending.over(&base).map_err(EditError::Invalid)?;
            // Durable before visible, and before the caller hears "done". Nothing that can fail
            // comes after the write: from here on the edit is applied.
            let meta = Meta {
                by,
                at_unix_ms: std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_millis() as i64),
                reverts,
            };
            let seqs = locked(&log)
                .as_mut()
                .ok_or(EditError::NoLog)?
                .append(&changes, &meta)?;
            if !pause.is_zero() {
                std::thread::sleep(pause);
            }
            Ok::<_, EditError>((serving, pending, changes, seqs))
        })
        .await
        .map_err(|e| EditError::Task(e.to_string()))??;
        if shared && *seqs.start() != applied_before + 1 {
            // Another server appended between the catch-up and this append: apply its edits
            // and this one in log order (reading this one back), not this one first.
            self.catch_up_holding_state().await?;
        } else {
            self.publish(serving);
            let mut layers = locked(&self.layers);
            layers.pending = pending;
            for c in &changes {
                layers.all.apply(&c.edit);
            }
            layers.applied = *seqs.end();
        }
        let version = self.snapshot().extractor.gazetteer().version().to_string();
        let layer = locked(&self.layers).pending.upserts().len();
        if layer >= self.merge_at.load(Ordering::Relaxed) {
            self.start_merge();
        }
        for (op, n) in ops {
            ::metrics::counter!(names::EDITS, "op" => op).increment(n);
        }
        metrics::record_gazetteer(self.snapshot().extractor.gazetteer());
        ::metrics::gauge!(names::EDITS_APPLIED_SEQ).set(self.applied_seq() as f64);
        Ok(Edited {
            version,
            applied,
            duration: started.elapsed(),
        })
    }
}

/// `edits` with the entity each one changes as it was just before it: as served before the
/// batch (`served`), or as an earlier edit of the batch left it.
fn with_before(edits: Vec<Edit>, served: impl Fn(&str) -> Option<Entry>) -> Vec<Change> {
    let mut left: HashMap<String, Before> = HashMap::new();
    edits
        .into_iter()
        .map(|edit| {
            let before = left
                .remove(edit.id())
                .unwrap_or_else(|| served(edit.id()).map_or(Before::Absent, Before::Entry));
            let after = match &edit {
                Edit::Upsert(e) => Before::Entry(e.clone()),
                Edit::Delete { .. } => Before::Absent,
                // The files decide, and which file entry that is is not at hand here.
                Edit::Restore { .. } => Before::Unknown,
            };
            left.insert(edit.id().to_string(), after);
            Change { edit, before }
        })
        .collect()
}

/// The edits of a batch that change something, given whether an id is served before it: a
/// delete of an id that is not served then, nor upserted earlier in the batch (or already
/// deleted earlier in it), changes nothing, so it is dropped: not journaled, not counted, and
/// no new version for it. Before, such a delete answered `applied: 1` and changed the version.
fn effective(edits: Vec<Edit>, served: impl Fn(&str) -> bool) -> Vec<Edit> {
    let mut exists: HashMap<String, bool> = HashMap::new();
    edits
        .into_iter()
        .filter(|e| {
            // A restore puts an entity back as its files have it: kept like an upsert.
            let upsert = !matches!(e, Edit::Delete { .. });
            let before = match exists.insert(e.id().to_string(), upsert) {
                Some(before) => before,
                None => served(e.id()),
            };
            upsert || before
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::parse_entry;

    fn upsert(id: &str) -> Edit {
        let line = format!(r#"{{"id":"{id}","name":"Zaha Okonkwo","type":"PERSON"}}"#);
        Edit::Upsert(parse_entry(&line, "people").unwrap())
    }

    fn delete(id: &str) -> Edit {
        Edit::Delete { id: id.into() }
    }

    #[test]
    fn only_deletes_of_entries_that_exist_are_effective() {
        // Served before the batch: p:habib.
        let cases: [(&str, Vec<Edit>, Vec<Edit>); 6] = [
            ("an unknown id", vec![delete("p:nobody")], vec![]),
            (
                "a served id",
                vec![delete("p:habib")],
                vec![delete("p:habib")],
            ),
            (
                "the same id twice",
                vec![delete("p:habib"), delete("p:habib")],
                vec![delete("p:habib")],
            ),
            (
                "an id upserted earlier in the batch",
                vec![upsert("p:new"), delete("p:new")],
                vec![upsert("p:new"), delete("p:new")],
            ),
            (
                "an id upserted later in the batch",
                vec![delete("p:new"), upsert("p:new")],
                vec![upsert("p:new")],
            ),
            (
                "deleted, upserted again, deleted again",
                vec![
                    delete("p:habib"),
                    upsert("p:habib"),
                    delete("p:habib"),
                    delete("p:x"),
                ],
                vec![delete("p:habib"), upsert("p:habib"), delete("p:habib")],
            ),
        ];
        for (name, batch, want) in cases {
            assert_eq!(effective(batch, |id| id == "p:habib"), want, "{name}");
        }
    }
}
