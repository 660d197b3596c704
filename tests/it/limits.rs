//! Limits and overload on a real server: oversized messages, load shedding (unary and streams),
//! client deadlines, idle connections. Every load here is bounded in count and guarded by a
//! timeout that fails the test instead of hanging it.

use crate::common;

use crate::common::{bounded, doc};

use std::time::Duration;

use gazette::live::LiveGazetteer;
use gazette::proto::v1::entity_extractor_client::EntityExtractorClient;
use gazette::proto::v1::ExtractRequest;
use gazette::transport::ServerOptions;
use tokio::io::AsyncReadExt;
use tokio::sync::mpsc;
use tokio_stream::wrappers::ReceiverStream;
use tonic::Code;
use tonic_health::pb::health_client::HealthClient;
use tonic_health::pb::HealthCheckRequest;

async fn start(options: ServerOptions) -> common::TestServer {
    common::start_live(LiveGazetteer::new(common::tiny_extractor(), None), options).await
}

/// Prose of about `bytes` bytes mentioning the one known name now and then.
fn prose(bytes: usize) -> String {
    let sentence = "Ali Habib said the talks in the capital would go on for another week. ";
    sentence.repeat(bytes / sentence.len() + 1)
}

/// An open ExtractStream that has answered one document (so it certainly holds its permit).
async fn open_stream(
    client: &mut EntityExtractorClient<tonic::transport::Channel>,
) -> (
    mpsc::Sender<ExtractRequest>,
    tonic::Streaming<gazette::proto::v1::ExtractResponse>,
) {
    let (tx, rx) = mpsc::channel(1);
    let mut stream = client
        .extract_stream(ReceiverStream::new(rx))
        .await
        .expect("stream admitted")
        .into_inner();
    tx.send(doc("Ali Habib")).await.expect("send");
    let first = stream.message().await.expect("answer").expect("a response");
    assert_eq!(first.mentions.len(), 1);
    (tx, stream)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oversized_messages_are_resource_exhausted_not_out_of_range() {
    let server = start(ServerOptions {
        max_text_bytes: 16 << 10,
        max_message_bytes: 32 << 10,
        ..Default::default()
    })
    .await;
    let mut client = EntityExtractorClient::new(server.channel().await);

    // Between the text limit and the message limit: the application's precise answer.
    let err = client.extract(doc(prose(20 << 10))).await.unwrap_err();
    assert_eq!(err.code(), Code::InvalidArgument, "{err:?}");

    // Over the message limit: the transport refuses it before any handler, honestly coded.
    let err = client.extract(doc(prose(64 << 10))).await.unwrap_err();
    assert_eq!(err.code(), Code::ResourceExhausted, "{err:?}");
    assert!(err.message().contains("--max-message-bytes"), "{err:?}");

    // The same inside a stream, after a good document.
    let (tx, rx) = mpsc::channel(2);
    let mut stream = client
        .extract_stream(ReceiverStream::new(rx))
        .await
        .expect("stream")
        .into_inner();
    tx.send(doc("Ali Habib")).await.expect("send");
    assert!(stream.message().await.expect("first").is_some());
    tx.send(doc(prose(64 << 10))).await.expect("send");
    let err = stream.message().await.unwrap_err();
    assert_eq!(err.code(), Code::ResourceExhausted, "{err:?}");

    // The connection is still good.
    assert!(client.extract(doc("Ali Habib")).await.is_ok());
    server.stop().await;
}

/// 120 concurrent calls against a limit of 4: the excess is shed with RESOURCE_EXHAUSTED and a
/// retry delay, nothing hangs, health keeps answering, and the server recovers.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flood_past_the_limit_is_shed_and_the_server_recovers() {
    let server = start(ServerOptions {
        max_concurrent_rpcs: 4,
        ..Default::default()
    })
    .await;
    let text = prose(200 << 10);
    // Four connections, so the per-connection stream limit is not what bites.
    let mut channels = Vec::new();
    for _ in 0..4 {
        channels.push(server.channel().await);
    }
    let mut calls = tokio::task::JoinSet::new();
    for i in 0..120 {
        let channel = channels[i % 4].clone();
        let text = text.clone();
        calls.spawn(async move {
            let mut client = EntityExtractorClient::new(channel);
            client.extract(doc(text)).await.map(|_| ())
        });
    }
    let mut health = HealthClient::new(server.channel().await);
    let during = health
        .check(HealthCheckRequest::default())
        .await
        .expect("health is never shed");
    assert_eq!(during.into_inner().status, 1);

    let (mut ok, mut shed) = (0, 0);
    bounded(120, "the flood", async {
        while let Some(joined) = calls.join_next().await {
            match joined.expect("task") {
                Ok(()) => ok += 1,
                Err(status) => {
                    assert_eq!(status.code(), Code::ResourceExhausted, "{status:?}");
                    use tonic_types::StatusExt;
                    let retry = status.get_details_retry_info().expect("RetryInfo");
                    assert!(retry.retry_delay.is_some());
                    assert_eq!(
                        status.get_details_error_info().expect("ErrorInfo").reason,
                        "OVERLOADED"
                    );
                    shed += 1;
                }
            }
        }
    })
    .await;
    assert_eq!(ok + shed, 120);
    assert!(shed > 0, "nothing was shed ({ok} OK)");
    assert!(ok >= 4, "only {ok} answered");

    // Recovered: sequential calls all pass.
    let mut client = EntityExtractorClient::new(server.channel().await);
    for _ in 0..10 {
        client
            .extract(doc("Ali Habib"))
            .await
            .expect("after the flood");
    }
    server.stop().await;
}

