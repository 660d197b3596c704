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
        .get_info(GetInfoRequest {})
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
        .get_info(GetInfoRequest {})
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
        .get_info(GetInfoRequest {})
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
        .get_info(GetInfoRequest {})
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

// --- The file watch survives how files really get replaced (issue 15, item 5). -------------

const VERSION_C: &str = "Gamma Reyes\tPERSON\tid:gamma\n";

/// A watching server on `paths`, polling the files' metadata every `poll`. The event tests poll
/// once an hour, so what they see is the filesystem events' doing.
async fn start_watching(paths: Vec<std::path::PathBuf>, poll: Duration) -> common::TestServer {
    let loaded = gazette::sources::load(&paths, false).expect("initial gazetteer loads");
    let live = gazette::transport::live::LiveGazetteer::new(
        gazette::Extractor::new(loaded.gazetteer),
        Some(gazette::transport::live::Sources {
            paths,
            include_default: false,
        }),
    );
    let options = gazette::transport::server::ServerOptions {
        watch: true,
        watch_poll_interval: poll,
        ..Default::default()
    };
    common::start_live(live, options).await
}

const EVENTS_ONLY: Duration = Duration::from_secs(3600);

async fn info(
    admin: &mut GazetteerAdminClient<tonic::transport::Channel>,
) -> gazette::proto::v1::GazetteerInfo {
    admin
        .get_info(GetInfoRequest {})
        .await
        .expect("info")
        .into_inner()
}

/// Waits (at most 10 s) until the serving version is not `old`, and returns the new info; the
/// reload must have been started by the watch and have succeeded.
async fn wait_reloaded(
    admin: &mut GazetteerAdminClient<tonic::transport::Channel>,
    old: &str,
    what: &str,
) -> gazette::proto::v1::GazetteerInfo {
    for _ in 0..100 {
        let now = info(admin).await;
        if now.version != old {
            let last = now.last_reload.clone().expect("last reload");
            assert_eq!(last.trigger, "watch", "{what}");
            assert!(last.ok, "{what}: {:?}", last.errors);
            return now;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{what}: no reload within 10 s");
}

/// Waits (at most 10 s) until GetInfo reports the watch `mode`.
async fn wait_watch_mode(
    admin: &mut GazetteerAdminClient<tonic::transport::Channel>,
    mode: &str,
) -> gazette::proto::v1::FileWatch {
    let mut last = None;
    for _ in 0..100 {
        let watch = info(admin).await.file_watch.expect("file_watch reported");
        if watch.mode == mode {
            return watch;
        }
        last = Some(watch);
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("watch mode never became {mode}: {last:?}");
}

/// `--gazetteer FILE`: only the first atomic replace used to reload (the watch was on the
/// file's inode, which the rename replaced).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn atomic_replace_of_a_watched_file_reloads_every_time() {
    let dir = tempfile::tempdir().expect("tempdir");
    write_atomic(dir.path(), VERSION_A);
    let file = dir.path().join("people.tsv");
    let server = start_watching(vec![file], EVENTS_ONLY).await;
    let mut admin = GazetteerAdminClient::new(server.channel().await);
    let mut version = info(&mut admin).await.version;
    let watch = info(&mut admin).await.file_watch.expect("file_watch");
    assert_eq!(watch.mode, "events", "{watch:?}");
    let mut seen = HashSet::from([version.clone()]);
    for (i, contents) in [VERSION_B, VERSION_C, VERSION_A].into_iter().enumerate() {
        write_atomic(dir.path(), contents);
        version = wait_reloaded(&mut admin, &version, &format!("replace {}", i + 1))
            .await
            .version;
        seen.insert(version.clone());
    }
    // A, B, C, then A again.
    assert_eq!(seen.len(), 3);
    server.stop().await;
}

/// In-place writes (truncate and write), before and after an atomic replace gave the path a
/// new inode: the watch on the old inode used to miss the later ones.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn in_place_writes_of_a_watched_file_reload() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("people.tsv");
    std::fs::write(&file, VERSION_A).expect("write");
    let server = start_watching(vec![file.clone()], EVENTS_ONLY).await;
    let mut admin = GazetteerAdminClient::new(server.channel().await);
    let mut version = info(&mut admin).await.version;
    let steps = [(false, VERSION_B), (true, VERSION_C), (false, VERSION_A)];
    for (i, (atomic, contents)) in steps.into_iter().enumerate() {
        if atomic {
            write_atomic(dir.path(), contents);
        } else {
            std::fs::write(&file, contents).expect("write in place");
        }
        version = wait_reloaded(&mut admin, &version, &format!("write {}", i + 1))
            .await
            .version;
    }
    server.stop().await;
}

/// `--gazetteer DIR`, the directory deleted and created again: the watch on the old directory
/// is gone for good, and reloads used to stop (SIGHUP did not bring them back).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_recreated_directory_is_watched_again() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path().join("gazetteer");
    std::fs::create_dir(&dir).expect("mkdir");
    write_atomic(&dir, VERSION_A);
    let server = start_watching(vec![dir.clone()], EVENTS_ONLY).await;
    let mut admin = GazetteerAdminClient::new(server.channel().await);
    let mut version = info(&mut admin).await.version;
    for (i, contents) in [VERSION_B, VERSION_C].into_iter().enumerate() {
        std::fs::remove_dir_all(&dir).expect("rm -r");
        std::fs::create_dir(&dir).expect("mkdir");
        write_atomic(&dir, contents);
        version = wait_reloaded(&mut admin, &version, &format!("re-creation {}", i + 1))
            .await
            .version;
    }
    // And changes inside the new directory are seen.
    write_atomic(&dir, VERSION_A);
    wait_reloaded(&mut admin, &version, "replace in the new directory").await;
    assert_eq!(wait_watch_mode(&mut admin, "events").await.error, "");
    server.stop().await;
}

