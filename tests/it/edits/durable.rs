//! Edits are durable: acknowledged means journaled and synced, through SIGKILL, a client that
//! gives up mid-edit, and a journal write that fails.

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_upsert_survives_sigkill() {
    let (files, data, token_file) = files_for_the_binary();

    let (mut child, url) = spawn_server(files.path(), data.path(), &token_file).await;
    let mut admin = GazetteerAdminClient::connect(url).await.expect("connect");
    admin
        .upsert_entities(upsert(vec![person("p:okonkwo", "Zaha Okonkwo")]))
        .await
        .expect("acknowledged");
    // Killed right after the acknowledgement: no chance to flush anything more.
    child.start_kill().expect("SIGKILL");
    child.wait().await.expect("wait");

    let (_child, url) = spawn_server(files.path(), data.path(), &token_file).await;
    let mut admin = GazetteerAdminClient::connect(url.clone())
        .await
        .expect("connect");
    let got = admin
        .get_entity(authed(GetEntityRequest {
            id: "p:okonkwo".into(),
        }))
        .await
        .expect("survived")
        .into_inner();
    assert_eq!(got.name, "Zaha Okonkwo");
    let mut client = EntityExtractorClient::connect(url).await.expect("connect");
    assert_eq!(
        mentions(&mut client, "Zaha Okonkwo spoke.").await,
        [("Zaha Okonkwo".into(), "p:okonkwo".into())]
    );
}

/// `r` with a 200 ms deadline (`grpc-timeout`).
fn cut<T>(mut r: Request<T>) -> Request<T> {
    r.set_timeout(std::time::Duration::from_millis(200));
    r
}

