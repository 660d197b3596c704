//! HTTP/2 defences seen from a raw h2 client: the advertised stream limit, and h2's guard
//! against clients that make the server reset stream after stream (RUSTSEC-2024-0003), which
//! tonic turns off unless told otherwise.

use crate::common;

use std::time::Duration;

use crate::common::{LiveGazetteer, ServerOptions};
use bytes::Bytes;

async fn start() -> common::TestServer {
    common::start_live(
        LiveGazetteer::new(common::tiny_extractor(), None),
        ServerOptions::default(),
    )
    .await
}

async fn handshake(
    server: &common::TestServer,
) -> (
    h2::client::SendRequest<Bytes>,
    tokio::task::JoinHandle<Result<(), h2::Error>>,
) {
    let tcp = tokio::net::TcpStream::connect(server.addr)
        .await
        .expect("connect");
    let (client, connection) = h2::client::handshake(tcp).await.expect("h2 handshake");
    (client, tokio::spawn(connection))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_advertises_a_stream_limit_of_100() {
    let server = start().await;
    let (client, _connection) = handshake(&server).await;
    // Until the server's SETTINGS arrive the client assumes no limit (usize::MAX).
    let mut limit = client.current_max_send_streams();
    for _ in 0..200 {
        if limit != usize::MAX {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
        limit = client.current_max_send_streams();
    }
    assert_eq!(limit, 100);
    server.stop().await;
}

/// Each request declares `content-length: 1` and sends more: the server must reset the stream
/// (a protocol error it detects). After 1,024 such resets h2 sends GOAWAY and drops the client.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_forcing_resets_is_disconnected() {
    let server = start().await;
    let (mut client, connection) = handshake(&server).await;
    let mut sent = 0;
    // One request at a time, each reset awaited before the next is written. Anything the client
    // writes after the request that trips the guard is unread when the server closes, so its
    // kernel answers with a TCP reset, which discards the GOAWAY still unread on the client side
    // (a broken pipe instead, and a test that cannot tell the guard from any other close). Batches
    // of 32 gave exactly that in one CI run out of many.
    for _ in 0..5_000 {
        let Ok(ready) = client.clone().ready().await else {
            break;
        };
        client = ready;
        let request = http::Request::post(format!(
            "http://{}/gazette.v1.EntityExtractor/Extract",
            server.addr
        ))
        .header("content-type", "application/grpc")
        .header("te", "trailers")
        .header("content-length", "1")
        .body(())
        .expect("request");
        let Ok((response, mut body)) = client.send_request(request, false) else {
            break;
        };
        if body
            .send_data(Bytes::from_static(b"more than one byte"), true)
            .is_err()
        {
            break;
        }
        sent += 1;
        // Each stream is reset by the server: an error here is the expected outcome.
        let _ = response.await;
        if connection.is_finished() {
            break;
        }
    }
    let ended = tokio::time::timeout(Duration::from_secs(20), connection)
        .await
        .expect("the server ended the connection")
        .expect("join");
    let err = ended.expect_err("the connection ends in an error");
    assert!(err.is_go_away(), "{err:?}");
    assert_eq!(err.reason(), Some(h2::Reason::ENHANCE_YOUR_CALM), "{err:?}");
    assert!(sent < 5_000, "the server accepted {sent} resets");

    // Other clients are unaffected.
    let mut health = tonic_health::pb::health_client::HealthClient::new(server.channel().await);
    assert!(health
        .check(tonic_health::pb::HealthCheckRequest::default())
        .await
        .is_ok());
    server.stop().await;
}

// --- Slow peers (issue 15, item 4): responses nobody reads, requests trickled in. -----------

use gazette::proto::v1::entity_extractor_client::EntityExtractorClient;
use gazette::transport::ByteBudget;
use prost::Message;

/// An Extract request for `mentions` mentions of the one known name: a response of about
/// 60 bytes per mention.
fn big_request(mentions: usize) -> gazette::proto::v1::ExtractRequest {
    common::doc("Ali Habib said so. ".repeat(mentions))
}

/// `msg` as one gRPC length-prefixed message.
fn grpc_frame(msg: &impl Message) -> Bytes {
    let body = msg.encode_to_vec();
    let mut out = Vec::with_capacity(body.len() + 5);
    out.push(0);
    out.extend_from_slice(&u32::try_from(body.len()).expect("small").to_be_bytes());
    out.extend_from_slice(&body);
    Bytes::from(out)
}

fn grpc_post(server: &common::TestServer, method: &str) -> http::Request<()> {
    http::Request::post(format!(
        "http://{}/gazette.v1.EntityExtractor/{method}",
        server.addr
    ))
    .header("content-type", "application/grpc")
    .header("te", "trailers")
    .body(())
    .expect("request")
}

/// The grpc-status of a response: from its head (trailers-only) or its trailers, reading and
/// discarding its data.
async fn grpc_status(response: h2::client::ResponseFuture) -> Option<String> {
    let response = response.await.ok()?;
    if let Some(s) = response.headers().get("grpc-status") {
        return Some(s.to_str().ok()?.to_string());
    }
    let mut body = response.into_body();
    while let Some(chunk) = body.data().await {
        let n = chunk.ok()?.len();
        let _ = body.flow_control().release_capacity(n);
    }
    let trailers = body.trailers().await.ok()??;
    Some(trailers.get("grpc-status")?.to_str().ok()?.to_string())
}

async fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    for _ in 0..200 {
        if done() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("{what}: not within 10 s");
}

/// A client that opens its streams with a zero HTTP/2 window and never reads: the server used
/// to keep every response in memory for as long as the client answered pings (16 × 9.5 MB took
/// RSS to 1.3 GB). Now the connection is closed after --send-stall-timeout and the bytes freed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_never_reads_is_cut_off_and_its_responses_freed() {
    let budget = ByteBudget::new(256 << 20);
    let server = common::start_live(
        LiveGazetteer::new(common::tiny_extractor(), None),
        ServerOptions {
            send_stall_timeout: Some(Duration::from_secs(1)),
            response_bytes: budget.clone(),
            ..ServerOptions::default()
        },
    )
    .await;
    let tcp = tokio::net::TcpStream::connect(server.addr)
        .await
        .expect("connect");
    let (mut client, connection) = h2::client::Builder::new()
        .initial_window_size(0)
        .handshake::<_, Bytes>(tcp)
        .await
        .expect("h2 handshake");
    let connection = tokio::spawn(connection);
    let request = grpc_frame(&big_request(5_000));
    let mut responses = Vec::new();
    for _ in 0..4 {
        client = client.ready().await.expect("ready");
        let (response, mut body) = client
            .send_request(grpc_post(&server, "Extract"), false)
            .expect("send");
        body.send_data(request.clone(), true).expect("data");
        responses.push(response);
    }
    // The responses are produced and held, waiting for a window that never opens...
    wait_until("responses held", || budget.held() > 4 * 5_000 * 40).await;
    // ...until the server gives up on the connection,
    let _ = common::bounded(20, "the stalled connection to close", connection).await;
    for response in responses {
        // Heads were sent; the bodies end with the connection, unread.
        if let Ok(response) = response.await {
            let mut body = response.into_body();
            assert!(
                !matches!(body.data().await, Some(Ok(_))),
                "no data went out"
            );
        }
    }
    // and every byte is given back.
    wait_until("responses freed", || budget.held() == 0).await;
    // Others are served all along.
    let mut other = EntityExtractorClient::new(server.channel().await);
    let r = other.extract(big_request(5_000)).await.expect("extract");
    assert_eq!(r.into_inner().mentions.len(), 5_000);
    assert_eq!(budget.held(), 0);
    server.stop().await;
}

