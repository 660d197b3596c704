//! The store failing: writes refused with UNAVAILABLE while the database is down (never
//! acknowledged without a commit), the last state serving meanwhile, and everything acknowledged
//! served everywhere once it is back; a schema newer than the server is refused.

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_database_restart_loses_no_acknowledged_edit() {
    let pg = TestPostgres::start().await;
    if std::env::var("GAZETTE_TEST_POSTGRES_URL").is_ok() {
        // An external server is not ours to restart.
        return;
    }
    let (one, l1) = replica(&pg.url).await;
    let (two, l2) = replica(&pg.url).await;
    let mut a = admin(&one).await;
    // A write burst from one replica while the database goes away and comes back.
    let burst = tokio::spawn(async move {
        let mut acknowledged = Vec::new();
        for i in 0..60 {
            let id = format!("p:burst-{i}");
            if upsert(
                &mut a,
                vec![super::person(&id, &format!("Burst Person {i}"))],
            )
            .await
            .is_ok()
            {
                acknowledged.push(id);
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        acknowledged
    });
    tokio::time::sleep(Duration::from_millis(300)).await;
    pg.restart().await;
    let acknowledged = burst.await.expect("burst");
    assert!(
        !acknowledged.is_empty(),
        "some writes succeed around the restart"
    );
    let last = last_seq(&pg).await;
    all_applied(&[l1.clone(), l2.clone()], last).await;
    // Every acknowledged edit is a row and served by both replicas; nothing else is.
    let client = pg.client().await;
    let rows = client
        .query("SELECT record FROM gazette_edits", &[])
        .await
        .expect("rows");
    let stored: std::collections::BTreeSet<String> = rows
        .iter()
        .map(|r| {
            let record: String = r.get(0);
            gazette::edits::Edit::from_record(record.as_bytes())
                .expect("valid")
                .id()
                .to_string()
        })
        .collect();
    // Acknowledged = committed: no acknowledged edit is lost, and none that was refused is
    // stored (a refusal is given only when the commit did not happen).
    let acknowledged_set: std::collections::BTreeSet<String> =
        acknowledged.iter().cloned().collect();
    assert_eq!(
        stored, acknowledged_set,
        "stored rows are exactly the acknowledged edits"
    );
    for (server, _) in [(&one, &l1), (&two, &l2)] {
        let mut admin = admin(server).await;
        for id in &stored {
            assert!(name_of(&mut admin, id).await.is_some(), "{id} served");
        }
    }
    one.stop().await;
    two.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn writes_fail_unavailable_while_the_store_is_down_and_reads_go_on() {
    let pg = TestPostgres::start().await;
    if std::env::var("GAZETTE_TEST_POSTGRES_URL").is_ok() {
        return;
    }
    let (one, _) = replica(&pg.url).await;
    let mut a = admin(&one).await;
    upsert(&mut a, vec![super::person("p:before", "Before Outage")])
        .await
        .expect("upsert");
    let store = gazette::transport::EDIT_STORE_HEALTH_SERVICE;
    wait_for_health(&one, store, true).await;
    let dir = pg.cluster.clone().expect("own cluster");
    let out = std::process::Command::new("bash")
        .arg(script())
        .arg("stop")
        .arg(&dir)
        .output()
        .expect("stop");
    common::assert_success(&out);
    let refused = upsert(&mut a, vec![super::person("p:during", "During Outage")])
        .await
        .expect_err("no commit, no acknowledgement");
    assert_eq!(
        refused.code(),
        tonic::Code::Unavailable,
        "{}",
        refused.message()
    );
    assert!(
        !refused.message().contains("127.0.0.1"),
        "{}",
        refused.message()
    );
    // Reads and extraction go on from the last state.
    assert_eq!(
        name_of(&mut a, "p:before").await.as_deref(),
        Some("Before Outage")
    );
    assert_eq!(name_of(&mut a, "p:during").await, None);
    // Health says so for the store, not for the server: it keeps serving.
    wait_for_health(&one, store, false).await;
    assert!(health(&one, "").await);
    one.stop().await;
}

/// Whether `server`'s health service says `service` is SERVING.
async fn health(server: &TestServer, service: &str) -> bool {
    use tonic_health::pb::{health_client::HealthClient, HealthCheckRequest};
    let status = HealthClient::new(server.channel().await)
        .check(HealthCheckRequest {
            service: service.into(),
        })
        .await
        .expect("health check")
        .into_inner()
        .status;
    status == tonic_health::pb::health_check_response::ServingStatus::Serving as i32
}

async fn wait_for_health(server: &TestServer, service: &str, serving: bool) {
    common::bounded(20, &format!("{service} health is {serving}"), async {
        while health(server, service).await != serving {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_schema_newer_than_the_server_is_refused() {
    let pg = TestPostgres::start().await;
    // Bring the schema up to date, then pretend a newer Gazette migrated it further.
    let (server, _) = replica(&pg.url).await;
    server.stop().await;
    let client = pg.client().await;
    client
        .execute(
            "INSERT INTO gazette_schema_history (version, name, applied_on, checksum) \
             VALUES (999, 'from_the_future', '2030-01-01T00:00:00Z', '0')",
            &[],
        )
        .await
        .expect("insert a future migration");
    let err = gazette::pg_log::PgLog::connect(&pg.url, tokio::runtime::Handle::current())
        .await
        .expect_err("refused");
    let message = err.to_string();
    assert!(message.contains("schema"), "{message}");
}

/// A `gazette serve --edit-store` process SIGKILLed while another replica writes a burst (so
/// mid-apply, most likely) restarts into the same state as the others: the same applied seq,
/// version and answers.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_replica_killed_mid_apply_restarts_into_the_same_state() {
    use std::ffi::OsStr;
    let pg = TestPostgres::start().await;
    let (one, l1) = replica(&pg.url).await;
    let token_dir = tempfile::tempdir().expect("tempdir");
    let token_file = token_dir.path().join("token");
    std::fs::write(&token_file, TOKEN).expect("token");
    let people = people_dir();
    let args: Vec<&OsStr> = vec![
        OsStr::new("--no-default-gazetteer"),
        OsStr::new("--no-watch"),
        OsStr::new("--gazetteer"),
        people.as_os_str(),
        OsStr::new("--edit-store"),
        OsStr::new(&pg.url),
        OsStr::new("--edit-store-poll"),
        OsStr::new("200ms"),
        OsStr::new("--admin-token-file"),
        token_file.as_os_str(),
    ];
    let (mut child, _) = common::spawn_binary(&args).await;
    let mut a = admin(&one).await;
    let burst = tokio::spawn(async move {
        for i in 0..150 {
            let id = format!("p:kill-{i}");
            upsert(
                &mut a,
                vec![super::person(&id, &format!("Killed Burst {i}"))],
            )
            .await
            .expect("upsert");
        }
    });
    tokio::time::sleep(Duration::from_millis(150)).await;
    child.start_kill().expect("SIGKILL");
    let _ = child.wait().await;
    burst.await.expect("burst");
    let (_restarted, addr) = common::spawn_binary(&args).await;
    let last = last_seq(&pg).await;
    all_applied(&[l1], last).await;
    let channel = tonic::transport::Channel::from_shared(format!("http://{addr}"))
        .expect("uri")
        .connect()
        .await
        .expect("connect");
    let mut b = GazetteerAdminClient::new(channel);
    common::bounded(20, "the restarted replica applies every edit", async {
        while edit_log(&mut b).await.applied_seq < last {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await;
    let mut a = admin(&one).await;
    assert_eq!(version(&mut a).await, version(&mut b).await);
    assert_eq!(
        name_of(&mut b, "p:kill-149").await.as_deref(),
        Some("Killed Burst 149")
    );
    one.stop().await;
}

/// A store that went back (rows lost to a restore or a failover) is reported, not followed:
/// its next rows would reuse seqs this replica applied.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_store_that_lost_applied_edits_is_reported() {
    let pg = TestPostgres::start().await;
    let (one, _) = replica(&pg.url).await;
    let mut a = admin(&one).await;
    for i in 0..3 {
        upsert(&mut a, vec![super::person(&format!("p:{i}"), "Lost Later")])
            .await
            .expect("upsert");
    }
    let client = pg.client().await;
    client
        .execute("DELETE FROM gazette_edits WHERE seq > 1", &[])
        .await
        .expect("lose two rows");
    let log = common::bounded(10, "GetInfo reports the store went back", async {
        loop {
            let log = edit_log(&mut a).await;
            if !log.error.is_empty() {
                break log;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    })
    .await;
    assert!(log.error.contains("restart the replicas"), "{}", log.error);
    assert_eq!(log.applied_seq, 3);
    one.stop().await;
}
