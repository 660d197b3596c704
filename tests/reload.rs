//! Live gazetteers: reloads under load, failed reloads keep the old index, admin auth, version
//! pins, and file watching — against a real server on 127.0.0.1.

mod common;

use std::collections::HashSet;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use gazette::proto::v1::entity_extractor_client::EntityExtractorClient;
use gazette::proto::v1::gazetteer_admin_client::GazetteerAdminClient;
use gazette::proto::v1::{ExtractRequest, GetInfoRequest, ReloadRequest};
use tonic::Code;
use tonic_types::StatusExt;

/// (gazetteer version, entity ids) of every Extract response.
type Seen = Vec<(String, Vec<String>)>;

const TOKEN: &str = "s3cret-test-token";
const VERSION_A: &str = "Alpha Smith\tPERSON\tid:alpha\n";
const VERSION_B: &str = "Beta Jones\tPERSON\tid:beta\n";
const INVALID: &str = "Alpha Smith\tPERSON\tid:alpha\nno tab on this line\n";
const TEXT: &str = "Alpha Smith met Beta Jones.";

/// Replaces the file atomically (write a temporary file, then rename), as editors and
/// deployment tools should.
fn write_atomic(dir: &Path, contents: &str) {
    let tmp = dir.join(".people.tsv.tmp");
    std::fs::write(&tmp, contents).expect("write");
    std::fs::rename(&tmp, dir.join("people.tsv")).expect("rename");
}

use common::with_token;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hundred_reloads_under_load_lose_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    write_atomic(dir.path(), VERSION_A);
    let server = common::start_reloadable(vec![dir.path().to_path_buf()], Some(TOKEN), false).await;
    let channel = server.channel().await;
    let mut admin = GazetteerAdminClient::new(channel.clone());

    // Learn both versions' hashes.
    let version_a = admin
        .get_info(with_token(GetInfoRequest {}, TOKEN))
        .await
        .expect("info")
        .into_inner()
        .version;
    write_atomic(dir.path(), VERSION_B);
    let version_b = admin
        .reload(with_token(ReloadRequest {}, TOKEN))
        .await
        .expect("reload")
        .into_inner()
        .version;
    assert_ne!(version_a, version_b);

    let stop = Arc::new(AtomicBool::new(false));
    let failures = Arc::new(AtomicUsize::new(0));
    let seen: Arc<Mutex<Seen>> = Arc::default();
    let mut load = Vec::new();
    for _ in 0..4 {
        let (stop, failures, seen) = (stop.clone(), failures.clone(), seen.clone());
        let mut client = EntityExtractorClient::new(channel.clone());
        load.push(tokio::spawn(async move {
            while !stop.load(Ordering::Relaxed) {
                match client
                    .extract(ExtractRequest {
                        text: TEXT.into(),
                        ..Default::default()
                    })
                    .await
                {
                    Ok(r) => {
                        let r = r.into_inner();
                        let ids = r.mentions.into_iter().map(|m| m.entity_id).collect();
                        seen.lock().expect("lock").push((r.gazetteer_version, ids));
                    }
                    Err(_) => {
                        failures.fetch_add(1, Ordering::Relaxed);
                    }
                }
            }
        }));
    }

    let mut rejected = 0;
    for i in 0..100 {
        if i % 3 == 2 {
            write_atomic(dir.path(), INVALID);
            let err = admin
                .reload(with_token(ReloadRequest {}, TOKEN))
                .await
                .expect_err("invalid gazetteer");
            assert_eq!(err.code(), Code::FailedPrecondition, "{err:?}");
            let pf = err
                .get_details_precondition_failure()
                .expect("PreconditionFailure");
            assert!(
                pf.violations[0].subject.ends_with("people.tsv:2"),
                "{:?}",
                pf.violations
            );
            rejected += 1;
        }
        write_atomic(dir.path(), if i % 2 == 0 { VERSION_A } else { VERSION_B });
        let r = admin
            .reload(with_token(ReloadRequest {}, TOKEN))
            .await
            .expect("reload")
            .into_inner();
        let want = if i % 2 == 0 { &version_a } else { &version_b };
        assert_eq!(&r.version, want);
    }
    stop.store(true, Ordering::Relaxed);
    for t in load {
        t.await.expect("load task");
    }

    let seen: Seen = std::mem::take(&mut *seen.lock().expect("lock"));
    assert_eq!(
        failures.load(Ordering::Relaxed),
        0,
        "failed Extract calls during reloads"
    );
    assert!(
        seen.len() >= 100,
        "only {} Extract calls completed",
        seen.len()
    );
    let mut versions = HashSet::new();
    for (version, ids) in seen.iter() {
        let expected = if *version == version_a {
            vec!["id:alpha".to_string()]
        } else if *version == version_b {
            vec!["id:beta".to_string()]
        } else {
            panic!("response from unknown version {version}");
        };
        assert_eq!(
            ids, &expected,
            "result does not match its version {version}"
        );
        versions.insert(version.clone());
    }
    assert_eq!(versions.len(), 2, "load saw both versions");
    println!(
        "{} Extract calls, 0 failed; 100 reloads, {rejected} invalid reloads rejected",
        seen.len()
    );

    // The last attempt is reported; health stayed SERVING.
    let info = admin
        .get_info(with_token(GetInfoRequest {}, TOKEN))
        .await
        .expect("info")
        .into_inner();
    let last = info.last_reload.expect("last reload");
    assert!(last.ok && last.trigger == "rpc");
    let mut health = tonic_health::pb::health_client::HealthClient::new(channel);
    let status = health
        .check(tonic_health::pb::HealthCheckRequest {
            service: String::new(),
        })
        .await
        .expect("health")
        .into_inner()
        .status;
    assert_eq!(status, 1, "SERVING");
    server.stop().await;
}

