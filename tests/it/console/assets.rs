//! The embedded console is what its sources build to: `console/build.sh` (npm ci with the
//! pinned lock file, buf + protoc-gen-es from the current proto, tsc, the pinned esbuild) into a
//! scratch folder gives exactly the committed bytes of `src/console/`.

use std::path::PathBuf;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn committed_assets_match_a_rebuild() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().expect("tempdir");
    let build = tokio::process::Command::new("bash")
        .arg(root.join("console/build.sh"))
        .arg(out.path())
        .kill_on_drop(true)
        .status();
    let status = crate::common::bounded(600, "console/build.sh", build)
        .await
        .expect("run console/build.sh");
    assert!(status.success(), "console/build.sh failed: {status}");
    let committed = root.join("src/console");
    let mut names: Vec<String> = std::fs::read_dir(&committed)
        .expect("src/console")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["console.css", "console.js", "index.html"]);
    for name in names {
        let built = std::fs::read(out.path().join(&name)).expect("built file");
        let kept = std::fs::read(committed.join(&name)).expect("committed file");
        assert!(
            built == kept,
            "src/console/{name} differs from a fresh build: run console/build.sh and commit"
        );
    }
}
