//! The edit history and undo, as an editor uses them: ListEdits shows who changed what (the
//! entity before and after), newest first, a page at a time; RevertEdit undoes one edit, a
//! file entry's delete included. [`undo_scenario`] runs on the shared store too.

use super::*;
use gazette::proto::v1::{EditRecord, ListEditsRequest, RevertEditRequest};
use tonic::transport::Channel;

type Admin = GazetteerAdminClient<Channel>;

/// The whole history, newest first, read `page_size` edits at a time.
pub(crate) async fn all_edits(admin: &mut Admin, token: &str, page_size: u32) -> Vec<EditRecord> {
    let mut out = Vec::new();
    let mut page_token = String::new();
    loop {
        let page = admin
            .list_edits(common::with_token(
                ListEditsRequest {
                    page_size,
                    page_token: page_token.clone(),
                    ..Default::default()
                },
                token,
            ))
            .await
            .expect("list edits")
            .into_inner();
        assert!(page.edits.len() <= page_size as usize);
        out.extend(page.edits);
        if page.next_page_token.is_empty() {
            return out;
        }
        page_token = page.next_page_token;
    }
}

async fn revert(admin: &mut Admin, token: &str, seq: u64) -> Result<String, tonic::Status> {
    admin
        .revert_edit(common::with_token(RevertEditRequest { seq }, token))
        .await
        .map(|r| r.into_inner().version)
}

async fn name(admin: &mut Admin, token: &str, id: &str) -> Option<String> {
    match admin
        .get_entity(common::with_token(
            GetEntityRequest { id: id.into() },
            token,
        ))
        .await
    {
        Ok(e) => Some(e.into_inner().name),
        Err(s) if s.code() == Code::NotFound => None,
        Err(s) => panic!("get_entity {id}: {s:?}"),
    }
}

fn names(r: &EditRecord) -> (Option<&str>, Option<&str>) {
    (
        r.before.as_ref().map(|e| e.name.as_str()),
        r.after.as_ref().map(|e| e.name.as_str()),
    )
}

/// On a server whose files hold `p:habib` (Ali Habib) and whose log is empty, written with
/// `token` (named `editor`): four edits, the history of them, every kind of undo, and the
/// refusals. Returns the history at the end.
pub(crate) async fn undo_scenario(admin: &mut Admin, token: &str, editor: &str) -> Vec<EditRecord> {
    let write = |entries| {
        common::with_token(
            UpsertEntitiesRequest {
                entries,
                namespace: "newsroom".into(),
            },
            token,
        )
    };
    admin
        .upsert_entities(write(vec![person("p:new", "Zaha Okonkwo")]))
        .await
        .expect("add");
    admin
        .upsert_entities(write(vec![person("p:new", "Zaha Okonkwo-Bello")]))
        .await
        .expect("rename");
    admin
        .delete_entities(common::with_token(
            DeleteEntitiesRequest {
                ids: vec!["p:habib".into()],
            },
            token,
        ))
        .await
        .expect("delete a file's entry");
    admin
        .upsert_entities(write(vec![person("p:x", "Xavier Ortega")]))
        .await
        .expect("add another");

    let history = all_edits(admin, token, 1).await;
    let seqs: Vec<u64> = history.iter().map(|r| r.seq).collect();
    assert_eq!(seqs.len(), 4, "{history:?}");
    assert!(
        seqs.windows(2).all(|w| w[0] > w[1]),
        "newest first: {seqs:?}"
    );
    let [x, delete, rename, add] = [&history[0], &history[1], &history[2], &history[3]];
    let ops: Vec<&str> = history.iter().map(|r| r.op.as_str()).collect();
    assert_eq!(ops, ["upsert", "delete", "upsert", "upsert"]);
    assert_eq!(names(add), (None, Some("Zaha Okonkwo")));
    assert!(add.before_known);
    assert_eq!(
        names(rename),
        (Some("Zaha Okonkwo"), Some("Zaha Okonkwo-Bello"))
    );
    assert_eq!(names(delete), (Some("Ali Habib"), None));
    assert_eq!(
        delete.before.as_ref().map(|e| e.namespace.as_str()),
        Some("people")
    );
    assert!(history
        .iter()
        .all(|r| r.editor == editor && r.at_unix_ms > 0));
    // Filtered by entity, and the same page whatever the page size.
    let of_new = admin
        .list_edits(common::with_token(
            ListEditsRequest {
                entity_id: "p:new".into(),
                ..Default::default()
            },
            token,
        ))
        .await
        .expect("by entity")
        .into_inner();
    let of_new: Vec<u64> = of_new.edits.iter().map(|r| r.seq).collect();
    assert_eq!(of_new, [rename.seq, add.seq]);
    assert_eq!(all_edits(admin, token, 3).await, history);

    // Refusals: a superseded edit, an unknown seq, no seq.
    let later = revert(admin, token, add.seq).await.expect_err("superseded");
    assert_eq!(later.code(), Code::FailedPrecondition, "{later:?}");
    assert!(
        later.message().contains(&format!("edit {}", rename.seq)),
        "{}",
        later.message()
    );
    let unknown = revert(admin, token, x.seq + 1000)
        .await
        .expect_err("unknown");
    assert_eq!(unknown.code(), Code::NotFound, "{unknown:?}");
    let none = revert(admin, token, 0).await.expect_err("no seq");
    assert_eq!(none.code(), Code::InvalidArgument, "{none:?}");

    // Each kind of undo.
    revert(admin, token, delete.seq)
        .await
        .expect("undo a delete");
    assert_eq!(
        name(admin, token, "p:habib").await.as_deref(),
        Some("Ali Habib")
    );
    revert(admin, token, x.seq).await.expect("undo an add");
    assert_eq!(name(admin, token, "p:x").await, None);
    revert(admin, token, rename.seq)
        .await
        .expect("undo a rename");
    assert_eq!(
        name(admin, token, "p:new").await.as_deref(),
        Some("Zaha Okonkwo")
    );
    let history = all_edits(admin, token, 50).await;
    let undo = &history[0];
    assert_eq!((undo.reverts, undo.op.as_str()), (rename.seq, "upsert"));
    assert_eq!(
        names(undo),
        (Some("Zaha Okonkwo-Bello"), Some("Zaha Okonkwo"))
    );
    assert_eq!(
        (history[2].reverts, history[2].op.as_str()),
        (delete.seq, "restore")
    );
    // The undo of an undo.
    revert(admin, token, undo.seq).await.expect("redo");
    assert_eq!(
        name(admin, token, "p:new").await.as_deref(),
        Some("Zaha Okonkwo-Bello")
    );
    all_edits(admin, token, 50).await
}

