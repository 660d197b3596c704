//! Appending a batch: one transaction under the writers' advisory lock, so rows commit in `seq`
//! order; and, when the COMMIT gets no answer (the database went away at that moment), finding
//! out whether it happened before saying anything to the client.
//!
//! A commit whose answer was lost may have happened. Refusing the edit then would be a lie if
//! it did (the edit would be served everywhere although the client was told it failed), and
//! acknowledging it would be a lie if it did not. So every batch carries a random id, and the
//! writer looks for it once the database answers again: under the same advisory lock, which
//! the lost transaction holds until it has committed or aborted, so the answer is final.

use std::ops::RangeInclusive;
use std::time::{Duration, Instant};

use super::{unavailable, PgLog, APPEND_LOCK, CHANNEL, TIMEOUT};
use crate::edits::{Change, EditLogError, Meta};

/// One edit as a row.
struct Row {
    /// The entity it changes (an indexed column, for the history and undo).
    entity_id: String,
    /// The stored line ([`Change::to_record`]).
    record: String,
}

/// What every row of a batch shares.
struct Batch {
    /// A random id, to look the batch up after a lost commit.
    id: String,
    /// Who made it (an indexed column).
    editor: String,
    /// The edit it undoes: refused if a later edit changed the same entity.
    reverts: Option<u64>,
}

/// How long a writer keeps asking whether a lost commit happened: long enough for a database
/// restart or a failover.
const RESOLVE_FOR: Duration = Duration::from_secs(30);

/// How an append attempt failed.
enum Failed {
    /// Before COMMIT was sent: nothing is stored.
    Surely(EditLogError),
    /// COMMIT was sent and no answer came: the batch may be stored.
    Maybe(EditLogError),
}

impl PgLog {
    /// Appends `changes` as one batch made by `meta`; `Ok` only once they are committed.
    pub(super) async fn append_changes(
        &self,
        changes: &[Change],
        meta: &Meta,
    ) -> Result<RangeInclusive<u64>, EditLogError> {
        let rows: Vec<Row> = changes
            .iter()
            .map(|c| Row {
                entity_id: c.edit.id().to_string(),
                record: c.to_record(meta),
            })
            .collect();
        let batch = Batch {
            id: uuid::Uuid::new_v4().to_string(),
            editor: meta.by.clone(),
            reverts: meta.reverts,
        };
        self.append_now(&rows, &batch).await
    }

    async fn append_now(
        &self,
        rows: &[Row],
        batch: &Batch,
    ) -> Result<RangeInclusive<u64>, EditLogError> {
        let attempt = tokio::time::timeout(TIMEOUT * 2, self.try_append(rows, batch))
            .await
            .unwrap_or_else(|_| {
                Err(Failed::Maybe(EditLogError::Unavailable {
                    reason: "the edit store did not answer in time".into(),
                    error: format!("no answer within {:?}", TIMEOUT * 2).into(),
                }))
            });
        match attempt {
            Ok(seqs) => Ok(seqs),
            Err(Failed::Surely(e)) => Err(e),
            Err(Failed::Maybe(e)) => {
                tracing::warn!(
                    store = %self.target,
                    batch = %batch.id,
                    error = %e,
                    "an edit's commit got no answer; looking it up"
                );
                self.resolve(batch, e).await
            }
        }
    }

