//! Setup shared by the test areas: a real server on an ephemeral loopback port (from a fixed,
//! reloading or journaled gazetteer), the `gazette` binary started with its log read for its
//! address, and the library internals the tests drive, named once.
#![allow(dead_code, unreachable_pub)]

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use gazette::live::Sources;
use gazette::Extractor;
use tokio::sync::oneshot;
use tonic::transport::Channel;
use tonic_health::pb::health_client::HealthClient;
use tonic_health::pb::HealthCheckRequest;

// The library internals the tests drive directly, named here once so that a move in the
// library is one change in this file.
pub use gazette::edits::{Edit, EditLog};
pub use gazette::journal::{Journal, FILE_NAME as JOURNAL_FILE};
pub use gazette::live::{LiveGazetteer, Trigger};
pub use gazette::transport::encoded_error_bytes;
pub use gazette::transport::ServerOptions;
pub use gazette::transport::DEFAULT_MAX_TEXT_BYTES;

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
    let live = reloading(paths);
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
    let live = journaled(paths, true, data_dir);
    let options = ServerOptions {
        admin_token: Some(token.to_string()),
        watch: false,
        ..Default::default()
    };
    start_live(live, options).await
}

/// A live gazetteer loaded from `paths` (without the default gazetteer) that reloads from them.
pub fn reloading(paths: Vec<PathBuf>) -> Arc<LiveGazetteer> {
    let loaded = gazette::sources::load(&paths, false).expect("initial gazetteer loads");
    LiveGazetteer::new(
        Extractor::new(loaded.gazetteer),
        Some(Sources {
            paths,
            include_default: false,
        }),
    )
}

/// A live gazetteer loaded from `paths` (without the default gazetteer) with the edit journal in
/// `data_dir`, its edits replayed; it reloads from `paths` when `reloads`, else it has no sources.
pub fn journaled(paths: Vec<PathBuf>, reloads: bool, data_dir: &Path) -> Arc<LiveGazetteer> {
    let loaded = gazette::sources::load(&paths, false).expect("initial gazetteer loads");
    let journal = Journal::open(data_dir).expect("journal opens");
    let sources = reloads.then_some(Sources {
        paths,
        include_default: false,
    });
    LiveGazetteer::with_log(loaded.gazetteer, sources, Box::new(journal)).expect("journal applies")
}

/// The edits in the journal in `data_dir`, read as the server reads them at start (the journal's
/// lock is released before this returns).
pub fn journal_edits(data_dir: &Path) -> Vec<Edit> {
    let mut journal = Journal::open(data_dir).expect("journal opens");
    let logged = journal.read_after(0).expect("journal reads");
    logged.into_iter().map(|l| l.edit).collect()
}

/// An upsert of `entry` (a JSONL gazetteer line's object) into `namespace`, parsed as the admin
/// API parses it.
pub fn upsert_edit(namespace: &str, entry: serde_json::Value) -> Edit {
    let entry = gazette::gazetteer::parse_entry(&entry.to_string(), namespace).expect("entry");
    Edit::Upsert(entry)
}

/// A server on [`tiny_extractor`] with `options`.
pub async fn start_tiny(options: ServerOptions) -> TestServer {
    start_live(LiveGazetteer::new(tiny_extractor(), None), options).await
}

/// The journal file in `data_dir`.
pub fn journal_file(data_dir: &Path) -> PathBuf {
    data_dir.join(JOURNAL_FILE)
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
        gazette::transport::run(listener, live, options, shutdown)
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

/// `gazette serve --listen 127.0.0.1:0` with its log piped and killed when dropped; `wrapper`
/// (`["prlimit", "--fsize=4096"]`) runs it under another program.
pub fn serve_command(wrapper: &[&str]) -> tokio::process::Command {
    let binary = env!("CARGO_BIN_EXE_gazette");
    let mut command = match wrapper.split_first() {
        Some((program, args)) => {
            let mut c = tokio::process::Command::new(program);
            c.args(args).arg(binary);
            c
        }
        None => tokio::process::Command::new(binary),
    };
    command
        .args(["serve", "--listen", "127.0.0.1:0"])
        .stderr(std::process::Stdio::piped())
        .kill_on_drop(true);
    command
}

/// A child's log, line by line.
pub type LogLines = tokio::io::Lines<tokio::io::BufReader<tokio::process::ChildStderr>>;

/// `child`'s log, which it must have been started with piped.
pub fn log_lines(child: &mut tokio::process::Child) -> LogLines {
    use tokio::io::AsyncBufReadExt;
    tokio::io::BufReader::new(child.stderr.take().expect("stderr")).lines()
}

/// Reads `lines` up to the first one from which `addr_in` takes the listen address; `None` if
/// the log ends first.
pub async fn listen_addr(
    lines: &mut LogLines,
    addr_in: impl Fn(&str) -> Option<String>,
) -> Option<String> {
    while let Some(line) = lines.next_line().await.expect("log line") {
        if let Some(addr) = addr_in(&line) {
            return Some(addr);
        }
    }
    None
}

/// The address in a text log line's `addr=` field.
pub fn text_log_addr(line: &str) -> Option<String> {
    let rest = line.split(" addr=").nth(1)?;
    rest.split_whitespace().next().map(str::to_string)
}

/// Waits for the text log line naming `child`'s address, then keeps draining its log so the
/// child never blocks on a full pipe; `None` if it exited first.
pub async fn logged_addr(child: &mut tokio::process::Child) -> Option<String> {
    let mut lines = log_lines(child);
    let addr = listen_addr(&mut lines, text_log_addr).await;
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    addr
}

/// Starts the `gazette` binary with `args` (plus `--listen 127.0.0.1:0`), waits for the log line
/// naming its address, keeps draining its log, and returns it with that address.
pub async fn spawn_binary(args: &[&std::ffi::OsStr]) -> (tokio::process::Child, String) {
    spawn_binary_under(&[], args).await
}

/// [`spawn_binary`] run under `wrapper`, as [`serve_command`] does.
pub async fn spawn_binary_under(
    wrapper: &[&str],
    args: &[&std::ffi::OsStr],
) -> (tokio::process::Child, String) {
    let mut child = serve_command(wrapper)
        .args(args)
        .env("GAZETTE_LOG", "info")
        .env("NO_COLOR", "1")
        .spawn()
        .unwrap_or_else(|e| panic!("spawn {:?}: {e}", wrapper.first().unwrap_or(&"gazette")));
    let addr = logged_addr(&mut child).await;
    (
        child,
        addr.expect("server logged its address before exiting"),
    )
}

/// Asserts that a finished command succeeded, showing its stderr if not.
pub fn assert_success(out: &std::process::Output) {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
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
