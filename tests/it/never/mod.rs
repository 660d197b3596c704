//! "Never tag" rules end to end: in gazetteer files (with `file:line` errors and the reload
//! rules of entries), through the admin RPCs (journaled, versioned, in the history, undone by
//! RevertEdit, write-gated), named by explain mode, and shared by replicas of one edit store.

mod api;
mod files;
mod store;

use gazette::proto::v1::entity_extractor_client::EntityExtractorClient;
use gazette::proto::v1::gazetteer_admin_client::GazetteerAdminClient;
use gazette::proto::v1::{AddNeverRulesRequest, ExtractResponse, NeverRule};
use tonic::transport::Channel;

use crate::common;

const TOKEN: &str = "never-token";

/// The places and people every test here starts from: `Obama` is a town in Japan, `Jordan` a
/// country and a player, `Paris` two places.
const PLACES: &str = r#"{"id":"JP-OBAMA","name":"Obama","type":"LOCATION"}
{"id":"JO","name":"Jordan","type":"LOCATION","prior":2}
{"id":"MJ","name":"Michael Jordan","type":"PERSON","aliases":["Jordan"]}
{"id":"Q90","name":"Paris","type":"LOCATION","prior":1}
{"id":"US-PARIS","name":"Paris","type":"LOCATION","attributes":{"country_code":"US"}}
"#;

/// A directory holding `places.jsonl` (with [`PLACES`] and `more` after it).
fn files(more: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("places.jsonl"), format!("{PLACES}{more}")).expect("write");
    dir
}

fn rule(form: &str, ty: &str, entity: &str) -> NeverRule {
    NeverRule {
        form: form.into(),
        r#type: ty.into(),
        entity: entity.into(),
        ..Default::default()
    }
}

fn add(rules: Vec<NeverRule>) -> AddNeverRulesRequest {
    AddNeverRulesRequest {
        rules,
        namespace: String::new(),
    }
}

/// Extract with explain on.
async fn extract(channel: Channel, text: &str) -> ExtractResponse {
    let mut request = common::doc(text);
    request.explain = true;
    EntityExtractorClient::new(channel)
        .extract(request)
        .await
        .expect("extract")
        .into_inner()
}

/// The (text, entity id) of each mention of `text`.
async fn found(channel: Channel, text: &str) -> Vec<(String, String)> {
    extract(channel, text)
        .await
        .mentions
        .into_iter()
        .map(|m| (m.text, m.entity_id))
        .collect()
}

fn pair(text: &str, id: &str) -> (String, String) {
    (text.to_string(), id.to_string())
}

async fn admin(server: &common::TestServer) -> GazetteerAdminClient<Channel> {
    GazetteerAdminClient::new(server.channel().await)
}
