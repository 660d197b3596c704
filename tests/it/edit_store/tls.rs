//! TLS to the store: with sslmode=require a replica connects only to a server whose certificate
//! chains to the CA it trusts (--edit-store-ca) and names the host, and its connections are
//! encrypted; a CA without sslmode=require is refused as a mistake.

use super::*;
use crate::tls::Ca;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_replica_connects_over_verified_tls_only() {
    let pg = TestPostgres::start().await;
    let Some(dir) = pg.cluster.clone() else {
        // An external server's TLS is not ours to set up.
        return;
    };
    let ca = Ca::new("store CA");
    let server = ca.issue(
        &["127.0.0.1", "localhost"],
        rcgen::ExtendedKeyUsagePurpose::ServerAuth,
    );
    let files = tempfile::tempdir().expect("tempdir");
    let (cert, key, ca_file) = (
        files.path().join("server.crt"),
        files.path().join("server.key"),
        files.path().join("ca.pem"),
    );
    std::fs::write(&cert, &server.cert).expect("cert");
    std::fs::write(&key, &server.key).expect("key");
    std::fs::write(&ca_file, ca.pem()).expect("ca");
    let out = std::process::Command::new("bash")
        .arg(script())
        .args([
            "tls".as_ref(),
            dir.as_os_str(),
            cert.as_os_str(),
            key.as_os_str(),
        ])
        .output()
        .expect("tls on");
    common::assert_success(&out);
    let url = format!("{}?sslmode=require", pg.url);

    let (one, _) = replica_trusting(&url, Some(&ca_file)).await;
    let mut a = admin(&one).await;
    upsert(&mut a, vec![super::person("p:tls", "Tala Silva")])
        .await
        .expect("an edit over TLS");
    assert_eq!(
        name_of(&mut a, "p:tls").await.as_deref(),
        Some("Tala Silva")
    );
    let plain: i64 = pg
        .client()
        .await
        .query_one(
            "SELECT count(*) FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid) \
             WHERE a.application_name = 'gazette' AND NOT s.ssl",
            &[],
        )
        .await
        .expect("pg_stat_ssl")
        .get(0);
    assert_eq!(plain, 0, "every connection of the replica is encrypted");
    one.stop().await;

    let base = || {
        gazette::sources::load(&[people_dir()], false)
            .expect("loads")
            .gazetteer
    };
    // Another CA: the server is not trusted.
    let other = tempfile::NamedTempFile::new().expect("tempfile");
    std::fs::write(other.path(), Ca::new("someone else").pem()).expect("write");
    let err = gazette::pg_log::open_shared(&url, Some(other.path()), base(), None, POLL)
        .await
        .expect_err("an untrusted server")
        .to_string();
    assert!(
        err.contains("cannot be reached") && err.contains("certificate"),
        "{err}"
    );
    // A CA without sslmode=require.
    let err = gazette::pg_log::open_shared(&pg.url, Some(&ca_file), base(), None, POLL)
        .await
        .expect_err("a CA for a plain connection")
        .to_string();
    assert!(err.contains("sslmode=require"), "{err}");
}
