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

use crate::edits::{Change, EditLog, EditLogError, HistoryQuery, Logged, Meta};

mod append;
mod compact;
mod listen;
mod read;
mod tls;

pub use listen::listen;
pub use tls::StoreTls;

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
    /// TLS to the store cannot be set up as asked.
    #[error("TLS to the edit store: {0}")]
    Tls(String),
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
    /// The newest `gazette compact --prune-through` when this server read the whole log: the
    /// gazetteer files it loaded hold the edits pruned up to there.
    files_hold_through: std::sync::OnceLock<i64>,
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
        let config = config(url)?;
        let tls = StoreTls::for_config(&config, None)?;
        PgLog::connect_with(config, tls, runtime).await
    }

    /// [`PgLog::connect`] with the URL already parsed ([`config`]) and its TLS set up.
    pub async fn connect_with(
        config: tokio_postgres::Config,
        tls: StoreTls,
        runtime: tokio::runtime::Handle,
    ) -> Result<PgLog, PgLogError> {
        let target = target(&config);
        let unreachable = |e: &dyn std::error::Error| PgLogError::Connect {
            target: target.clone(),
            reason: with_causes(e),
        };
        let recycling = || ManagerConfig {
            recycling_method: RecyclingMethod::Fast,
        };
        let manager = match tls {
            StoreTls::Plain => Manager::from_config(config, NoTls, recycling()),
            StoreTls::Verified(tls) => Manager::from_config(config, tls, recycling()),
        };
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
            files_hold_through: std::sync::OnceLock::new(),
        })
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

/// `e` and the errors under it, as `outer: inner: …` (the pool's "error performing TLS
/// handshake" says why only in its source).
fn with_causes(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut source = e.source();
    while let Some(inner) = source {
        let text = inner.to_string();
        if !out.contains(&text) {
            out.push_str(": ");
            out.push_str(&text);
        }
        source = inner.source();
    }
    out
}

/// A driver or pool error as the edit log reports it: what a client may be told, and the whole
/// error for the server's log.
fn unavailable(e: impl std::error::Error + Send + Sync + 'static) -> EditLogError {
    EditLogError::Unavailable {
        reason: format!("the edit store failed: {}", with_causes(&e)),
        error: Box::new(e),
    }
}

impl EditLog for PgLog {
    fn append(
        &mut self,
        changes: &[Change],
        meta: &Meta,
    ) -> Result<RangeInclusive<u64>, EditLogError> {
        // Its own deadlines: a commit without an answer is looked up, not abandoned.
        self.runtime.block_on(self.append_changes(changes, meta))
    }

    fn read_after(&mut self, after: u64) -> Result<Vec<Logged>, EditLogError> {
        self.block_on(self.read_after_now(after))
    }

    fn history(&mut self, query: &HistoryQuery) -> Result<Vec<Logged>, EditLogError> {
        self.block_on(self.history_now(query))
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

/// Serves `base` with every edit committed to the store at `url` (TLS as its `sslmode` says,
/// trusting `ca` if given) applied (all of them, before
/// this returns: a new replica answers like the others from its first request), then keeps
/// following the store: woken by its notifications, and polling every `poll`. Edits made
/// through the returned gazetteer are committed to the store.
pub async fn open_shared(
    url: &str,
    ca: Option<&std::path::Path>,
    base: crate::Gazetteer,
    sources: Option<crate::live::Sources>,
    poll: Duration,
) -> Result<Arc<crate::live::LiveGazetteer>, OpenError> {
    let config = config(url)?;
    let tls = StoreTls::for_config(&config, ca)?;
    let store = PgLog::connect_with(
        config.clone(),
        tls.clone(),
        tokio::runtime::Handle::current(),
    )
    .await?;
    let live = tokio::task::spawn_blocking(move || {
        crate::live::LiveGazetteer::with_log(base, sources, Box::new(store))
    })
    .await
    .map_err(|e| OpenError::Task(e.to_string()))??;
    let wake = Arc::new(tokio::sync::Notify::new());
    tokio::spawn(listen(config, tls, wake.clone()));
    tokio::spawn(live.clone().follow(wake, poll));
    Ok(live)
}
