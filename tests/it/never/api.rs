//! Rules through the admin API: an edit like any other (version, history, undo, journal,
//! tokens), checked field by field, and named by explain mode.

use super::*;

use gazette::proto::v1::{
    DeleteEntitiesRequest, ListEditsRequest, ListNeverRulesRequest, RevertEditRequest,
};
use tonic::Code;

/// A journaled server on [`PLACES`]: the files, the data directory and the server.
async fn journaled() -> (tempfile::TempDir, tempfile::TempDir, common::TestServer) {
    let dir = files("");
    let data = tempfile::tempdir().expect("tempdir");
    let server =
        common::start_with_journal(vec![dir.path().to_path_buf()], data.path(), TOKEN).await;
    (dir, data, server)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rule_is_an_edit_listed_undone_and_journaled() {
    let (dir, data, server) = journaled().await;
    let mut admin = admin(&server).await;
    let text = "Obama met Jordan.";
    let before = extract(server.channel().await, text).await;
    assert_eq!(before.mentions.len(), 2);

    let added = admin
        .add_never_rules(common::with_token(
            add(vec![
                rule("obama", "LOCATION", ""),
                rule("Jordan", "", "JO"),
            ]),
            TOKEN,
        ))
        .await
        .expect("rules added")
        .into_inner();
    assert_eq!(
        added.ids,
        ["never:LOCATION:obama", "never:entity:JO:jordan"]
    );
    assert_eq!(added.applied, 2);
    assert_ne!(added.version, before.gazetteer_version);
    let after = extract(server.channel().await, text).await;
    assert_eq!(after.gazetteer_version, added.version);
    assert_eq!(
        found(server.channel().await, text).await,
        [pair("Jordan", "MJ")]
    );

    let listed = admin
        .list_never_rules(common::with_token(ListNeverRulesRequest {}, TOKEN))
        .await
        .expect("list")
        .into_inner();
    let ids: Vec<&str> = listed.rules.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["never:LOCATION:obama", "never:entity:JO:jordan"]);
    assert_eq!(listed.rules[0].r#type, "LOCATION");
    assert_eq!(listed.rules[1].entity, "JO");

    let history = admin
        .list_edits(common::with_token(
            ListEditsRequest {
                entity_id: "never:LOCATION:obama".into(),
                ..Default::default()
            },
            TOKEN,
        ))
        .await
        .expect("history")
        .into_inner();
    assert_eq!(history.edits.len(), 1);
    let edit = &history.edits[0];
    assert_eq!(
        (edit.op.as_str(), edit.editor.as_str()),
        ("upsert", "admin")
    );
    assert_eq!(edit.after.as_ref().map(|e| e.name.as_str()), Some("obama"));

    let undone = admin
        .revert_edit(common::with_token(
            RevertEditRequest { seq: edit.seq },
            TOKEN,
        ))
        .await
        .expect("undone")
        .into_inner();
    assert_ne!(undone.version, added.version);
    assert_eq!(
        found(server.channel().await, text).await,
        [pair("Obama", "JP-OBAMA"), pair("Jordan", "MJ")]
    );
    server.stop().await;

    // After a restart the journal gives the same rules: the entity rule, not the undone one.
    let server =
        common::start_with_journal(vec![dir.path().to_path_buf()], data.path(), TOKEN).await;
    assert_eq!(
        found(server.channel().await, text).await,
        [pair("Obama", "JP-OBAMA"), pair("Jordan", "MJ")]
    );
    // DeleteEntities removes a rule by its id.
    admin = super::admin(&server).await;
    admin
        .delete_entities(common::with_token(
            DeleteEntitiesRequest {
                ids: vec!["never:entity:JO:jordan".into()],
            },
            TOKEN,
        ))
        .await
        .expect("deleted");
    assert_eq!(
        found(server.channel().await, text).await,
        [pair("Obama", "JP-OBAMA"), pair("Jordan", "JO")]
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_rules_are_invalid_argument_by_field_and_nothing_is_applied() {
    let (_dir, _data, server) = journaled().await;
    let mut admin = admin(&server).await;
    let err = admin
        .add_never_rules(common::with_token(
            add(vec![
                rule("Obama", "LOCATION", ""),
                rule("Obama", "location", ""),
                rule(" ", "LOCATION", ""),
                rule("Paris", "LOCATION", "Q90"),
            ]),
            TOKEN,
        ))
        .await
        .expect_err("invalid");
    assert_eq!(err.code(), Code::InvalidArgument, "{err:?}");
    assert_eq!(
        common::violated_fields(&err),
        ["rules[1].type", "rules[2].form", "rules[3].entity"]
    );
    assert_eq!(
        found(server.channel().await, "Obama spoke.").await,
        [pair("Obama", "JP-OBAMA")]
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_read_token_may_list_rules_but_not_add_them() {
    let dir = files("");
    let data = tempfile::tempdir().expect("tempdir");
    let live = common::journaled(vec![dir.path().to_path_buf()], false, data.path());
    let tokens = gazette::transport::parse_tokens(
        "alice write alice-secret-000001\nbob read bob-secret-0000000001\n",
    )
    .expect("tokens");
    let options = common::ServerOptions {
        admin_tokens: tokens,
        ..Default::default()
    };
    let server = common::start_live(live, options).await;
    let mut admin = admin(&server).await;
    let as_bob = |r| common::with_token(r, "bob-secret-0000000001");
    let refused = admin
        .add_never_rules(as_bob(add(vec![rule("Obama", "LOCATION", "")])))
        .await
        .expect_err("bob may only read");
    assert_eq!(refused.code(), Code::PermissionDenied);
    admin
        .list_never_rules(common::with_token(
            ListNeverRulesRequest {},
            "bob-secret-0000000001",
        ))
        .await
        .expect("bob may read");
    admin
        .add_never_rules(common::with_token(
            add(vec![rule("Obama", "LOCATION", "")]),
            "alice-secret-000001",
        ))
        .await
        .expect("alice may write");
    assert!(found(server.channel().await, "Obama spoke.")
        .await
        .is_empty());
    server.stop().await;
}

/// Explain lists each dropped reading with its span (in the requested unit) and rule: the
/// editor's rule by id, and the built-in screens by reason; without explain, nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn explain_names_the_rule_that_suppressed_a_reading() {
    let (_dir, _data, server) = journaled().await;
    let mut admin = admin(&server).await;
    admin
        .add_never_rules(common::with_token(
            add(vec![rule("Paris", "", "Q90")]),
            TOKEN,
        ))
        .await
        .expect("added");
    // "🇫🇷 " is 9 bytes and 5 UTF-16 units before "Paris".
    let mut request = common::doc("🇫🇷 Paris.");
    request.explain = true;
    request.offset_encoding = gazette::proto::v1::OffsetEncoding::Utf16 as i32;
    let mut client = gazette::proto::v1::entity_extractor_client::EntityExtractorClient::new(
        server.channel().await,
    );
    let r = client
        .extract(request.clone())
        .await
        .expect("extract")
        .into_inner();
    assert_eq!(r.mentions[0].entity_id, "US-PARIS");
    assert_eq!(r.suppressed.len(), 1, "{:?}", r.suppressed);
    let s = &r.suppressed[0];
    assert_eq!(
        (
            s.start,
            s.end,
            s.text.as_str(),
            s.entity_id.as_str(),
            s.r#type.as_str()
        ),
        (5, 10, "Paris", "Q90", "LOCATION")
    );
    assert_eq!(s.rule, "never:entity:Q90:paris");
    request.explain = false;
    let r = client.extract(request).await.expect("extract").into_inner();
    assert!(r.suppressed.is_empty());
    server.stop().await;
}