/// The directory holding a watched file vanishes: nothing can be watched there, which GetInfo
/// reports (mode `poll` and why), and the metadata poll brings reloads back when it returns.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lost_watch_is_reported_and_polling_carries_on() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path().join("conf");
    std::fs::create_dir(&dir).expect("mkdir");
    write_atomic(&dir, VERSION_A);
    let server = start_watching(vec![dir.join("people.tsv")], Duration::from_millis(200)).await;
    let mut admin = GazetteerAdminClient::new(server.channel().await);
    let version = info(&mut admin).await.version;
    assert_eq!(
        wait_watch_mode(&mut admin, "events").await.poll_interval_ms,
        200
    );
    std::fs::remove_dir_all(&dir).expect("rm -r");
    let watch = wait_watch_mode(&mut admin, "poll").await;
    assert!(!watch.error.is_empty(), "{watch:?}");
    println!("reported: {}", watch.error);
    std::fs::create_dir(&dir).expect("mkdir");
    write_atomic(&dir, VERSION_B);
    wait_reloaded(&mut admin, &version, "after the directory came back").await;
    wait_watch_mode(&mut admin, "events").await;
    server.stop().await;
}

/// Kubernetes ConfigMap volumes: files are symlinks through `..data`, itself a symlink that is
/// swapped (renamed over) to a new timestamped directory on every update.
#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn configmap_data_symlink_swaps_reload() {
    use std::os::unix::fs::symlink;
    let root = tempfile::tempdir().expect("tempdir");
    let volume = root.path();
    let publish = |n: usize, contents: &str| {
        let version_dir = format!("..2026_12_03_00_00_0{n}");
        std::fs::create_dir(volume.join(&version_dir)).expect("mkdir");
        std::fs::write(volume.join(&version_dir).join("people.tsv"), contents).expect("write");
        symlink(&version_dir, volume.join("..data_tmp")).expect("symlink");
        std::fs::rename(volume.join("..data_tmp"), volume.join("..data")).expect("swap");
    };
    publish(1, VERSION_A);
    symlink("..data/people.tsv", volume.join("people.tsv")).expect("symlink");
    for paths in [vec![volume.to_path_buf()], vec![volume.join("people.tsv")]] {
        let server = start_watching(paths.clone(), EVENTS_ONLY).await;
        let mut admin = GazetteerAdminClient::new(server.channel().await);
        let mut version = info(&mut admin).await.version;
        for (i, contents) in [VERSION_B, VERSION_C].into_iter().enumerate() {
            let n = 2 + i + 2 * usize::from(paths[0].is_file());
            publish(n, contents);
            version = wait_reloaded(&mut admin, &version, &format!("{paths:?}: swap {}", i + 1))
                .await
                .version;
        }
        server.stop().await;
    }
}
