//! Live gazetteers: reloads under load, failed reloads keep the old index, admin auth, version
//! pins, and file watching — against a real server on 127.0.0.1.

use crate::common;

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

use crate::common::with_token;

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

/// Ten Reload RPCs whose deadlines pass long before the build ends, then one that waits: one
/// build at a time (the build lock stays with the build, not with the dropped handler), and the
/// callers coalesce into far fewer builds than calls. Before, each cut call released the lock
/// while its build went on: ten overlapping builds took RSS from 71 to 886 MB. An edit made
/// while the builds run is kept by them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reloads_cut_by_deadlines_build_one_at_a_time_and_coalesce() {
    use gazette::live::{LiveGazetteer, Sources, Trigger};
    use gazette::proto::v1::{GazetteerEntry, GetEntityRequest, UpsertEntitiesRequest};
    let dir = tempfile::tempdir().expect("tempdir");
    // Big enough that a build takes far longer than the calls' 5 ms deadlines.
    let big: String = (0..20_000)
        .map(|i| format!("Person Number {i}\tPERSON\tid:{i}\n"))
        .collect();
    write_atomic(dir.path(), &big);
    let data = tempfile::tempdir().expect("tempdir");
    let paths = vec![dir.path().to_path_buf()];
    let loaded = gazette::sources::load(&paths, false).expect("load");
    let journal = gazette::journal::Journal::open(data.path()).expect("journal");
    let live = LiveGazetteer::with_log(
        loaded.gazetteer,
        Some(Sources {
            paths,
            include_default: false,
        }),
        Box::new(journal),
    )
    .expect("live");
    let options = gazette::transport::ServerOptions {
        admin_token: Some(TOKEN.into()),
        watch: false,
        ..Default::default()
    };
    let server = common::start_live(live.clone(), options).await;
    let mut admin = GazetteerAdminClient::new(server.channel().await);
    const CALLS: u64 = 10;
    for _ in 0..CALLS {
        let mut r = with_token(ReloadRequest {}, TOKEN);
        r.set_timeout(Duration::from_millis(5));
        let _ = admin.reload(r).await;
    }
    admin
        .upsert_entities(with_token(
            UpsertEntitiesRequest {
                entries: vec![GazetteerEntry {
                    id: "p:during".into(),
                    name: "Zaha Okonkwo".into(),
                    r#type: "PERSON".into(),
                    ..Default::default()
                }],
                namespace: "newsroom".into(),
            },
            TOKEN,
        ))
        .await
        .expect("an edit while builds run");
    // A reload that is waited for ends after every round queued before it.
    common::bounded(300, "the last reload", live.reload(Trigger::Rpc))
        .await
        .expect("reload");
    let stats = live.build_stats();
    assert_eq!(stats.max_running, 1, "builds overlapped: {stats:?}");
    assert_eq!(stats.running, 0, "{stats:?}");
    assert!(
        stats.started <= CALLS / 2,
        "{} builds for {} calls: not coalesced",
        stats.started,
        CALLS + 1
    );
    admin
        .get_entity(with_token(
            GetEntityRequest {
                id: "p:during".into(),
            },
            TOKEN,
        ))
        .await
        .expect("the edit survived the reloads");
    server.stop().await;
}

