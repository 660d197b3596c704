//! Folding edits away: `gazette compact` into a file, and the background merge of a large edit
//! layer into the index.

use super::*;

#[test]
fn compaction_folds_new_entities_and_keeps_the_rest() {
    use crate::common::{Edit, Journal};
    let files = people_files("Ali Habib\tPERSON\tp:habib\nKamal Labwani\tPERSON\tp:labwani\n");
    let data = tempfile::tempdir().expect("tempdir");
    let up = |id: &str, name: &str, aliases: &[&str]| {
        common::upsert_edit(
            "newsroom",
            serde_json::json!({"id": id, "name": name, "type": "PERSON", "aliases": aliases}),
        )
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
    let compact = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_gazette"))
            .args(["compact", "--no-default-gazetteer", "--data-dir"])
            .arg(data.path())
            .arg("--into")
            .arg(files.path().join("newsroom.jsonl"))
            .arg("--gazetteer")
            .arg(files.path())
            .output()
            .expect("run")
    };
    let visible = || -> Vec<(String, Vec<String>)> {
        let live = common::journaled(vec![files.path().to_path_buf()], false, data.path());
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
        let changes: Vec<gazette::edits::Change> = edits.iter().cloned().map(Into::into).collect();
        j.append(&changes, &Default::default()).expect("append");
        // While a server holds the journal, compaction refuses.
        let out = compact();
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

    let out = compact();
    common::assert_success(&out);
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
    let replayed = common::journal_edits(data.path());
    assert_eq!(replayed.len(), 3, "{replayed:?}");
    // Same entities in service as before compaction.
    assert_eq!(visible(), before);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_large_edit_layer_is_merged_in_the_background() {
    use gazette::proto::v1::GetInfoRequest;
    let files = people_files("Ali Habib\tPERSON\tp:habib\n");
    let data = tempfile::tempdir().expect("tempdir");
    let live = common::journaled(vec![files.path().to_path_buf()], false, data.path());
    live.set_merge_at(3);
    let options = common::ServerOptions {
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
