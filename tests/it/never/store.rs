//! Rules in the shared edit store: a rule added on one replica is applied by the other.

use super::*;

use crate::edit_store::{all_applied, last_seq, replica_over, TestPostgres};

/// The admin token of `edit_store`'s replicas.
const STORE_TOKEN: &str = "edit-store-token";

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_replicas_both_apply_a_rule() {
    let pg = TestPostgres::start().await;
    let dir = files("");
    let (a, live_a) = replica_over(&pg.url, None, dir.path().to_path_buf()).await;
    let (b, live_b) = replica_over(&pg.url, None, dir.path().to_path_buf()).await;
    let text = "Obama spoke.";
    assert_eq!(
        found(b.channel().await, text).await,
        [pair("Obama", "JP-OBAMA")]
    );
    let added = admin(&a)
        .await
        .add_never_rules(common::with_token(
            add(vec![rule("Obama", "LOCATION", "")]),
            STORE_TOKEN,
        ))
        .await
        .expect("added")
        .into_inner();
    all_applied(&[live_a, live_b], last_seq(&pg).await).await;
    for server in [&a, &b] {
        let r = extract(server.channel().await, text).await;
        assert!(r.mentions.is_empty(), "{:?}", r.mentions);
        assert_eq!(r.gazetteer_version, added.version);
        assert_eq!(r.suppressed[0].rule, "never:LOCATION:obama");
    }
}
