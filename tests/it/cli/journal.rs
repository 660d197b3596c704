//! `gazette journal repair`.

use super::gazette;
use crate::common;

/// A journal with a bad line in the middle: `serve` refuses to start, naming `file:line` and
/// the command that fixes it; `gazette journal repair` moves that line and the ones after it
/// into `journal.jsonl.bad-<time>` (a copy, not a deletion) and the journal opens again. Both
/// kinds of bad line: not JSON, and an upsert whose entry no longer validates.
#[test]
fn a_corrupt_journal_names_the_repair_and_repair_moves_the_tail_aside() {
    let good = r#"{"op":"delete","id":"a"}"#;
    let later = r#"{"op":"delete","id":"b"}"#;
    let invalid_entry =
        r#"{"op":"upsert","namespace":"n","entry":{"name":"X","type":"PERSON","prior":1e39}}"#;
    for bad in ["{\"op\":\"upsert\",\"namesp", invalid_entry] {
        let data = tempfile::tempdir().expect("tempdir");
        let journal = data.path().join("journal.jsonl");
        std::fs::write(&journal, format!("{good}\n\n{bad}\n{later}\n")).expect("write");
        let out = gazette()
            .args(["serve", "--listen", "127.0.0.1:0", "--no-default-gazetteer"])
            .arg("--data-dir")
            .arg(data.path())
            .output()
            .expect("run");
        assert!(!out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("journal.jsonl:3:"), "{err}");
        let hint = format!(
            "gazette journal repair --data-dir {}",
            data.path().display()
        );
        assert!(err.contains(&hint), "{err}");

        let out = gazette()
            .args(["journal", "repair", "--data-dir"])
            .arg(data.path())
            .output()
            .expect("run");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(stdout.contains("line 3 and after (2 lines)"), "{stdout}");
        assert_eq!(
            std::fs::read_to_string(&journal).expect("journal"),
            format!("{good}\n\n")
        );
        let moved: Vec<_> = std::fs::read_dir(data.path())
            .expect("dir")
            .filter_map(Result::ok)
            .filter(|e| {
                e.file_name()
                    .to_string_lossy()
                    .starts_with("journal.jsonl.bad-")
            })
            .collect();
        assert_eq!(moved.len(), 1);
        assert_eq!(
            std::fs::read_to_string(moved[0].path()).expect("moved"),
            format!("{bad}\n{later}\n")
        );
        assert_eq!(common::journal_edits(data.path()).len(), 1);
        // A sound journal: nothing to do.
        let out = gazette()
            .args(["journal", "repair", "--data-dir"])
            .arg(data.path())
            .output()
            .expect("run");
        assert!(String::from_utf8_lossy(&out.stdout).contains("nothing moved"));
    }
}
