//! Reading the store: the edits after a seq (what a replica applies), and pages of the history
//! (what ListEdits shows), both as [`Logged`] edits.

use tokio_postgres::types::ToSql;

use super::{unavailable, PgLog};
use crate::edits::{Change, EditLogError, HistoryQuery, Logged};

impl PgLog {
    pub(super) async fn read_after_now(&self, after: u64) -> Result<Vec<Logged>, EditLogError> {
        let client = self.pool.get().await.map_err(unavailable)?;
        let applied = after;
        let after = i64::try_from(after).unwrap_or(i64::MAX);
        // A store that went back (a restore, a failover that lost rows) holds fewer edits than
        // this server applied: its next rows would reuse seqs already applied here and be
        // skipped. Said loudly instead (GetInfo, `gazette_edit_store_up`, the log).
        let newest: i64 = client
            .query_one("SELECT COALESCE(MAX(seq), 0) FROM gazette_edits", &[])
            .await
            .map_err(unavailable)?
            .get(0);
        if newest < after {
            let message = format!(
                "the edit store's newest edit is seq {newest}, but this server has applied up to \
                 {applied}: the store was restored or failed over without them; restart the \
                 replicas (docs/operations.md)"
            );
            return Err(EditLogError::Unavailable {
                reason: message.clone(),
                error: message.into(),
            });
        }
        let rows = client
            .query(
                "SELECT seq, record FROM gazette_edits WHERE seq > $1 ORDER BY seq",
                &[&after],
            )
            .await
            .map_err(unavailable)?;
        rows.iter().map(|r| self.logged(r)).collect()
    }

    pub(super) async fn history_now(
        &self,
        query: &HistoryQuery,
    ) -> Result<Vec<Logged>, EditLogError> {
        let client = self.pool.get().await.map_err(unavailable)?;
        // Only the filters asked for, so each query can use its index.
        let before = query.before.map(|b| i64::try_from(b).unwrap_or(i64::MAX));
        let limit = i64::try_from(query.limit).unwrap_or(i64::MAX);
        let mut conditions: Vec<String> = Vec::new();
        let mut params: Vec<&(dyn ToSql + Sync)> = Vec::new();
        let filters: [(&str, Option<&(dyn ToSql + Sync)>); 3] = [
            ("entity_id =", query.entity_id.as_ref().map(|v| v as _)),
            ("editor =", query.editor.as_ref().map(|v| v as _)),
            ("seq <", before.as_ref().map(|v| v as _)),
        ];
        for (condition, value) in filters {
            if let Some(value) = value {
                params.push(value);
                conditions.push(format!("{condition} ${}", params.len()));
            }
        }
        params.push(&limit);
        let sql = format!(
            "SELECT seq, record FROM gazette_edits {} ORDER BY seq DESC LIMIT ${}",
            if conditions.is_empty() {
                String::new()
            } else {
                format!("WHERE {}", conditions.join(" AND "))
            },
            params.len()
        );
        let rows = client.query(&sql, &params).await.map_err(unavailable)?;
        rows.iter().map(|r| self.logged(r)).collect()
    }

    /// A `(seq, record)` row as an edit.
    fn logged(&self, row: &tokio_postgres::Row) -> Result<Logged, EditLogError> {
        let seq: i64 = row.get(0);
        let record: &str = row.get(1);
        let (change, meta) = Change::from_record(record.as_bytes()).map_err(|e| {
            EditLogError::Corrupt(
                format!(
                    "the edit store at {}: row seq {seq} is not a valid edit: {e}",
                    self.target
                )
                .into(),
            )
        })?;
        Ok(Logged::new(seq as u64, change, meta))
    }
}
