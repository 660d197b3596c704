//! Admin edits: durable (journaled and synced before acknowledged, surviving SIGKILL), visible
//! at once, validated like file lines, and kept across reloads.

use crate::common;

use gazette::proto::v1::entity_extractor_client::EntityExtractorClient;
use gazette::proto::v1::gazetteer_admin_client::GazetteerAdminClient;
use gazette::proto::v1::{
    DeleteEntitiesRequest, ExtractRequest, GazetteerEntry, GetEntityRequest, ReloadRequest,
    UpsertEntitiesRequest,
};
use tonic::{Code, Request};

const TOKEN: &str = "edit-token";

fn authed<T>(msg: T) -> Request<T> {
    common::with_token(msg, TOKEN)
}

fn person(id: &str, name: &str) -> GazetteerEntry {
    GazetteerEntry {
        id: id.into(),
        name: name.into(),
        r#type: "PERSON".into(),
        ..Default::default()
    }
}

fn upsert(entries: Vec<GazetteerEntry>) -> Request<UpsertEntitiesRequest> {
    authed(UpsertEntitiesRequest {
        entries,
        namespace: "newsroom".into(),
    })
}

async fn mentions(
    client: &mut EntityExtractorClient<tonic::transport::Channel>,
    text: &str,
) -> Vec<(String, String)> {
    let r = client
        .extract(ExtractRequest {
            text: text.into(),
            ..Default::default()
        })
        .await
        .expect("extract")
        .into_inner();
    r.mentions
        .into_iter()
        .map(|m| (m.text, m.entity_id))
        .collect()
}

#[tokio::test]
async fn edits_are_visible_validated_and_survive_reload() {
    let files = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        files.path().join("people.tsv"),
        "Ali Habib\tPERSON\tp:habib\nKamal Labwani\tPERSON\tp:labwani\n",
    )
    .expect("write");
    let data = tempfile::tempdir().expect("tempdir");
    let server =
        common::start_with_journal(vec![files.path().to_path_buf()], data.path(), TOKEN).await;
    let channel = server.channel().await;
    let (mut admin, mut client) = (
        GazetteerAdminClient::new(channel.clone()),
        EntityExtractorClient::new(channel),
    );
    let text = "Zaha Okonkwo met Ali Habib and Kamal Labwani.";

    // A new minister at 9:00, tagged by the next request.
    let r = admin
        .upsert_entities(upsert(vec![person("p:okonkwo", "Zaha Okonkwo")]))
        .await
        .expect("upsert")
        .into_inner();
    assert_eq!(r.applied, 1);
    assert_eq!(
        mentions(&mut client, text).await,
        [
            ("Zaha Okonkwo".into(), "p:okonkwo".into()),
            ("Ali Habib".into(), "p:habib".into()),
            ("Kamal Labwani".into(), "p:labwani".into())
        ]
    );
    // Replace a file entry, delete another.
    let replacement = GazetteerEntry {
        aliases: vec!["General Ali Habib".into()],
        ..person("p:habib", "Ali Habib")
    };
    admin
        .upsert_entities(upsert(vec![replacement]))
        .await
        .expect("replace");
    admin
        .delete_entities(authed(DeleteEntitiesRequest {
            ids: vec!["p:labwani".into()],
        }))
        .await
        .expect("delete");
    let got = admin
        .get_entity(authed(GetEntityRequest {
            id: "p:habib".into(),
        }))
        .await
        .expect("get")
        .into_inner();
    assert_eq!(got.namespace, "newsroom");
    assert!(
        got.aliases.contains(&"General Ali Habib".to_string()),
        "{:?}",
        got.aliases
    );
    assert_eq!(
        admin
            .get_entity(authed(GetEntityRequest {
                id: "p:labwani".into()
            }))
            .await
            .expect_err("deleted")
            .code(),
        Code::NotFound
    );
    assert_eq!(
        mentions(&mut client, text).await,
        [
            ("Zaha Okonkwo".into(), "p:okonkwo".into()),
            ("Ali Habib".into(), "p:habib".into())
        ]
    );

    // Edits stay in effect over reloaded files.
    admin
        .reload(authed(ReloadRequest {}))
        .await
        .expect("reload");
    assert_eq!(mentions(&mut client, text).await.len(), 2);

    // Every bad entry is reported; nothing is applied.
    let bad = vec![
        person("p:ok", "Okay Name"),
        GazetteerEntry {
            r#type: "person".into(),
            ..person("p:bad", "Bad Type")
        },
        person("", "No Id"),
    ];
    let err = admin
        .upsert_entities(upsert(bad))
        .await
        .expect_err("invalid");
    assert_eq!(err.code(), Code::InvalidArgument);
    assert_eq!(
        common::violated_fields(&err),
        ["entries[1].type", "entries[2].id"]
    );
    assert_eq!(
        admin
            .get_entity(authed(GetEntityRequest { id: "p:ok".into() }))
            .await
            .expect_err("not applied")
            .code(),
        Code::NotFound
    );

    // Without the token: refused.
    let err = admin
        .upsert_entities(Request::new(UpsertEntitiesRequest {
            entries: vec![person("x", "X Y")],
            namespace: "n".into(),
        }))
        .await
        .expect_err("no token");
    assert_eq!(err.code(), Code::Unauthenticated);
    server.stop().await;
}

