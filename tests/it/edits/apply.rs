//! What an edit does: visible at once, validated as a batch, kept over reloads, refused without
//! a journal.

use super::*;

#[tokio::test]
async fn edits_are_visible_validated_and_survive_reload() {
    let (_files, _data, server) =
        start_journaled("Ali Habib\tPERSON\tp:habib\nKamal Labwani\tPERSON\tp:labwani\n").await;
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
    let err = refused(&mut admin, bad).await;
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
    let files = people_files("Ali Habib\tPERSON\tp:habib\n");
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
