//! Accepted connections: TCP options, and closing connections that carry no RPC for too long.
//!
//! Neither tonic nor hyper closes an idle HTTP/2 connection, not even one that never sent the
//! HTTP/2 preface (RELIABILITY.md F8), so a client can hold sockets forever. Idle here means what
//! gRPC's `MAX_CONNECTION_IDLE` means: no RPC open on the connection. Keepalive pings do not count
//! as activity, otherwise the server's own pings would keep every connection alive.
//!
//! Each connection's I/O is wrapped in [`TrackedIo`]; its [`Activity`] reaches every request as
//! connect info, and [`ActivityLayer`] counts the RPCs open on it. When the count has been zero
//! for the idle timeout, the next read fails and hyper closes the connection.
//!
//! The same read path ends a connection whose peer has stopped taking a response: the response
//! bodies ([`super::slow_peer`]) note when they hand a chunk to hyper and when hyper comes back
//! for the next one (it does once h2 has room, i.e. the peer consumed data and opened its
//! window). A response left waiting for longer than `--send-stall-timeout` closes the connection.
//! Closing the connection is the only way to end such a stream from outside: hyper holds its
//! last chunk until the peer's flow-control window opens, and no longer polls the body, so
//! neither the body nor anything else can reset that one stream. Each connection also has a
//! budget of response bytes held ([`Activity::response_bytes`]).

use std::collections::HashMap;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use futures_util::task::AtomicWaker;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::time::{Instant, Sleep};
use tokio_stream::{Stream, StreamExt};
use tonic::body::Body;
use tonic::transport::server::{Connected, TcpIncoming, TlsConnectInfo};
use tower::{Layer, Service};

use super::byte_budget::ByteBudget;
use super::http_service::{take_ready, BoxFuture, HttpService};

/// RPCs open on one connection, and since when it has had none.
#[derive(Debug)]
pub(crate) struct Activity {
    open: AtomicUsize,
    idle_since: Mutex<Instant>,
    reader: AtomicWaker,
    /// Response bytes held for this connection, against `--max-connection-response-buffer-bytes`.
    response_bytes: Arc<ByteBudget>,
    /// Responses that handed a chunk to hyper and have not been asked for the next one: since
    /// when each has been waiting for the peer.
    waiting: Mutex<HashMap<u64, Instant>>,
    next_response: AtomicU64,
}

impl Activity {
    fn new(response_bytes: usize) -> Arc<Self> {
        Arc::new(Activity {
            open: AtomicUsize::new(0),
            idle_since: Mutex::new(Instant::now()),
            reader: AtomicWaker::new(),
            response_bytes: ByteBudget::new(response_bytes),
            waiting: Mutex::new(HashMap::new()),
            next_response: AtomicU64::new(0),
        })
    }

    /// The connection's budget of response bytes held.
    pub(crate) fn response_bytes(&self) -> &Arc<ByteBudget> {
        &self.response_bytes
    }

    /// A number naming one response on this connection.
    pub(crate) fn response_id(&self) -> u64 {
        self.next_response.fetch_add(1, Ordering::Relaxed)
    }

    /// Response `id` handed a chunk to hyper and now waits for the peer to make room.
    pub(crate) fn waiting_for_peer(&self, id: u64) {
        let mut waiting = self.waiting.lock().unwrap_or_else(|e| e.into_inner());
        let first = waiting.is_empty();
        waiting.insert(id, Instant::now());
        drop(waiting);
        if first {
            // The reader arms no stall timer while nothing waits: wake it to arm one.
            self.reader.wake();
        }
    }

    /// Response `id` was asked for more (or ended): the peer made progress.
    pub(crate) fn progressed(&self, id: u64) {
        let mut waiting = self.waiting.lock().unwrap_or_else(|e| e.into_inner());
        if !waiting.is_empty() {
            waiting.remove(&id);
        }
    }

