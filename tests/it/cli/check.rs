//! `gazette check`: counts, every bad line, and paths that hold nothing.

use super::{gazette, BAD_LINES};
use crate::common;

#[test]
fn check_reports_every_bad_line() {
    let out = gazette()
        .arg("check")
        .arg(common::data("bad-gazetteer"))
        .output()
        .expect("run");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    for line in BAD_LINES {
        assert!(err.contains(line), "missing {line:?} in:\n{err}");
    }
    assert!(err.contains("6 error(s)"), "{err}");
}

#[test]
fn check_prints_counts_for_a_good_gazetteer() {
    let out = gazette()
        .arg("check")
        .arg(common::test_gazetteer_dir())
        .output()
        .expect("run");
    common::assert_success(&out);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with("ok: 14 entries, 25 forms (14 names, 8 aliases, 3 derived short names)"),
        "{text}"
    );
    assert!(text.contains("PERSON                  4 entries"), "{text}");
}

/// A missing path is named, with no `:0:` (it is on no line), and the run fails.
#[test]
fn check_names_a_missing_path_without_a_line_number() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("no-such-dir");
    let out = gazette().arg("check").arg(&missing).output().expect("run");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!("{}: cannot read: ", missing.display())),
        "{err}"
    );
    assert!(!err.contains(":0:"), "{err}");
}

/// A directory with no gazetteer file (empty, or holding other files), or files with no entry,
/// fail loudly with a non-zero exit, naming what was empty.
#[test]
fn check_fails_on_paths_holding_no_entries() {
    let dir = tempfile::tempdir().expect("tempdir");
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).expect("mkdir");
    let notes = dir.path().join("notes");
    std::fs::create_dir(&notes).expect("mkdir");
    std::fs::write(notes.join("README.md"), "no gazetteer").expect("write");
    let blank = dir.path().join("blank");
    std::fs::create_dir(&blank).expect("mkdir");
    std::fs::write(blank.join("people.tsv"), "# only a comment\n").expect("write");
    for (path, want) in [
        (&empty, "no .jsonl or .tsv file here"),
        (&notes, "no .jsonl or .tsv file here"),
        (&blank, "no entries in 1 file(s)"),
    ] {
        let out = gazette().arg("check").arg(path).output().expect("run");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{}: {err}", path.display());
        assert!(
            out.stdout.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
        assert!(err.contains(want), "{err}");
    }
    // One good path beside an empty one still fails, naming the empty one.
    let out = gazette()
        .arg("check")
        .arg(common::test_gazetteer_dir())
        .arg(&empty)
        .output()
        .expect("run");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&empty.display().to_string()), "{err}");
}
