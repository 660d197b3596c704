//! ExtractStream: answers in order, ends at the first invalid document, and bounds what it
//! reads from a client that never reads back.

use super::*;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use tokio_stream::StreamExt;

#[tokio::test]
async fn stream_answers_in_order_and_echoes_ids() {
    let server = common::start(1 << 20, false).await;
    let mut client = EntityExtractorClient::new(server.channel().await);
    let docs: Vec<ExtractRequest> = (0..50)
        .map(|i| {
            let text = if i % 2 == 0 {
                "Syria and Turkey"
            } else {
                "Ali Habib in 北京"
            };
            req(&format!("doc-{i}"), text, OffsetEncoding::Utf16)
        })
        .collect();
    let mut out = client
        .extract_stream(tokio_stream::iter(docs))
        .await
        .expect("stream")
        .into_inner();
    let mut i = 0;
    while let Some(resp) = out.next().await {
        let resp = resp.expect("response");
        assert_eq!(resp.document_id, format!("doc-{i}"));
        let want = if i % 2 == 0 {
            vec!["Syria", "Turkey"]
        } else {
            vec!["Ali Habib", "北京"]
        };
        let got: Vec<&str> = resp.mentions.iter().map(|m| m.text.as_str()).collect();
        assert_eq!(got, want);
        i += 1;
    }
    assert_eq!(i, 50);
    server.stop().await;
}

#[tokio::test]
async fn stream_ends_at_the_first_invalid_document_naming_it() {
    let server = common::start(100, false).await;
    let mut client = EntityExtractorClient::new(server.channel().await);
    let docs = vec![
        req("ok-0", "Syria", OffsetEncoding::Utf8),
        req("too-big", &"x".repeat(200), OffsetEncoding::Utf8),
        req("never", "Turkey", OffsetEncoding::Utf8),
    ];
    let mut out = client
        .extract_stream(tokio_stream::iter(docs))
        .await
        .expect("stream")
        .into_inner();
    let first = out.next().await.expect("first").expect("ok");
    assert_eq!(first.document_id, "ok-0");
    let err = out
        .next()
        .await
        .expect("second")
        .expect_err("invalid document");
    assert_eq!(err.code(), Code::InvalidArgument);
    assert!(
        err.message().contains("document 1") && err.message().contains("too-big"),
        "{}",
        err.message()
    );
    assert!(out.next().await.is_none());
    server.stop().await;
}

/// A client that sends and never reads must not make the server buffer without bound: the
/// server stops pulling requests once the response path is full.
#[tokio::test]
async fn stream_backpressure_bounds_server_reads() {
    let server = common::start(1 << 20, false).await;
    let mut client = EntityExtractorClient::new(server.channel().await);
    const TOTAL: usize = 20_000;
    let pulled = Arc::new(AtomicUsize::new(0));
    let counter = pulled.clone();
    // ~1 KiB per document with several mentions, so responses are not tiny.
    let text = "Syria, Turkey and Ali Habib in 北京. ".repeat(28);
    let requests = tokio_stream::iter(0..TOTAL).map(move |i| {
        counter.fetch_add(1, Ordering::SeqCst);
        req(&format!("d{i}"), &text, OffsetEncoding::Utf8)
    });
    let mut responses = client
        .extract_stream(requests)
        .await
        .expect("stream")
        .into_inner();
    // Read nothing; wait until the sender stalls (no progress for a second, at most 30 s).
    let mut last = 0;
    for _ in 0..30 {
        tokio::time::sleep(Duration::from_secs(1)).await;
        let now = pulled.load(Ordering::SeqCst);
        if now == last {
            break;
        }
        last = now;
    }
    let stalled_at = pulled.load(Ordering::SeqCst);
    eprintln!("sender stalled after {stalled_at} of {TOTAL} documents");
    assert!(
        stalled_at < TOTAL / 4,
        "client pushed {stalled_at} of {TOTAL} documents without reading any response"
    );
    // Reading resumes the flow, in order, to the end.
    let mut n = 0;
    while let Some(r) = responses.next().await {
        assert_eq!(r.expect("response").document_id, format!("d{n}"));
        n += 1;
    }
    assert_eq!(n, TOTAL);
    server.stop().await;
}