/// A gazetteer file of 100k bad lines made GetInfo 7.5 MB (refused by default clients) and one
/// 7.5 MB log line. The first few problems are kept, clipped, with the count of all of them, and
/// file names are relative to the --gazetteer root, never absolute server paths.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reload_with_100k_bad_lines_reports_a_few_and_the_count() {
    use prost::Message;
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path().join("gaz");
    std::fs::create_dir(&dir).expect("mkdir");
    write_atomic(&dir, VERSION_A);
    let server = common::start_reloadable(vec![dir.clone()], Some(TOKEN), false).await;
    let mut admin = GazetteerAdminClient::new(server.channel().await);
    let long_line = format!("{}\n", "x".repeat(2_000));
    let mut bad = long_line.clone();
    bad.push_str(&"no tab on this line\n".repeat(99_999));
    write_atomic(&dir, &bad);
    let absolute = root.path().display().to_string();

    let err = admin
        .reload(with_token(ReloadRequest {}, TOKEN))
        .await
        .expect_err("invalid");
    assert_eq!(err.code(), Code::FailedPrecondition);
    let bytes = gazette::transport::encoded_error_bytes(&err);
    assert!(bytes < 8 * 1024, "{bytes} bytes of error");
    assert!(
        err.message().contains("100000 error(s)"),
        "{}",
        err.message()
    );
    assert!(err.message().contains("gazette check"), "{}", err.message());
    assert!(
        err.message().contains("gaz/people.tsv:1"),
        "{}",
        err.message()
    );
    assert!(!err.message().contains(&absolute), "{}", err.message());
    let listed = err
        .get_details_precondition_failure()
        .expect("PreconditionFailure")
        .violations;
    assert!(!listed.is_empty() && listed.len() <= 20);
    assert!(listed
        .iter()
        .all(|v| v.subject.starts_with("gaz/people.tsv:")));

    let info = admin
        .get_info(with_token(GetInfoRequest {}, TOKEN))
        .await
        .expect("info")
        .into_inner();
    let last = info.last_reload.expect("last reload");
    assert!(!last.ok);
    assert_eq!(last.error_count, 100_000);
    assert!(!last.errors.is_empty() && last.errors.len() <= 20);
    let kept: usize = last.errors.iter().map(String::len).sum();
    assert!(kept < 8 * 1024, "{kept} bytes of errors kept");
    assert!(
        last.errors[0].starts_with("gaz/people.tsv:1: "),
        "{:?}",
        last.errors
    );
    assert!(last.errors.iter().all(|e| !e.contains(&absolute)));
    let whole = gazette::proto::v1::GazetteerInfo {
        last_reload: Some(last),
        ..Default::default()
    }
    .encoded_len();
    assert!(whole < 16 * 1024, "GetInfo is {whole} bytes");
    server.stop().await;
}

/// GetInfo and GetEntity needed no token and returned every attribute and absolute paths. Once a
/// token is configured they need one: the admin token, or the read-only one, which cannot
/// change anything. With no token configured at all they stay open (`reload_needs_the_token`).
#[tokio::test]
async fn admin_reads_need_a_token_once_one_is_configured() {
    use gazette::live::{LiveGazetteer, Sources};
    use gazette::proto::v1::GetEntityRequest;
    use gazette::transport::ServerOptions;
    let dir = tempfile::tempdir().expect("tempdir");
    write_atomic(dir.path(), VERSION_A);
    let start = |admin: Option<&str>, read: Option<&str>| {
        let paths = vec![dir.path().to_path_buf()];
        let loaded = gazette::sources::load(&paths, false).expect("loads");
        let live = LiveGazetteer::new(
            gazette::Extractor::new(loaded.gazetteer),
            Some(Sources {
                paths,
                include_default: false,
            }),
        );
        common::start_live(
            live,
            ServerOptions {
                admin_token: admin.map(str::to_string),
                admin_read_token: read.map(str::to_string),
                ..Default::default()
            },
        )
    };
    const READER: &str = "read-only-token";
    let entity = || GetEntityRequest {
        id: "id:alpha".into(),
    };

    let server = start(Some(TOKEN), Some(READER)).await;
    let mut admin = GazetteerAdminClient::new(server.channel().await);
    for token in [None, Some("wrong")] {
        let info = match token {
            None => admin.get_info(GetInfoRequest {}).await,
            Some(t) => admin.get_info(with_token(GetInfoRequest {}, t)).await,
        };
        assert_eq!(info.expect_err("no read").code(), Code::Unauthenticated);
    }
    let err = admin.get_entity(entity()).await.expect_err("no token");
    assert_eq!(err.code(), Code::Unauthenticated);
    for token in [READER, TOKEN] {
        admin
            .get_info(with_token(GetInfoRequest {}, token))
            .await
            .expect("info");
        let got = admin
            .get_entity(with_token(entity(), token))
            .await
            .expect("entity")
            .into_inner();
        assert_eq!(got.name, "Alpha Smith");
    }
    let err = admin
        .reload(with_token(ReloadRequest {}, READER))
        .await
        .expect_err("read-only");
    assert_eq!(err.code(), Code::PermissionDenied);
    admin
        .reload(with_token(ReloadRequest {}, TOKEN))
        .await
        .expect("the admin token reloads");
    server.stop().await;

    // A read-only token alone: reads need it, changes are refused for everyone.
    let server = start(None, Some(READER)).await;
    let mut admin = GazetteerAdminClient::new(server.channel().await);
    let err = admin
        .get_info(GetInfoRequest {})
        .await
        .expect_err("no token");
    assert_eq!(err.code(), Code::Unauthenticated);
    admin
        .get_info(with_token(GetInfoRequest {}, READER))
        .await
        .expect("info");
    let err = admin
        .reload(with_token(ReloadRequest {}, READER))
        .await
        .expect_err("no admin token");
    assert_eq!(err.code(), Code::PermissionDenied);
    server.stop().await;
}

