//! SIGTERM on the real binary: health flips to NOT_SERVING, new connections are refused,
//! in-flight streams finish, the process exits 0 — and a stream that never ends cannot hold the
//! exit past --drain-timeout.

use crate::common;

use crate::common::{bounded, doc};

use std::ffi::OsStr;
use std::time::Duration;

use gazette::proto::v1::entity_extractor_client::EntityExtractorClient;
use gazette::proto::v1::{ExtractRequest, ExtractResponse};
use tokio::sync::mpsc;
use tokio_stream::wrappers::ReceiverStream;
use tonic::transport::Channel;
use tonic_health::pb::health_client::HealthClient;
use tonic_health::pb::HealthCheckRequest;

const SERVING: i32 = 1;
const NOT_SERVING: i32 = 2;

async fn serve(drain: &str) -> (tokio::process::Child, Channel) {
    let gazetteer = common::test_gazetteer_dir();
    let (child, addr) = common::spawn_binary(&[
        OsStr::new("--no-default-gazetteer"),
        OsStr::new("--gazetteer"),
        gazetteer.as_os_str(),
        OsStr::new("--drain-timeout"),
        OsStr::new(drain),
    ])
    .await;
    let channel = Channel::from_shared(format!("http://{addr}"))
        .expect("url")
        .connect()
        .await
        .expect("connect");
    (child, channel)
}

async fn open_stream(
    channel: Channel,
) -> (
    mpsc::Sender<ExtractRequest>,
    tonic::Streaming<ExtractResponse>,
) {
    let (tx, rx) = mpsc::channel(1);
    let mut stream = EntityExtractorClient::new(channel)
        .extract_stream(ReceiverStream::new(rx))
        .await
        .expect("stream")
        .into_inner();
    tx.send(doc("Ali Habib")).await.expect("send");
    let first = stream.message().await.expect("answer").expect("response");
    assert_eq!(first.mentions.len(), 1);
    (tx, stream)
}

fn sigterm(child: &tokio::process::Child) {
    let pid = child.id().expect("running").to_string();
    let sent = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("kill");
    assert!(sent.success());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_flips_health_and_lets_open_streams_finish() {
    let (mut child, channel) = serve("20s").await;
    let mut watch = HealthClient::new(channel.clone())
        .watch(HealthCheckRequest::default())
        .await
        .expect("watch")
        .into_inner();
    let first = watch.message().await.expect("watch").expect("status");
    assert_eq!(first.status, SERVING);
    let (tx, mut stream) = open_stream(channel.clone()).await;

    sigterm(&child);
    let flipped = bounded(10, "health flipping", watch.message())
        .await
        .expect("watch")
        .expect("status");
    assert_eq!(flipped.status, NOT_SERVING);
    // Watch streams end rather than hold the drain open.
    let ended = bounded(10, "the watch ending", watch.message()).await;
    assert_eq!(ended.unwrap_err().code(), tonic::Code::Unavailable);

    // The in-flight stream is still served…
    tx.send(doc("Zoë Brandt met Ali Habib"))
        .await
        .expect("send");
    let later = stream.message().await.expect("answer").expect("response");
    assert_eq!(later.mentions.len(), 2);
    // …and the process waits for it.
    assert!(
        tokio::time::timeout(Duration::from_millis(300), child.wait())
            .await
            .is_err(),
        "exited with a stream still open"
    );
    // New RPCs are refused: the listener is closed and the open connection is going away.
    let mut client = EntityExtractorClient::new(channel);
    assert!(client.extract(doc("Ali Habib")).await.is_err());

    drop(tx);
    assert!(stream.message().await.expect("clean end").is_none());
    let status = bounded(20, "exit after the last stream", child.wait())
        .await
        .expect("wait");
    assert!(status.success(), "{status}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stream_that_never_ends_cannot_hold_the_exit_past_the_drain_timeout() {
    let (mut child, channel) = serve("1s").await;
    let (_tx, mut stream) = open_stream(channel).await;
    sigterm(&child);
    let status = bounded(20, "exit after the drain timeout", child.wait())
        .await
        .expect("wait");
    assert!(status.success(), "{status}");
    // The client sees its stream cut off, not a clean end.
    assert!(stream.message().await.is_err());
}
