//! Starting a real server on an ephemeral loopback port for end-to-end tests.
#![allow(dead_code, unreachable_pub)]

use std::net::SocketAddr;
use std::path::PathBuf;

use gazette::live::{LiveGazetteer, Sources};
use gazette::transport::{self as server, ServerOptions};
use gazette::Extractor;
use std::sync::Arc;
use tokio::sync::oneshot;
use tonic::transport::Channel;
use tonic_health::pb::health_client::HealthClient;
use tonic_health::pb::HealthCheckRequest;

/// A running server; dropping it without `stop` leaves the task to end with the runtime.
pub struct TestServer {
    pub addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<()>,
}

pub fn test_gazetteer_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/gazetteer")
}

/// `[[text, label], …]` pairs of a JSON test file (gold mentions, expected mentions).
pub fn pairs(v: &serde_json::Value) -> Vec<(String, String)> {
    v.as_array()
        .expect("an array of pairs")
        .iter()
        .map(|p| {
            (
                p[0].as_str().unwrap_or_default().to_string(),
                p[1].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

pub fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

/// An extractor knowing one person, "Ali Habib" (`p:habib`).
pub fn tiny_extractor() -> Extractor {
    let mut b = gazette::GazetteerBuilder::new();
    b.add_source(
        "people",
        "people.tsv",
        gazette::Format::Tsv,
        "Ali Habib\tPERSON\tp:habib\n".as_bytes(),
    );
    Extractor::new(b.build().expect("tiny gazetteer builds"))
}

/// Starts a server on 127.0.0.1:0 with the test gazetteer (and the default one when asked),
/// and returns once its health check says SERVING.
pub async fn start(max_text_bytes: usize, with_default: bool) -> TestServer {
    let loaded = gazette::sources::load(&[test_gazetteer_dir()], with_default)
        .expect("test gazetteer loads");
    start_with(Extractor::new(loaded.gazetteer), max_text_bytes).await
}

pub async fn start_with(extractor: Extractor, max_text_bytes: usize) -> TestServer {
    let options = ServerOptions {
        max_text_bytes,
        admin_token: None,
        watch: false,
        ..Default::default()
    };
    start_live(LiveGazetteer::new(extractor, None), options).await
}

/// Starts a server that reloads from `paths` (without the default gazetteer), with `token` for
/// the admin service and file watching as asked.
pub async fn start_reloadable(paths: Vec<PathBuf>, token: Option<&str>, watch: bool) -> TestServer {
    let loaded = gazette::sources::load(&paths, false).expect("initial gazetteer loads");
    let live = LiveGazetteer::new(
        Extractor::new(loaded.gazetteer),
        Some(Sources {
            paths,
            include_default: false,
        }),
    );
    let options = ServerOptions {
        admin_token: token.map(str::to_string),
        watch,
        ..Default::default()
    };
    start_live(live, options).await
}

/// Like [`start_reloadable`], with an edit journal in `data_dir` (replayed first).
pub async fn start_with_journal(
    paths: Vec<PathBuf>,
    data_dir: &std::path::Path,
    token: &str,
) -> TestServer {
    let loaded = gazette::sources::load(&paths, false).expect("initial gazetteer loads");
    let journal = gazette::journal::Journal::open(data_dir).expect("journal opens");
    let live = LiveGazetteer::with_log(
        loaded.gazetteer,
        Some(Sources {
            paths,
            include_default: false,
        }),
        Box::new(journal),
    )
    .expect("journal applies");
    let options = ServerOptions {
        admin_token: Some(token.to_string()),
        watch: false,
        ..Default::default()
    };
    start_live(live, options).await
}

/// Starts a server with `options`; with TLS it is not health-checked first (the check speaks
/// plaintext), which is safe as the listener is bound before this returns.
pub async fn start_live(live: Arc<LiveGazetteer>, options: ServerOptions) -> TestServer {
    let plaintext = options.tls.is_none();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind loopback");
    let addr = listener.local_addr().expect("local addr");
    let (tx, rx) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        let shutdown = async {
            let _ = rx.await;
        };
        server::run(listener, live, options, shutdown)
            .await
            .expect("server runs");
    });
    let server = TestServer {
        addr,
        stop: Some(tx),
        task,
    };
    if plaintext {
        wait_serving(&server).await;
    }
    server
}

impl TestServer {
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub async fn channel(&self) -> Channel {
        Channel::from_shared(self.url())
            .expect("url")
            .connect()
            .await
            .expect("connect")
    }

    /// Asks the server to stop and waits for it to finish draining.
    pub async fn stop(mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
        let _ = (&mut self.task).await;
    }
}

/// The listener is bound before the server task starts, so connecting cannot race the bind;
/// this still checks the health service answers SERVING before tests go on.
async fn wait_serving(server: &TestServer) {
    let mut health = HealthClient::new(server.channel().await);
    let resp = health
        .check(HealthCheckRequest {
            service: String::new(),
        })
        .await
        .expect("health check");
    assert_eq!(resp.into_inner().status, 1, "SERVING");
}

/// Starts the `gazette` binary with `args` (plus `--listen 127.0.0.1:0`), waits for the log line
/// naming its address, keeps draining its log, and returns it with that address.
pub async fn spawn_binary(args: &[&std::ffi::OsStr]) -> (tokio::process::Child, String) {
    use tokio::io::AsyncBufReadExt;
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(["serve", "--listen", "127.0.0.1:0"])
        .args(args)
        .env("GAZETTE_LOG", "info")
        .env("NO_COLOR", "1")
        .stderr(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("spawn");
    let mut lines = tokio::io::BufReader::new(child.stderr.take().expect("stderr")).lines();
    let mut addr = None;
    while let Some(line) = lines.next_line().await.expect("log line") {
        if let Some(rest) = line.split(" addr=").nth(1) {
            addr = rest.split_whitespace().next().map(str::to_string);
            break;
        }
    }
    // Keep draining the log so the child never blocks on a full pipe.
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    (
        child,
        addr.expect("server logged its address before exiting"),
    )
}

/// `msg` with `authorization: Bearer <token>`, as the admin RPCs require.
pub fn with_token<T>(msg: T, token: &str) -> tonic::Request<T> {
    let mut r = tonic::Request::new(msg);
    let value =
        tonic::metadata::MetadataValue::try_from(format!("Bearer {token}")).expect("header");
    r.metadata_mut().insert("authorization", value);
    r
}

/// The fields named by a status's `BadRequest` violations, in order.
pub fn violated_fields(status: &tonic::Status) -> Vec<String> {
    use tonic_types::StatusExt;
    status
        .get_details_bad_request()
        .expect("BadRequest detail")
        .field_violations
        .into_iter()
        .map(|v| v.field)
        .collect()
}

/// Fails the test if `f` has not finished within `secs` (a hang guard, not a speed check).
pub async fn bounded<T>(secs: u64, what: &str, f: impl std::future::Future<Output = T>) -> T {
    tokio::time::timeout(std::time::Duration::from_secs(secs), f)
        .await
        .unwrap_or_else(|_| panic!("{what} did not finish within {secs} s"))
}

/// A request for `text` with every other field at its default.
pub fn doc(text: impl Into<String>) -> gazette::proto::v1::ExtractRequest {
    gazette::proto::v1::ExtractRequest {
        text: text.into(),
        ..Default::default()
    }
}
