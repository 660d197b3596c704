//! Reloads asked for by the Reload RPC: under load nothing is lost, a failed one keeps the old
//! index and is reported, version pins, deadlines that cut reloads short, and huge error lists.

use super::*;

/// (gazetteer version, entity ids) of every Extract response.
type Seen = Vec<(String, Vec<String>)>;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hundred_reloads_under_load_lose_nothing() {
    let (dir, server, channel, mut admin) = start_on_version_a().await;

    // Learn both versions' hashes.
    let version_a = admin_info(&mut admin).await.version;
    write_atomic(dir.path(), VERSION_B);
    let version_b = reload(&mut admin)
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
                match client.extract(common::doc(TEXT)).await {
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
            let err = reload(&mut admin).await.expect_err("invalid gazetteer");
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
        let r = reload(&mut admin).await.expect("reload").into_inner();
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
    let info = admin_info(&mut admin).await;
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
    let (dir, server, channel, mut admin) = start_on_version_a().await;
    let before = admin_info(&mut admin).await.version;
    write_atomic(dir.path(), INVALID);
    let err = reload(&mut admin).await.expect_err("invalid");
    assert!(err.message().contains("people.tsv:2"), "{}", err.message());
    let info = admin_info(&mut admin).await;
    assert_eq!(info.version, before);
    let last = info.last_reload.expect("last reload");
    assert!(!last.ok);
    assert!(
        last.errors[0].contains("people.tsv:2: expected name<TAB>type"),
        "{:?}",
        last.errors
    );
    let mut client = EntityExtractorClient::new(channel);
    let r = extract_text(&mut client).await;
    assert_eq!(r.gazetteer_version, before);
    assert_eq!(r.mentions[0].entity_id, "id:alpha");
    server.stop().await;
}

#[tokio::test]
async fn pinned_version_must_be_current() {
    let (_dir, server, channel, _admin) = start_on_version_a().await;
    let mut client = EntityExtractorClient::new(channel);
    let current = extract_text(&mut client).await.gazetteer_version;
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

/// Ten Reload RPCs whose deadlines pass long before the build ends, then one that waits: one
/// build at a time (the build lock stays with the build, not with the dropped handler), and the
/// callers coalesce into far fewer builds than calls. Before, each cut call released the lock
/// while its build went on: ten overlapping builds took RSS from 71 to 886 MB. An edit made
/// while the builds run is kept by them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reloads_cut_by_deadlines_build_one_at_a_time_and_coalesce() {
    use crate::common::{ServerOptions, Trigger};
    use gazette::proto::v1::{GazetteerEntry, GetEntityRequest, UpsertEntitiesRequest};
    let dir = tempfile::tempdir().expect("tempdir");
    // Big enough that a build takes far longer than the calls' 5 ms deadlines.
    let big: String = (0..20_000)
        .map(|i| format!("Person Number {i}\tPERSON\tid:{i}\n"))
        .collect();
    write_atomic(dir.path(), &big);
    let data = tempfile::tempdir().expect("tempdir");
    let live = common::journaled(vec![dir.path().to_path_buf()], true, data.path());
    let options = ServerOptions {
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
    let (root, dir) = dir_on_version_a("gaz");
    let server = common::start_reloadable(vec![dir.clone()], Some(TOKEN), false).await;
    let mut admin = GazetteerAdminClient::new(server.channel().await);
    let long_line = format!("{}\n", "x".repeat(2_000));
    let mut bad = long_line.clone();
    bad.push_str(&"no tab on this line\n".repeat(99_999));
    write_atomic(&dir, &bad);
    let absolute = root.path().display().to_string();

    let err = reload(&mut admin).await.expect_err("invalid");
    assert_eq!(err.code(), Code::FailedPrecondition);
    let bytes = common::encoded_error_bytes(&err);
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

    let info = admin_info(&mut admin).await;
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
