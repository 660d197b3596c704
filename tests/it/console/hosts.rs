//! The console answers only the hosts it is named by (IP addresses, localhost, `--console-host`
//! names): a page elsewhere that points its own name at the console (DNS rebinding) gets 421.
//! And with `--tls-cert` the console port is TLS too.

use bytes::Bytes;
use http_body_util::Full;
use rcgen::ExtendedKeyUsagePurpose;

use super::{send, start, TOKEN};
use crate::common::{self, ServerOptions};
use crate::tls::Ca;
use gazette::proto::v1::entity_extractor_client::EntityExtractorClient;
use gazette::transport::{ConsoleHosts, ConsoleListener, TlsFiles};
use tonic::transport::{Certificate, Channel, ClientTlsConfig};

fn get(url: String, host: &str) -> http::Request<Full<Bytes>> {
    http::Request::get(url)
        .header("host", host)
        .body(Full::new(Bytes::new()))
        .expect("request")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_name_the_console_was_not_given_gets_421() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (server, addr) = start(dir.path()).await;
    let port = addr.port();
    for host in [format!("127.0.0.1:{port}"), format!("localhost:{port}")] {
        let a = send(get(format!("http://{addr}/"), &host)).await;
        assert_eq!(a.status, http::StatusCode::OK, "{host}");
    }
    for host in [
        format!("evil.example:{port}"),
        format!("localhost.evil.example:{port}"),
    ] {
        let a = send(get(format!("http://{addr}/"), &host)).await;
        assert_eq!(a.status, http::StatusCode::MISDIRECTED_REQUEST, "{host}");
        let body = String::from_utf8_lossy(&a.body);
        assert!(body.contains("--console-host"), "{body}");
        // gRPC-web is behind the same check: nothing is tagged for that page.
        let call = http::Request::post(format!("http://{addr}/gazette.v1.EntityExtractor/Extract"))
            .header("host", &host)
            .header("content-type", "application/grpc-web+proto")
            .header("authorization", format!("Bearer {TOKEN}"))
            .body(Full::new(Bytes::from_static(&[0, 0, 0, 0, 0])))
            .expect("request");
        assert_eq!(
            send(call).await.status,
            http::StatusCode::MISDIRECTED_REQUEST
        );
    }
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_listed_name_is_answered() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind console");
    let hosts = ConsoleHosts::new(["tagger.newsroom.example"]).expect("valid name");
    let console = ConsoleListener::new(listener).with_hosts(hosts);
    let addr = console.local_addr().expect("addr");
    let options = ServerOptions {
        console: Some(console),
        ..Default::default()
    };
    let server = common::start_live(
        gazette::live::LiveGazetteer::new(common::tiny_extractor(), None),
        options,
    )
    .await;
    let ok = send(get(
        format!("http://{addr}/"),
        "tagger.newsroom.example:8443",
    ))
    .await;
    assert_eq!(ok.status, http::StatusCode::OK);
    let other = send(get(format!("http://{addr}/"), "tagger.other.example")).await;
    assert_eq!(other.status, http::StatusCode::MISDIRECTED_REQUEST);
    server.stop().await;
}

/// `--tls-cert` covers the console port: a TLS client gets through (tonic-web passes plain
/// gRPC through to the same services), a plaintext request does not.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_console_port_serves_tls_with_the_servers_certificate() {
    let ca = Ca::new("gazette test CA");
    let cert = ca.issue(&["localhost"], ExtendedKeyUsagePurpose::ServerAuth);
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind console");
    let console = ConsoleListener::new(listener);
    let addr = console.local_addr().expect("addr");
    let options = ServerOptions {
        console: Some(console),
        tls: Some(TlsFiles {
            cert: cert.cert.into_bytes(),
            key: cert.key.into_bytes(),
            client_ca: None,
        }),
        ..Default::default()
    };
    let server = common::start_live(
        gazette::live::LiveGazetteer::new(common::tiny_extractor(), None),
        options,
    )
    .await;
    let tls = ClientTlsConfig::new()
        .ca_certificate(Certificate::from_pem(ca.pem()))
        .domain_name("localhost");
    let channel = Channel::from_shared(format!("https://localhost:{}", addr.port()))
        .expect("url")
        .tls_config(tls)
        .expect("tls")
        .connect()
        .await
        .expect("TLS to the console port");
    let answer = EntityExtractorClient::new(channel)
        .extract(common::doc("Ali Habib met them."))
        .await
        .expect("extract over TLS on the console port");
    assert_eq!(answer.into_inner().mentions.len(), 1);
    let plain = hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
        .build_http::<Full<Bytes>>()
        .request(get(format!("http://{addr}/"), "localhost"));
    let plain = common::bounded(10, "plaintext to a TLS console", plain).await;
    assert!(
        plain.map_or(true, |r| r.status() != http::StatusCode::OK),
        "no page over plaintext"
    );
    server.stop().await;
}

/// The flag is checked at start-up, naming itself.
#[test]
fn a_bad_console_host_stops_the_start_up() {
    let out = crate::cli::gazette()
        .args(["serve", "--listen", "127.0.0.1:0", "--no-default-gazetteer"])
        .args(["--gazetteer"])
        .arg(common::test_gazetteer_dir())
        .args([
            "--console-listen",
            "127.0.0.1:0",
            "--console-host",
            "https://x",
        ])
        .output()
        .expect("run");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--console-host") && err.contains("not a host name"),
        "{err}"
    );
}
