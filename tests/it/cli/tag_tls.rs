//! `gazette tag --server https://…` and `gazette health` against real TLS servers started here
//! (certificates from rcgen): verified against `--ca-cert`, with a client certificate under
//! mutual TLS; TLS flags where they would do nothing are refused by name.

use std::path::Path;

use rcgen::ExtendedKeyUsagePurpose;

use super::gazette;
use super::tag::{lines, tag};
use crate::common;
use crate::tls::{start_with, Ca, Pem};

fn test_extractor() -> gazette::Extractor {
    let loaded = gazette::sources::load(&[common::test_gazetteer_dir()], false)
        .expect("test gazetteer loads");
    gazette::Extractor::new(loaded.gazetteer)
}

fn write(dir: &Path, name: &str, pem: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, pem).expect("write PEM");
    path.to_string_lossy().into_owned()
}

fn https(server: &common::TestServer) -> String {
    // The certificate names localhost, not the address: TLS checks the name.
    format!("https://localhost:{}", server.addr.port())
}

/// Over TLS, verified against the CA given: the very same lines as offline. Without the CA
/// (the system's roots do not know it) the run fails, saying why.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tag_over_tls_gives_the_offline_output_and_checks_the_certificate() {
    let ca = Ca::new("gazette test CA");
    let server = start_with(&ca, None, test_extractor()).await;
    let dir = tempfile::tempdir().expect("dir");
    let ca_file = write(dir.path(), "ca.pem", &ca.pem());
    let stranger = write(dir.path(), "stranger.pem", &Ca::new("another CA").pem());
    let url = https(&server);
    let (offline, remote, unknown, wrong) = tokio::task::spawn_blocking(move || {
        let input = lines(0..40);
        let offline = tag(&["--threads", "1"], &input);
        let remote = tag(&["--server", &url, "--ca-cert", &ca_file], &input);
        let unknown = tag(&["--server", &url], &input);
        let wrong = tag(&["--server", &url, "--ca-cert", &stranger], &input);
        (offline, remote, unknown, wrong)
    })
    .await
    .expect("join");
    common::assert_success(&offline);
    common::assert_success(&remote);
    assert!(offline.stdout == remote.stdout, "outputs differ");
    for out in [&unknown, &wrong] {
        assert!(!out.status.success());
        assert!(
            out.stdout.is_empty(),
            "nothing tagged without a trusted server"
        );
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("cannot connect"), "{err}");
        assert!(err.contains("certificate"), "the reason is given: {err}");
    }
    server.stop().await;
}

/// Under mutual TLS the client certificate gets through; without one the server refuses.
/// `gazette health` takes the same flags.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tag_and_health_present_a_client_certificate_under_mutual_tls() {
    let ca = Ca::new("gazette test CA");
    let clients = Ca::new("newsroom clients CA");
    let server = start_with(&ca, Some(&clients), test_extractor()).await;
    let dir = tempfile::tempdir().expect("dir");
    let ca_file = write(dir.path(), "ca.pem", &ca.pem());
    let Pem { cert, key } = clients.issue(&["archive"], ExtendedKeyUsagePurpose::ClientAuth);
    let (cert, key) = (
        write(dir.path(), "client.pem", &cert),
        write(dir.path(), "client.key", &key),
    );
    let url = https(&server);
    let (with, without, health) = tokio::task::spawn_blocking(move || {
        let input = lines(0..10);
        let tls = [
            "--ca-cert",
            &ca_file,
            "--client-cert",
            &cert,
            "--client-key",
            &key,
        ];
        let with = tag(&[&["--server", &url][..], &tls].concat(), &input);
        let without = tag(&["--server", &url, "--ca-cert", &ca_file], &input);
        let health = gazette()
            .args(["health", "--addr", &url])
            .args(tls)
            .output()
            .expect("run health");
        (with, without, health)
    })
    .await
    .expect("join");
    common::assert_success(&with);
    assert_eq!(String::from_utf8_lossy(&with.stdout).lines().count(), 10);
    assert!(!without.status.success(), "no client certificate");
    assert!(without.stdout.is_empty());
    let err = String::from_utf8_lossy(&without.stderr);
    assert!(
        err.contains("cannot connect") && err.contains("--client-cert"),
        "{err}"
    );
    common::assert_success(&health);
    assert_eq!(String::from_utf8_lossy(&health.stdout).trim(), "SERVING");
    server.stop().await;
}

/// TLS flags that would do nothing are refused by name: offline (no server is called), and
/// with an `http://` server (most likely meant to be `https://`).
#[test]
fn tls_flags_where_they_would_do_nothing_are_refused() {
    let dir = tempfile::tempdir().expect("dir");
    let ca = write(dir.path(), "ca.pem", &Ca::new("gazette test CA").pem());
    let offline = tag(&["--ca-cert", &ca], &lines(0..2));
    assert!(!offline.status.success());
    let err = String::from_utf8_lossy(&offline.stderr);
    assert!(err.contains("--ca-cert apply to --server only"), "{err}");
    let plain = tag(
        &["--server", "http://127.0.0.1:9", "--ca-cert", &ca],
        &lines(0..2),
    );
    assert!(!plain.status.success());
    let err = String::from_utf8_lossy(&plain.stderr);
    assert!(err.contains("is not https://"), "{err}");
}
