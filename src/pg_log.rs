//! The shared edit log on PostgreSQL (`--edit-store postgres://…`): every replica appends its
//! edits to one table and applies everyone's in sequence order, so replicas serve the same
//! edits. A single server keeps the file journal ([`crate::journal`]); no database is needed to
//! run Gazette on one machine.
//!
//! - **Order.** Rows get their `seq` from a sequence while the writer holds a transaction-scoped
//!   advisory lock, taken before the insert and released by the commit. Two writers therefore
//!   commit in `seq` order, and a reader that has applied every row up to `N` finds every later
//!   edit with `seq > N`: none can appear below it afterwards.
//! - **Durability.** An append returns once the transaction has committed; only then is the edit
//!   acknowledged.
//! - **News.** The commit also sends `NOTIFY gazette_edits`; [`listen`] turns notifications into
//!   wake-ups for the serving side, which polls as well (a notification sent while a listening
//!   connection was down is not replayed).
//! - **Schema.** Migrations (`src/pg_log/migrations/`, refinery) run at start, under an advisory
//!   lock so replicas starting together take turns; a database whose schema has migrations this
//!   server does not know is refused.
//!
//! The [`EditLog`] methods block (they run the async driver on the runtime handle given at
//! connect): call them off the async workers, as `live` does.

use std::ops::RangeInclusive;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod, Runtime};
use tokio_postgres::NoTls;

use crate::edits::{Edit, EditLog, EditLogError, Logged, Meta};

mod embedded {
    refinery::embed_migrations!("src/pg_log/migrations");
}

/// The channel commits notify on.
pub const CHANNEL: &str = "gazette_edits";

/// The advisory lock key writers serialise on ("gazette" in ASCII).
const APPEND_LOCK: i64 = 0x0067_617a_6574_7465;

/// The advisory lock key migrations serialise on.
const MIGRATE_LOCK: i64 = APPEND_LOCK + 1;

/// Longest wait for a connection, a statement or a commit: past it the edit fails with
/// UNAVAILABLE instead of holding its caller.
const TIMEOUT: Duration = Duration::from_secs(5);

/// Why the edit store could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum PgLogError {
    /// The URL does not parse.
    #[error("--edit-store: not a PostgreSQL URL ({0})")]
    Url(String),
    /// The database could not be reached or refused us.
    #[error("the edit store at {target} cannot be reached: {reason}")]
    Connect {
        /// Host, port and database (never the password).
        target: String,
        /// What went wrong.
        reason: String,
    },
    /// The schema could not be brought up to date, or is newer than this server.
    #[error(
        "the edit store at {target}: its schema cannot be migrated ({reason}); a server refuses \
         a database migrated by a newer version of Gazette"
    )]
    Schema {
        /// Host, port and database.
        target: String,
        /// What refinery said.
        reason: String,
    },
}

/// The shared edit log.
pub struct PgLog {
    pool: Pool,
    runtime: tokio::runtime::Handle,
    target: String,
}

impl std::fmt::Debug for PgLog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgLog")
            .field("target", &self.target)
            .finish()
    }
}

/// `url` parsed, with the timeouts Gazette uses.
pub fn config(url: &str) -> Result<tokio_postgres::Config, PgLogError> {
    let mut config =
        tokio_postgres::Config::from_str(url).map_err(|e| PgLogError::Url(e.to_string()))?;
    config.connect_timeout(TIMEOUT);
    config.application_name("gazette");
    Ok(config)
}

/// `host:port/dbname` of `config`, for messages (never the password).
pub fn target(config: &tokio_postgres::Config) -> String {
    let host = match config.get_hosts().first() {
        Some(tokio_postgres::config::Host::Tcp(h)) => h.clone(),
        Some(tokio_postgres::config::Host::Unix(p)) => p.display().to_string(),
        None => "localhost".to_string(),
    };
    let port = config.get_ports().first().copied().unwrap_or(5432);
    let db = config
        .get_dbname()
        .or(config.get_user())
        .unwrap_or("postgres");
    format!("{host}:{port}/{db}")
}

impl PgLog {
    /// Connects to the database at `url`, brings its schema up to date, and returns the log.
    /// Its blocking methods run on `runtime`.
    pub async fn connect(url: &str, runtime: tokio::runtime::Handle) -> Result<PgLog, PgLogError> {
        PgLog::connect_with(config(url)?, runtime).await
    }