/// Responses that would take the held bytes over a budget are refused at once (and freed),
/// rather than queued behind a peer that is not reading.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn responses_over_the_byte_budgets_are_refused() {
    for process_wide in [true, false] {
        let budget = ByteBudget::new(if process_wide { 64 << 10 } else { 256 << 20 });
        let server = common::start_live(
            LiveGazetteer::new(common::tiny_extractor(), None),
            ServerOptions {
                send_stall_timeout: Some(Duration::from_secs(60)),
                response_bytes: budget.clone(),
                max_connection_response_bytes: if process_wide { 256 << 20 } else { 64 << 10 },
                // The stalled stream would hold the drain for its whole length.
                drain_timeout: Duration::from_millis(100),
                ..ServerOptions::default()
            },
        )
        .await;
        let tcp = tokio::net::TcpStream::connect(server.addr)
            .await
            .expect("connect");
        let (client, connection) = h2::client::Builder::new()
            .initial_window_size(0)
            .handshake::<_, Bytes>(tcp)
            .await
            .expect("h2 handshake");
        let _connection = tokio::spawn(connection);
        let request = grpc_frame(&big_request(5_000));
        // The first response, alone, gets the budget (and stalls).
        let mut client = client.ready().await.expect("ready");
        let (_stalled, mut body) = client
            .send_request(grpc_post(&server, "Extract"), false)
            .expect("send");
        body.send_data(request.clone(), true).expect("data");
        wait_until("first response held", || budget.held() > 0).await;
        // The second does not fit: its trailers say so (trailers need no window).
        let mut client = client.ready().await.expect("ready");
        let (refused, mut body) = client
            .send_request(grpc_post(&server, "Extract"), false)
            .expect("send");
        body.send_data(request.clone(), true).expect("data");
        let status = common::bounded(10, "the refusal", grpc_status(refused)).await;
        assert_eq!(status.as_deref(), Some("8"), "process_wide={process_wide}");
        server.stop().await;
    }
}

