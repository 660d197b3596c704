//! Edits: validated at the edge, logged durably, then visible; only the small edit layer is
//! rebuilt.

use std::collections::HashMap;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::serving::{locked, LiveGazetteer};
use crate::edits::{Edit, EditLogError, Meta};
use crate::gazetteer::LoadErrors;
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
    /// time they were logged.
    pub async fn edit(
        self: &Arc<Self>,
        edits: Vec<Edit>,
        by: impl Into<String>,
    ) -> Result<Edited, EditError> {
        let live = self.clone();
        let by = by.into();
        tokio::spawn(async move { live.edit_now(edits, by).await })
            .await
            .map_err(|e| EditError::Task(e.to_string()))?
    }

    async fn edit_now(self: Arc<Self>, edits: Vec<Edit>, by: String) -> Result<Edited, EditError> {
        let started = Instant::now();
        let _state = self.state_lock.lock().await;
        let log = self.log.clone();
        let shared = match locked(&log).as_ref() {
            None => return Err(EditError::NoLog),
            Some(log) => log.is_shared(),
        };
        if shared {
            // Other servers' edits first, so this one lands on the state they made.
            self.catch_up_holding_state().await?;
        }
        // Checked here, under the lock, against the index serving now (reloads and merges
        // publish under it too): a handler's check could race another edit of the same id.
        let serving = self.snapshot();
        let edits = effective(edits, |id| serving.extractor.gazetteer().get(id).is_some());
        if edits.is_empty() {
            return Ok(Edited {
                version: serving.extractor.gazetteer().version().to_string(),
                applied: 0,
                duration: started.elapsed(),
            });
        }
        drop(serving);
        let (base, mut pending, applied_before) = {
            let layers = locked(&self.layers);
            (layers.base.clone(), layers.pending.clone(), layers.applied)
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
        let (serving, pending, edits, seqs) = tokio::task::spawn_blocking(move || {
            let serving = pending.over(&base).map_err(EditError::Invalid)?;
            // Durable before visible, and before the caller hears "done". Nothing that can fail
            // comes after the write: from here on the edit is applied.
            let meta = Meta {
                by,
                at_unix_ms: std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_millis() as i64),
            };
            let seqs = locked(&log)
                .as_mut()
                .ok_or(EditError::NoLog)?
                .append(&edits, &meta)?;
            if !pause.is_zero() {
                std::thread::sleep(pause);
            }
            Ok::<_, EditError>((serving, pending, edits, seqs))
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
            for e in &edits {
                layers.all.apply(e);
            }
            layers.applied = *seqs.end();
        }
        let version = self.snapshot().extractor.gazetteer().version().to_string();
        let layer = locked(&self.layers).pending.upserts().len();
        if layer >= self.merge_at.load(Ordering::Relaxed) {
            self.start_merge();
        }
        for (op, n) in [("upsert", upserts), ("delete", applied - upserts)] {
            ::metrics::counter!(names::EDITS, "op" => op).increment(n as u64);
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

/// The edits of a batch that change something, given whether an id is served before it: a
/// delete of an id that is not served then, nor upserted earlier in the batch (or already
/// deleted earlier in it), changes nothing, so it is dropped: not journaled, not counted, and
/// no new version for it. Before, such a delete answered `applied: 1` and changed the version.
fn effective(edits: Vec<Edit>, served: impl Fn(&str) -> bool) -> Vec<Edit> {
    let mut exists: HashMap<String, bool> = HashMap::new();
    edits
        .into_iter()
        .filter(|e| {
            let upsert = matches!(e, Edit::Upsert(_));
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
