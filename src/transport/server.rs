//! Server wiring: the extractor service, health, reflection and HTTP/2 settings.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use tokio::net::TcpListener;
use tonic::transport::{Certificate, Identity, Server, ServerTlsConfig};
use tonic_health::ServingStatus;

use super::admin::{admin_server, AdminTokens};
use super::admission::{Admission, Admitted};
use super::byte_budget::ByteBudget;
use super::config::{default_max_message_bytes, TlsFiles, DEFAULT_MAX_CONCURRENT_RPCS};
use super::connection::{incoming, ActivityLayer, ConnectionLimits};
use super::console::ConsoleListener;
use super::drain::WatchesEndAtShutdown;
use super::fit_errors::FitErrorsLayer;
use super::matching::MatchingPool;
use super::service::ExtractorService;
use super::service::DEFAULT_MAX_TEXT_BYTES;
use super::slow_peer::{
    SlowPeerLayer, SlowPeerLimits, DEFAULT_MAX_CONNECTION_RESPONSE_BUFFER_BYTES,
    DEFAULT_MAX_RESPONSE_BUFFER_BYTES, DEFAULT_SLOW_PEER_TIMEOUT,
};
use crate::live::LiveGazetteer;
use crate::proto::v1::entity_extractor_server::EntityExtractorServer;

/// Settings of one server.
#[derive(Debug, Clone)]
pub struct ServerOptions {
    /// Longest `text` accepted, in bytes.
    pub max_text_bytes: usize,
    /// Largest request message decoded, in bytes.
    pub max_message_bytes: usize,
    /// Extractor RPCs in flight at once before shedding.
    pub max_concurrent_rpcs: usize,
    /// Close connections with no open RPC for this long (`None`: never).
    pub idle_timeout: Option<Duration>,
    /// After the shutdown signal, how long in-flight RPCs may still run.
    pub drain_timeout: Duration,
    /// Serve TLS (and require client certificates when a client CA is given).
    pub tls: Option<TlsFiles>,
    /// Bearer token for admin changes (and reads); `None` refuses changes.
    pub admin_token: Option<String>,
    /// Bearer token for admin reads only (GetInfo, GetEntity). With neither token, reads are
    /// open.
    pub admin_read_token: Option<String>,
    /// Named admin tokens (`--admin-tokens-file`), each recorded with the edits made with it.
    pub admin_tokens: Vec<super::admin::NamedToken>,
    /// Admin RPCs in flight at once before shedding (their own limit, apart from the
    /// extractor's).
    pub max_concurrent_admin_rpcs: usize,
    /// How long an admitted admin call may take to send its request message.
    pub admin_body_timeout: Duration,
    /// Reload when the gazetteer files change.
    pub watch: bool,
    /// How often the gazetteer files' metadata is compared, as a backstop to (and fallback for)
    /// filesystem events.
    pub watch_poll_interval: Duration,
    /// Reload on SIGHUP (process-wide: off in tests that run several servers).
    pub reload_on_sighup: bool,
    /// Threads that match documents too large to match inline (see `transport/matching.rs`).
    pub matching_threads: usize,
    /// Longest wait for one request message (`None`: no limit); see `transport/slow_peer.rs`.
    pub request_read_timeout: Option<Duration>,
    /// Close a connection once one of its responses has waited this long for the peer to take
    /// data (`None`: never).
    pub send_stall_timeout: Option<Duration>,
    /// Response bytes held at once for one connection.
    pub max_connection_response_bytes: usize,
    /// Response bytes held at once, process-wide (shared by every server given this budget).
    pub response_bytes: Arc<ByteBudget>,
    /// Serve the web console (its page and gRPC-web) on this listener too (`None`: no console).
    pub console: Option<ConsoleListener>,
}

impl Default for ServerOptions {
    /// The `gazette serve` defaults, without admin changes, file watching or SIGHUP.
    fn default() -> Self {
        ServerOptions {
            max_text_bytes: DEFAULT_MAX_TEXT_BYTES,
            max_message_bytes: default_max_message_bytes(DEFAULT_MAX_TEXT_BYTES),
            max_concurrent_rpcs: DEFAULT_MAX_CONCURRENT_RPCS,
            idle_timeout: Some(Duration::from_secs(300)),
            drain_timeout: Duration::from_secs(20),
            tls: None,
            admin_token: None,
            admin_read_token: None,
            admin_tokens: Vec::new(),
            max_concurrent_admin_rpcs: super::admin::DEFAULT_MAX_CONCURRENT_ADMIN_RPCS,
            admin_body_timeout: super::admin::DEFAULT_ADMIN_BODY_TIMEOUT,
            watch: false,
            watch_poll_interval: super::triggers::DEFAULT_WATCH_POLL_INTERVAL,
            reload_on_sighup: false,
            matching_threads: std::thread::available_parallelism().map_or(2, |n| n.get()),
            request_read_timeout: Some(DEFAULT_SLOW_PEER_TIMEOUT),
            send_stall_timeout: Some(DEFAULT_SLOW_PEER_TIMEOUT),
            max_connection_response_bytes: DEFAULT_MAX_CONNECTION_RESPONSE_BUFFER_BYTES,
            response_bytes: ByteBudget::process_wide(DEFAULT_MAX_RESPONSE_BUFFER_BYTES),
            console: None,
        }
    }
}