    /// [`PgLog::connect`] with the URL already parsed ([`config`]).
    pub async fn connect_with(
        config: tokio_postgres::Config,
        runtime: tokio::runtime::Handle,
    ) -> Result<PgLog, PgLogError> {
        let target = target(&config);
        let unreachable = |e: &dyn std::fmt::Display| PgLogError::Connect {
            target: target.clone(),
            reason: e.to_string(),
        };
        let manager = Manager::from_config(
            config,
            NoTls,
            ManagerConfig {
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let pool = Pool::builder(manager)
            .max_size(4)
            .runtime(Runtime::Tokio1)
            .wait_timeout(Some(TIMEOUT))
            .create_timeout(Some(TIMEOUT))
            .recycle_timeout(Some(TIMEOUT))
            .build()
            .map_err(|e| unreachable(&e))?;
        let mut client = pool.get().await.map_err(|e| unreachable(&e))?;
        client
            .execute("SELECT pg_advisory_lock($1)", &[&MIGRATE_LOCK])
            .await
            .map_err(|e| unreachable(&e))?;
        let mut runner = embedded::migrations::runner();
        runner.set_migration_table_name("gazette_schema_history");
        let migrated = runner
            .set_abort_missing(true)
            .set_abort_divergent(true)
            .run_async(&mut **client)
            .await;
        // Unlocked whatever the outcome (the session may go back to the pool).
        let _ = client
            .execute("SELECT pg_advisory_unlock($1)", &[&MIGRATE_LOCK])
            .await;
        migrated.map_err(|e| PgLogError::Schema {
            target: target.clone(),
            reason: e.to_string(),
        })?;
        drop(client);
        Ok(PgLog {
            pool,
            runtime,
            target,
        })
    }

    async fn append_now(&self, records: &[String]) -> Result<RangeInclusive<u64>, EditLogError> {
        let mut client = self.pool.get().await.map_err(unavailable)?;
        let tx = client.transaction().await.map_err(unavailable)?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&APPEND_LOCK])
            .await
            .map_err(unavailable)?;
        let rows = tx
            .query(
                "INSERT INTO gazette_edits (record) \
                 SELECT r FROM unnest($1::text[]) WITH ORDINALITY AS t(r, i) ORDER BY i \
                 RETURNING seq",
                &[&records],
            )
            .await
            .map_err(unavailable)?;
        let seqs: Vec<i64> = rows.iter().map(|r| r.get(0)).collect();
        let (Some(&first), Some(&last)) = (seqs.iter().min(), seqs.iter().max()) else {
            return Err(EditLogError::Unavailable {
                reason: "the edit store stored no rows".into(),
                error: "INSERT returned no rows".into(),
            });
        };
        tx.execute("SELECT pg_notify($1, $2)", &[&CHANNEL, &last.to_string()])
            .await
            .map_err(unavailable)?;
        tx.commit().await.map_err(unavailable)?;
        Ok(first as u64..=last as u64)
    }

    async fn read_after_now(&self, after: u64) -> Result<Vec<Logged>, EditLogError> {
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
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            let seq: i64 = row.get(0);
            let record: &str = row.get(1);
            let (edit, meta) = Edit::from_record_with_meta(record.as_bytes()).map_err(|e| {
                EditLogError::Corrupt(
                    format!(
                        "the edit store at {}: row seq {seq} is not a valid edit: {e}",
                        self.target
                    )
                    .into(),
                )
            })?;
            out.push(Logged {
                seq: seq as u64,
                edit,
                meta,
            });
        }
        Ok(out)
    }

    /// Runs `work` on the runtime from a blocking thread, within [`TIMEOUT`] twice over (a pool
    /// wait and the statements).
    fn block_on<T>(
        &self,
        work: impl std::future::Future<Output = Result<T, EditLogError>>,
    ) -> Result<T, EditLogError> {
        self.runtime.block_on(async {
            tokio::time::timeout(TIMEOUT * 2, work)
                .await
                .unwrap_or_else(|_| {
                    Err(EditLogError::Unavailable {
                        reason: "the edit store did not answer in time".into(),
                        error: format!("no answer within {:?}", TIMEOUT * 2).into(),
                    })
                })
        })
    }
}

/// A driver or pool error as the edit log reports it: what a client may be told, and the whole
/// error for the server's log.
fn unavailable(e: impl std::error::Error + Send + Sync + 'static) -> EditLogError {
    EditLogError::Unavailable {
        reason: format!("the edit store failed: {e}"),
        error: Box::new(e),
    }
}

