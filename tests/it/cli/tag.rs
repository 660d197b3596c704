//! `gazette tag` offline: order with many threads, a bad line in the middle, `--resume`, stdin
//! and directories.

use std::path::Path;

use super::gazette;
use crate::common;

const NAMES: &[&str] = &[
    "Syria",
    "Ali Habib",
    "Tokyo",
    "São Paulo",
    "AP",
    "Zoë Brandt",
];

/// Document `i`: a few bytes to a few tens of kilobytes, so that threads finish out of order.
fn document(i: usize) -> serde_json::Value {
    let sentence = format!("{} met officials in {}. ", NAMES[i % 6], NAMES[(i / 6) % 6]);
    let repeat = if i.is_multiple_of(5) { 400 } else { 1 + i % 3 };
    serde_json::json!({
        "document_id": format!("doc-{i}"),
        "text": sentence.repeat(repeat),
        "headline": if i.is_multiple_of(2) { NAMES[(i + 1) % 6] } else { "" },
    })
}

/// JSON Lines of documents `range`.
pub(super) fn lines(range: std::ops::Range<usize>) -> String {
    range.map(|i| format!("{}\n", document(i))).collect()
}

/// `gazette tag` with `args`, on the test gazetteer offline (with `--server`, the servers'),
/// `stdin` written to it.
pub(super) fn tag(args: &[&str], stdin: &str) -> std::process::Output {
    let mut command = gazette();
    command.arg("tag");
    if !args.contains(&"--server") {
        command
            .args(["--no-default-gazetteer", "--gazetteer"])
            .arg(common::test_gazetteer_dir());
    }
    command.args(args);
    super::run_with_stdin(&mut command, stdin)
}

/// The output's lines as JSON.
pub(super) fn parsed(out: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

pub(super) fn ids(lines: &[serde_json::Value]) -> Vec<String> {
    lines
        .iter()
        .map(|l| l["documentId"].as_str().unwrap_or("<none>").to_string())
        .collect()
}

fn path(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 path")
}

/// Eight threads and a window of 16 over documents of very different sizes: the output is the
/// one-thread output, line for line, in input order.
#[test]
fn tag_keeps_input_order_with_many_threads() {
    let input = lines(0..240);
    let one = tag(&["--threads", "1"], &input);
    common::assert_success(&one);
    let many = tag(&["--threads", "8", "--window", "16"], &input);
    common::assert_success(&many);
    assert!(one.stdout == many.stdout, "outputs differ");
    let got = parsed(&many.stdout);
    let want: Vec<String> = (0..240).map(|i| format!("doc-{i}")).collect();
    assert_eq!(ids(&got), want);
    assert_eq!(got[1]["mentions"][0]["text"], "Ali Habib");
    assert_eq!(got[0]["mentions"][0]["field"], "headline");
    let summary = String::from_utf8_lossy(&many.stderr);
    assert!(summary.contains("tagged 240 documents"), "{summary}");
}

/// Bad lines in the middle (not JSON, a key missing, a field name the server refuses, a line
/// over --max-line-bytes) each get an error line in their place; the others are answered and
/// the exit status says some failed.
#[test]
fn a_bad_line_in_the_middle_gets_an_error_line_and_the_run_goes_on() {
    let bad = [
        "not json".to_string(),
        r#"{"document_id":"no-text"}"#.to_string(),
        r#"{"document_id":"bad-field","text":"Syria","fields":[{"name":"text","text":"x"}]}"#
            .to_string(),
        format!(
            r#"{{"document_id":"long","text":"{}"}}"#,
            "x".repeat(30_000)
        ),
    ];
    let input = format!("{}{}\n{}", lines(0..3), bad.join("\n"), lines(3..5));
    let out = tag(&["--threads", "2", "--max-line-bytes", "20000"], &input);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("4 of 9 documents failed"), "{err}");
    let got = parsed(&out.stdout);
    assert_eq!(
        ids(&got),
        [
            "doc-0",
            "doc-1",
            "doc-2",
            "<none>",
            "no-text",
            "bad-field",
            "<none>",
            "doc-3",
            "doc-4"
        ]
    );
    let error = |i: usize| &got[i]["error"];
    assert_eq!(got[3]["source"], "-:4");
    assert_eq!(error(3)["code"], "INVALID_ARGUMENT");
    assert!(error(4)["message"]
        .as_str()
        .unwrap_or_default()
        .contains("missing field `text`"));
    assert_eq!(error(5)["violations"][0]["field"], "fields[0].name");
    assert!(error(6)["message"]
        .as_str()
        .unwrap_or_default()
        .contains("--max-line-bytes"));
    assert!(got[7]["error"].is_null() && got[7]["mentions"].is_array());
}

/// `--resume` skips the ids answered in the output, tries the failed one again, and cuts a
/// line the earlier run left unfinished; every document then has exactly one response.
#[test]
fn resume_answers_only_what_is_missing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("in.jsonl");
    std::fs::write(&input, lines(0..50)).expect("write");
    let output = dir.path().join("out.jsonl");
    let full = tag(&["-o", path(&output), path(&input)], "");
    common::assert_success(&full);
    let all = std::fs::read_to_string(&output).expect("output");
    let whole: Vec<&str> = all.lines().collect();
    // As if the earlier run failed doc-3, and was killed while writing doc-20.
    let mut earlier: String = whole[..20].iter().map(|l| format!("{l}\n")).collect();
    earlier = earlier.replacen(
        whole[3],
        r#"{"documentId":"doc-3","source":"in:4","error":{"code":"UNAVAILABLE"}}"#,
        1,
    );
    earlier.push_str(&whole[20][..30]);
    std::fs::write(&output, &earlier).expect("write");
    let out = tag(&["--resume", "-o", path(&output), path(&input)], "");
    common::assert_success(&out);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("tagged 50 documents") && err.contains("19 skipped"),
        "{err}"
    );
    let got = parsed(&std::fs::read(&output).expect("output"));
    let answered: Vec<String> = got
        .iter()
        .filter(|l| l["error"].is_null())
        .map(|l| l["documentId"].as_str().unwrap_or_default().to_string())
        .collect();
    let mut sorted = answered.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), 50, "one response per document: {answered:?}");
    assert_eq!(answered.len(), 50);
    // The new responses are exactly the ones the full run wrote for them.
    let resumed = std::fs::read_to_string(&output).expect("output");
    for line in &whole[20..] {
        assert!(resumed.contains(line), "missing {line}");
    }
}

/// Stdin (`-` or nothing) and a directory of `.jsonl` files (in name order) are read alike.
#[test]
fn stdin_and_directories_are_inputs() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("b.jsonl"), lines(5..10)).expect("write");
    std::fs::write(dir.path().join("a.jsonl"), lines(0..5)).expect("write");
    std::fs::write(dir.path().join("notes.txt"), "not read").expect("write");
    let from_dir = tag(&[path(dir.path())], "");
    common::assert_success(&from_dir);
    let from_stdin = tag(&[], &lines(0..10));
    common::assert_success(&from_stdin);
    let dash = tag(&["-"], &lines(0..10));
    assert!(from_dir.stdout == from_stdin.stdout && dash.stdout == from_stdin.stdout);
    assert_eq!(parsed(&from_dir.stdout).len(), 10);
    let empty = tempfile::tempdir().expect("tempdir");
    let out = tag(&[path(empty.path())], "");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no .jsonl file"));
}

/// Options every document shares are checked before anything is read, as the server would.
#[test]
fn a_bad_option_fails_before_any_document() {
    let out = tag(&["--types", "location"], &lines(0..3));
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("entity_types[0]"), "{err}");
}