    /// Since when the longest-waiting response has waited, if any waits.
    fn oldest_waiting(&self) -> Option<Instant> {
        let waiting = self.waiting.lock().unwrap_or_else(|e| e.into_inner());
        waiting.values().min().copied()
    }

    fn begin(self: &Arc<Self>) -> OpenRpc {
        self.open.fetch_add(1, Ordering::SeqCst);
        OpenRpc(self.clone())
    }

    fn idle_since(&self) -> Option<Instant> {
        if self.open.load(Ordering::SeqCst) > 0 {
            return None;
        }
        Some(*self.idle_since.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

/// One open RPC; dropping it ends it.
#[derive(Debug)]
struct OpenRpc(Arc<Activity>);

impl Drop for OpenRpc {
    fn drop(&mut self) {
        *self.0.idle_since.lock().unwrap_or_else(|e| e.into_inner()) = Instant::now();
        if self.0.open.fetch_sub(1, Ordering::SeqCst) == 1 {
            // The reader may be parked with no timer armed: wake it to arm one.
            self.0.reader.wake();
        }
    }
}

/// What each request learns about its connection.
#[derive(Debug, Clone)]
pub(crate) struct ConnectionInfo {
    activity: Arc<Activity>,
}

/// Limits applied to each accepted connection.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ConnectionLimits {
    /// Close connections with no open RPC for this long (`None`: never).
    pub idle_timeout: Option<Duration>,
    /// Close connections with a response that the peer has not let progress for this long
    /// (`None`: never).
    pub send_stall_timeout: Option<Duration>,
    /// Response bytes held at once for one connection; responses beyond it are refused.
    pub response_bytes: usize,
}

/// A TCP connection that fails its reads once idle for longer than the timeout, or once one of
/// its responses has waited on the peer for longer than the stall timeout.
#[derive(Debug)]
pub(crate) struct TrackedIo {
    stream: TcpStream,
    activity: Arc<Activity>,
    idle_timeout: Option<Duration>,
    timer: Pin<Box<Sleep>>,
    send_stall_timeout: Option<Duration>,
    stall_timer: Pin<Box<Sleep>>,
}

impl TrackedIo {
    fn new(stream: TcpStream, limits: ConnectionLimits) -> Self {
        TrackedIo {
            stream,
            activity: Activity::new(limits.response_bytes),
            idle_timeout: limits.idle_timeout,
            timer: Box::pin(tokio::time::sleep(Duration::ZERO)),
            send_stall_timeout: limits.send_stall_timeout,
            stall_timer: Box::pin(tokio::time::sleep(Duration::ZERO)),
        }
    }

    /// Ready with an error once a response has waited on the peer for the whole stall timeout.
    fn poll_stalled(&mut self, cx: &mut Context<'_>) -> Poll<io::Error> {
        let Some(timeout) = self.send_stall_timeout else {
            return Poll::Pending;
        };
        self.activity.reader.register(cx.waker());
        let Some(since) = self.activity.oldest_waiting() else {
            return Poll::Pending;
        };
        let deadline = since + timeout;
        if self.stall_timer.deadline() != deadline {
            self.stall_timer.as_mut().reset(deadline);
        }
        match self.stall_timer.as_mut().poll(cx) {
            Poll::Ready(()) => {
                metrics::counter!(crate::metrics::names::SEND_STALLS).increment(1);
                tracing::warn!(
                    peer = ?self.stream.peer_addr().ok(),
                    ?timeout,
                    "closing a connection whose peer took no response data for \
                     --send-stall-timeout"
                );
                Poll::Ready(io::Error::new(
                    io::ErrorKind::TimedOut,
                    "a response made no progress for longer than --send-stall-timeout",
                ))
            }
            Poll::Pending => Poll::Pending,
        }
    }

    /// Ready with an error once the connection has been idle for the whole timeout.
    fn poll_idle(&mut self, cx: &mut Context<'_>) -> Poll<io::Error> {
        let Some(timeout) = self.idle_timeout else {
            return Poll::Pending;
        };
        self.activity.reader.register(cx.waker());
        let Some(since) = self.activity.idle_since() else {
            return Poll::Pending;
        };
        let deadline = since + timeout;
        if self.timer.deadline() != deadline {
            self.timer.as_mut().reset(deadline);
        }
        match self.timer.as_mut().poll(cx) {
            Poll::Ready(()) => {
                tracing::debug!(peer = ?self.stream.peer_addr().ok(), "closing idle connection");
                Poll::Ready(io::Error::new(
                    io::ErrorKind::TimedOut,
                    "connection idle for longer than --idle-timeout",
                ))
            }
            Poll::Pending => Poll::Pending,
        }
    }
}

impl AsyncRead for TrackedIo {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = &mut *self;
        if let Poll::Ready(r) = Pin::new(&mut this.stream).poll_read(cx, buf) {
            return Poll::Ready(r);
        }
        if let Poll::Ready(e) = this.poll_stalled(cx) {
            return Poll::Ready(Err(e));
        }
        this.poll_idle(cx).map(Err)
    }
}

impl AsyncWrite for TrackedIo {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.stream).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.stream).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }
}

