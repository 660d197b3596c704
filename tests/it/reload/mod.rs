//! Live gazetteers: reloads under load, failed reloads keep the old index, admin auth, version
//! pins, and file watching — against a real server on 127.0.0.1.

mod access;
mod rpc;
mod watch;

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

use crate::common::with_token;

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

/// A server reloading from a directory that holds [`VERSION_A`], with [`TOKEN`] for the admin
/// service: that directory, the server, a channel to it and an admin client on the channel.
async fn start_on_version_a() -> (
    tempfile::TempDir,
    common::TestServer,
    tonic::transport::Channel,
    GazetteerAdminClient<tonic::transport::Channel>,
) {
    let dir = tempfile::tempdir().expect("tempdir");
    write_atomic(dir.path(), VERSION_A);
    let server = common::start_reloadable(vec![dir.path().to_path_buf()], Some(TOKEN), false).await;
    let channel = server.channel().await;
    let admin = GazetteerAdminClient::new(channel.clone());
    (dir, server, channel, admin)
}

/// The response to an Extract of [`TEXT`].
async fn extract_text(
    client: &mut EntityExtractorClient<tonic::transport::Channel>,
) -> gazette::proto::v1::ExtractResponse {
    client
        .extract(common::doc(TEXT))
        .await
        .expect("extract")
        .into_inner()
}

/// A directory `name` holding [`VERSION_A`] in a new temporary root: the root, which removes
/// both when dropped, and the directory.
fn dir_on_version_a(name: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path().join(name);
    std::fs::create_dir(&dir).expect("mkdir");
    write_atomic(&dir, VERSION_A);
    (root, dir)
}

/// A Reload RPC with [`TOKEN`].
async fn reload(
    admin: &mut GazetteerAdminClient<tonic::transport::Channel>,
) -> Result<tonic::Response<gazette::proto::v1::ReloadResponse>, tonic::Status> {
    admin.reload(with_token(ReloadRequest {}, TOKEN)).await
}

/// What GetInfo reports, asked with [`TOKEN`].
async fn admin_info(
    admin: &mut GazetteerAdminClient<tonic::transport::Channel>,
) -> gazette::proto::v1::GazetteerInfo {
    admin
        .get_info(with_token(GetInfoRequest {}, TOKEN))
        .await
        .expect("info")
        .into_inner()
}
