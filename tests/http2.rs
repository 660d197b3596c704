//! HTTP/2 defences seen from a raw h2 client: the advertised stream limit, and h2's guard
//! against clients that make the server reset stream after stream (RUSTSEC-2024-0003), which
//! tonic turns off unless told otherwise.

mod common;

use std::time::Duration;

use bytes::Bytes;
use gazette::transport::live::LiveGazetteer;
use gazette::transport::server::ServerOptions;

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
