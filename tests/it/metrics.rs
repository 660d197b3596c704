//! `/metrics` after real traffic: request, reload and edit counters move.

use crate::common;

use gazette::proto::v1::entity_extractor_client::EntityExtractorClient;
use gazette::proto::v1::gazetteer_admin_client::GazetteerAdminClient;
use gazette::proto::v1::{ExtractRequest, ReloadRequest};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tonic::metadata::MetadataValue;

async fn scrape(addr: std::net::SocketAddr) -> String {
    let mut s = tokio::net::TcpStream::connect(addr).await.expect("connect");
    s.write_all(b"GET /metrics HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .await
        .expect("write");
    let mut out = String::new();
    s.read_to_string(&mut out).await.expect("read");
    assert!(out.starts_with("HTTP/1.1 200 OK"), "{out}");
    out
}

/// The value of the first sample line starting with `prefix`.
fn sample(body: &str, prefix: &str) -> f64 {
    body.lines()
        .find(|l| l.starts_with(prefix))
        .and_then(|l| l.rsplit(' ').next())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_move_with_traffic_and_reloads() {
    let handle = gazette::transport::install_metrics().expect("recorder");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let metrics_addr = listener.local_addr().expect("addr");
    tokio::spawn(gazette::transport::serve_metrics(listener, handle));

    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("people.tsv"),
        "Ali Habib\tPERSON\tp:habib\n",
    )
    .expect("write");
    let server = common::start_reloadable(vec![dir.path().to_path_buf()], Some("tok"), false).await;
    let channel = server.channel().await;
    let mut client = EntityExtractorClient::new(channel.clone());
    for _ in 0..5 {
        client
            .extract(ExtractRequest {
                text: "Ali Habib spoke.".into(),
                ..Default::default()
            })
            .await
            .expect("extract");
    }
    let bad = ExtractRequest {
        text: "x".into(),
        offset_encoding: 9,
        ..Default::default()
    };
    assert!(client.extract(bad).await.is_err());
    std::fs::write(dir.path().join("people.tsv"), "no tab\n").expect("write");
    let mut admin = GazetteerAdminClient::new(channel);
    let mut req = tonic::Request::new(ReloadRequest {});
    req.metadata_mut()
        .insert("authorization", MetadataValue::from_static("Bearer tok"));
    assert!(admin.reload(req).await.is_err());

    let body = scrape(metrics_addr).await;
    assert_eq!(
        sample(
            &body,
            "gazette_requests_total{method=\"Extract\",code=\"OK\"}"
        ),
        5.0,
        "{body}"
    );
    assert_eq!(
        sample(
            &body,
            "gazette_requests_total{method=\"Extract\",code=\"InvalidArgument\"}"
        ),
        1.0,
        "{body}"
    );
    assert_eq!(
        sample(
            &body,
            "gazette_reloads_total{trigger=\"rpc\",result=\"error\"}"
        ),
        1.0,
        "{body}"
    );
    assert!(
        body.contains("gazette_request_duration_seconds_bucket"),
        "{body}"
    );
    assert_eq!(
        sample(&body, "gazette_mentions_per_document_count"),
        5.0,
        "{body}"
    );
    // 5 × "Ali Habib spoke." + "x"
    assert_eq!(
        sample(&body, "gazette_text_bytes_total{method=\"Extract\"}"),
        81.0,
        "{body}"
    );
    assert_eq!(sample(&body, "gazette_gazetteer_entries"), 1.0, "{body}");
    assert_eq!(
        sample(&body, "gazette_gazetteer_info{version=\"sha256:"),
        1.0,
        "{body}"
    );
    assert_eq!(sample(&body, "gazette_shed_requests_total"), 0.0, "{body}");
    server.stop().await;

    // A server that admits one RPC at a time: an open stream holds it, a unary call is shed.
    let busy = common::start_tiny(common::ServerOptions {
        max_concurrent_rpcs: 1,
        ..Default::default()
    })
    .await;
    let mut client = EntityExtractorClient::new(busy.channel().await);
    let (tx, rx) = tokio::sync::mpsc::channel(1);
    let mut stream = client
        .extract_stream(tokio_stream::wrappers::ReceiverStream::new(rx))
        .await
        .expect("stream opens")
        .into_inner();
    tx.send(ExtractRequest {
        text: "Ali Habib".into(),
        ..Default::default()
    })
    .await
    .expect("send");
    stream
        .message()
        .await
        .expect("answer")
        .expect("one response");
    let in_flight = scrape(metrics_addr).await;
    assert_eq!(
        sample(&in_flight, "gazette_rpcs_in_flight"),
        1.0,
        "{in_flight}"
    );
    let shed = client
        .extract(ExtractRequest::default())
        .await
        .expect_err("shed");
    assert_eq!(shed.code(), tonic::Code::ResourceExhausted);
    drop(tx);
    assert!(stream.message().await.expect("clean end").is_none());
    let body = scrape(metrics_addr).await;
    assert_eq!(sample(&body, "gazette_shed_requests_total"), 1.0, "{body}");
    busy.stop().await;

    // Documents whose client's deadline passes while they wait for the one matching thread, or
    // while it matches them, are stopped there (not only their answers dropped), and counted.
    let slow = common::start_tiny(common::ServerOptions {
        matching_threads: 1,
        ..Default::default()
    })
    .await;
    let client = EntityExtractorClient::new(slow.channel().await);
    // ~1 MiB and 60,000 mentions: far longer to match than the deadline, in any build.
    let text = "Ali Habib spoke. ".repeat(60_000);
    let calls = (0..8).map(|_| {
        let mut client = client.clone();
        let mut request = tonic::Request::new(ExtractRequest {
            text: text.clone(),
            ..Default::default()
        });
        request.set_timeout(std::time::Duration::from_millis(200));
        async move { client.extract(request).await }
    });
    for answer in futures_util::future::join_all(calls).await {
        // The client's own timer answers CANCELLED when it fires before the server's answer.
        let code = answer.map_or_else(|s| s.code(), |_| tonic::Code::Ok);
        assert!(
            matches!(
                code,
                tonic::Code::DeadlineExceeded | tonic::Code::Cancelled | tonic::Code::Ok
            ),
            "{code:?}"
        );
    }
    let stopped = |body: &str| -> f64 {
        body.lines()
            .filter(|l| l.starts_with("gazette_extractions_stopped_total{"))
            .filter_map(|l| l.rsplit(' ').next()?.parse::<f64>().ok())
            .sum()
    };
    let mut body = String::new();
    for _ in 0..200 {
        body = scrape(metrics_addr).await;
        if stopped(&body) >= 1.0 && sample(&body, "gazette_matching_queue") == 0.0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(stopped(&body) >= 1.0, "{body}");
    assert_eq!(sample(&body, "gazette_matching_queue"), 0.0, "{body}");
    slow.stop().await;
}
