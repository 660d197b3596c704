//! grpcio and @grpc/grpc-js with freshly generated stubs: the offset contract in the unit each
//! language slices strings by.

use super::run_script;
use crate::common;

async fn run_raw(script: &str) {
    let server = common::start(1 << 20, false).await;
    run_script(script, &[&server.addr.to_string()], &[]).await;
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn python_client_code_point_offsets() {
    run_raw("tests/clients/python/run.sh").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn node_client_utf16_offsets() {
    run_raw("tests/clients/node/run.sh").await;
}
