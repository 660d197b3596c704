//! What an edit means, as a new user finds out: a delete of an id no entry has changes nothing,
//! GetEntity's answer sent back as an upsert is the same entry, and an upsert says everything a
//! JSONL line can (an alias's own case policy and scope).

use super::*;
use gazette::proto::v1::{AliasDetail, GetInfoRequest};

async fn version(admin: &mut GazetteerAdminClient<tonic::transport::Channel>) -> String {
    admin
        .get_info(authed(GetInfoRequest {}))
        .await
        .expect("info")
        .into_inner()
        .version
}

async fn delete(
    admin: &mut GazetteerAdminClient<tonic::transport::Channel>,
    ids: &[&str],
) -> gazette::proto::v1::EditResponse {
    admin
        .delete_entities(authed(DeleteEntitiesRequest {
            ids: ids.iter().map(|id| id.to_string()).collect(),
        }))
        .await
        .expect("delete")
        .into_inner()
}

/// Deleting an id no entry has answered `applied: 1`, journaled a line and made a new version.
/// Now only effective deletes count: unknown and already-deleted ids leave the version and the
/// journal as they were, and a batch counts each entry it removes once.
#[tokio::test]
async fn deleting_an_id_no_entry_has_changes_nothing() {
    let (_files, data, server) =
        start_journaled("Ali Habib\tPERSON\tp:habib\nKamal Labwani\tPERSON\tp:labwani\n").await;
    let mut admin = GazetteerAdminClient::new(server.channel().await);
    let journal = || std::fs::read_to_string(common::journal_file(data.path())).expect("journal");
    let start = version(&mut admin).await;

    let r = delete(&mut admin, &["p:nobody"]).await;
    assert_eq!((r.applied, r.version.as_str()), (0, start.as_str()));
    assert_eq!(version(&mut admin).await, start);
    assert_eq!(journal(), "");

    let r = delete(&mut admin, &["p:nobody", "p:habib", "p:habib"]).await;
    assert_eq!(r.applied, 1);
    assert_ne!(r.version, start);
    let logged: Vec<common::Edit> = journal()
        .lines()
        .map(|l| common::Edit::from_record(l.as_bytes()).expect("a valid line"))
        .collect();
    assert_eq!(
        logged,
        [common::Edit::Delete {
            id: "p:habib".into()
        }]
    );
    assert_eq!(
        in_service(&mut admin, &["p:habib", "p:labwani"]).await,
        [false, true]
    );

    // Deleted already: nothing to do again.
    let deleted = r.version;
    let r = delete(&mut admin, &["p:habib"]).await;
    assert_eq!((r.applied, r.version.as_str()), (0, deleted.as_str()));
    assert_eq!(journal().lines().count(), 1);
    server.stop().await;
}

async fn get(
    admin: &mut GazetteerAdminClient<tonic::transport::Channel>,
    id: &str,
) -> GazetteerEntry {
    admin
        .get_entity(authed(GetEntityRequest { id: id.into() }))
        .await
        .expect("get")
        .into_inner()
}

fn detail(text: &str, case: &str, scope: &str) -> AliasDetail {
    AliasDetail {
        text: text.into(),
        case: case.into(),
        scope: scope.into(),
    }
}

/// GetEntity listed the derived surnames ("Assad" of "Bashar al-Assad") among the aliases, so
/// its answer sent back through UpsertEntities made them standalone aliases: "Assad" then
/// matched with no full name before it. Now they come back in `derived_aliases` (ignored by
/// upserts), aliases with their own case or scope in `alias_details`, and the round trip is the
/// identity: the same GetEntity answer, the same mentions.
#[tokio::test]
async fn get_entity_sent_back_as_an_upsert_is_the_same_entry() {
    let (_files, _data, server) = start_journaled("Ali Habib\tPERSON\tp:habib\n").await;
    let channel = server.channel().await;
    let (mut admin, mut client) = (
        GazetteerAdminClient::new(channel.clone()),
        EntityExtractorClient::new(channel),
    );
    let entry = GazetteerEntry {
        aliases: vec!["President Assad".into()],
        alias_details: vec![detail("BAA", "exact", ""), detail("Bashar", "", "document")],
        ..person("p:assad", "Bashar al-Assad")
    };
    admin
        .upsert_entities(upsert(vec![entry]))
        .await
        .expect("upsert");
    let got = get(&mut admin, "p:assad").await;
    assert_eq!(got.aliases, ["President Assad"]);
    assert_eq!(
        got.alias_details,
        [
            detail("BAA", "exact", "global"),
            detail("Bashar", "proper", "document")
        ]
    );
    assert_eq!(got.derived_aliases, ["al-Assad", "Assad"]);

    let text = "Assad spoke. BAA, not baa. Bashar al-Assad arrived; Bashar and Assad left.";
    let want: Vec<(String, String)> = ["BAA", "Bashar al-Assad", "Bashar", "Assad"]
        .iter()
        .map(|m| (m.to_string(), "p:assad".to_string()))
        .collect();
    assert_eq!(mentions(&mut client, text).await, want);

    let namespace = got.namespace.clone();
    admin
        .upsert_entities(authed(UpsertEntitiesRequest {
            entries: vec![got.clone()],
            namespace,
        }))
        .await
        .expect("the entry sent back");
    assert_eq!(get(&mut admin, "p:assad").await, got);
    assert_eq!(mentions(&mut client, text).await, want);
    let alone = mentions(&mut client, "Assad spoke.").await;
    assert!(
        alone.is_empty(),
        "a derived surname matched alone: {alone:?}"
    );
    server.stop().await;
}

/// An alias's own case policy and scope are validated like a JSONL line's, each bad one named
/// by its field; nothing of the batch is applied.
#[tokio::test]
async fn bad_alias_details_are_named_by_field() {
    let (_files, _data, server) = start_journaled("Ali Habib\tPERSON\tp:habib\n").await;
    let mut admin = GazetteerAdminClient::new(server.channel().await);
    let batch = vec![
        GazetteerEntry {
            alias_details: vec![
                detail("Okonkwo", "upper", ""),
                detail("Zaha", "", "everywhere"),
            ],
            ..person("p:okonkwo", "Zaha Okonkwo")
        },
        GazetteerEntry {
            aliases: vec!["Minister Dascalu".into()],
            alias_details: vec![detail("MD", "exact", ""), detail("--", "", "")],
            ..person("p:dascalu", "Mirela Dascalu")
        },
        person("p:ok", "Okay Name"),
    ];
    let err = refused(&mut admin, batch).await;
    assert_eq!(
        common::violated_fields(&err),
        [
            "entries[0].alias_details[0].case",
            "entries[0].alias_details[1].scope",
            "entries[1].alias_details[1].text",
        ]
    );
    assert_eq!(
        in_service(&mut admin, &["p:okonkwo", "p:dascalu", "p:ok"]).await,
        [false, false, false]
    );
    server.stop().await;
}
