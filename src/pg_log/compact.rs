//! What `gazette compact` needs of the store: the edits up to a seq, and dropping the ones a
//! gazetteer file now holds.

use super::{unavailable, PgLog, APPEND_LOCK};
use crate::edits::{EditLogError, Logged};

impl PgLog {
    /// Every edit with a seq up to `through`, in order.
    pub async fn edits_through(&self, through: u64) -> Result<Vec<Logged>, EditLogError> {
        let client = self.pool.get().await.map_err(unavailable)?;
        let through = i64::try_from(through).unwrap_or(i64::MAX);
        let rows = client
            .query(
                "SELECT seq, record FROM gazette_edits WHERE seq <= $1 ORDER BY seq",
                &[&through],
            )
            .await
            .map_err(unavailable)?;
        rows.iter().map(|r| self.logged(r)).collect()
    }

    /// Deletes the edits of `ids` up to `through`, which the gazetteer file `into` now holds,
    /// and records that it did; returns how many rows went. Under the writers' lock, so no edit
    /// is appended meanwhile. Replicas that applied them keep serving the same state; replicas
    /// that start later read the file instead.
    pub async fn prune(
        &self,
        through: u64,
        ids: &[String],
        into: &str,
    ) -> Result<u64, EditLogError> {
        let mut client = self.pool.get().await.map_err(unavailable)?;
        let tx = client.transaction().await.map_err(unavailable)?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&APPEND_LOCK])
            .await
            .map_err(unavailable)?;
        let through = i64::try_from(through).unwrap_or(i64::MAX);
        let deleted = tx
            .execute(
                "DELETE FROM gazette_edits WHERE seq <= $1 AND entity_id = ANY($2)",
                &[&through, &ids],
            )
            .await
            .map_err(unavailable)?;
        tx.execute(
            "INSERT INTO gazette_compactions (through_seq, into_file, entities, rows_deleted) \
             VALUES ($1, $2, $3, $4)",
            &[
                &through,
                &into,
                &i32::try_from(ids.len()).unwrap_or(i32::MAX),
                &i64::try_from(deleted).unwrap_or(i64::MAX),
            ],
        )
        .await
        .map_err(unavailable)?;
        tx.commit().await.map_err(unavailable)?;
        Ok(deleted)
    }
}