/// Largest health or reflection request message (a service or symbol name).
const MAX_PROBE_MESSAGE_BYTES: usize = 16 * 1024;

/// How long a TLS handshake may take (tonic sets no limit; RELIABILITY.md F8).
const TLS_HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

/// Errors that stop the server. A variant with a `source` does not repeat it in its message:
/// the binary prints the whole chain.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The reflection service could not be built from the embedded descriptors.
    #[error("cannot build the reflection service")]
    Reflection(#[from] tonic_reflection::server::Error),
    /// The transport failed.
    #[error("transport error")]
    Transport(#[from] tonic::transport::Error),
    /// The SIGHUP handler cannot be installed.
    #[error("cannot handle SIGHUP")]
    Signal(#[from] std::io::Error),
    /// The console's listener cannot be served (`--console-listen`).
    #[error("cannot serve the console (--console-listen): {0}")]
    Console(std::io::Error),
    /// The matching threads cannot be started.
    #[error("cannot start the matching threads: {0}")]
    Threads(std::io::Error),
    /// The TLS files are not a usable certificate and key.
    #[error("cannot serve TLS with --tls-cert/--tls-key/--tls-client-ca: {0}")]
    Tls(String),
}

fn tls_config(files: &TlsFiles) -> ServerTlsConfig {
    let config = ServerTlsConfig::new()
        .identity(Identity::from_pem(&files.cert, &files.key))
        .timeout(TLS_HANDSHAKE_TIMEOUT);
    match &files.client_ca {
        Some(ca) => config.client_ca_root(Certificate::from_pem(ca)),
        None => config,
    }
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

/// Serves on `listener` until `shutdown` completes, then drains in-flight RPCs for at most
/// `options.drain_timeout`.
///
/// Health (`grpc.health.v1.Health`, service `""` and `gazette.v1.EntityExtractor`) is SERVING
/// while the server runs and NOT_SERVING once shutdown starts. Health and reflection sit outside
/// admission (never shed); the admin service has its own bearer-token check (from the headers,
/// before the body is read) and its own in-flight limit.
pub async fn run(
    listener: TcpListener,
    live: Arc<LiveGazetteer>,
    options: ServerOptions,
    shutdown: impl Future<Output = ()> + Send,
) -> Result<(), ServeError> {
    let addr = listener
        .local_addr()
        .map_or_else(|_| "unknown".to_string(), |a: SocketAddr| a.to_string());
    // TLS first: bad certificate files must stop the start-up before anything is served.
    let mut builder = Server::builder();
    if let Some(files) = &options.tls {
        builder = builder.tls_config(tls_config(files)).map_err(|e| {
            let source = std::error::Error::source(&e).map(ToString::to_string);
            ServeError::Tls(source.unwrap_or_else(|| e.to_string()))
        })?;
    }
    let (health, health_service) = tonic_health::server::health_reporter();
    // Health and reflection sit outside admission and need no token: their messages are a
    // service or symbol name, so tonic's 4 MiB default let unfinished bodies pile up.
    let health_service = health_service.max_decoding_message_size(MAX_PROBE_MESSAGE_BYTES);
    let admission = Admission::new(options.max_concurrent_rpcs, options.max_message_bytes);
    let pool = MatchingPool::new(options.matching_threads).map_err(ServeError::Threads)?;
    let service = admission.wrap(
        EntityExtractorServer::new(ExtractorService::new(
            live.clone(),
            options.max_text_bytes,
            pool,
        ))
        .max_decoding_message_size(options.max_message_bytes),
    );
    #[cfg(unix)]
    if options.reload_on_sighup {
        super::triggers::spawn_sighup_reload(live.clone())?;
    }
    // Kept alive until the server stops.
    let file_watch = options
        .watch
        .then(|| super::triggers::spawn_file_watch(live.clone(), options.watch_poll_interval))
        .flatten();
    // Tokens checked from the headers before any body is read; its own in-flight limit; edit
    // batches may be as large as extractor messages, the other admin messages are tiny.
    let admin = admin_server(
        live.clone(),
        AdminTokens {
            admin: options.admin_token.clone(),
            read: options.admin_read_token.clone(),
            named: options.admin_tokens.clone(),
        },
        options.max_concurrent_admin_rpcs,
        options.max_message_bytes,
        options.admin_body_timeout,
        file_watch.as_ref().map(|w| w.status()),
    );
    health
        .set_serving::<Admitted<EntityExtractorServer<ExtractorService>>>()
        .await;

    let reflection_v1 = reflection_builder()
        .build_v1()?
        .max_decoding_message_size(MAX_PROBE_MESSAGE_BYTES);
    let reflection_v1alpha = reflection_builder()
        .build_v1alpha()?
        .max_decoding_message_size(MAX_PROBE_MESSAGE_BYTES);

    let snapshot = live.snapshot();
    tracing::info!(
        %addr,
        entries = snapshot.extractor.gazetteer().len(),
        version = snapshot.extractor.gazetteer().version(),
        admin = options.admin_token.is_some(),
        admin_read = options.admin_read_token.is_some(),
        named_tokens = options.admin_tokens.len(),
        watch = options.watch,
        "serving"
    );
    crate::metrics::record_gazetteer(snapshot.extractor.gazetteer());
    drop(snapshot);
    let health_on_shutdown = health.clone();
    let (shutting_down, mut drain_started) = tokio::sync::watch::channel(false);
    let health_service = WatchesEndAtShutdown::new(health_service, drain_started.clone());
    super::store_health::spawn(live.clone(), health.clone(), drain_started.clone());
    let shutdown = {
        async move {
            shutdown.await;
            tracing::info!("shutting down: health NOT_SERVING, draining in-flight RPCs");
            health_on_shutdown
                .set_service_status("", ServingStatus::NotServing)
                .await;
            health_on_shutdown
                .set_not_serving::<Admitted<EntityExtractorServer<ExtractorService>>>()
                .await;
            shutting_down.send_replace(true);
        }
    };

    let limits = ConnectionLimits {
        idle_timeout: options.idle_timeout,
        send_stall_timeout: options.send_stall_timeout,
        response_bytes: options.max_connection_response_bytes,
    };
    let slow_peers = SlowPeerLayer::new(SlowPeerLimits {
        request_read_timeout: options.request_read_timeout,
        response_bytes: options.response_bytes.clone(),
    });
    // The console serves the same service stacks (one admission, one token gate) over
    // gRPC-web, and stops when the drain starts.
    let console_tcp = match &options.console {
        Some(listener) => Some((
            listener.to_tokio().map_err(ServeError::Console)?,
            listener.hosts(),
        )),
        None => None,
    };
    let console = console_tcp.map(|(tcp, hosts)| {
        let mut stop = drain_started.clone();
        let serving = super::console::ConsoleServing {
            limits,
            slow_peers: slow_peers.clone(),
            tls: options.tls.as_ref().map(tls_config),
            hosts,
        };
        super::console::serve(tcp, service.clone(), admin.clone(), serving, async move {
            let _ = stop.wait_for(|down| *down).await;
        })
    });
    let console = async {
        match console {
            Some(serving) => serving.await.map_err(ServeError::from),
            None => Ok(()),
        }
    };
    let server = builder
        .layer(ActivityLayer)
        .layer(slow_peers)
        // Every error fits in the trailers, whoever built it.
        .layer(FitErrorsLayer)
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
        .serve_with_incoming_shutdown(incoming(listener, limits), shutdown);
    // Both stop at shutdown; the first error stops the process, and neither server's in-flight
    // RPCs are cut while the other still drains.
    let served = async {
        tokio::try_join!(async { server.await.map_err(ServeError::from) }, console).map(|_| ())
    };
    // tonic waits for every connection to close, with no limit (RELIABILITY.md F5).
    let drain_over = async {
        let _ = drain_started.wait_for(|down| *down).await;
        tokio::time::sleep(options.drain_timeout).await;
    };
    tokio::select! {
        served = served => {
            served?;
            tracing::info!("stopped");
        }
        () = drain_over => tracing::warn!(
            drain_timeout = ?options.drain_timeout,
            in_flight = admission.in_flight(),
            "drain time over: closing the remaining connections"
        ),
    }
    Ok(())
}
