//! The history and undo on the shared store: the same scenario as on the journal, seen alike
//! by every replica, and an undo that lost a race to another writer refused by the store
//! itself.

use super::*;
use gazette::edits::{Change, Edit, EditLog, EditLogError, HistoryQuery, Meta};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn history_and_undo_are_shared_by_the_replicas() {
    let pg = TestPostgres::start().await;
    let (one, l1) = replica(&pg.url).await;
    let (two, l2) = replica(&pg.url).await;
    let mut a = admin(&one).await;
    let history = crate::edits::history::undo_scenario(&mut a, TOKEN, "admin").await;
    all_applied(&[l1, l2], last_seq(&pg).await).await;
    let mut b = admin(&two).await;
    assert_eq!(
        crate::edits::history::all_edits(&mut b, TOKEN, 4).await,
        history
    );
    assert_eq!(version(&mut a).await, version(&mut b).await);
    assert_eq!(
        name_of(&mut b, "p:habib").await.as_deref(),
        Some("Ali Habib")
    );
    assert_eq!(
        name_of(&mut b, "p:new").await.as_deref(),
        Some("Zaha Okonkwo-Bello")
    );
    assert_eq!(name_of(&mut b, "p:x").await, None);
    one.stop().await;
    two.stop().await;
}

/// Another writer's edit of the same entity lands between a replica's check and its append:
/// the store refuses the undo in the append's transaction, and stores nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_undo_that_lost_a_race_is_refused_by_the_store() {
    let pg = TestPostgres::start().await;
    let mut log = gazette::pg_log::PgLog::connect(&pg.url, tokio::runtime::Handle::current())
        .await
        .expect("connect");
    let entry = |name: &str| {
        let line = format!(r#"{{"id":"p:a","name":"{name}","type":"PERSON"}}"#);
        Change::from(Edit::Upsert(
            gazette::gazetteer::parse_entry(&line, "newsroom").expect("entry"),
        ))
    };
    let (refused, editors) = tokio::task::spawn_blocking(move || {
        let alice = Meta {
            by: "alice".into(),
            ..Meta::default()
        };
        log.append(&[entry("Zaha Okonkwo")], &alice).expect("first");
        log.append(&[entry("Zaha Bello")], &Meta::default())
            .expect("second");
        let undo = Meta {
            reverts: Some(1),
            ..alice
        };
        let restore = Change::from(Edit::Restore { id: "p:a".into() });
        let refused = log.append(&[restore], &undo).expect_err("superseded");
        let by_alice = log
            .history(&HistoryQuery {
                editor: Some("alice".into()),
                ..HistoryQuery::newest(10)
            })
            .expect("history");
        (refused, by_alice)
    })
    .await
    .expect("blocking");
    assert!(
        matches!(refused, EditLogError::Superseded { reverts: 1, by: 2 }),
        "{refused:?}"
    );
    assert_eq!(last_seq(&pg).await, 2, "nothing stored");
    let seqs: Vec<u64> = editors.iter().map(|l| l.seq).collect();
    assert_eq!(seqs, [1]);
}
