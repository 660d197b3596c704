//! Real clients in other languages against a real server: Python (grpcio) checks code-point
//! offsets, Node (@grpc/grpc-js) checks UTF-16 offsets. Their scripts install their own
//! dependencies (pip into a venv, npm ci) under target/clients/.

mod common;

use std::path::PathBuf;

async fn run_client(script: &str) {
    let server = common::start(1 << 20, false).await;
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(script);
    let addr = server.addr.to_string();
    let status = tokio::process::Command::new("bash")
        .arg(&path)
        .arg(&addr)
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