    async fn try_append(&self, rows: &[Row], batch: &Batch) -> Result<RangeInclusive<u64>, Failed> {
        let surely = |e| Failed::Surely(unavailable(e));
        let mut client = self
            .pool
            .get()
            .await
            .map_err(|e| Failed::Surely(unavailable(e)))?;
        let tx = client.transaction().await.map_err(surely)?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&APPEND_LOCK])
            .await
            .map_err(surely)?;
        if let (Some(reverts), Some(row)) = (batch.reverts, rows.first()) {
            // Under the lock: no other writer can add an edit of this entity until commit.
            let later: Option<i64> = tx
                .query_one(
                    "SELECT MAX(seq) FROM gazette_edits WHERE entity_id = $1 AND seq > $2",
                    &[&row.entity_id, &i64::try_from(reverts).unwrap_or(i64::MAX)],
                )
                .await
                .map_err(surely)?
                .get(0);
            if let Some(by) = later {
                return Err(Failed::Surely(EditLogError::Superseded {
                    reverts,
                    by: by as u64,
                }));
            }
        }
        let (ids, records): (Vec<&str>, Vec<&str>) = rows
            .iter()
            .map(|r| (r.entity_id.as_str(), r.record.as_str()))
            .unzip();
        let inserted = tx
            .query(
                "INSERT INTO gazette_edits (entity_id, record, editor, batch) \
                 SELECT id, r, $3, $4 \
                 FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS t(id, r, i) ORDER BY i \
                 RETURNING seq",
                &[&ids, &records, &batch.editor, &batch.id],
            )
            .await
            .map_err(surely)?;
        let seqs = seq_range(inserted.iter().map(|r| r.get(0))).ok_or_else(|| {
            Failed::Surely(EditLogError::Unavailable {
                reason: "the edit store stored no rows".into(),
                error: "INSERT returned no rows".into(),
            })
        })?;
        tx.execute(
            "SELECT pg_notify($1, $2)",
            &[&CHANNEL, &seqs.end().to_string()],
        )
        .await
        .map_err(surely)?;
        tx.commit()
            .await
            .map_err(|e| Failed::Maybe(unavailable(e)))?;
        Ok(seqs)
    }

    /// Whether `batch`, whose commit got no answer, is stored: its seqs if it is, `lost` if it
    /// is not, and an error saying the outcome is unknown if the database does not answer
    /// within [`RESOLVE_FOR`].
    async fn resolve(
        &self,
        batch: &Batch,
        lost: EditLogError,
    ) -> Result<RangeInclusive<u64>, EditLogError> {
        let deadline = Instant::now() + RESOLVE_FOR;
        let mut last = lost.to_string();
        while Instant::now() < deadline {
            match tokio::time::timeout(TIMEOUT * 2, self.look_up(&batch.id)).await {
                Ok(Ok(Some(seqs))) => {
                    tracing::info!(batch = %batch.id, ?seqs, "the lost commit had happened");
                    return Ok(seqs);
                }
                Ok(Ok(None)) => {
                    tracing::info!(batch = %batch.id, "the lost commit had not happened");
                    return Err(lost);
                }
                Ok(Err(e)) => last = e.to_string(),
                Err(_) => last = "no answer in time".to_string(),
            }
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
        let reason = "the edit store went away while committing this edit, and whether it was \
                      stored is unknown: read it back (GetEntity, ListEdits) before sending it \
                      again";
        Err(EditLogError::Unavailable {
            reason: reason.into(),
            error: format!("batch {}: {reason}; last error: {last}", batch.id).into(),
        })
    }

    /// The seqs of batch `id`, if it is stored. Under the writers' lock, so a transaction still
    /// committing it has finished first.
    async fn look_up(&self, id: &str) -> Result<Option<RangeInclusive<u64>>, EditLogError> {
        let mut client = self.pool.get().await.map_err(unavailable)?;
        let tx = client.transaction().await.map_err(unavailable)?;
        tx.batch_execute(&format!(
            "SET LOCAL lock_timeout = '{}s'",
            TIMEOUT.as_secs()
        ))
        .await
        .map_err(unavailable)?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&APPEND_LOCK])
            .await
            .map_err(unavailable)?;
        let rows = tx
            .query("SELECT seq FROM gazette_edits WHERE batch = $1", &[&id])
            .await
            .map_err(unavailable)?;
        tx.rollback().await.map_err(unavailable)?;
        Ok(seq_range(rows.iter().map(|r| r.get(0))))
    }
}

/// The first to last of `seqs`; `None` if there are none.
fn seq_range(seqs: impl Iterator<Item = i64>) -> Option<RangeInclusive<u64>> {
    let (min, max) = seqs.fold(None, |acc: Option<(i64, i64)>, s| match acc {
        None => Some((s, s)),
        Some((a, b)) => Some((a.min(s), b.max(s))),
    })?;
    Some(min as u64..=max as u64)
}
