//! Bad entries are named by index and field, whether the entry or its decoding is wrong.

use super::*;

/// Every bad entry of a batch is reported with its index and field, one path syntax for all:
/// `entries[1].prior` (NaN, which JSON cannot carry and used to become 0), `entries[2].aliases[1]`,
/// the alias and attribute limits. Nothing of the batch is applied.
#[tokio::test]
async fn bad_entries_are_named_by_index_and_field() {
    let (_files, data, server) = start_journaled("Ali Habib\tPERSON\tp:habib\n").await;
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
    let err = refused(&mut admin, batch).await;
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
    let journal = std::fs::read_to_string(common::journal_file(data.path()));
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
    let (_files, _data, server) = start_journaled("Ali Habib\tPERSON\tp:habib\n").await;
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