/// An upsert and a delete whose client deadline passes mid-edit (after the journal write
/// began, while the disk is slow) are applied now, kept by later edits and reloads, and give the
/// same answers after a restart: served state always equals journaled state. Before, the
/// handler's future was dropped between the journal write and the swap, so the edits were
/// journaled but invisible until the next restart.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edit_cut_by_its_deadline_is_applied_now_and_after_restart() {
    let files = people_files("Ali Habib\tPERSON\tp:habib\nKamal Labwani\tPERSON\tp:labwani\n");
    let data = tempfile::tempdir().expect("tempdir");
    let paths = vec![files.path().to_path_buf()];
    let live = common::journaled(paths.clone(), true, data.path());
    // Each edit stalls 1.5 s after its journal write; the clients give up after 0.2 s.
    live.set_edit_pause_for_tests(std::time::Duration::from_millis(1_500));
    let options = common::ServerOptions {
        admin_token: Some(TOKEN.into()),
        watch: false,
        ..Default::default()
    };
    let server = common::start_live(live.clone(), options).await;
    let mut admin = GazetteerAdminClient::new(server.channel().await);
    admin
        .upsert_entities(cut(upsert(vec![person("p:cut", "Zaha Okonkwo")])))
        .await
        .expect_err("the client gave up on the upsert");
    admin
        .delete_entities(cut(authed(DeleteEntitiesRequest {
            ids: vec!["p:labwani".into()],
        })))
        .await
        .expect_err("the client gave up on the delete");
    live.set_edit_pause_for_tests(std::time::Duration::ZERO);
    // Edits are serialised: this one is applied after the two cut ones have finished.
    common::bounded(
        30,
        "an edit after the cut ones",
        admin.upsert_entities(upsert(vec![person("p:after", "Mirela Dascalu")])),
    )
    .await
    .expect("upsert");
    let ids = ["p:cut", "p:labwani", "p:after", "p:habib"];
    let now = in_service(&mut admin, &ids).await;
    // Served state = journaled state. (Normally both cut edits reached the journal; on a
    // machine so loaded that a handler did not start within 200 ms, neither journal nor index
    // has that edit, which is just as consistent.)
    let journal = std::fs::read_to_string(common::journal_file(data.path())).expect("journal");
    let journaled = [
        journal.contains(r#""id":"p:cut""#),
        !journal.contains(r#"{"op":"delete","id":"p:labwani","#),
        true,
        true,
    ];
    assert_eq!(now, journaled, "served now vs journaled:\n{journal}");
    admin
        .reload(authed(ReloadRequest {}))
        .await
        .expect("reload");
    assert_eq!(in_service(&mut admin, &ids).await, now, "after a reload");
    // Everything holding the journal goes, so the restart can take its lock.
    drop(admin);
    server.stop().await;
    drop(live);

    let server = common::start_with_journal(paths, data.path(), TOKEN).await;
    let mut admin = GazetteerAdminClient::new(server.channel().await);
    assert_eq!(in_service(&mut admin, &ids).await, now, "after a restart");
    server.stop().await;
}

/// `gazette serve` under a real file-size limit (RLIMIT_FSIZE via util-linux `prlimit`): the
/// journal write that crosses it fails with EFBIG (the server ignores SIGXFSZ), the client gets
/// UNAVAILABLE, and the journal is cut back to its last good line. Before, the lines of the
/// failed batch that did fit stayed in the file: served after a restart though never
/// acknowledged, or, once a later append succeeded, a corrupt line that stopped the restart.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_journal_write_leaves_the_journal_as_it_was() {
    let (files, data, token_file) = files_for_the_binary();

    let (mut child, url) = spawn_server_under(
        &["prlimit", "--fsize=4096"],
        files.path(),
        data.path(),
        &token_file,
    )
    .await;
    let mut admin = GazetteerAdminClient::connect(url).await.expect("connect");

    // Batches of a short line and a long one (~130 + ~700 bytes): the limit falls inside a
    // long line, after its batch's short line was written whole.
    let aliases = |k: usize| -> Vec<String> {
        (0..20)
            .map(|j| format!("Alias Number {k} Variant {j}"))
            .collect()
    };
    let mut tried: Vec<String> = Vec::new();
    let mut acknowledged: Vec<String> = Vec::new();
    let mut failed = false;
    for k in 0..20 {
        let short = person(&format!("p:s{k}"), &format!("Short Person {k}"));
        let long = GazetteerEntry {
            aliases: aliases(k),
            ..person(&format!("p:l{k}"), &format!("Long Person {k}"))
        };
        tried.extend([short.id.clone(), long.id.clone()]);
        match admin.upsert_entities(upsert(vec![short, long])).await {
            Ok(_) => acknowledged.extend(tried[tried.len() - 2..].iter().cloned()),
            Err(s) => {
                assert_eq!(s.code(), Code::Unavailable, "{s:?}");
                failed = true;
                break;
            }
        }
    }
    assert!(failed, "no write crossed the 4096-byte file-size limit");
    // One more, small: it fits where the failed batch was cut off, or fails cleanly.
    tried.push("p:last".into());
    match admin
        .upsert_entities(upsert(vec![person("p:last", "Last Person")]))
        .await
    {
        Ok(_) => acknowledged.push("p:last".into()),
        Err(s) => assert_eq!(s.code(), Code::Unavailable, "{s:?}"),
    }
    // Still serving (SIGXFSZ did not kill it), with exactly the acknowledged edits.
    let ids: Vec<&str> = tried.iter().map(String::as_str).collect();
    let want: Vec<bool> = tried.iter().map(|id| acknowledged.contains(id)).collect();
    assert_eq!(
        in_service(&mut admin, &ids).await,
        want,
        "served before restart"
    );
    child.start_kill().expect("kill");
    child.wait().await.expect("wait");

    // Restarted without the limit: starts, and serves exactly what was acknowledged.
    let (_child, url) = spawn_server(files.path(), data.path(), &token_file).await;
    let mut admin = GazetteerAdminClient::connect(url).await.expect("connect");
    assert_eq!(
        in_service(&mut admin, &ids).await,
        want,
        "served after restart"
    );
}
