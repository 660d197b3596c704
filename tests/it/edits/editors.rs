//! Who made an edit: named admin tokens (`--admin-tokens-file`), and the name and time logged
//! with every edit.

use super::*;

/// Alice's token may write and her edits are logged as hers, with a time; Bob's may only read.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn edits_are_logged_with_the_name_of_their_token() {
    let files = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        files.path().join("people.tsv"),
        "Ali Habib\tPERSON\tp:habib\n",
    )
    .expect("write");
    let data = tempfile::tempdir().expect("tempdir");
    let live = common::journaled(vec![files.path().to_path_buf()], false, data.path());
    let tokens = gazette::transport::parse_tokens(
        "alice write alice-secret-000001\nbob read bob-secret-0000000001\n",
    )
    .expect("tokens");
    let server = common::start_live(
        live,
        common::ServerOptions {
            admin_tokens: tokens,
            ..Default::default()
        },
    )
    .await;
    let mut admin = GazetteerAdminClient::new(server.channel().await);
    let as_ = |token: &str, entries| {
        common::with_token(
            UpsertEntitiesRequest {
                namespace: "newsroom".into(),
                entries,
            },
            token,
        )
    };
    let before = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_millis() as i64;
    admin
        .upsert_entities(as_(
            "alice-secret-000001",
            vec![person("p:new", "Zaha Okonkwo")],
        ))
        .await
        .expect("alice may write");
    let refused = admin
        .upsert_entities(as_(
            "bob-secret-0000000001",
            vec![person("p:bob", "Bob Smith")],
        ))
        .await
        .expect_err("bob may only read");
    assert_eq!(refused.code(), Code::PermissionDenied);
    let found = admin
        .get_entity(common::with_token(
            GetEntityRequest { id: "p:new".into() },
            "bob-secret-0000000001",
        ))
        .await
        .expect("bob may read");
    assert_eq!(found.into_inner().name, "Zaha Okonkwo");
    server.stop().await;

    let mut journal = common::Journal::open(data.path()).expect("journal");
    let logged = common::EditLog::read_after(&mut journal, 0).expect("reads");
    assert_eq!(logged.len(), 1);
    assert_eq!(logged[0].meta.by, "alice");
    let at = logged[0].meta.at_unix_ms;
    assert!(at >= before && at < before + 60_000, "{at} vs {before}");
}

/// A tokens file with a bad line stops `gazette serve` with the file and the line.
#[test]
fn a_bad_tokens_file_names_its_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("tokens");
    std::fs::write(
        &file,
        "# newsroom\nalice write alice-secret-000001\nbob root bob-secret-0000000001\n",
    )
    .expect("write");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args([
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--no-default-gazetteer",
            "--admin-tokens-file",
        ])
        .arg(&file)
        .output()
        .expect("run");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!("{}:3: role \"root\"", file.display())),
        "{err}"
    );
}