/// A stream holds its permit until it ends, not just until its response head.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn open_streams_hold_their_permits() {
    let server = start(ServerOptions {
        max_concurrent_rpcs: 2,
        ..Default::default()
    })
    .await;
    let mut client = EntityExtractorClient::new(server.channel().await);
    let (tx1, mut s1) = open_stream(&mut client).await;
    let (tx2, _s2) = open_stream(&mut client).await;

    let (_tx3, rx3) = mpsc::channel::<ExtractRequest>(1);
    let err = client
        .extract_stream(ReceiverStream::new(rx3))
        .await
        .expect_err("third stream shed");
    assert_eq!(err.code(), Code::ResourceExhausted);
    let err = client.extract(doc("x")).await.unwrap_err();
    assert_eq!(err.code(), Code::ResourceExhausted);
    // Health and reflection stay outside admission.
    let mut health = HealthClient::new(server.channel().await);
    assert!(health.check(HealthCheckRequest::default()).await.is_ok());

    drop(tx1);
    assert!(s1.message().await.expect("clean end").is_none());
    // The permit came back with the end of the stream.
    bounded(10, "a call after a stream ended", async {
        loop {
            match client.extract(doc("Ali Habib")).await {
                Ok(_) => break,
                Err(s) if s.code() == Code::ResourceExhausted => {
                    tokio::time::sleep(Duration::from_millis(10)).await
                }
                Err(s) => panic!("{s:?}"),
            }
        }
    })
    .await;
    drop(tx2);
    server.stop().await;
}

type RawClient = hyper_util::client::legacy::Client<
    hyper_util::client::legacy::connect::HttpConnector,
    tonic::body::Body,
>;

