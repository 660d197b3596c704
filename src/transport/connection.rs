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

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use futures_util::task::AtomicWaker;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::time::{Instant, Sleep};
use tokio_stream::{Stream, StreamExt};
use tonic::body::Body;
use tonic::transport::server::{Connected, TcpConnectInfo, TcpIncoming, TlsConnectInfo};
use tower::{Layer, Service};

/// RPCs open on one connection, and since when it has had none.
#[derive(Debug)]
pub struct Activity {
    open: AtomicUsize,
    idle_since: Mutex<Instant>,
    reader: AtomicWaker,
}

impl Activity {
    fn new() -> Arc<Self> {
        Arc::new(Activity {
            open: AtomicUsize::new(0),
            idle_since: Mutex::new(Instant::now()),
            reader: AtomicWaker::new(),
        })
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
pub struct ConnectionInfo {
    /// Addresses, as tonic gives them for plain TCP.
    pub tcp: TcpConnectInfo,
    activity: Arc<Activity>,
}

/// A TCP connection that fails its reads once idle for longer than the timeout.
#[derive(Debug)]
pub struct TrackedIo {
    stream: TcpStream,
    activity: Arc<Activity>,
    idle_timeout: Option<Duration>,
    timer: Pin<Box<Sleep>>,
}

impl TrackedIo {
    fn new(stream: TcpStream, idle_timeout: Option<Duration>) -> Self {
        TrackedIo {
            stream,
            activity: Activity::new(),
            idle_timeout,
            timer: Box::pin(tokio::time::sleep(Duration::ZERO)),
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
            tcp: self.stream.connect_info(),
            activity: self.activity.clone(),
        }
    }
}

/// Accepted connections of `listener`: TCP_NODELAY (without it small responses wait ~40 ms on
/// Nagle and delayed ACKs), TCP keepalive, and the idle timeout.
pub fn incoming(
    listener: TcpListener,
    idle_timeout: Option<Duration>,
) -> impl Stream<Item = io::Result<TrackedIo>> {
    TcpIncoming::from(listener)
        .with_nodelay(Some(true))
        .with_keepalive(Some(Duration::from_secs(60)))
        .map(move |accepted| accepted.map(|s| TrackedIo::new(s, idle_timeout)))
}

/// Counts the RPCs open on each connection (see the module docs).
#[derive(Debug, Clone, Copy, Default)]
pub struct ActivityLayer;

impl<S> Layer<S> for ActivityLayer {
    type Service = Counted<S>;

    fn layer(&self, inner: S) -> Counted<S> {
        Counted { inner }
    }
}

/// A service counting its RPCs against their connection.
#[derive(Debug, Clone)]
pub struct Counted<S> {
    inner: S,
}

impl<S> Service<http::Request<Body>> for Counted<S>
where
    S: Service<http::Request<Body>, Response = http::Response<Body>> + Clone + Send + 'static,
    S::Future: Send + 'static,
{
    type Response = http::Response<Body>;
    type Error = S::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, S::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: http::Request<Body>) -> Self::Future {
        let extensions = req.extensions();
        let activity = extensions
            .get::<ConnectionInfo>()
            .or_else(|| {
                extensions
                    .get::<TlsConnectInfo<ConnectionInfo>>()
                    .map(TlsConnectInfo::get_ref)
            })
            .map(|info| info.activity.begin());
        let clone = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, clone);
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
