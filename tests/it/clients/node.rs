//! The Node package (`clients/node`): packed with `npm pack`, installed into a fresh npm project,
//! its README's TypeScript examples compiled against the installed types and run, and its
//! tests run against real servers (`clients/node/check.sh`).

use super::check_package;

/// Everything but the edit history: generated types and `dist/` fresh, the tarball, README
/// examples, and the package tests (options, offsets, errors, streams, admin, retries).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn node_package() {
    check_package("clients/node/check.sh", "main").await;
}

/// `ListEdits` (a page, and every page) and `RevertEdit` through the package.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn node_package_edit_history() {
    check_package("clients/node/check.sh", "history").await;
}