/// Unary requests trickled in (and one that never sends its message): each gets
/// DEADLINE_EXCEEDED after --request-read-timeout, and gives back its admission permit (one
/// permit only here: a normal call afterwards must be served).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_trickled_request_is_cut_off_and_frees_its_permit() {
    let server = common::start_live(
        LiveGazetteer::new(common::tiny_extractor(), None),
        ServerOptions {
            request_read_timeout: Some(Duration::from_secs(1)),
            max_concurrent_rpcs: 1,
            ..ServerOptions::default()
        },
    )
    .await;
    let message = grpc_frame(&common::doc("Ali Habib spoke."));
    // Bytes sent before the trickle stops: none, part of the 5-byte prefix, part of the
    // message, all but the end of the stream.
    for sent in [0, 3, 9, message.len()] {
        // The previous call's permit goes back when the server drops its response, which may
        // be a moment after the client has read the trailers: a call shed (8) meanwhile is
        // tried again, a bounded number of times.
        let mut attempts = 0;
        let (status, trickle) = loop {
            attempts += 1;
            let (mut client, _connection) = handshake(&server).await;
            client = client.ready().await.expect("ready");
            let (response, mut body) = client
                .send_request(grpc_post(&server, "Extract"), false)
                .expect("send");
            let message = message.clone();
            let trickle = tokio::spawn(async move {
                // One byte every 100 ms, bounded: far longer than the timeout if never cut.
                for i in 0..sent.min(100) {
                    if body.send_data(message.slice(i..i + 1), false).is_err() {
                        return;
                    }
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                tokio::time::sleep(Duration::from_secs(20)).await;
                drop(body);
            });
            let status = common::bounded(10, "the read timeout", grpc_status(response)).await;
            if status.as_deref() == Some("8") && attempts < 50 {
                trickle.abort();
                tokio::time::sleep(Duration::from_millis(20)).await;
                continue;
            }
            break (status, trickle);
        };
        assert_eq!(status.as_deref(), Some("4"), "after {sent} bytes");
        trickle.abort();
        let mut other = EntityExtractorClient::new(server.channel().await);
        let mut answer = other.extract(common::doc("Ali Habib spoke.")).await;
        for _ in 0..50 {
            match &answer {
                Err(e) if e.code() == tonic::Code::ResourceExhausted => {
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    answer = other.extract(common::doc("Ali Habib spoke.")).await;
                }
                _ => break,
            }
        }
        answer.unwrap_or_else(|e| panic!("after {sent} bytes, the permit is back: {e:?}"));
    }
    server.stop().await;
}

/// ExtractStream is timed per message: a stream may idle between documents for longer than
/// the timeout, but a document trickled in is cut off.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stream_messages_are_timed_one_by_one() {
    let server = common::start_live(
        LiveGazetteer::new(common::tiny_extractor(), None),
        ServerOptions {
            request_read_timeout: Some(Duration::from_secs(1)),
            ..ServerOptions::default()
        },
    )
    .await;
    let (client, _connection) = handshake(&server).await;
    let mut client = client.ready().await.expect("ready");
    let (response, mut body) = client
        .send_request(grpc_post(&server, "ExtractStream"), false)
        .expect("send");
    let response = common::bounded(10, "response head", response)
        .await
        .expect("response");
    let mut responses = response.into_body();
    for _ in 0..2 {
        // Idle for twice the timeout, then a whole document: answered.
        tokio::time::sleep(Duration::from_secs(2)).await;
        body.send_data(grpc_frame(&common::doc("Ali Habib spoke.")), false)
            .expect("send document");
        let data = common::bounded(10, "an answer", responses.data())
            .await
            .expect("a message")
            .expect("data");
        let _ = responses.flow_control().release_capacity(data.len());
    }
    // Half a document, then nothing: the stream ends with DEADLINE_EXCEEDED.
    let half = grpc_frame(&common::doc("Ali Habib spoke."));
    body.send_data(half.slice(..half.len() / 2), false)
        .expect("send half");
    let trailers = common::bounded(10, "the read timeout", async {
        while let Some(Ok(_)) = responses.data().await {}
        responses.trailers().await
    })
    .await
    .expect("trailers")
    .expect("some trailers");
    assert_eq!(
        trailers.get("grpc-status").and_then(|v| v.to_str().ok()),
        Some("4"),
        "{trailers:?}"
    );
    server.stop().await;
}