/// GetInfo reads the counts stored with the gazetteer (they were recounted over every entry
/// per call): they follow edits, deletes and reloads.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn get_info_counts_follow_edits_and_reloads() {
    use gazette::proto::v1::{DeleteEntitiesRequest, GazetteerEntry, UpsertEntitiesRequest};
    let dir = tempfile::tempdir().expect("tempdir");
    write_atomic(dir.path(), VERSION_A);
    let data = tempfile::tempdir().expect("tempdir");
    let server =
        common::start_with_journal(vec![dir.path().to_path_buf()], data.path(), TOKEN).await;
    let mut admin = GazetteerAdminClient::new(server.channel().await);
    let counts = |info: &gazette::proto::v1::GazetteerInfo| {
        let types: Vec<(String, u64)> = info
            .by_type
            .iter()
            .map(|t| (t.r#type.clone(), t.entries))
            .collect();
        let namespaces: Vec<(String, u64)> = info
            .by_namespace
            .iter()
            .map(|n| (n.namespace.clone(), n.entries))
            .collect();
        (info.entries, types, namespaces)
    };
    let s = |v: &[(&str, u64)]| -> Vec<(String, u64)> {
        v.iter().map(|(k, n)| (k.to_string(), *n)).collect()
    };
    let info = |mut admin: GazetteerAdminClient<tonic::transport::Channel>| async move {
        admin
            .get_info(with_token(GetInfoRequest {}, TOKEN))
            .await
            .expect("info")
            .into_inner()
    };
    assert_eq!(
        counts(&info(admin.clone()).await),
        (1, s(&[("PERSON", 1)]), s(&[("people", 1)]))
    );
    admin
        .upsert_entities(with_token(
            UpsertEntitiesRequest {
                namespace: "newsroom".into(),
                entries: vec![GazetteerEntry {
                    id: "org:un".into(),
                    name: "United Nations".into(),
                    r#type: "ORGANIZATION".into(),
                    ..Default::default()
                }],
            },
            TOKEN,
        ))
        .await
        .expect("upsert");
    assert_eq!(
        counts(&info(admin.clone()).await),
        (
            2,
            s(&[("ORGANIZATION", 1), ("PERSON", 1)]),
            s(&[("newsroom", 1), ("people", 1)])
        )
    );
    admin
        .delete_entities(with_token(
            DeleteEntitiesRequest {
                ids: vec!["id:alpha".into()],
            },
            TOKEN,
        ))
        .await
        .expect("delete");
    assert_eq!(
        counts(&info(admin.clone()).await),
        (1, s(&[("ORGANIZATION", 1)]), s(&[("newsroom", 1)]))
    );
    // New files: id:alpha stays deleted (edits stay in effect), id:beta is counted.
    write_atomic(dir.path(), &format!("{VERSION_A}{VERSION_B}"));
    admin
        .reload(with_token(ReloadRequest {}, TOKEN))
        .await
        .expect("reload");
    assert_eq!(
        counts(&info(admin.clone()).await),
        (
            2,
            s(&[("ORGANIZATION", 1), ("PERSON", 1)]),
            s(&[("newsroom", 1), ("people", 1)])
        )
    );
    server.stop().await;
}

// --- The file watch survives how files really get replaced (issue 15, item 5). -------------

const VERSION_C: &str = "Gamma Reyes\tPERSON\tid:gamma\n";

/// A watching server on `paths`, polling the files' metadata every `poll`. The event tests poll
/// once an hour, so what they see is the filesystem events' doing.
async fn start_watching(paths: Vec<std::path::PathBuf>, poll: Duration) -> common::TestServer {
    let loaded = gazette::sources::load(&paths, false).expect("initial gazetteer loads");
    let live = gazette::live::LiveGazetteer::new(
        gazette::Extractor::new(loaded.gazetteer),
        Some(gazette::live::Sources {
            paths,
            include_default: false,
        }),
    );
    let options = gazette::transport::ServerOptions {
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
    // The metadata poll runs every 2 s here, as a backstop: under parallel load the events of a
    // write into a re-created directory were missed about one run in four (cause not found yet;
    // see the session note), and the poll is what keeps reloads going in service then. The old
    // code had no poll and never watched the re-created directory: it fails either way.
    let server = start_watching(vec![dir.clone()], Duration::from_secs(2)).await;
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
