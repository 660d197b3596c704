//! `gazette tag --server`: against real servers started here, the same lines as offline, in
//! order; a document the server refuses gets its error line; shed streams retry.

use super::tag::{ids, lines, parsed, tag};
use crate::common;

/// Through two servers with the same gazetteer (`--server` twice), several streams to each and
/// a small window: the very same output as offline.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn through_servers_the_output_is_the_offline_output() {
    let a = common::start(1 << 20, false).await;
    let b = common::start(1 << 20, false).await;
    let input = lines(0..300);
    let (url_a, url_b) = (a.url(), b.url());
    let (offline, remote) = tokio::task::spawn_blocking(move || {
        let offline = tag(&["--threads", "2"], &input);
        let args = ["--server", &url_a, "--server", &url_b, "--streams", "3"];
        let remote = tag(&[&args[..], &["--window", "32"]].concat(), &input);
        (offline, remote)
    })
    .await
    .expect("join");
    common::assert_success(&offline);
    common::assert_success(&remote);
    assert!(offline.stdout == remote.stdout, "outputs differ");
    a.stop().await;
    b.stop().await;
}

/// A document over the server's text limit and one with a reserved field name get the
/// server's INVALID_ARGUMENT with its field violations, in their place; the stream each
/// ended is reopened for the documents behind it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_document_the_server_refuses_gets_its_error_and_the_rest_go_on() {
    let server = common::start(2_000, false).await;
    let refused =
        r#"{"document_id":"reserved","text":"Syria","fields":[{"name":"headline","text":"x"}]}"#;
    let input = format!("{}{refused}\n{}", lines(0..6), lines(6..12));
    let url = server.url();
    let out =
        tokio::task::spawn_blocking(move || tag(&["--server", &url, "--streams", "2"], &input))
            .await
            .expect("join");
    assert!(!out.status.success());
    let got = parsed(&out.stdout);
    let mut want: Vec<String> = (0..12).map(|i| format!("doc-{i}")).collect();
    want.insert(6, "reserved".into());
    assert_eq!(ids(&got), want);
    // doc-0, doc-5 and doc-10 repeat a sentence 400 times: over the 2,000-byte limit.
    for i in [0, 5, 11] {
        let e = &got[i]["error"];
        assert_eq!(e["code"], "INVALID_ARGUMENT", "{}", got[i]);
        assert_eq!(e["violations"][0]["field"], "text", "{}", got[i]);
    }
    assert_eq!(got[6]["error"]["violations"][0]["field"], "fields[0].name");
    assert!(got[1]["mentions"].is_array());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("4 of 13 documents failed"), "{err}");
    server.stop().await;
}

/// A server taking one RPC at a time sheds the other streams with RESOURCE_EXHAUSTED and a
/// retry delay; they wait and retry, or give up while one stream does the work: every
/// document is still answered, in order.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shed_streams_wait_and_retry() {
    let options = common::ServerOptions {
        max_concurrent_rpcs: 1,
        ..Default::default()
    };
    let loaded = gazette::sources::load(&[common::test_gazetteer_dir()], false).expect("gazetteer");
    let live = gazette::live::LiveGazetteer::new(gazette::Extractor::new(loaded.gazetteer), None);
    let server = common::start_live(live, options).await;
    let input = lines(0..200);
    let url = server.url();
    let out = tokio::task::spawn_blocking(move || {
        tag(
            &["--server", &url, "--streams", "4", "--max-retries", "3"],
            &input,
        )
    })
    .await
    .expect("join");
    common::assert_success(&out);
    let want: Vec<String> = (0..200).map(|i| format!("doc-{i}")).collect();
    assert_eq!(ids(&parsed(&out.stdout)), want);
    server.stop().await;
}

/// No server listening: the run fails at once, naming the address, with no output.
#[test]
fn an_unreachable_server_is_named() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    drop(listener);
    let url = format!("http://{addr}");
    let out = tag(&["--server", &url], &lines(0..3));
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&url) && err.contains("cannot connect"),
        "{err}"
    );
}

/// Flags that only mean something offline are refused with --server, by name, instead of being
/// ignored.
#[test]
fn offline_flags_with_a_server_are_refused() {
    let out = tag(
        &[
            "--server",
            "http://127.0.0.1:9",
            "--threads",
            "2",
            "--no-default-gazetteer",
        ],
        &lines(0..1),
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--threads, --no-default-gazetteer tag offline only"),
        "{err}"
    );
}