/// A client over plain hyper: tonic's own client enforces `grpc-timeout` locally (answering
/// CANCELLED itself), which would hide what the server answers.
fn raw_client(server: &common::TestServer) -> EntityExtractorClient<RawClient> {
    let client = hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
        .http2_only(true)
        .build_http();
    EntityExtractorClient::with_origin(client, server.url().parse().expect("uri"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn client_deadlines_end_work_with_deadline_exceeded() {
    let server = start(ServerOptions::default()).await;
    let mut client = raw_client(&server);

    // A big document with a 1 ms deadline.
    let mut req = tonic::Request::new(doc(prose(512 << 10)));
    req.set_timeout(Duration::from_millis(1));
    let err = client.extract(req).await.unwrap_err();
    assert_eq!(err.code(), Code::DeadlineExceeded, "{err:?}");

    // A generous deadline changes nothing.
    let mut req = tonic::Request::new(doc("Ali Habib"));
    req.set_timeout(Duration::from_secs(30));
    assert_eq!(
        client
            .extract(req)
            .await
            .expect("ok")
            .into_inner()
            .mentions
            .len(),
        1
    );

    // A stream's deadline covers the whole call: answered first, then cut off while idle.
    let (tx, rx) = mpsc::channel(1);
    let mut req = tonic::Request::new(ReceiverStream::new(rx));
    req.set_timeout(Duration::from_millis(300));
    let mut stream = client
        .extract_stream(req)
        .await
        .expect("stream")
        .into_inner();
    tx.send(doc("Ali Habib")).await.expect("send");
    assert!(stream.message().await.expect("first").is_some());
    let err = bounded(10, "the stream's deadline", stream.message())
        .await
        .unwrap_err();
    assert_eq!(err.code(), Code::DeadlineExceeded, "{err:?}");
    drop(tx);

    // The permits of expired calls came back: a limit-sized burst still passes.
    for _ in 0..5 {
        client.extract(doc("Ali Habib")).await.expect("after");
    }
    server.stop().await;
}

/// Connections with no RPC open are closed after the idle timeout, including ones that never
/// sent a byte; a connection with an open stream is kept however quiet it is.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_connections_are_closed_but_open_streams_are_kept() {
    let server = start(ServerOptions {
        idle_timeout: Some(Duration::from_millis(300)),
        ..Default::default()
    })
    .await;
    let mut silent = Vec::new();
    for _ in 0..50 {
        silent.push(
            tokio::net::TcpStream::connect(server.addr)
                .await
                .expect("connect"),
        );
    }
    let mut client = EntityExtractorClient::new(server.channel().await);
    let (tx, mut stream) = open_stream(&mut client).await;

    bounded(20, "closing 50 idle connections", async {
        for mut conn in silent {
            let mut buf = [0u8; 64];
            // The server may send its SETTINGS first; then EOF or a reset.
            loop {
                match conn.read(&mut buf).await {
                    Ok(0) | Err(_) => break,
                    Ok(_) => continue,
                }
            }
        }
    })
    .await;

    // Three idle periods later the stream's connection still works.
    tokio::time::sleep(Duration::from_millis(900)).await;
    tx.send(doc("Ali Habib")).await.expect("send");
    let later = stream.message().await.expect("still open").expect("answer");
    assert_eq!(later.mentions.len(), 1);
    drop(tx);
    assert!(stream.message().await.expect("clean end").is_none());
    server.stop().await;
}

// ---- Errors that fit in a response, and the admin surface's limits (issue 15) ----

/// A raw HTTP/2 connection to `server`, for requests whose frames a gRPC client would not send
/// (a body never finished) or whose trailers must be measured as they travel.
async fn raw_connection(server: &common::TestServer) -> h2::client::SendRequest<bytes::Bytes> {
    let tcp = tokio::net::TcpStream::connect(server.addr)
        .await
        .expect("connect");
    let (client, connection) = h2::client::handshake(tcp).await.expect("h2 handshake");
    tokio::spawn(connection);
    client.ready().await.expect("h2 ready")
}

/// A gRPC request head for `path`, with `token` as bearer token when given.
fn grpc_head(path: &str, token: Option<&str>) -> http::Request<()> {
    let mut b = http::Request::post(format!("http://127.0.0.1{path}"))
        .header("content-type", "application/grpc")
        .header("te", "trailers");
    if let Some(t) = token {
        b = b.header("authorization", format!("Bearer {t}"));
    }
    b.body(()).expect("request head")
}

/// One length-prefixed gRPC message.
fn grpc_frame(message: &[u8]) -> bytes::Bytes {
    let mut f = vec![0u8];
    f.extend_from_slice(&(message.len() as u32).to_be_bytes());
    f.extend_from_slice(message);
    f.into()
}

/// The size of a header list as HTTP/2 limits count it (RFC 7540 §6.5.2: name, value and 32
/// bytes per field), which is what `grpc.max_metadata_size` (8 KiB by default) is checked on.
fn header_list_bytes(h: &http::HeaderMap) -> usize {
    h.iter().map(|(n, v)| n.as_str().len() + v.len() + 32).sum()
}

/// Sends `messages` on `path` as one finished request and returns the response head and its
/// trailers (empty for a trailers-only response).
async fn raw_call(
    server: &common::TestServer,
    path: &str,
    token: Option<&str>,
    messages: &[Vec<u8>],
) -> (http::HeaderMap, http::HeaderMap) {
    let mut client = raw_connection(server).await;
    let (response, mut send) = client
        .send_request(grpc_head(path, token), false)
        .expect("send head");
    let mut body = Vec::new();
    for m in messages {
        body.extend_from_slice(&grpc_frame(m));
    }
    send.send_data(body.into(), true).expect("send body");
    let response = bounded(30, "the response", response)
        .await
        .expect("response");
    let head = response.headers().clone();
    let mut body = response.into_body();
    if body.is_end_stream() {
        return (head, http::HeaderMap::new());
    }
    while let Some(chunk) = bounded(30, "the body", body.data()).await {
        let chunk = chunk.expect("data");
        let _ = body.flow_control().release_capacity(chunk.len());
    }
    let trailers = bounded(30, "the trailers", body.trailers())
        .await
        .expect("trailers")
        .unwrap_or_default();
    (head, trailers)
}

/// The status a response carries, wherever it is (trailers-only head or trailers), and the size
/// of that header list.
fn status_of(head: &http::HeaderMap, trailers: &http::HeaderMap) -> (tonic::Status, usize) {
    let h = if head.contains_key("grpc-status") {
        head
    } else {
        trailers
    };
    (
        tonic::Status::from_header_map(h).expect("a grpc-status"),
        header_list_bytes(h),
    )
}

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

const ADMIN: &str = "admin-token";

/// Admin calls were authorised in the handler, after tonic had buffered the whole body: 4
/// connections x 100 unfinished 4 MiB bodies took 1.8 GB. The token is now checked from the
/// headers, and a refused call is answered while its body is still unfinished.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unauthenticated_admin_calls_are_refused_before_their_body() {
    let server = start(ServerOptions {
        admin_token: Some(ADMIN.into()),
        admin_read_token: Some("reader".into()),
        ..Default::default()
    })
    .await;
    let mut client = raw_connection(&server).await;
    let cases = [
        ("GetInfo", None, Code::Unauthenticated),
        ("GetEntity", Some("wrong"), Code::Unauthenticated),
        ("Reload", None, Code::Unauthenticated),
        ("UpsertEntities", Some("reader"), Code::PermissionDenied),
        ("DeleteEntities", None, Code::Unauthenticated),
    ];
    let mut open = Vec::new();
    for (method, token, code) in cases {
        let path = format!("/gazette.v1.GazetteerAdmin/{method}");
        let (response, mut send) = client
            .send_request(grpc_head(&path, token), false)
            .expect("send head");
        // A message declared 4 MiB long, of which 16 KiB is sent; the stream stays open.
        let mut first = vec![0u8];
        first.extend_from_slice(&(4u32 << 20).to_be_bytes());
        first.extend_from_slice(&[0x0a; 16 * 1024]);
        send.send_data(first.into(), false)
            .expect("first data frame");
        let response = bounded(10, "the refusal of an unfinished body", response)
            .await
            .expect("response");
        let status =
            tonic::Status::from_header_map(response.headers()).expect("a trailers-only refusal");
        assert_eq!(status.code(), code, "{method}: {}", status.message());
        open.push(send);
        client = client.ready().await.expect("connection still usable");
    }
    server.stop().await;
}

/// Admin RPCs sat outside admission. They have their own small limit now: calls past it are shed
/// with RESOURCE_EXHAUSTED and a retry delay, and extraction goes on meanwhile.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admin_calls_past_their_limit_are_shed() {
    use gazette::proto::v1::gazetteer_admin_client::GazetteerAdminClient;
    use gazette::proto::v1::GetInfoRequest;
    use tonic_types::StatusExt;
    let server = start(ServerOptions {
        admin_token: Some(ADMIN.into()),
        max_concurrent_admin_rpcs: 2,
        ..Default::default()
    })
    .await;
    // Two authorised GetInfo calls whose message never arrives hold both admin slots.
    let mut raw = raw_connection(&server).await;
    let mut held = Vec::new();
    for _ in 0..2 {
        let (response, mut send) = raw
            .send_request(
                grpc_head("/gazette.v1.GazetteerAdmin/GetInfo", Some(ADMIN)),
                false,
            )
            .expect("send head");
        let mut partial = vec![0u8];
        partial.extend_from_slice(&100u32.to_be_bytes());
        send.send_data(partial.into(), false).expect("data");
        held.push((response, send));
        raw = raw.ready().await.expect("ready");
    }
    let channel = server.channel().await;
    let mut admin = GazetteerAdminClient::new(channel.clone());
    // The held calls are admitted on the server's schedule: a few tries, bounded.
    let mut shed = None;
    for _ in 0..250 {
        match admin
            .get_info(common::with_token(GetInfoRequest {}, ADMIN))
            .await
        {
            Err(s) if s.code() == Code::ResourceExhausted => {
                shed = Some(s);
                break;
            }
            _ => tokio::time::sleep(Duration::from_millis(20)).await,
        }
    }
    let shed = shed.expect("a call past the admin limit is shed");
    assert!(
        shed.message().contains("--max-concurrent-admin-rpcs"),
        "{}",
        shed.message()
    );
    assert!(shed.get_details_retry_info().is_some());
    let mut client = EntityExtractorClient::new(channel);
    client
        .extract(doc("Ali Habib"))
        .await
        .expect("extraction is not held up by admin calls");
    // Releasing the held calls frees their slots.
    drop(held);
    let mut ok = false;
    for _ in 0..250 {
        if admin
            .get_info(common::with_token(GetInfoRequest {}, ADMIN))
            .await
            .is_ok()
        {
            ok = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(ok, "admin calls are served again once the held ones end");
    server.stop().await;
}

/// GetInfo, GetEntity and Reload take tiny messages: one over their 16 KiB limit is
/// RESOURCE_EXHAUSTED (it was decoded up to the 4 MiB extractor limit).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_oversized_admin_read_is_resource_exhausted() {
    use prost::Message;
    /// `GetInfoRequest` with an unknown field that pads it: valid protobuf.
    #[derive(Clone, PartialEq, prost::Message)]
    struct PaddedGetInfo {
        #[prost(bytes = "vec", tag = "15")]
        pad: Vec<u8>,
    }
    let server = start(ServerOptions::default()).await;
    for (path, size) in [
        ("/gazette.v1.GazetteerAdmin/GetInfo", 100 * 1024),
        ("/gazette.v1.GazetteerAdmin/GetEntity", 1 << 20),
    ] {
        let padded = PaddedGetInfo {
            pad: vec![b'x'; size],
        }
        .encode_to_vec();
        let (head, trailers) = raw_call(&server, path, None, &[padded]).await;
        let (status, _) = status_of(&head, &trailers);
        assert_eq!(
            status.code(),
            Code::ResourceExhausted,
            "{path}: {}",
            status.message()
        );
        assert!(status.message().contains("16384"), "{}", status.message());
    }
    // Within the limit, the unknown field is ignored as usual.
    let small = PaddedGetInfo {
        pad: vec![b'x'; 100],
    }
    .encode_to_vec();
    let (head, trailers) = raw_call(
        &server,
        "/gazette.v1.GazetteerAdmin/GetInfo",
        None,
        &[small],
    )
    .await;
    assert_eq!(status_of(&head, &trailers).0.code(), Code::Ok);
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

/// Health and reflection need no token and sit outside admission: a message declared 4 MiB
/// long, left unfinished, is refused at its length prefix instead of being buffered.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unfinished_large_health_and_reflection_bodies_are_refused_at_once() {
    let server = start(ServerOptions::default()).await;
    let mut client = raw_connection(&server).await;
    let mut open = Vec::new();
    for path in [
        "/grpc.health.v1.Health/Check",
        "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo",
        "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo",
    ] {
        let (response, mut send) = client
            .send_request(grpc_head(path, None), false)
            .expect("send head");
        let mut first = vec![0u8];
        first.extend_from_slice(&(4u32 << 20).to_be_bytes());
        first.extend_from_slice(&[0x0a; 16 * 1024]);
        send.send_data(first.into(), false)
            .expect("first data frame");
        let response = bounded(10, "the refusal of an unfinished body", response)
            .await
            .expect("response");
        let status = match tonic::Status::from_header_map(response.headers()) {
            Some(s) => s,
            // A streaming answer: the status comes in the trailers.
            None => {
                let mut body = response.into_body();
                while let Some(chunk) = bounded(10, "the body", body.data()).await {
                    let _ = chunk.expect("data");
                }
                let trailers = bounded(10, "the trailers", body.trailers())
                    .await
                    .expect("trailers")
                    .unwrap_or_default();
                tonic::Status::from_header_map(&trailers).expect("a status")
            }
        };
        // Health answers the error; reflection ends its answer stream when its request stream
        // fails. Either way the answer is complete while the body is still unfinished.
        if path.contains("Health") {
            assert_ne!(status.code(), Code::Ok, "{path}");
            assert!(
                status.message().contains("too large"),
                "{path}: {}",
                status.message()
            );
        }
        open.push(send);
        client = client.ready().await.expect("connection still usable");
    }
    server.stop().await;
}

/// An admitted admin call whose message never finishes is ended after the admin body timeout
/// and gives its slot back: held calls cannot keep the admin service busy for as long as their
/// connection lives.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unfinished_admin_body_gives_up_its_slot() {
    use gazette::proto::v1::gazetteer_admin_client::GazetteerAdminClient;
    use gazette::proto::v1::GetInfoRequest;
    let server = start(ServerOptions {
        max_concurrent_admin_rpcs: 1,
        admin_body_timeout: Duration::from_millis(300),
        ..Default::default()
    })
    .await;
    let mut raw = raw_connection(&server).await;
    let (response, mut send) = raw
        .send_request(grpc_head("/gazette.v1.GazetteerAdmin/GetInfo", None), false)
        .expect("send head");
    let mut partial = vec![0u8];
    partial.extend_from_slice(&100u32.to_be_bytes());
    send.send_data(partial.into(), false).expect("data");
    let response = bounded(10, "the end of an unfinished admin call", response)
        .await
        .expect("response");
    let (status, _) = status_of(response.headers(), &http::HeaderMap::new());
    assert_eq!(
        status.code(),
        Code::DeadlineExceeded,
        "{}",
        status.message()
    );
    // The slot is free again (bounded retries: the server releases it as the call ends).
    let mut admin = GazetteerAdminClient::new(server.channel().await);
    let mut ok = false;
    for _ in 0..250 {
        if admin.get_info(GetInfoRequest {}).await.is_ok() {
            ok = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(ok, "the admin slot was given back");
    drop(send);
    server.stop().await;
}
