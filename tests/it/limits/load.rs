//! Load on the extractor: oversized messages, load shedding (unary and streams), client
//! deadlines, idle connections.

use super::*;

use gazette::proto::v1::ExtractRequest;
use tokio::io::AsyncReadExt;
use tokio::sync::mpsc;
use tokio_stream::wrappers::ReceiverStream;
use tonic_health::pb::health_client::HealthClient;
use tonic_health::pb::HealthCheckRequest;

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
                        status
                            .metadata()
                            .get("grpc-retry-pushback-ms")
                            .and_then(|v| v.to_str().ok()),
                        Some("50"),
                        "gRPC's own retries wait as long"
                    );
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