#[tokio::test]
async fn failed_reload_keeps_serving_and_is_reported() {
    let dir = tempfile::tempdir().expect("tempdir");
    write_atomic(dir.path(), VERSION_A);
    let server = common::start_reloadable(vec![dir.path().to_path_buf()], Some(TOKEN), false).await;
    let channel = server.channel().await;
    let mut admin = GazetteerAdminClient::new(channel.clone());
    let before = admin
        .get_info(with_token(GetInfoRequest {}, TOKEN))
        .await
        .expect("info")
        .into_inner()
        .version;
    write_atomic(dir.path(), INVALID);
    let err = admin
        .reload(with_token(ReloadRequest {}, TOKEN))
        .await
        .expect_err("invalid");
    assert!(err.message().contains("people.tsv:2"), "{}", err.message());
    let info = admin
        .get_info(with_token(GetInfoRequest {}, TOKEN))
        .await
        .expect("info")
        .into_inner();
    assert_eq!(info.version, before);
    let last = info.last_reload.expect("last reload");
    assert!(!last.ok);
    assert!(
        last.errors[0].contains("people.tsv:2: expected name<TAB>type"),
        "{:?}",
        last.errors
    );
    let mut client = EntityExtractorClient::new(channel);
    let r = client
        .extract(ExtractRequest {
            text: TEXT.into(),
            ..Default::default()
        })
        .await
        .expect("extract")
        .into_inner();
    assert_eq!(r.gazetteer_version, before);
    assert_eq!(r.mentions[0].entity_id, "id:alpha");
    server.stop().await;
}

#[tokio::test]
async fn reload_needs_the_token() {
    let dir = tempfile::tempdir().expect("tempdir");
    write_atomic(dir.path(), VERSION_A);
    let open = common::start_reloadable(vec![dir.path().to_path_buf()], None, false).await;
    let mut admin = GazetteerAdminClient::new(open.channel().await);
    let err = admin
        .reload(with_token(ReloadRequest {}, "anything"))
        .await
        .expect_err("no token configured");
    assert_eq!(err.code(), Code::PermissionDenied);
    assert!(
        admin.get_info(GetInfoRequest {}).await.is_ok(),
        "GetInfo needs no token"
    );
    open.stop().await;

    let guarded =
        common::start_reloadable(vec![dir.path().to_path_buf()], Some(TOKEN), false).await;
    let mut admin = GazetteerAdminClient::new(guarded.channel().await);
    let err = admin.reload(ReloadRequest {}).await.expect_err("no header");
    assert_eq!(err.code(), Code::Unauthenticated);
    let err = admin
        .reload(with_token(ReloadRequest {}, "wrong"))
        .await
        .expect_err("wrong token");
    assert_eq!(err.code(), Code::Unauthenticated);
    assert!(admin
        .reload(with_token(ReloadRequest {}, TOKEN))
        .await
        .is_ok());
    guarded.stop().await;
}

#[tokio::test]
async fn pinned_version_must_be_current() {
    let dir = tempfile::tempdir().expect("tempdir");
    write_atomic(dir.path(), VERSION_A);
    let server = common::start_reloadable(vec![dir.path().to_path_buf()], Some(TOKEN), false).await;
    let mut client = EntityExtractorClient::new(server.channel().await);
    let current = client
        .extract(ExtractRequest {
            text: TEXT.into(),
            ..Default::default()
        })
        .await
        .expect("extract")
        .into_inner()
        .gazetteer_version;
    let pinned = ExtractRequest {
        text: TEXT.into(),
        gazetteer_version: current.clone(),
        ..Default::default()
    };
    assert!(client.extract(pinned).await.is_ok());
    let stale = ExtractRequest {
        text: TEXT.into(),
        gazetteer_version: "sha256:0000".into(),
        ..Default::default()
    };
    let err = client.extract(stale).await.expect_err("stale pin");
    assert_eq!(err.code(), Code::FailedPrecondition);
    assert!(err.message().contains(&current), "{}", err.message());
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn file_changes_reload_by_themselves() {
    let dir = tempfile::tempdir().expect("tempdir");
    write_atomic(dir.path(), VERSION_A);
    let server = common::start_reloadable(vec![dir.path().to_path_buf()], None, true).await;
    let channel = server.channel().await;
    let mut admin = GazetteerAdminClient::new(channel.clone());
    let before = admin
        .get_info(GetInfoRequest {})
        .await
        .expect("info")
        .into_inner()
        .version;
    write_atomic(dir.path(), VERSION_B);
    // Bounded wait for the debounced reload (300 ms quiet time, then the build).
    let mut info = admin
        .get_info(GetInfoRequest {})
        .await
        .expect("info")
        .into_inner();
    for _ in 0..100 {
        if info.version != before {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        info = admin
            .get_info(GetInfoRequest {})
            .await
            .expect("info")
            .into_inner();
    }
    assert_ne!(info.version, before, "no reload within 10 s of the change");
    assert_eq!(info.last_reload.expect("last").trigger, "watch");
    let mut client = EntityExtractorClient::new(channel);
    let r = client
        .extract(ExtractRequest {
            text: TEXT.into(),
            ..Default::default()
        })
        .await
        .expect("extract")
        .into_inner();
    assert_eq!(r.mentions[0].entity_id, "id:beta");
    server.stop().await;
}