impl EditLog for PgLog {
    fn append(&mut self, edits: &[Edit], meta: &Meta) -> Result<RangeInclusive<u64>, EditLogError> {
        let records: Vec<String> = edits.iter().map(|e| e.to_record(meta)).collect();
        self.block_on(self.append_now(&records))
    }

    fn read_after(&mut self, after: u64) -> Result<Vec<Logged>, EditLogError> {
        self.block_on(self.read_after_now(after))
    }

    fn is_shared(&self) -> bool {
        true
    }

    fn kind(&self) -> &'static str {
        "postgres"
    }

    fn describe(&self) -> String {
        format!("edit store {}", self.target)
    }
}

/// Wakes `wake` whenever any replica commits an edit: a connection of its own that LISTENs on
/// [`CHANNEL`], reconnecting with backoff (1 s doubling to 30 s) for as long as the task lives.
pub async fn listen(config: tokio_postgres::Config, wake: Arc<tokio::sync::Notify>) {
    let mut backoff = Duration::from_secs(1);
    loop {
        match listen_once(&config, &wake).await {
            Ok(()) => backoff = Duration::from_secs(1),
            Err(e) => tracing::warn!(
                store = %target(&config),
                error = %e,
                retry_in_ms = backoff.as_millis() as u64,
                "the edit store's notifications stopped; edits are still found by polling"
            ),
        }
        // Whatever was missed while the connection was down is found by the next poll; wake
        // the reader now so it does not wait for it.
        wake.notify_one();
        tokio::time::sleep(backoff).await;
        backoff = (backoff * 2).min(Duration::from_secs(30));
    }
}

/// One listening connection, until it fails.
async fn listen_once(
    config: &tokio_postgres::Config,
    wake: &tokio::sync::Notify,
) -> Result<(), tokio_postgres::Error> {
    let (client, mut connection) = config.connect(NoTls).await?;
    let (tx, mut messages) = tokio::sync::mpsc::unbounded_channel();
    let driver = tokio::spawn(async move {
        loop {
            let message = std::future::poll_fn(|cx| connection.poll_message(cx)).await;
            match message {
                Some(Ok(m)) => {
                    if tx.send(Ok(m)).is_err() {
                        return;
                    }
                }
                Some(Err(e)) => {
                    let _ = tx.send(Err(e));
                    return;
                }
                None => return,
            }
        }
    });
    let listened = client.batch_execute(&format!("LISTEN {CHANNEL}")).await;
    if let Err(e) = listened {
        driver.abort();
        return Err(e);
    }
    tracing::info!(store = %target(config), "listening for edits from other replicas");
    wake.notify_one();
    let result = loop {
        match messages.recv().await {
            Some(Ok(tokio_postgres::AsyncMessage::Notification(_))) => wake.notify_one(),
            Some(Ok(_)) => {}
            Some(Err(e)) => break Err(e),
            None => break Ok(()),
        }
    };
    driver.abort();
    drop(client);
    result
}

/// Why a server could not start on the shared edit store.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// The store could not be reached or its schema is not usable.
    #[error(transparent)]
    Store(#[from] PgLogError),
    /// Its edits could not be read or do not apply over the gazetteer files.
    #[error(transparent)]
    Replay(#[from] crate::live::StartError),
    /// The start-up task failed.
    #[error("the start-up task failed: {0}")]
    Task(String),
}

/// Serves `base` with every edit committed to the store at `url` applied (all of them, before
/// this returns: a new replica answers like the others from its first request), then keeps
/// following the store: woken by its notifications, and polling every `poll`. Edits made
/// through the returned gazetteer are committed to the store.
pub async fn open_shared(
    url: &str,
    base: crate::Gazetteer,
    sources: Option<crate::live::Sources>,
    poll: Duration,
) -> Result<Arc<crate::live::LiveGazetteer>, OpenError> {
    let config = config(url)?;
    let store = PgLog::connect_with(config.clone(), tokio::runtime::Handle::current()).await?;
    let live = tokio::task::spawn_blocking(move || {
        crate::live::LiveGazetteer::with_log(base, sources, Box::new(store))
    })
    .await
    .map_err(|e| OpenError::Task(e.to_string()))??;
    let wake = Arc::new(tokio::sync::Notify::new());
    tokio::spawn(listen(config, wake.clone()));
    tokio::spawn(live.clone().follow(wake, poll));
    Ok(live)
}
