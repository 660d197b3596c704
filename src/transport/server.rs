//! Server wiring: the extractor service, health, reflection and HTTP/2 settings.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use tokio::net::TcpListener;
use tonic::transport::server::TcpIncoming;
use tonic::transport::Server;
use tonic_health::ServingStatus;

use super::admin::AdminService;
use super::live::LiveGazetteer;
use super::service::ExtractorService;
use crate::proto::v1::entity_extractor_server::EntityExtractorServer;
use crate::proto::v1::gazetteer_admin_server::GazetteerAdminServer;

/// Settings of one server.
#[derive(Debug, Clone)]
pub struct ServerOptions {
    /// Longest `text` accepted, in bytes.
    pub max_text_bytes: usize,
    /// Bearer token for admin changes; `None` refuses them.
    pub admin_token: Option<String>,
    /// Reload when the gazetteer files change.
    pub watch: bool,
    /// Reload on SIGHUP (process-wide: off in tests that run several servers).
    pub reload_on_sighup: bool,
}

/// Errors that stop the server.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The reflection service could not be built from the embedded descriptors.
    #[error("cannot build the reflection service: {0}")]
    Reflection(#[from] tonic_reflection::server::Error),
    /// The transport failed.
    #[error("transport error: {0}")]
    Transport(#[from] tonic::transport::Error),
    /// The gazetteer files cannot be watched.
    #[error("cannot watch the gazetteer files: {0}")]
    Watch(#[from] notify::Error),
    /// The SIGHUP handler cannot be installed.
    #[error("cannot handle SIGHUP: {0}")]
    Signal(#[from] std::io::Error),
}

/// Largest gRPC message decoded: room for a text at the limit plus the other fields. Messages
/// over it get tonic's OUT_OF_RANGE before any handler runs; texts between the text limit and
/// this get the precise INVALID_ARGUMENT.
fn max_message_bytes(max_text_bytes: usize) -> usize {
    (max_text_bytes.saturating_mul(2)).max(4 << 20)
}

/// Reflection knows our services, health, both reflection versions (so `list` shows them all
/// whichever version a client speaks) and google.rpc error details (so grpcurl can print the
/// `BadRequest` and `ErrorInfo` of an error).
fn reflection_builder() -> tonic_reflection::server::Builder<'static> {
    let sets: [&'static [u8]; 5] = [
        crate::proto::FILE_DESCRIPTOR_SET,
        tonic_health::pb::FILE_DESCRIPTOR_SET,
        tonic_reflection::pb::v1::FILE_DESCRIPTOR_SET,
        tonic_reflection::pb::v1alpha::FILE_DESCRIPTOR_SET,
        tonic_types::pb::FILE_DESCRIPTOR_SET,
    ];
    sets.into_iter().fold(
        tonic_reflection::server::Builder::configure(),
        tonic_reflection::server::Builder::register_encoded_file_descriptor_set,
    )
}

/// Serves on `listener` until `shutdown` completes, then drains in-flight RPCs.
///
/// Health (`grpc.health.v1.Health`, service `""` and `gazette.v1.EntityExtractor`) is SERVING
/// while the server runs and NOT_SERVING once shutdown starts.
pub async fn run(
    listener: TcpListener,
    live: Arc<LiveGazetteer>,
    options: ServerOptions,
    shutdown: impl Future<Output = ()> + Send,
) -> Result<(), ServeError> {
    let addr = listener
        .local_addr()
        .map_or_else(|_| "unknown".to_string(), |a: SocketAddr| a.to_string());
    let (health, health_service) = tonic_health::server::health_reporter();
    let service =
        EntityExtractorServer::new(ExtractorService::new(live.clone(), options.max_text_bytes))
            .max_decoding_message_size(max_message_bytes(options.max_text_bytes));
    let admin =
        GazetteerAdminServer::new(AdminService::new(live.clone(), options.admin_token.clone()));
    #[cfg(unix)]
    if options.reload_on_sighup {
        super::triggers::spawn_sighup_reload(live.clone())?;
    }
    // Kept alive until the server stops.
    let _watcher = if options.watch {
        super::triggers::spawn_file_watch(live.clone())?
    } else {
        None
    };
    health
        .set_serving::<EntityExtractorServer<ExtractorService>>()
        .await;

    let reflection_v1 = reflection_builder().build_v1()?;
    let reflection_v1alpha = reflection_builder().build_v1alpha()?;

    let snapshot = live.snapshot();
    tracing::info!(
        %addr,
        entries = snapshot.extractor.gazetteer().len(),
        version = snapshot.extractor.gazetteer().version(),
        admin = options.admin_token.is_some(),
        watch = options.watch,
        "serving"
    );
    drop(snapshot);
    let health_on_shutdown = health.clone();
    let shutdown = async move {
        shutdown.await;
        tracing::info!("shutting down: health NOT_SERVING, draining in-flight RPCs");
        health_on_shutdown
            .set_service_status("", ServingStatus::NotServing)
            .await;
        health_on_shutdown
            .set_not_serving::<EntityExtractorServer<ExtractorService>>()
            .await;
    };

    Server::builder()
        // tonic advertises no stream limit unless told (RELIABILITY.md F1).
        .max_concurrent_streams(Some(100))
        // tonic switches h2's local-reset flood guard off by default (RUSTSEC-2024-0003).
        .http2_max_local_error_reset_streams(Some(1024))
        .http2_keepalive_interval(Some(Duration::from_secs(30)))
        .http2_keepalive_timeout(Some(Duration::from_secs(10)))
        .add_service(health_service)
        .add_service(reflection_v1)
        .add_service(reflection_v1alpha)
        .add_service(service)
        .add_service(admin)
        // Without TCP_NODELAY, small responses wait ~40 ms on Nagle + delayed ACK.
        .serve_with_incoming_shutdown(
            TcpIncoming::from(listener)
                .with_nodelay(Some(true))
                .with_keepalive(Some(Duration::from_secs(60))),
            shutdown,
        )
        .await?;
    tracing::info!("stopped");
    Ok(())
}
