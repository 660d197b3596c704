//! Errors that fit in a response: however many violations, and whatever tonic quotes back,
//! the trailers stay well under the common 8 KiB header-list limit.

use super::raw::{grpc_frame, grpc_head, raw_call, raw_connection, status_of};
use super::*;

use gazette::proto::v1::ExtractRequest;

fn bad_types(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("not-a-type-{i}")).collect()
}

/// 100,000 invalid entity types made 26 MB of trailers, and 30 (a 387-byte request) broke a
/// default grpcio client: every error now fits well under the common 8 KiB header-list limit,
/// on Extract, on ExtractStream (whose message quotes the document_id) and on edits.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn errors_with_many_violations_fit_in_the_trailers() {
    use prost::Message;
    let server = start(ServerOptions {
        admin_token: Some("tok".into()),
        ..Default::default()
    })
    .await;
    let extract = "/gazette.v1.EntityExtractor/Extract";
    for n in [30, 100_000] {
        let req = ExtractRequest {
            text: "Ali Habib".into(),
            entity_types: bad_types(n),
            ..Default::default()
        };
        let (head, trailers) = raw_call(&server, extract, None, &[req.encode_to_vec()]).await;
        let (status, bytes) = status_of(&head, &trailers);
        assert_eq!(status.code(), Code::InvalidArgument);
        assert!(bytes < 8 * 1024, "{n} bad types: {bytes} bytes of trailers");
        let more = format!("and {} more", n - 10);
        assert!(status.message().contains(&more), "{}", status.message());
        assert_eq!(common::violated_fields(&status).len(), 10);
    }

    // A stream: the context quotes a 100 kB document_id.
    let good = doc("Ali Habib").encode_to_vec();
    let bad = ExtractRequest {
        document_id: "d".repeat(100_000),
        text: "Ali Habib".into(),
        entity_types: bad_types(100_000),
        ..Default::default()
    }
    .encode_to_vec();
    let (head, trailers) = raw_call(
        &server,
        "/gazette.v1.EntityExtractor/ExtractStream",
        None,
        &[good, bad],
    )
    .await;
    let (status, bytes) = status_of(&head, &trailers);
    assert_eq!(status.code(), Code::InvalidArgument);
    assert!(bytes < 8 * 1024, "stream: {bytes} bytes of trailers");
    assert!(
        status
            .message()
            .starts_with("document 1 (document_id \"ddd"),
        "{}",
        status.message()
    );
    assert!(status.message().contains("and 99990 more"));

    // An upsert of thousands of bad entries, in a namespace of 1 MB quoted back.
    let upsert = gazette::proto::v1::UpsertEntitiesRequest {
        namespace: "n".repeat(1 << 20),
        entries: (0..5_000)
            .map(|i| gazette::proto::v1::GazetteerEntry {
                id: format!("id{i}"),
                name: String::new(),
                r#type: "lower".into(),
                ..Default::default()
            })
            .collect(),
    };
    let (head, trailers) = raw_call(
        &server,
        "/gazette.v1.GazetteerAdmin/UpsertEntities",
        Some("tok"),
        &[upsert.encode_to_vec()],
    )
    .await;
    let (status, bytes) = status_of(&head, &trailers);
    assert_eq!(status.code(), Code::InvalidArgument, "{}", status.message());
    assert!(bytes < 8 * 1024, "upsert: {bytes} bytes of trailers");
    assert!(status.message().contains("more"), "{}", status.message());

    // A long unknown id quoted back by GetEntity.
    let get = gazette::proto::v1::GetEntityRequest {
        id: "x".repeat(10_000),
    };
    let (head, trailers) = raw_call(
        &server,
        "/gazette.v1.GazetteerAdmin/GetEntity",
        Some("tok"),
        &[get.encode_to_vec()],
    )
    .await;
    let (status, bytes) = status_of(&head, &trailers);
    assert_eq!(status.code(), Code::NotFound);
    assert!(bytes < 1024, "get entity: {bytes} bytes");
    server.stop().await;
}

/// Errors tonic builds itself are cut to fit too: its answer to an unsupported `grpc-encoding`
/// quotes the header, which may be up to hyper's 16 KiB header list.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn errors_built_by_tonic_fit_in_the_trailers() {
    use prost::Message;
    let server = start(ServerOptions::default()).await;
    let mut client = raw_connection(&server).await;
    let mut head = grpc_head("/gazette.v1.EntityExtractor/Extract", None);
    head.headers_mut().insert(
        "grpc-encoding",
        http::HeaderValue::from_str(&"z".repeat(12 * 1024)).expect("header"),
    );
    let (response, mut send) = client.send_request(head, false).expect("send head");
    send.send_data(grpc_frame(&doc("Ali Habib").encode_to_vec()), true)
        .expect("body");
    let response = bounded(30, "the response", response)
        .await
        .expect("response");
    let (status, bytes) = status_of(response.headers(), &http::HeaderMap::new());
    assert_eq!(status.code(), Code::Unimplemented, "{}", status.message());
    assert!(bytes < 8 * 1024, "{bytes} bytes of trailers");
    server.stop().await;
}
