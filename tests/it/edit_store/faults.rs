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
    one.stop().await;
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
