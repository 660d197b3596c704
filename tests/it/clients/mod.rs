//! Real clients in other languages against real servers on ephemeral loopback ports.
//!
//! - `raw`: grpcio and @grpc/grpc-js with stubs generated on the spot check the offset contract
//!   in the unit each language slices by (code points in Python, UTF-16 in JavaScript).
//! - `python`, `node`: the packages in `clients/`, built (a wheel; `npm pack`), installed into a
//!   clean environment under `target/clients/`, running their README's examples and their tests
//!   (`tests/clients/*/package/`) through each package's `check.sh`.
//!
//! The scripts install their own dependencies (pip into venvs, `npm ci`) under `target/clients/`,
//! kept while their lock files are unchanged.

mod node;
mod python;
mod raw;

use crate::common::{self, Journal, LiveGazetteer, ServerOptions, TestServer};

use std::path::PathBuf;

/// The admin token of [`PackageServers::main`].
const TOKEN: &str = "client-test-token";

/// What the package checks talk to.
struct PackageServers {
    /// The embedded default gazetteer, edits on (a journal in `_data`), admin token [`TOKEN`].
    main: TestServer,
    /// The same gazetteer, one extractor RPC at a time: it sheds the next with
    /// RESOURCE_EXHAUSTED and a RetryInfo delay.
    shed: TestServer,
    _data: tempfile::TempDir,
}

impl PackageServers {
    async fn start() -> Self {
        let loaded = gazette::sources::load(&[], true).expect("the default gazetteer loads");
        let data = tempfile::tempdir().expect("temp dir");
        let journal = Journal::open(data.path()).expect("journal opens");
        let live = LiveGazetteer::with_log(loaded.gazetteer.clone(), None, Box::new(journal))
            .expect("empty journal applies");
        let main = common::start_live(
            live,
            ServerOptions {
                admin_token: Some(TOKEN.to_string()),
                ..Default::default()
            },
        )
        .await;
        let shed = common::start_live(
            LiveGazetteer::new(gazette::Extractor::new(loaded.gazetteer), None),
            ServerOptions {
                max_concurrent_rpcs: 1,
                ..Default::default()
            },
        )
        .await;
        PackageServers {
            main,
            shed,
            _data: data,
        }
    }

    fn env(&self) -> Vec<(&'static str, String)> {
        vec![
            ("GAZETTE_ADDR", self.main.addr.to_string()),
            ("GAZETTE_ADMIN_TOKEN", TOKEN.to_string()),
            ("GAZETTE_SHED_ADDR", self.shed.addr.to_string()),
        ]
    }

    async fn stop(self) {
        self.main.stop().await;
        self.shed.stop().await;
    }
}

/// Runs a package's `check.sh PART` against fresh [`PackageServers`].
async fn check_package(script: &str, part: &str) {
    let servers = PackageServers::start().await;
    run_script(script, &[part], &servers.env()).await;
    servers.stop().await;
}

/// Runs `bash script ARGS…` from the repository root and asserts it succeeds.
async fn run_script(script: &str, args: &[&str], env: &[(&str, String)]) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let status = tokio::process::Command::new("bash")
        .arg(root.join(script))
        .args(args)
        .envs(env.iter().map(|(k, v)| (k, v)))
        .current_dir(&root)
        .kill_on_drop(true)
        .status()
        .await
        .unwrap_or_else(|e| panic!("cannot run {script}: {e}"));
    assert!(status.success(), "{script} {args:?} failed: {status}");
}
