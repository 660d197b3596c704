//! The integration tests: one test binary, one module per area, against the real library, a
//! real server on 127.0.0.1:0 or the real `gazette` binary.
//!
//! One binary rather than one per file: each test binary links every dependency statically, so
//! thirteen of them meant thirteen links and thirteen copies on disk for every change to the
//! library. Tests are named `MODULE::TEST`, or `MODULE::CONCERN::TEST` where an area is a
//! directory (`reload/watch.rs`: `reload::watch::…`); `cargo nextest run -E 'test(/^reload::/)'`
//! runs one area. Setup shared by several areas is in `common`, setup shared within one area in
//! its `mod.rs`. nextest runs every test in its own process, which `metrics` relies on: it
//! installs the process-wide metrics recorder and expects exact counts, so under plain
//! `cargo test` (one process for the whole binary) run it alone (`cargo test --test it metrics::`).

mod common;

mod cli;
mod clients;
mod console;
mod edit_store;
mod edits;
mod eval;
mod fuzz_regressions;
mod http2;
mod limits;
mod metrics;
mod never;
mod reference;
mod reload;
mod server;
mod shutdown;
mod tls;
