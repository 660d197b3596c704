//! The Python package (`clients/python`): built as a wheel, installed into a clean venv, its
//! README's examples and tests run against real servers (`clients/python/check.sh`).

use super::check_package;

/// Everything but the edit history: stubs fresh, mypy --strict, the wheel, doctests, README
/// examples, and the package tests (options, offsets, errors, streams, admin, retries, asyncio).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn python_package() {
    check_package("clients/python/check.sh", "main").await;
}

/// `ListEdits` (a page, and every page) and `RevertEdit` through the package.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn python_package_edit_history() {
    check_package("clients/python/check.sh", "history").await;
}
