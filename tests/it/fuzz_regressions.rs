//! Replays every saved fuzz input (seeds and crashers under `fuzz/`) through the same checks the
//! cargo-fuzz targets run, on stable, in the normal suite.

use std::path::Path;

fn replay(target: &str, check: fn(&[u8])) -> usize {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut replayed = 0;
    for dir in ["seeds", "regressions"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir).join(target)) else {
            continue;
        };
        for entry in entries {
            let path = entry.expect("dir entry").path();
            if path.file_name().is_some_and(|n| n == ".keep") {
                continue;
            }
            let data = std::fs::read(&path).expect("read fuzz input");
            let outcome = std::panic::catch_unwind(|| check(&data));
            assert!(outcome.is_ok(), "{} breaks a promise", path.display());
            replayed += 1;
        }
    }
    replayed
}

#[test]
fn gazetteer_parse_inputs() {
    let n = replay(
        "gazetteer_parse",
        gazette::invariants::check_gazetteer_parse,
    );
    assert!(n > 0, "no inputs found under fuzz/");
}

#[test]
fn extract_inputs() {
    let n = replay("extract", gazette::invariants::check_extract);
    assert!(n > 0, "no inputs found under fuzz/");
}

#[test]
fn suggest_inputs() {
    let n = replay("suggest", gazette::suggest::check);
    assert!(n > 0, "no inputs found under fuzz/");
}
