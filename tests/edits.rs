//! Admin edits: durable (journaled and synced before acknowledged, surviving SIGKILL), visible
//! at once, validated like file lines, and kept across reloads.

mod common;

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
        ["entries[1]", "entries[2].id"]
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
    use gazette::journal::{Edit, Journal};
    let files = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        files.path().join("people.tsv"),
        "Ali Habib\tPERSON\tp:habib\nKamal Labwani\tPERSON\tp:labwani\n",
    )
    .expect("write");
    let data = tempfile::tempdir().expect("tempdir");
    let up = |id: &str, name: &str, aliases: &[&str]| Edit::Upsert {
        namespace: "newsroom".into(),
        entry: serde_json::json!({"id": id, "name": name, "type": "PERSON", "aliases": aliases}),
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
        let (journal, replayed) = Journal::open(data.path()).expect("journal");
        let live = gazette::transport::live::LiveGazetteer::with_journal(
            loaded.gazetteer,
            None,
            journal,
            &replayed.edits,
        )
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
        let (mut j, _) = Journal::open(data.path()).expect("journal");
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
    let (_, replayed) = Journal::open(data.path()).expect("journal");
    assert_eq!(replayed.edits.len(), 3, "{:?}", replayed.edits);
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
    let (journal, replayed) = gazette::journal::Journal::open(data.path()).expect("journal");
    let live = gazette::transport::live::LiveGazetteer::with_journal(
        loaded.gazetteer,
        None,
        journal,
        &replayed.edits,
    )
    .expect("apply");
    live.set_merge_at(3);
    let options = gazette::transport::server::ServerOptions {
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
