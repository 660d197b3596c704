//! Admin edits: durable (journaled and synced before acknowledged, surviving SIGKILL), visible
//! at once, validated like file lines, and kept across reloads.

mod apply;
mod durable;
mod editors;
mod fold;
pub(crate) mod history;
mod semantics;
mod validation;

use crate::common;

use gazette::proto::v1::entity_extractor_client::EntityExtractorClient;
use gazette::proto::v1::gazetteer_admin_client::GazetteerAdminClient;
use gazette::proto::v1::{
    DeleteEntitiesRequest, GazetteerEntry, GetEntityRequest, ReloadRequest, UpsertEntitiesRequest,
};
use tonic::{Code, Request};

const TOKEN: &str = "edit-token";

fn authed<T>(msg: T) -> Request<T> {
    common::with_token(msg, TOKEN)
}

fn person(id: &str, name: &str) -> GazetteerEntry {
    GazetteerEntry {
        id: id.into(),
        name: name.into(),
        r#type: "PERSON".into(),
        ..Default::default()
    }
}

fn upsert(entries: Vec<GazetteerEntry>) -> Request<UpsertEntitiesRequest> {
    authed(UpsertEntitiesRequest {
        entries,
        namespace: "newsroom".into(),
    })
}

async fn mentions(
    client: &mut EntityExtractorClient<tonic::transport::Channel>,
    text: &str,
) -> Vec<(String, String)> {
    let r = client
        .extract(common::doc(text))
        .await
        .expect("extract")
        .into_inner();
    r.mentions
        .into_iter()
        .map(|m| (m.text, m.entity_id))
        .collect()
}

/// The error of an upsert of `batch` that must be refused as INVALID_ARGUMENT.
async fn refused(
    admin: &mut GazetteerAdminClient<tonic::transport::Channel>,
    batch: Vec<GazetteerEntry>,
) -> tonic::Status {
    let err = admin
        .upsert_entities(upsert(batch))
        .await
        .expect_err("invalid");
    assert_eq!(err.code(), Code::InvalidArgument, "{err:?}");
    err
}

/// Whether each of `ids` is in service, in order.
async fn in_service(
    admin: &mut GazetteerAdminClient<tonic::transport::Channel>,
    ids: &[&str],
) -> Vec<bool> {
    let mut out = Vec::new();
    for id in ids {
        let got = admin
            .get_entity(common::with_token(
                GetEntityRequest { id: (*id).into() },
                TOKEN,
            ))
            .await;
        match got {
            Ok(_) => out.push(true),
            Err(s) if s.code() == Code::NotFound => out.push(false),
            Err(s) => panic!("get_entity {id}: {s:?}"),
        }
    }
    out
}

/// A server with the journal in a new data directory, on a new directory holding `people.tsv`
/// with `tsv`: the files, the data directory and the server.
async fn start_journaled(tsv: &str) -> (tempfile::TempDir, tempfile::TempDir, common::TestServer) {
    let files = people_files(tsv);
    let data = tempfile::tempdir().expect("tempdir");
    let server =
        common::start_with_journal(vec![files.path().to_path_buf()], data.path(), TOKEN).await;
    (files, data, server)
}

/// What [`spawn_server`] runs on: files knowing Ali Habib, an empty data directory, and a token
/// file (among the files) holding [`TOKEN`].
fn files_for_the_binary() -> (tempfile::TempDir, tempfile::TempDir, std::path::PathBuf) {
    let files = people_files("Ali Habib\tPERSON\tp:habib\n");
    let data = tempfile::tempdir().expect("tempdir");
    let token_file = files.path().join("token.secret");
    std::fs::write(&token_file, format!("{TOKEN}\n")).expect("write token");
    (files, data, token_file)
}

/// A directory holding `people.tsv` with `tsv`.
fn people_files(tsv: &str) -> tempfile::TempDir {
    let files = tempfile::tempdir().expect("tempdir");
    std::fs::write(files.path().join("people.tsv"), tsv).expect("write");
    files
}

/// Starts `gazette serve` as a child process on the files, journal and token, with its URL.
async fn spawn_server(
    files: &std::path::Path,
    data: &std::path::Path,
    token_file: &std::path::Path,
) -> (tokio::process::Child, String) {
    spawn_server_under(&[], files, data, token_file).await
}

/// [`spawn_server`] under `wrapper` (see [`common::serve_command`]).
async fn spawn_server_under(
    wrapper: &[&str],
    files: &std::path::Path,
    data: &std::path::Path,
    token_file: &std::path::Path,
) -> (tokio::process::Child, String) {
    let args: [&std::ffi::OsStr; 8] = [
        "--no-default-gazetteer".as_ref(),
        "--no-watch".as_ref(),
        "--gazetteer".as_ref(),
        files.as_os_str(),
        "--data-dir".as_ref(),
        data.as_os_str(),
        "--admin-token-file".as_ref(),
        token_file.as_os_str(),
    ];
    let (child, addr) = common::spawn_binary_under(wrapper, &args).await;
    (child, format!("http://{addr}"))
}
