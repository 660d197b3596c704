//! The `gazette` binary itself, by command: `check`, `extract`, `tag` (offline and through a
//! server), `serve` start-up and shutdown, `journal repair`.

use std::process::Command;

mod check;
mod extract;
mod journal;
mod serve;
mod suggest;
mod tag;
mod tag_server;
mod tag_tls;

/// The `gazette` binary with no `GAZETTE_*` variable or backtrace setting inherited.
pub(super) fn gazette() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_gazette"));
    c.env_remove("RUST_BACKTRACE")
        .env_remove("RUST_LIB_BACKTRACE");
    for (k, _) in std::env::vars() {
        if k.starts_with("GAZETTE_") {
            c.env_remove(k);
        }
    }
    c
}

/// Runs `command` with `stdin` written to it and its output collected.
pub(super) fn run_with_stdin(command: &mut Command, stdin: &str) -> std::process::Output {
    use std::io::Write;
    let mut child = command
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    // Written from another thread: the child's output fills its pipe before it reads all of
    // a large input, and would wait on us while we wait on it.
    let mut input = child.stdin.take().expect("stdin");
    let stdin = stdin.to_string();
    let writer = std::thread::spawn(move || {
        // The child may exit without reading everything (a bad option).
        let _ = input.write_all(stdin.as_bytes());
    });
    let out = child.wait_with_output().expect("run");
    writer.join().expect("stdin writer");
    out
}

/// The lines `check` and `serve` report for `tests/data/bad-gazetteer`.
pub(super) const BAD_LINES: &[&str] = &[
    "broken.jsonl:2: invalid entry (column 17): missing field `type`",
    "broken.jsonl:3: invalid entry",
    "broken.jsonl:4: duplicate id \"ok\" (first defined at ",
    "broken.jsonl:5: type: \"location\" must be upper-case",
    "broken.tsv:3: expected name<TAB>type[<TAB>id], found no tab",
    "broken.tsv:4: name: must not be empty",
];