#[tokio::test]
async fn without_a_data_dir_edits_are_refused() {
    let files = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        files.path().join("people.tsv"),
        "Ali Habib\tPERSON\tp:habib\n",
    )
    .expect("write");
    let server =
        common::start_reloadable(vec![files.path().to_path_buf()], Some(TOKEN), false).await;
    let mut admin = GazetteerAdminClient::new(server.channel().await);
    let err = admin
        .upsert_entities(upsert(vec![person("p:x", "Zaha Okonkwo")]))
        .await
        .expect_err("no journal");
    assert_eq!(err.code(), Code::FailedPrecondition);
    server.stop().await;
}

/// Starts `gazette serve` as a child process on the files, journal and token, with its URL.
async fn spawn_server(
    files: &std::path::Path,
    data: &std::path::Path,
    token_file: &std::path::Path,
) -> (tokio::process::Child, String) {
    let args: [&std::ffi::OsStr; 8] = [
        "--no-default-gazetteer".as_ref(),
        "--no-watch".as_ref(),
        "--gazetteer".as_ref(),
        files.as_os_str(),
        "--data-dir".as_ref(),
        data.as_os_str(),
        "--admin-token-file".as_ref(),
        token_file.as_os_str(),
    ];
    let (child, addr) = common::spawn_binary(&args).await;
    (child, format!("http://{addr}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_upsert_survives_sigkill() {
    let files = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        files.path().join("people.tsv"),
        "Ali Habib\tPERSON\tp:habib\n",
    )
    .expect("write");
    let data = tempfile::tempdir().expect("tempdir");
    let token_file = files.path().join("token.secret");
    std::fs::write(&token_file, format!("{TOKEN}\n")).expect("write token");

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

#[test]
fn compaction_folds_new_entities_and_keeps_the_rest() {
    use gazette::edits::Edit;
    use gazette::journal::Journal;
    let files = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        files.path().join("people.tsv"),
        "Ali Habib\tPERSON\tp:habib\nKamal Labwani\tPERSON\tp:labwani\n",
    )
    .expect("write");
    let data = tempfile::tempdir().expect("tempdir");
    let up = |id: &str, name: &str, aliases: &[&str]| {
        let line =
            serde_json::json!({"id": id, "name": name, "type": "PERSON", "aliases": aliases});
        Edit::Upsert(gazette::gazetteer::parse_entry(&line.to_string(), "newsroom").expect("entry"))
    };
    let edits = [
        up("p:new", "Zaha Okonkwo", &[]),
        up("p:habib", "Ali Habib", &["General Ali Habib"]),
        Edit::Delete {
            id: "p:labwani".into(),
        },
        up("p:tmp", "Temp Person", &[]),
        Edit::Delete { id: "p:tmp".into() },
    ];
    let visible = || -> Vec<(String, Vec<String>)> {
        let loaded = gazette::sources::load(&[files.path().to_path_buf()], false).expect("load");
        let journal = Journal::open(data.path()).expect("journal");
        let live =
            gazette::live::LiveGazetteer::with_log(loaded.gazetteer, None, Box::new(journal))
                .expect("apply");
        let snapshot = live.snapshot();
        let mut v: Vec<(String, Vec<String>)> = snapshot
            .extractor
            .gazetteer()
            .entries()
            .map(|e| {
                (
                    e.id().to_string(),
                    e.aliases()
                        .filter(|a| !a.derived)
                        .map(|a| a.text.to_string())
                        .collect(),
                )
            })
            .collect();
        v.sort();
        v
    };
    {
        let mut j = Journal::open(data.path()).expect("journal");
        j.append(&edits).expect("append");
        // While a server holds the journal, compaction refuses.
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_gazette"))
            .args(["compact", "--no-default-gazetteer", "--data-dir"])
            .arg(data.path())
            .arg("--into")
            .arg(files.path().join("newsroom.jsonl"))
            .arg("--gazetteer")
            .arg(files.path())
            .output()
            .expect("run");
        assert!(!out.status.success());
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("in use"),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let before = visible();
    assert_eq!(
        before.iter().map(|(id, _)| id.as_str()).collect::<Vec<_>>(),
        ["p:habib", "p:new"]
    );

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(["compact", "--no-default-gazetteer", "--data-dir"])
        .arg(data.path())
        .arg("--into")
        .arg(files.path().join("newsroom.jsonl"))
        .arg("--gazetteer")
        .arg(files.path())
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("1 entities folded"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let folded = std::fs::read_to_string(files.path().join("newsroom.jsonl")).expect("file");
    assert!(
        folded.contains("\"p:new\"") && !folded.contains("p:habib"),
        "{folded}"
    );
    let mut journal = Journal::open(data.path()).expect("journal");
    let replayed = gazette::edits::EditLog::read_after(&mut journal, 0).expect("reads");
    drop(journal);
    assert_eq!(replayed.len(), 3, "{replayed:?}");
    // Same entities in service as before compaction.
    assert_eq!(visible(), before);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_large_edit_layer_is_merged_in_the_background() {
    use gazette::proto::v1::GetInfoRequest;
    let files = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        files.path().join("people.tsv"),
        "Ali Habib\tPERSON\tp:habib\n",
    )
    .expect("write");
    let data = tempfile::tempdir().expect("tempdir");
    let loaded = gazette::sources::load(&[files.path().to_path_buf()], false).expect("load");
    let journal = gazette::journal::Journal::open(data.path()).expect("journal");
    let live = gazette::live::LiveGazetteer::with_log(loaded.gazetteer, None, Box::new(journal))
        .expect("apply");
    live.set_merge_at(3);
    let options = gazette::transport::ServerOptions {
        admin_token: Some(TOKEN.into()),
        watch: false,
        ..Default::default()
    };
    let server = common::start_live(live, options).await;
    let channel = server.channel().await;
    let (mut admin, mut client) = (
        GazetteerAdminClient::new(channel.clone()),
        EntityExtractorClient::new(channel),
    );
    let names = [
        "Zaha Okonkwo",
        "Mirela Dascalu",
        "Tomas Brenner",
        "Ines Varga",
    ];
    for (i, name) in names.iter().enumerate() {
        admin
            .upsert_entities(upsert(vec![person(&format!("p:{i}"), name)]))
            .await
            .expect("upsert");
    }
    // The third upsert starts a merge; wait (bounded) until the layer is folded in.
    let mut info = admin
        .get_info(authed(GetInfoRequest {}))
        .await
        .expect("info")
        .into_inner();
    for _ in 0..100 {
        if info.edit_layer_entries <= 1 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        info = admin
            .get_info(authed(GetInfoRequest {}))
            .await
            .expect("info")
            .into_inner();
    }
    assert!(
        info.edit_layer_entries <= 1,
        "edit layer still holds {} entries",
        info.edit_layer_entries
    );
    assert_eq!(info.entries, 5);
    let text = "Zaha Okonkwo, Mirela Dascalu, Tomas Brenner, Ines Varga and Ali Habib met.";
    assert_eq!(mentions(&mut client, text).await.len(), 5);
    server.stop().await;
}

/// Whether each of `ids` is in service, in order.
async fn in_service(
    admin: &mut GazetteerAdminClient<tonic::transport::Channel>,
    ids: &[&str],
) -> Vec<bool> {
    let mut out = Vec::new();
    for id in ids {
        let got = admin
            .get_entity(common::with_token(
                GetEntityRequest { id: (*id).into() },
                TOKEN,
            ))
            .await;
        match got {
            Ok(_) => out.push(true),
            Err(s) if s.code() == Code::NotFound => out.push(false),
            Err(s) => panic!("get_entity {id}: {s:?}"),
        }
    }
    out
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
    let files = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        files.path().join("people.tsv"),
        "Ali Habib\tPERSON\tp:habib\nKamal Labwani\tPERSON\tp:labwani\n",
    )
    .expect("write");
    let data = tempfile::tempdir().expect("tempdir");
    let paths = vec![files.path().to_path_buf()];
    let loaded = gazette::sources::load(&paths, false).expect("load");
    let journal = gazette::journal::Journal::open(data.path()).expect("journal");
    let live = gazette::live::LiveGazetteer::with_log(
        loaded.gazetteer,
        Some(gazette::live::Sources {
            paths: paths.clone(),
            include_default: false,
        }),
        Box::new(journal),
    )
    .expect("apply");
    // Each edit stalls 1.5 s after its journal write; the clients give up after 0.2 s.
    live.set_edit_pause_for_tests(std::time::Duration::from_millis(1_500));
    let options = gazette::transport::ServerOptions {
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
    let journal =
        std::fs::read_to_string(data.path().join(gazette::journal::FILE_NAME)).expect("journal");
    let journaled = [
        journal.contains(r#""id":"p:cut""#),
        !journal.contains(r#"{"op":"delete","id":"p:labwani"}"#),
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
    use tokio::io::AsyncBufReadExt;
    let files = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        files.path().join("people.tsv"),
        "Ali Habib\tPERSON\tp:habib\n",
    )
    .expect("write");
    let data = tempfile::tempdir().expect("tempdir");
    let token_file = files.path().join("token.secret");
    std::fs::write(&token_file, format!("{TOKEN}\n")).expect("write token");

    let mut child = tokio::process::Command::new("prlimit")
        .arg("--fsize=4096")
        .arg(env!("CARGO_BIN_EXE_gazette"))
        .args(["serve", "--listen", "127.0.0.1:0"])
        .args(["--no-default-gazetteer", "--no-watch", "--gazetteer"])
        .arg(files.path())
        .arg("--data-dir")
        .arg(data.path())
        .arg("--admin-token-file")
        .arg(&token_file)
        .env("GAZETTE_LOG", "info")
        .env("NO_COLOR", "1")
        .stderr(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("spawn prlimit (util-linux)");
    let mut lines = tokio::io::BufReader::new(child.stderr.take().expect("stderr")).lines();
    let mut addr = None;
    while let Some(line) = lines.next_line().await.expect("log line") {
        if let Some(rest) = line.split(" addr=").nth(1) {
            addr = rest.split_whitespace().next().map(str::to_string);
            break;
        }
    }
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    let url = format!("http://{}", addr.expect("the limited server started"));
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

/// Every bad entry of a batch is reported with its index and field, one path syntax for all:
/// `entries[1].prior` (NaN, which JSON cannot carry and used to become 0), `entries[2].aliases[1]`,
/// the alias and attribute limits. Nothing of the batch is applied.
#[tokio::test]
async fn bad_entries_are_named_by_index_and_field() {
    let files = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        files.path().join("people.tsv"),
        "Ali Habib\tPERSON\tp:habib\n",
    )
    .expect("write");
    let data = tempfile::tempdir().expect("tempdir");
    let server =
        common::start_with_journal(vec![files.path().to_path_buf()], data.path(), TOKEN).await;
    let mut admin = GazetteerAdminClient::new(server.channel().await);
    let with = |id: &str, f: &dyn Fn(&mut GazetteerEntry)| {
        let mut e = person(id, "Some Person");
        f(&mut e);
        e
    };
    let batch = vec![
        person("p:ok", "Okay Name"),
        with("p:nan", &|e| e.prior = f32::NAN),
        with("p:alias", &|e| {
            e.aliases = vec!["Good Alias".into(), "--".into()]
        }),
        with("p:many", &|e| {
            e.aliases = (0..100_000).map(|i| format!("Alias {i}")).collect()
        }),
        with("p:attr", &|e| {
            e.attributes.insert("bio".into(), "x".repeat(1 << 20));
        }),
        with("p:inf", &|e| e.prior = f32::NEG_INFINITY),
        with("p:huge", &|e| e.prior = 1e30),
        person("p:ok", "Twice"),
    ];
    let err = admin
        .upsert_entities(upsert(batch))
        .await
        .expect_err("invalid");
    assert_eq!(err.code(), Code::InvalidArgument);
    assert_eq!(
        common::violated_fields(&err),
        [
            "entries[1].prior",
            "entries[2].aliases[1]",
            "entries[3].aliases",
            "entries[4].attributes[\"bio\"]",
            "entries[5].prior",
            "entries[6].prior",
            "entries[7].id",
        ]
    );
    assert!(
        err.message().len() < 16 * 1024,
        "the status echoes the input"
    );
    let err = admin
        .delete_entities(authed(DeleteEntitiesRequest {
            ids: vec!["p:habib".into(), " ".into(), "x".repeat(1_000)],
        }))
        .await
        .expect_err("invalid ids");
    assert_eq!(common::violated_fields(&err), ["ids[1]", "ids[2]"]);
    assert_eq!(
        in_service(&mut admin, &["p:ok", "p:nan", "p:habib"]).await,
        [false, false, true]
    );
    // Nothing reached the journal either.
    let journal = std::fs::read_to_string(data.path().join(gazette::journal::FILE_NAME));
    assert_eq!(journal.expect("journal"), "");
    server.stop().await;
}

/// An entry as a client in another language could send it: aliases as raw bytes.
#[derive(Clone, PartialEq, prost::Message)]
struct RawEntry {
    #[prost(string, tag = "1")]
    id: String,
    #[prost(string, tag = "2")]
    name: String,
    #[prost(string, tag = "3")]
    r#type: String,
    #[prost(bytes = "vec", repeated, tag = "4")]
    aliases: Vec<Vec<u8>>,
}

/// `UpsertEntitiesRequest` with [`RawEntry`] entries.
#[derive(Clone, PartialEq, prost::Message)]
struct RawUpsert {
    #[prost(message, repeated, tag = "1")]
    entries: Vec<RawEntry>,
    #[prost(string, tag = "2")]
    namespace: String,
}

/// Invalid UTF-8 in the third alias of the second entry is INVALID_ARGUMENT at
/// `entries[1].aliases[2]`: outermost first, with both indexes (prost names neither element and
/// writes the innermost message first, which came back as `aliases.entries`).
#[tokio::test]
async fn a_decode_error_names_the_entry_and_the_alias() {
    use gazette::proto::v1::EditResponse;
    use tonic_types::StatusExt;
    let files = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        files.path().join("people.tsv"),
        "Ali Habib\tPERSON\tp:habib\n",
    )
    .expect("write");
    let data = tempfile::tempdir().expect("tempdir");
    let server =
        common::start_with_journal(vec![files.path().to_path_buf()], data.path(), TOKEN).await;
    let mut grpc = tonic::client::Grpc::new(server.channel().await);
    grpc.ready().await.expect("ready");
    let path = http::uri::PathAndQuery::from_static("/gazette.v1.GazetteerAdmin/UpsertEntities");
    let codec = tonic_prost::ProstCodec::<RawUpsert, EditResponse>::default();
    let entry = |id: &str, aliases: Vec<Vec<u8>>| RawEntry {
        id: id.into(),
        name: "Some Person".into(),
        r#type: "PERSON".into(),
        aliases,
    };
    let request = RawUpsert {
        entries: vec![
            entry("p:1", vec![b"Fine Alias".to_vec()]),
            entry(
                "p:2",
                vec![b"One".to_vec(), b"Two".to_vec(), b"Bad \xff\xfe".to_vec()],
            ),
        ],
        namespace: "newsroom".into(),
    };
    let status = grpc
        .unary(authed(request), path, codec)
        .await
        .expect_err("invalid utf-8");
    assert_eq!(status.code(), Code::InvalidArgument, "{status:?}");
    let bad = status.get_details_bad_request().expect("BadRequest");
    assert_eq!(bad.field_violations[0].field, "entries[1].aliases[2]");
    server.stop().await;
}
