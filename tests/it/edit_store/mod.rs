//! The shared edit store (`--edit-store postgres://…`) against a real PostgreSQL server: a
//! throwaway cluster per test (`scripts/lib/postgres.sh`), or a fresh database on the server
//! `GAZETTE_TEST_POSTGRES_URL` names. Several replicas are several in-process servers on one
//! database.

mod convergence;
mod faults;
mod history;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use gazette::live::{LiveGazetteer, Sources};
use gazette::proto::v1::entity_extractor_client::EntityExtractorClient;
use gazette::proto::v1::gazetteer_admin_client::GazetteerAdminClient;
use gazette::proto::v1::{GazetteerEntry, GetEntityRequest, GetInfoRequest, UpsertEntitiesRequest};
use tonic::transport::Channel;

use crate::common::{self, TestServer};

const TOKEN: &str = "edit-store-token";

/// How often the test replicas poll the store (they are also notified).
const POLL: Duration = Duration::from_millis(500);

/// A database for one test; a cluster of its own is stopped when this is dropped.
pub(super) struct TestPostgres {
    pub(super) url: String,
    pub(super) cluster: Option<PathBuf>,
}

pub(super) fn script() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scripts/lib/postgres.sh")
}

impl TestPostgres {
    pub(super) async fn start() -> TestPostgres {
        if let Ok(server) = std::env::var("GAZETTE_TEST_POSTGRES_URL") {
            return TestPostgres {
                url: fresh_database(&server).await,
                cluster: None,
            };
        }
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!(
            "pg-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos())
        ));
        let out = tokio::process::Command::new("bash")
            .arg(script())
            .arg("start")
            .arg(&dir)
            .output()
            .await
            .expect("run scripts/lib/postgres.sh");
        common::assert_success(&out);
        let url = String::from_utf8_lossy(&out.stdout).trim().to_string();
        TestPostgres {
            url,
            cluster: Some(dir),
        }
    }

    /// Stops the database at once (as a crash would) and starts it again on the same port.
    /// Only for a cluster of the test's own.
    pub(super) async fn restart(&self) {
        let dir = self.cluster.as_ref().expect("a cluster of the test's own");
        let out = tokio::process::Command::new("bash")
            .arg(script())
            .arg("restart")
            .arg(dir)
            .output()
            .await
            .expect("restart");
        common::assert_success(&out);
    }

    /// A direct connection, to look at the table.
    pub(super) async fn client(&self) -> tokio_postgres::Client {
        let (client, connection) = tokio_postgres::connect(&self.url, tokio_postgres::NoTls)
            .await
            .expect("connect to the test database");
        tokio::spawn(connection);
        client
    }
}

impl Drop for TestPostgres {
    fn drop(&mut self) {
        if let Some(dir) = &self.cluster {
            let _ = std::process::Command::new("bash")
                .arg(script())
                .arg("stop")
                .arg(dir)
                .output();
        }
    }
}

/// A new, empty database on `server`, for one test.
async fn fresh_database(server: &str) -> String {
    let (client, connection) = tokio_postgres::connect(server, tokio_postgres::NoTls)
        .await
        .expect("connect to GAZETTE_TEST_POSTGRES_URL");
    tokio::spawn(connection);
    let name = format!(
        "gazette_test_{}_{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_micros())
    );
    client
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .await
        .expect("create a database for the test");
    let mut config: tokio_postgres::Config = server.parse().expect("a postgres URL");
    config.dbname(&name);
    // Back to a URL: user, host and port of the server, the new database.
    let host = match config.get_hosts().first() {
        Some(tokio_postgres::config::Host::Tcp(h)) => h.clone(),
        _ => "127.0.0.1".into(),
    };
    let port = config.get_ports().first().copied().unwrap_or(5432);
    let user = config.get_user().unwrap_or("postgres");
    let password = config
        .get_password()
        .map(|p| format!(":{}", String::from_utf8_lossy(p)))
        .unwrap_or_default();
    format!("postgres://{user}{password}@{host}:{port}/{name}")
}

