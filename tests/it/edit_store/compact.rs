//! `gazette compact` with the shared store: the file is written and the store left alone; once
//! the file is rolled out, `--prune-through` drops what the file holds (and refuses when the
//! file does not hold it); running replicas and replicas started on the file agree.

use super::*;

fn compact(
    url: &str,
    dir: &std::path::Path,
    into: &std::path::Path,
    prune: Option<u64>,
) -> std::process::Output {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_gazette"));
    command
        .args([
            "compact",
            "--no-default-gazetteer",
            "--edit-store",
            url,
            "--gazetteer",
        ])
        .arg(dir)
        .arg("--into")
        .arg(into);
    if let Some(seq) = prune {
        command.args(["--prune-through", &seq.to_string()]);
    }
    command.output().expect("run gazette compact")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn compaction_folds_the_store_and_prunes_only_what_the_file_holds() {
    let pg = TestPostgres::start().await;
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::copy(
        people_dir().join("people.tsv"),
        dir.path().join("people.tsv"),
    )
    .expect("copy");
    let (one, l1) = replica_over(&pg.url, None, dir.path().to_path_buf()).await;
    let mut a = admin(&one).await;
    upsert(&mut a, vec![super::person("p:new", "Zaha Okonkwo")])
        .await
        .expect("add");
    upsert(&mut a, vec![super::person("p:habib", "Ali Habeeb")])
        .await
        .expect("a file's entry");
    upsert(&mut a, vec![super::person("p:new", "Zaha Okonkwo-Bello")])
        .await
        .expect("rename");
    let through = last_seq(&pg).await;
    let into = dir.path().join("newsroom.jsonl");

    // Pruning before the file holds the edits is refused, and changes nothing.
    let early = compact(&pg.url, dir.path(), &into, Some(through));
    assert!(!early.status.success());
    assert!(
        String::from_utf8_lossy(&early.stderr).contains("does not hold"),
        "{early:?}"
    );
    assert_eq!(last_seq(&pg).await, through);

    let out = compact(&pg.url, dir.path(), &into, None);
    common::assert_success(&out);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains(&format!("--prune-through {through}")),
        "{said}"
    );
    let file = std::fs::read_to_string(&into).expect("the file");
    assert!(
        file.contains("Zaha Okonkwo-Bello") && !file.contains("Habeeb"),
        "{file}"
    );
    let rows = |pg: &TestPostgres| {
        let pg_url = pg.url.clone();
        async move {
            let (client, connection) = tokio_postgres::connect(&pg_url, tokio_postgres::NoTls)
                .await
                .expect("connect");
            tokio::spawn(connection);
            let rows = client
                .query("SELECT entity_id FROM gazette_edits ORDER BY seq", &[])
                .await
                .expect("rows");
            rows.iter()
                .map(|r| r.get::<_, String>(0))
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(rows(&pg).await.len(), 3, "the store is left as it was");

    let out = compact(&pg.url, dir.path(), &into, Some(through));
    common::assert_success(&out);
    // What the file holds is gone; the edit of another file's entry stays.
    assert_eq!(rows(&pg).await, ["p:habib"]);

    // The running replica is not disturbed; one started on the file serves the same.
    upsert(&mut a, vec![super::person("p:later", "Lena Ortiz")])
        .await
        .expect("later");
    let last = last_seq(&pg).await;
    let (two, l2) = replica_over(&pg.url, None, dir.path().to_path_buf()).await;
    all_applied(&[l1, l2], last).await;
    let mut b = admin(&two).await;
    assert_eq!(version(&mut a).await, version(&mut b).await);
    assert!(edit_log(&mut a).await.error.is_empty());
    assert_eq!(
        name_of(&mut b, "p:new").await.as_deref(),
        Some("Zaha Okonkwo-Bello")
    );
    assert_eq!(
        name_of(&mut b, "p:habib").await.as_deref(),
        Some("Ali Habeeb")
    );
    one.stop().await;
    two.stop().await;
}