impl Connected for TrackedIo {
    type ConnectInfo = ConnectionInfo;

    fn connect_info(&self) -> ConnectionInfo {
        ConnectionInfo {
            activity: self.activity.clone(),
        }
    }
}

/// Accepted connections of `listener`: TCP_NODELAY (without it small responses wait ~40 ms on
/// Nagle and delayed ACKs), TCP keepalive, and the `limits`.
pub(crate) fn incoming(
    listener: TcpListener,
    limits: ConnectionLimits,
) -> impl Stream<Item = io::Result<TrackedIo>> {
    TcpIncoming::from(listener)
        .with_nodelay(Some(true))
        .with_keepalive(Some(Duration::from_secs(60)))
        .map(move |accepted| accepted.map(|s| TrackedIo::new(s, limits)))
}

/// The connection a request arrived on, plain or under TLS.
pub(crate) fn activity_of(extensions: &http::Extensions) -> Option<&Arc<Activity>> {
    extensions
        .get::<ConnectionInfo>()
        .or_else(|| {
            extensions
                .get::<TlsConnectInfo<ConnectionInfo>>()
                .map(TlsConnectInfo::get_ref)
        })
        .map(|info| &info.activity)
}

/// Counts the RPCs open on each connection (see the module docs).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct ActivityLayer;

impl<S> Layer<S> for ActivityLayer {
    type Service = Counted<S>;

    fn layer(&self, inner: S) -> Counted<S> {
        Counted { inner }
    }
}

/// A service counting its RPCs against their connection.
#[derive(Debug, Clone)]
pub(crate) struct Counted<S> {
    inner: S,
}

impl<S: HttpService> Service<http::Request<Body>> for Counted<S> {
    type Response = http::Response<Body>;
    type Error = S::Error;
    type Future = BoxFuture<S::Error>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: http::Request<Body>) -> Self::Future {
        let activity = activity_of(req.extensions()).map(Activity::begin);
        let mut inner = take_ready(&mut self.inner);
        Box::pin(async move {
            let response = inner.call(req).await?;
            Ok(response.map(|body| Body::new(Holding::new(body, activity))))
        })
    }
}

pin_project_lite::pin_project! {
    /// A response body that keeps `guard` alive until the body ends or is dropped.
    struct Holding<G> {
        #[pin]
        body: Body,
        guard: G,
    }
}

impl<G> Holding<G> {
    fn new(body: Body, guard: G) -> Self {
        Holding { body, guard }
    }
}

impl<G> http_body::Body for Holding<G> {
    type Data = bytes::Bytes;
    type Error = tonic::Status;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<bytes::Bytes>, tonic::Status>>> {
        self.project().body.poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.body.size_hint()
    }
}