/// The scenario on the file journal; then the state and the history outlive a restart, and a
/// read-only token may list but not undo.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_journal_keeps_the_history_and_undoes_edits() {
    let files = people_files("Ali Habib\tPERSON\tp:habib\n");
    let data = tempfile::tempdir().expect("tempdir");
    let tokens = gazette::transport::parse_tokens(
        "alice write alice-secret-000001\nbob read bob-secret-0000000001\n",
    )
    .expect("tokens");
    let start = || async {
        let live = common::journaled(vec![files.path().to_path_buf()], false, data.path());
        common::start_live(
            live,
            common::ServerOptions {
                admin_tokens: tokens.clone(),
                ..Default::default()
            },
        )
        .await
    };
    let server = start().await;
    let mut admin = GazetteerAdminClient::new(server.channel().await);
    let history = undo_scenario(&mut admin, "alice-secret-000001", "alice").await;
    server.stop().await;

    let server = start().await;
    let mut admin = GazetteerAdminClient::new(server.channel().await);
    let bob = "bob-secret-0000000001";
    assert_eq!(all_edits(&mut admin, bob, 2).await, history);
    assert_eq!(
        name(&mut admin, bob, "p:habib").await.as_deref(),
        Some("Ali Habib")
    );
    assert_eq!(name(&mut admin, bob, "p:x").await, None);
    let denied = revert(&mut admin, bob, history[0].seq)
        .await
        .expect_err("read-only");
    assert_eq!(denied.code(), Code::PermissionDenied);
    let by_bob = admin
        .list_edits(common::with_token(
            ListEditsRequest {
                editor: "bob".into(),
                ..Default::default()
            },
            bob,
        ))
        .await
        .expect("by editor")
        .into_inner();
    assert!(by_bob.edits.is_empty() && by_bob.next_page_token.is_empty());
    server.stop().await;
}

/// An undo after the edit layer was merged into the base: the files' entry comes back, not the
/// merged edit.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn undo_after_a_merge_brings_the_files_entry_back() {
    let files = people_files("Ali Habib\tPERSON\tp:habib\n");
    let data = tempfile::tempdir().expect("tempdir");
    let live = common::journaled(vec![files.path().to_path_buf()], true, data.path());
    live.set_merge_at(1);
    let server = common::start_live(
        live.clone(),
        common::ServerOptions {
            admin_token: Some(TOKEN.into()),
            ..Default::default()
        },
    )
    .await;
    let mut admin = GazetteerAdminClient::new(server.channel().await);
    admin
        .upsert_entities(upsert(vec![person("p:habib", "Ali Habeeb")]))
        .await
        .expect("rename a file's entry");
    common::bounded(20, "the edit layer is merged", async {
        while !live.pending_edits().is_empty() {
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
    })
    .await;
    let seq = all_edits(&mut admin, TOKEN, 10).await[0].seq;
    revert(&mut admin, TOKEN, seq).await.expect("undo");
    assert_eq!(
        name(&mut admin, TOKEN, "p:habib").await.as_deref(),
        Some("Ali Habib")
    );
    let mut extractor = EntityExtractorClient::new(server.channel().await);
    assert_eq!(
        mentions(&mut extractor, "Ali Habib spoke; Ali Habeeb did not.").await,
        [("Ali Habib".to_string(), "p:habib".to_string())]
    );
    // And after a reload, which rebuilds the base from the files.
    admin
        .reload(authed(ReloadRequest {}))
        .await
        .expect("reload");
    assert_eq!(
        name(&mut admin, TOKEN, "p:habib").await.as_deref(),
        Some("Ali Habib")
    );
    server.stop().await;
}