/// A replica: a server whose edits go to the store at `url`, over the test people gazetteer.
pub(super) async fn replica(url: &str) -> (TestServer, Arc<LiveGazetteer>) {
    let paths = vec![people_dir()];
    let loaded = gazette::sources::load(&paths, false).expect("gazetteer loads");
    let live = gazette::pg_log::open_shared(
        url,
        loaded.gazetteer,
        Some(Sources {
            paths,
            include_default: false,
        }),
        POLL,
    )
    .await
    .expect("the replica opens the store");
    let server = common::start_live(
        live.clone(),
        common::ServerOptions {
            admin_token: Some(TOKEN.into()),
            watch: false,
            ..Default::default()
        },
    )
    .await;
    (server, live)
}

/// The gazetteer the replicas serve: two people.
fn people_dir() -> PathBuf {
    use std::sync::OnceLock;
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(
            dir.path().join("people.tsv"),
            "Ali Habib\tPERSON\tp:habib\nKamal Labwani\tPERSON\tp:labwani\n",
        )
        .expect("write");
        dir
    })
    .path()
    .to_path_buf()
}

pub(super) fn person(id: &str, name: &str) -> GazetteerEntry {
    GazetteerEntry {
        id: id.into(),
        name: name.into(),
        r#type: "PERSON".into(),
        ..Default::default()
    }
}

pub(super) async fn admin(server: &TestServer) -> GazetteerAdminClient<Channel> {
    GazetteerAdminClient::new(server.channel().await)
}

pub(super) async fn upsert(
    admin: &mut GazetteerAdminClient<Channel>,
    entries: Vec<GazetteerEntry>,
) -> Result<String, tonic::Status> {
    admin
        .upsert_entities(common::with_token(
            UpsertEntitiesRequest {
                namespace: "newsroom".into(),
                entries,
            },
            TOKEN,
        ))
        .await
        .map(|r| r.into_inner().version)
}

/// The name serving for `id`, if any.
pub(super) async fn name_of(admin: &mut GazetteerAdminClient<Channel>, id: &str) -> Option<String> {
    admin
        .get_entity(common::with_token(
            GetEntityRequest { id: id.into() },
            TOKEN,
        ))
        .await
        .ok()
        .map(|r| r.into_inner().name)
}

/// What GetInfo says of the edit log.
pub(super) async fn edit_log(
    admin: &mut GazetteerAdminClient<Channel>,
) -> gazette::proto::v1::EditLogInfo {
    admin
        .get_info(common::with_token(GetInfoRequest {}, TOKEN))
        .await
        .expect("get info")
        .into_inner()
        .edit_log
        .expect("an edit log")
}

pub(super) async fn version(admin: &mut GazetteerAdminClient<Channel>) -> String {
    admin
        .get_info(common::with_token(GetInfoRequest {}, TOKEN))
        .await
        .expect("get info")
        .into_inner()
        .version
}

/// The raw bytes of an Extract answer for `text`, to compare replicas byte for byte.
pub(super) async fn extract_bytes(server: &TestServer, text: &str) -> Vec<u8> {
    use prost::Message;
    let mut client = EntityExtractorClient::new(server.channel().await);
    client
        .extract(common::doc(text))
        .await
        .expect("extract")
        .into_inner()
        .encode_to_vec()
}

/// Waits (bounded) until every one of `lives` has applied up to `seq`.
pub(super) async fn all_applied(lives: &[Arc<LiveGazetteer>], seq: u64) {
    common::bounded(20, "every replica applies every edit", async {
        while lives.iter().any(|l| l.applied_seq() < seq) {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await;
}

/// The highest seq in the store.
pub(super) async fn last_seq(pg: &TestPostgres) -> u64 {
    let client = pg.client().await;
    let row = client
        .query_one("SELECT COALESCE(MAX(seq), 0) FROM gazette_edits", &[])
        .await
        .expect("max seq");
    row.get::<_, i64>(0) as u64
}
