//! The editor's web console (`--console-listen`): the embedded page and, on the same origin,
//! gRPC-web for the extractor and the admin service.
//!
//! The console is a browser client like any other: its calls go through the *same* service
//! stacks as the gRPC port (the extractor's admission, the admin token gate, limits and
//! admission), only translated from gRPC-web by `tonic-web`. Nothing here grants a power the
//! caller's token does not have. There is no CORS layer: a page from another origin cannot
//! read the answers (its preflight for `application/grpc-web` is refused), and the token is a
//! header the page sets, never a cookie, so there is nothing for another site to ride on.
//!
//! The assets are built from `console/` by `console/build.sh` and committed under
//! `src/console/`, so building Gazette needs no Node.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio::net::TcpListener;
use tonic::service::Routes;
use tonic::transport::{Server, ServerTlsConfig};
use tonic_web::GrpcWebLayer;
use tower::Layer;

use super::connection::{incoming, ActivityLayer, ConnectionLimits};
use super::console_hosts::{ConsoleHosts, HostCheckLayer};
use super::fit_errors::FitErrorsLayer;
use super::http_service::HttpService;
use super::slow_peer::SlowPeerLayer;

/// The page's HTML.
const INDEX_HTML: &[u8] = include_bytes!("../console/index.html");
/// The page's script (bundled from `console/src`).
const CONSOLE_JS: &[u8] = include_bytes!("../console/console.js");
/// The page's style sheet.
const CONSOLE_CSS: &[u8] = include_bytes!("../console/console.css");

/// Every console response's policy: only this origin's own script, style and gRPC-web calls; no
/// inline script or style, no plugins, no framing.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
     style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; \
     base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// The console's listener, bound by the caller (so the address is known, and a bad address
/// stops the start-up) before [`super::run`] serves on it.
///
/// ```
/// let l = std::net::TcpListener::bind("127.0.0.1:0")?;
/// let console = gazette::transport::ConsoleListener::new(l);
/// assert!(console.local_addr()?.ip().is_loopback());
/// # Ok::<(), std::io::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct ConsoleListener {
    listener: Arc<std::net::TcpListener>,
    hosts: ConsoleHosts,
}

impl ConsoleListener {
    /// Serves the console on `listener`, answering IP addresses and `localhost` as the host.
    pub fn new(listener: std::net::TcpListener) -> Self {
        ConsoleListener {
            listener: Arc::new(listener),
            hosts: ConsoleHosts::default(),
        }
    }

    /// Answers these host names too (`--console-host`): the names a reverse proxy or DNS gives
    /// the console.
    pub fn with_hosts(mut self, hosts: ConsoleHosts) -> Self {
        self.hosts = hosts;
        self
    }

    /// The address the console is served on.
    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// The listener for tokio (a duplicate of the bound socket, non-blocking).
    pub(crate) fn to_tokio(&self) -> std::io::Result<TcpListener> {
        let listener = self.listener.try_clone()?;
        listener.set_nonblocking(true)?;
        TcpListener::from_std(listener)
    }

    /// The host names answered.
    pub(crate) fn hosts(&self) -> ConsoleHosts {
        self.hosts.clone()
    }
}

/// One embedded asset with the console's headers.
fn asset(content_type: &'static str, body: &'static [u8]) -> Response {
    with_headers((StatusCode::OK, body).into_response(), content_type)
}

fn with_headers(mut response: Response, content_type: &'static str) -> Response {
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    // The assets change with the binary: always revalidate rather than run a stale script
    // against a newer server.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

/// The console's routes: the page at `/`, its script and style, and gRPC-web for `extractor`
/// and `admin`.
fn routes<E, A>(extractor: E, admin: A) -> axum::Router
where
    E: HttpService<Error = std::convert::Infallible> + tonic::server::NamedService + Sync,
    A: HttpService<Error = std::convert::Infallible> + tonic::server::NamedService + Sync,
{
    Routes::new(GrpcWebLayer::new().layer(extractor))
        .add_service(GrpcWebLayer::new().layer(admin))
        .into_axum_router()
        .route(
            "/",
            get(|| async { asset("text/html; charset=utf-8", INDEX_HTML) }),
        )
        .route(
            "/index.html",
            get(|| async { asset("text/html; charset=utf-8", INDEX_HTML) }),
        )
        .route(
            "/console.js",
            get(|| async { asset("text/javascript; charset=utf-8", CONSOLE_JS) }),
        )
        .route(
            "/console.css",
            get(|| async { asset("text/css; charset=utf-8", CONSOLE_CSS) }),
        )
        .fallback(|| async {
            with_headers(
                (StatusCode::NOT_FOUND, "not found\n").into_response(),
                "text/plain; charset=utf-8",
            )
        })
}

/// How the console is served besides its services: the gRPC port's connection limits,
/// slow-peer guards and TLS, and the host names it answers.
pub(crate) struct ConsoleServing {
    pub(crate) limits: ConnectionLimits,
    pub(crate) slow_peers: SlowPeerLayer,
    pub(crate) tls: Option<ServerTlsConfig>,
    pub(crate) hosts: ConsoleHosts,
}

/// Serves the console on `tcp` (from [`ConsoleListener::to_tokio`]) until `shutdown`
/// completes: HTTP/1.1 (browsers speak gRPC-web over it) and HTTP/2, with the gRPC port's
/// guards and TLS (the same certificate; under mutual TLS, browsers present a client
/// certificate too).
pub(crate) async fn serve<E, A>(
    tcp: TcpListener,
    extractor: E,
    admin: A,
    serving: ConsoleServing,
    shutdown: impl std::future::Future<Output = ()> + Send,
) -> Result<(), tonic::transport::Error>
where
    E: HttpService<Error = std::convert::Infallible> + tonic::server::NamedService + Sync,
    A: HttpService<Error = std::convert::Infallible> + tonic::server::NamedService + Sync,
{
    let addr = tcp
        .local_addr()
        .map_or_else(|_| "unknown".to_string(), |a| a.to_string());
    let scheme = if serving.tls.is_some() {
        "https"
    } else {
        "http"
    };
    tracing::info!(console_addr = %addr, "console on {scheme}://{addr}/");
    let mut builder = Server::builder();
    if let Some(tls) = serving.tls {
        builder = builder.tls_config(tls)?;
    }
    builder
        .accept_http1(true)
        .layer(ActivityLayer)
        .layer(serving.slow_peers)
        .layer(HostCheckLayer(serving.hosts))
        .layer(FitErrorsLayer)
        .add_routes(Routes::from(routes(extractor, admin)))
        .serve_with_incoming_shutdown(incoming(tcp, serving.limits), shutdown)
        .await
}
