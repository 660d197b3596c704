//! The admin service's reads: who may call them (the admin and read-only tokens) and what
//! GetInfo reports.

use super::*;

#[tokio::test]
async fn reload_needs_the_token() {
    let dir = tempfile::tempdir().expect("tempdir");
    write_atomic(dir.path(), VERSION_A);
    let open = common::start_reloadable(vec![dir.path().to_path_buf()], None, false).await;
    let mut admin = GazetteerAdminClient::new(open.channel().await);
    let err = admin
        .reload(with_token(ReloadRequest {}, "anything"))
        .await
        .expect_err("no token configured");
    assert_eq!(err.code(), Code::PermissionDenied);
    assert!(
        admin.get_info(GetInfoRequest {}).await.is_ok(),
        "GetInfo needs no token"
    );
    open.stop().await;

    let guarded =
        common::start_reloadable(vec![dir.path().to_path_buf()], Some(TOKEN), false).await;
    let mut admin = GazetteerAdminClient::new(guarded.channel().await);
    let err = admin.reload(ReloadRequest {}).await.expect_err("no header");
    assert_eq!(err.code(), Code::Unauthenticated);
    let err = admin
        .reload(with_token(ReloadRequest {}, "wrong"))
        .await
        .expect_err("wrong token");
    assert_eq!(err.code(), Code::Unauthenticated);
    assert!(reload(&mut admin).await.is_ok());
    guarded.stop().await;
}

/// GetInfo and GetEntity needed no token and returned every attribute and absolute paths. Once a
/// token is configured they need one: the admin token, or the read-only one, which cannot
/// change anything. With no token configured at all they stay open (`reload_needs_the_token`).
#[tokio::test]
async fn admin_reads_need_a_token_once_one_is_configured() {
    use crate::common::ServerOptions;
    use gazette::proto::v1::GetEntityRequest;
    let dir = tempfile::tempdir().expect("tempdir");
    write_atomic(dir.path(), VERSION_A);
    let start = |admin: Option<&str>, read: Option<&str>| {
        let live = common::reloading(vec![dir.path().to_path_buf()]);
        common::start_live(
            live,
            ServerOptions {
                admin_token: admin.map(str::to_string),
                admin_read_token: read.map(str::to_string),
                ..Default::default()
            },
        )
    };
    const READER: &str = "read-only-token";
    let entity = || GetEntityRequest {
        id: "id:alpha".into(),
    };

    let server = start(Some(TOKEN), Some(READER)).await;
    let mut admin = GazetteerAdminClient::new(server.channel().await);
    for token in [None, Some("wrong")] {
        let info = match token {
            None => admin.get_info(GetInfoRequest {}).await,
            Some(t) => admin.get_info(with_token(GetInfoRequest {}, t)).await,
        };
        assert_eq!(info.expect_err("no read").code(), Code::Unauthenticated);
    }
    let err = admin.get_entity(entity()).await.expect_err("no token");
    assert_eq!(err.code(), Code::Unauthenticated);
    for token in [READER, TOKEN] {
        admin
            .get_info(with_token(GetInfoRequest {}, token))
            .await
            .expect("info");
        let got = admin
            .get_entity(with_token(entity(), token))
            .await
            .expect("entity")
            .into_inner();
        assert_eq!(got.name, "Alpha Smith");
    }
    let err = admin
        .reload(with_token(ReloadRequest {}, READER))
        .await
        .expect_err("read-only");
    assert_eq!(err.code(), Code::PermissionDenied);
    reload(&mut admin).await.expect("the admin token reloads");
    server.stop().await;

    // A read-only token alone: reads need it, changes are refused for everyone.
    let server = start(None, Some(READER)).await;
    let mut admin = GazetteerAdminClient::new(server.channel().await);
    let err = admin
        .get_info(GetInfoRequest {})
        .await
        .expect_err("no token");
    assert_eq!(err.code(), Code::Unauthenticated);
    admin
        .get_info(with_token(GetInfoRequest {}, READER))
        .await
        .expect("info");
    let err = admin
        .reload(with_token(ReloadRequest {}, READER))
        .await
        .expect_err("no admin token");
    assert_eq!(err.code(), Code::PermissionDenied);
    server.stop().await;
}

/// GetInfo reads the counts stored with the gazetteer (they were recounted over every entry
/// per call): they follow edits, deletes and reloads.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn get_info_counts_follow_edits_and_reloads() {
    use gazette::proto::v1::{DeleteEntitiesRequest, GazetteerEntry, UpsertEntitiesRequest};
    let dir = tempfile::tempdir().expect("tempdir");
    write_atomic(dir.path(), VERSION_A);
    let data = tempfile::tempdir().expect("tempdir");
    let server =
        common::start_with_journal(vec![dir.path().to_path_buf()], data.path(), TOKEN).await;
    let mut admin = GazetteerAdminClient::new(server.channel().await);
    let counts = |info: &gazette::proto::v1::GazetteerInfo| {
        let types: Vec<(String, u64)> = info
            .by_type
            .iter()
            .map(|t| (t.r#type.clone(), t.entries))
            .collect();
        let namespaces: Vec<(String, u64)> = info
            .by_namespace
            .iter()
            .map(|n| (n.namespace.clone(), n.entries))
            .collect();
        (info.entries, types, namespaces)
    };
    let s = |v: &[(&str, u64)]| -> Vec<(String, u64)> {
        v.iter().map(|(k, n)| (k.to_string(), *n)).collect()
    };
    assert_eq!(
        counts(&admin_info(&mut admin).await),
        (1, s(&[("PERSON", 1)]), s(&[("people", 1)]))
    );
    admin
        .upsert_entities(with_token(
            UpsertEntitiesRequest {
                namespace: "newsroom".into(),
                entries: vec![GazetteerEntry {
                    id: "org:un".into(),
                    name: "United Nations".into(),
                    r#type: "ORGANIZATION".into(),
                    ..Default::default()
                }],
            },
            TOKEN,
        ))
        .await
        .expect("upsert");
    assert_eq!(
        counts(&admin_info(&mut admin).await),
        (
            2,
            s(&[("ORGANIZATION", 1), ("PERSON", 1)]),
            s(&[("newsroom", 1), ("people", 1)])
        )
    );
    // The journal, one line applied; no shared store to contact.
    let log = admin_info(&mut admin).await.edit_log.expect("an edit log");
    assert_eq!(
        (log.kind.as_str(), log.applied_seq, log.last_contact_unix_ms),
        ("journal", 1, 0)
    );
    admin
        .delete_entities(with_token(
            DeleteEntitiesRequest {
                ids: vec!["id:alpha".into()],
            },
            TOKEN,
        ))
        .await
        .expect("delete");
    assert_eq!(
        counts(&admin_info(&mut admin).await),
        (1, s(&[("ORGANIZATION", 1)]), s(&[("newsroom", 1)]))
    );
    // New files: id:alpha stays deleted (edits stay in effect), id:beta is counted.
    write_atomic(dir.path(), &format!("{VERSION_A}{VERSION_B}"));
    reload(&mut admin).await.expect("reload");
    assert_eq!(
        counts(&admin_info(&mut admin).await),
        (
            2,
            s(&[("ORGANIZATION", 1), ("PERSON", 1)]),
            s(&[("newsroom", 1), ("people", 1)])
        )
    );
    server.stop().await;
}
