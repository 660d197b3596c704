//! Real clients in other languages against a real server: Python (grpcio) checks code-point
//! offsets, Node (@grpc/grpc-js) checks UTF-16 offsets. Their scripts install their own
//! dependencies (pip into a venv, npm ci) under target/clients/. The packages in clients/ run
//! their examples the same way.

use crate::common;

use std::path::PathBuf;

async fn run_client(script: &str) {
    run_script(script, &[], false).await;
}

/// Runs `script ADDR ARGS…` against a fresh server (with the default gazetteer if asked).
async fn run_script(script: &str, args: &[&str], with_default: bool) {
    let server = common::start(1 << 20, with_default).await;
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let path = root.join(script);
    let addr = server.addr.to_string();
    let status = tokio::process::Command::new("bash")
        .arg(&path)
        .arg(&addr)
        .args(args.iter().map(|a| root.join(a)))
        .kill_on_drop(true)
        .status()
        .await
        .unwrap_or_else(|e| panic!("cannot run {script}: {e}"));
    assert!(status.success(), "{script} failed: {status}");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn python_client_code_point_offsets() {
    run_client("tests/clients/python/run.sh").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn node_client_utf16_offsets() {
    run_client("tests/clients/node/run.sh").await;
}

/// The published client packages: their examples run against a real server, and their
/// generated code must match the proto.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn python_package_example() {
    run_script(
        "clients/python/run-example.sh",
        &["tests/data/multiscript.txt"],
        false,
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn node_package_example() {
    run_script(
        "clients/node/run-example.sh",
        &["tests/data/multiscript.txt"],
        false,
    )
    .await;
}
