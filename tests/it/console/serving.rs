//! The console's assets with their headers, and gRPC-web through the gRPC port's service
//! stacks: an extraction, and an admin edit refused without a token exactly as over gRPC.

use bytes::Bytes;
use http_body_util::Full;
use prost::Message;

use super::{grpc_web, send, start, TOKEN};
use crate::common;
use gazette::proto::v1::gazetteer_admin_client::GazetteerAdminClient;
use gazette::proto::v1::{ExtractResponse, GazetteerEntry, UpsertEntitiesRequest};

fn get(url: String) -> http::Request<Full<Bytes>> {
    http::Request::get(url)
        .body(Full::new(Bytes::new()))
        .expect("request")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn assets_are_served_with_a_strict_policy() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (server, addr) = start(dir.path()).await;
    for (path, kind, needle) in [
        ("/", "text/html", "<script src=\"console.js\""),
        ("/index.html", "text/html", "<script src=\"console.js\""),
        ("/console.js", "text/javascript", "searchEntities"),
        ("/console.css", "text/css", "mark"),
    ] {
        let a = send(get(format!("http://{addr}{path}"))).await;
        assert_eq!(a.status, http::StatusCode::OK, "{path}");
        let header = |name: &str| a.headers.get(name).and_then(|v| v.to_str().ok());
        assert!(
            header("content-type").is_some_and(|t| t.starts_with(kind)),
            "{path}"
        );
        assert_eq!(header("x-content-type-options"), Some("nosniff"), "{path}");
        let csp = header("content-security-policy").unwrap_or_default();
        assert_eq!(csp, gazette::transport::CONTENT_SECURITY_POLICY, "{path}");
        assert!(csp.contains("default-src 'self'") && !csp.contains("unsafe-inline"));
        assert!(
            String::from_utf8_lossy(&a.body).contains(needle),
            "{path} holds {needle:?}"
        );
        // No CORS: nothing lets another origin read the answers.
        assert!(a.headers.get("access-control-allow-origin").is_none());
    }
    let html = send(get(format!("http://{addr}/"))).await;
    let html = String::from_utf8_lossy(&html.body);
    assert!(
        !html.contains("<script>") && !html.contains("style="),
        "no inline script or style"
    );
    let missing = send(get(format!("http://{addr}/etc/passwd"))).await;
    assert_eq!(missing.status, http::StatusCode::NOT_FOUND);
    assert!(missing.headers.get("content-security-policy").is_some());
    // The console stops with the server (the gRPC server alone stopping is not the end).
    common::bounded(30, "stopping a server with a console", server.stop()).await;
    let gone = tokio::net::TcpStream::connect(addr).await;
    assert!(gone.is_err(), "the console's listener is closed");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn grpc_web_extracts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (server, addr) = start(dir.path()).await;
    let text = "Zoë Brandt met 😀 reporters in 北京.";
    let mut request = common::doc(text);
    request.offset_encoding = gazette::proto::v1::OffsetEncoding::Utf16 as i32;
    let answer = grpc_web(addr, "/gazette.v1.EntityExtractor/Extract", &request, None).await;
    assert_eq!(answer.status, "0", "{}", answer.message);
    let response = ExtractResponse::decode(answer.messages[0].clone()).expect("decodes");
    let utf16: Vec<u16> = text.encode_utf16().collect();
    let found: Vec<String> = response
        .mentions
        .iter()
        .map(|m| String::from_utf16_lossy(&utf16[m.start as usize..m.end as usize]))
        .collect();
    assert_eq!(found, ["Zoë Brandt", "北京"]);
    for (m, f) in response.mentions.iter().zip(&found) {
        assert_eq!(&m.text, f, "UTF-16 offsets slice the mention");
    }
    server.stop().await;
}

fn upsert() -> UpsertEntitiesRequest {
    UpsertEntitiesRequest {
        namespace: "console".into(),
        entries: vec![GazetteerEntry {
            id: "p:test-person".into(),
            name: "Testa Personne".into(),
            r#type: "PERSON".into(),
            ..Default::default()
        }],
    }
}

/// grpc-message is percent-encoded on the wire.
fn percent_decoded(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (c, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edit_without_a_token_is_refused_as_over_grpc() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (server, addr) = start(dir.path()).await;
    let path = "/gazette.v1.GazetteerAdmin/UpsertEntities";
    let mut admin = GazetteerAdminClient::new(server.channel().await);
    for token in [None, Some("not-the-token-at-all")] {
        let over_grpc = match token {
            None => admin.upsert_entities(upsert()).await,
            Some(t) => admin.upsert_entities(common::with_token(upsert(), t)).await,
        }
        .expect_err("refused over gRPC");
        let over_web = grpc_web(addr, path, &upsert(), token).await;
        assert_eq!(over_web.status, (over_grpc.code() as i32).to_string());
        assert_eq!(percent_decoded(&over_web.message), over_grpc.message());
        assert!(over_web.messages.is_empty());
    }
    // The write token passes the same gate, and the edit is served at once.
    let ok = grpc_web(addr, path, &upsert(), Some(TOKEN)).await;
    assert_eq!(ok.status, "0", "{}", percent_decoded(&ok.message));
    let request = common::doc("Testa Personne spoke.");
    let answer = grpc_web(addr, "/gazette.v1.EntityExtractor/Extract", &request, None).await;
    let response = ExtractResponse::decode(answer.messages[0].clone()).expect("decodes");
    assert_eq!(response.mentions.len(), 1);
    server.stop().await;
}

/// An address the console cannot have stops the start-up, naming the flag.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_console_address_in_use_stops_the_start() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = taken.local_addr().expect("addr").to_string();
    let out = common::serve_command(&[])
        .args(["--console-listen", &addr])
        .output();
    let out = common::bounded(30, "gazette serve", out)
        .await
        .expect("run");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!(
            "cannot listen on {addr} (--console-listen / GAZETTE_CONSOLE_LISTEN)"
        )),
        "{err}"
    );
}
