//! SearchEntities over gRPC: folded matching, a read behind the read gate, field violations.

use super::{start, TOKEN};
use crate::common;
use gazette::proto::v1::gazetteer_admin_client::GazetteerAdminClient;
use gazette::proto::v1::SearchEntitiesRequest;

fn ask(query: &str, page_size: u32) -> SearchEntitiesRequest {
    SearchEntitiesRequest {
        query: query.into(),
        r#type: String::new(),
        page_size,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn finds_by_folded_name_and_alias() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (server, _) = start(dir.path()).await;
    let mut admin = GazetteerAdminClient::new(server.channel().await);
    let found = admin
        .search_entities(common::with_token(ask("ZOE", 0), TOKEN))
        .await
        .expect("search")
        .into_inner();
    assert_eq!(found.entities[0].id, "person:zoe-brandt");
    assert_eq!(found.entities[0].how, "prefix");
    // An alias in another script: Beijing's 北京.
    let found = admin
        .search_entities(common::with_token(ask("北京", 0), TOKEN))
        .await
        .expect("search")
        .into_inner();
    assert_eq!(
        (
            found.entities[0].id.as_str(),
            found.entities[0].matched.as_str()
        ),
        ("loc:beijing", "北京")
    );
    let bounded = admin
        .search_entities(common::with_token(ask("o", 1), TOKEN))
        .await
        .expect("search")
        .into_inner();
    assert_eq!(bounded.entities.len(), 1);
    assert!(bounded.truncated);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_fields_and_the_read_gate() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (server, _) = start(dir.path()).await;
    let mut admin = GazetteerAdminClient::new(server.channel().await);
    let refused = admin
        .search_entities(ask("zoe", 0))
        .await
        .expect_err("a token is configured, so reads need one");
    assert_eq!(refused.code(), tonic::Code::Unauthenticated);
    let bad = admin
        .search_entities(common::with_token(ask(" . ", 101), TOKEN))
        .await
        .expect_err("invalid");
    assert_eq!(bad.code(), tonic::Code::InvalidArgument);
    assert_eq!(common::violated_fields(&bad), ["query", "page_size"]);
    server.stop().await;
}

/// A read-only token may search (it is a read), and over gRPC-web too.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_read_token_may_search() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind console");
    let console = gazette::transport::ConsoleListener::new(listener);
    let addr = console.local_addr().expect("addr");
    let options = common::ServerOptions {
        admin_read_token: Some("console-read-only-token-01".into()),
        console: Some(console),
        ..Default::default()
    };
    let live = common::reloading(vec![common::test_gazetteer_dir()]);
    let server = common::start_live(live, options).await;
    let mut admin = GazetteerAdminClient::new(server.channel().await);
    let found = admin
        .search_entities(common::with_token(
            ask("brandt", 0),
            "console-read-only-token-01",
        ))
        .await
        .expect("a read token searches")
        .into_inner();
    assert_eq!(found.entities[0].id, "person:zoe-brandt");
    let path = "/gazette.v1.GazetteerAdmin/SearchEntities";
    let web = super::grpc_web(
        addr,
        path,
        &ask("brandt", 0),
        Some("console-read-only-token-01"),
    )
    .await;
    assert_eq!(web.status, "0");
    let decoded = <gazette::proto::v1::SearchEntitiesResponse as prost::Message>::decode(
        web.messages[0].clone(),
    )
    .expect("decodes");
    assert_eq!(decoded, found);
    server.stop().await;
}
