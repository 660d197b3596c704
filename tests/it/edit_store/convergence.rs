//! Every replica serves the same edits: writers racing on three replicas end in one state (the
//! last edit by sequence wins), byte-identical answers, and a replica started later catches up
//! before it serves.

use super::*;

/// Three replicas, each writing the same id and ids of its own at the same time: afterwards
/// every replica has applied every edit, they report one version, answer Extract byte for byte
/// alike, and the contested id holds what the last row (by seq) says.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn racing_writers_on_three_replicas_converge() {
    let pg = TestPostgres::start().await;
    let mut replicas = Vec::new();
    for _ in 0..3 {
        replicas.push(replica(&pg.url).await);
    }
    let rounds = 15;
    let mut writers = Vec::new();
    for (r, (server, _)) in replicas.iter().enumerate() {
        let mut admin = admin(server).await;
        writers.push(tokio::spawn(async move {
            for i in 0..rounds {
                let entries = vec![
                    super::person("p:contested", &format!("Mirela Dascalu {r}{i}")),
                    super::person(&format!("p:own-{r}-{i}"), &format!("Zaha Okonkwo {r}{i}")),
                ];
                upsert(&mut admin, entries).await.expect("upsert");
            }
        }));
    }
    for w in writers {
        w.await.expect("writer");
    }
    let last = last_seq(&pg).await;
    assert_eq!(last, 3 * rounds as u64 * 2, "every edit is a row");
    let lives: Vec<_> = replicas.iter().map(|(_, l)| l.clone()).collect();
    all_applied(&lives, last).await;

    // The contested id: the newest row wins everywhere.
    let winner: String = {
        let client = pg.client().await;
        let row = client
            .query_one(
                "SELECT record FROM gazette_edits WHERE record LIKE '%\"p:contested\"%' \
                 ORDER BY seq DESC LIMIT 1",
                &[],
            )
            .await
            .expect("last contested row");
        let record: String = row.get(0);
        let edit = gazette::edits::Edit::from_record(record.as_bytes()).expect("a valid record");
        match edit {
            gazette::edits::Edit::Upsert(e) => e.name,
            other => panic!("an upsert, not {other:?}"),
        }
    };
    let text = format!("{winner} met Ali Habib and Zaha Okonkwo 12 in Aleppo.");
    let mut versions = Vec::new();
    let mut answers = Vec::new();
    for (server, _) in &replicas {
        let mut admin = admin(server).await;
        assert_eq!(
            name_of(&mut admin, "p:contested").await.as_deref(),
            Some(winner.as_str())
        );
        versions.push(version(&mut admin).await);
        answers.push(extract_bytes(server, &text).await);
    }
    assert!(versions.windows(2).all(|w| w[0] == w[1]), "{versions:?}");
    for (server, _) in &replicas {
        let log = edit_log(&mut admin(server).await).await;
        assert_eq!((log.kind.as_str(), log.applied_seq), ("postgres", last));
        assert!(
            log.error.is_empty() && log.last_contact_unix_ms > 0,
            "{log:?}"
        );
    }
    assert!(answers.windows(2).all(|w| w[0] == w[1]), "answers differ");
    for (server, _) in replicas {
        server.stop().await;
    }
}

/// A replica started after edits were made serves them from its first request.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_replica_catches_up_before_it_serves() {
    let pg = TestPostgres::start().await;
    let (first, _) = replica(&pg.url).await;
    let mut a = admin(&first).await;
    for i in 0..20 {
        upsert(
            &mut a,
            vec![super::person(
                &format!("p:{i}"),
                &format!("Person Number {i}"),
            )],
        )
        .await
        .expect("upsert");
    }
    let (second, live) = replica(&pg.url).await;
    assert_eq!(live.applied_seq(), 20);
    let mut b = admin(&second).await;
    assert_eq!(
        name_of(&mut b, "p:19").await.as_deref(),
        Some("Person Number 19")
    );
    assert_eq!(version(&mut a).await, version(&mut b).await);
    first.stop().await;
    second.stop().await;
}

/// An edit on one replica is served by another within the poll interval at most (it is
/// normally notified at once).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edit_on_one_replica_is_served_by_the_other() {
    let pg = TestPostgres::start().await;
    let (one, _) = replica(&pg.url).await;
    let (two, _) = replica(&pg.url).await;
    let mut a = admin(&one).await;
    let mut b = admin(&two).await;
    upsert(&mut a, vec![super::person("p:minister", "Amira Haddad")])
        .await
        .expect("upsert");
    common::bounded(10, "the other replica serves the edit", async {
        while name_of(&mut b, "p:minister").await.is_none() {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    })
    .await;
    one.stop().await;
    two.stop().await;
}
