//! Slow peers: clients that do not read their responses, and clients that trickle their
//! requests. Neither may hold memory or an admission permit for as long as it likes.
//!
//! * **Responses** ([`PacedBody`]). h2 buffers whatever hyper hands it, whatever the peer's
//!   flow-control window, so a 9.5 MB response to a client that never reads stayed in memory for
//!   as long as the client answered keepalive pings. The body now hands hyper one chunk of at
//!   most [`CHUNK_BYTES`] at a time (hyper asks for the next only once h2 has room for it), counts
//!   the bytes it holds against a per-connection and a process-wide [`ByteBudget`] (a response
//!   that does not fit is refused with RESOURCE_EXHAUSTED, and its bytes freed at once), and tells
//!   its connection when it is waiting for the peer; a connection with a response waiting longer
//!   than `--send-stall-timeout` is closed (see [`super::connection`] for why the connection).
//! * **Requests** ([`ReadTimedBody`]). A request message must arrive within
//!   `--request-read-timeout` of the server starting to wait for it: for unary-request RPCs, from
//!   the request's arrival to the end of its body; for client-streaming RPCs (`ExtractStream`,
//!   reflection), from the first byte of each message to its last, so an idle stream between
//!   messages is not cut. Only time the server spends waiting for the peer counts, not time the
//!   handler spends elsewhere. Past it the request fails with DEADLINE_EXCEEDED, which ends the
//!   RPC and releases its admission permit.
//!
//! Compose with [`SlowPeerLayer`] on the server builder; it needs the connection info that
//! [`super::connection::incoming`] provides (without it the per-connection parts are off).

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use http_body::Frame;
use tokio::time::{Instant, Sleep};
use tonic::body::Body;
use tonic::Status;
use tower::{Layer, Service};

use super::byte_budget::ByteBudget;
use super::connection::{activity_of, Activity};
use super::http_service::{take_ready, BoxFuture, HttpService};
use crate::metrics::names;

/// Largest piece of a response handed to hyper at once. h2 buffers what it is given beyond the
/// peer's window, so this (plus h2's own send buffer, 400 KiB by default) bounds what a stalled
/// stream leaves inside h2; the rest stays in the body, counted and freed with it.
pub(crate) const CHUNK_BYTES: usize = 64 * 1024;

/// Default for `--max-response-buffer-bytes`.
pub(crate) const DEFAULT_MAX_RESPONSE_BUFFER_BYTES: usize = 256 << 20;

/// Default for `--max-connection-response-buffer-bytes`.
pub(crate) const DEFAULT_MAX_CONNECTION_RESPONSE_BUFFER_BYTES: usize = 64 << 20;

/// Default for `--send-stall-timeout` and `--request-read-timeout`.
pub(crate) const DEFAULT_SLOW_PEER_TIMEOUT: Duration = Duration::from_secs(10);

/// How long a refused client is told to wait before retrying (`google.rpc.RetryInfo`).
const RETRY_AFTER: Duration = Duration::from_secs(1);

/// The slow-peer limits of one server.
#[derive(Debug, Clone)]
pub(crate) struct SlowPeerLimits {
    /// Longest wait for one request message (`None`: no limit).
    pub request_read_timeout: Option<Duration>,
    /// Response bytes held at once, process-wide.
    pub response_bytes: Arc<ByteBudget>,
}

/// Applies [`ReadTimedBody`] to requests and [`PacedBody`] to responses.
#[derive(Debug, Clone)]
pub(crate) struct SlowPeerLayer {
    limits: SlowPeerLimits,
}

impl SlowPeerLayer {
    /// A layer applying `limits`.
    pub(crate) fn new(limits: SlowPeerLimits) -> Self {
        SlowPeerLayer { limits }
    }
}

impl<S> Layer<S> for SlowPeerLayer {
    type Service = SlowPeerGuard<S>;

    fn layer(&self, inner: S) -> SlowPeerGuard<S> {
        SlowPeerGuard {
            inner,
            limits: self.limits.clone(),
        }
    }
}

/// A service whose requests and responses are guarded against slow peers.
#[derive(Debug, Clone)]
pub(crate) struct SlowPeerGuard<S> {
    inner: S,
    limits: SlowPeerLimits,
}

/// Client-streaming methods: their request messages are timed one by one, and the stream may
/// idle between them.
fn streams_requests(path: &str) -> bool {
    path.ends_with("/ExtractStream") || path.ends_with("/ServerReflectionInfo")
}

impl<S: HttpService> Service<http::Request<Body>> for SlowPeerGuard<S> {
    type Response = http::Response<Body>;
    type Error = S::Error;
    type Future = BoxFuture<S::Error>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: http::Request<Body>) -> Self::Future {
        let connection = activity_of(req.extensions()).cloned();
        let req = match self.limits.request_read_timeout {
            None => req,
            Some(timeout) => {
                let streaming = streams_requests(req.uri().path());
                req.map(|body| Body::new(ReadTimedBody::new(body, timeout, streaming)))
            }
        };
        let process = self.limits.response_bytes.clone();
        let mut inner = take_ready(&mut self.inner);
        Box::pin(async move {
            let response = inner.call(req).await?;
            Ok(response.map(|body| Body::new(PacedBody::new(body, process, connection))))
        })
    }
}

/// Bytes of one frame counted against both budgets, and this response's place among the
/// connection's waiting responses; both given back on drop.
#[derive(Debug)]
struct Holding {
    process: Arc<ByteBudget>,
    connection: Option<(Arc<Activity>, u64)>,
    bytes: usize,
}

impl Holding {
    /// Counts `n` more bytes; `Err` names the budget that is spent.
    fn take(&mut self, n: usize) -> Result<(), &'static str> {
        if !self.process.try_take(n) {
            return Err("process");
        }
        if let Some((activity, _)) = &self.connection {
            if !activity.response_bytes().try_take(n) {
                self.process.give_back(n);
                return Err("connection");
            }
        }
        self.bytes += n;
        Ok(())
    }

    fn release(&mut self) {
        let n = std::mem::take(&mut self.bytes);
        if n > 0 {
            self.process.give_back(n);
            if let Some((activity, _)) = &self.connection {
                activity.response_bytes().give_back(n);
            }
        }
    }

    fn waiting(&self) {
        if let Some((activity, id)) = &self.connection {
            activity.waiting_for_peer(*id);
        }
    }

    fn progressed(&self) {
        if let Some((activity, id)) = &self.connection {
            activity.progressed(*id);
        }
    }
}

impl Drop for Holding {
    fn drop(&mut self) {
        self.release();
        self.progressed();
    }
}

pin_project_lite::pin_project! {
    /// A response body that hands out its data in chunks, counts the bytes it holds and reports
    /// when it waits for the peer (see the module docs).
    pub struct PacedBody {
        #[pin]
        inner: Body,
        rest: Bytes,
        holding: Holding,
        refused: bool,
    }
}

impl PacedBody {
    fn new(inner: Body, process: Arc<ByteBudget>, connection: Option<Arc<Activity>>) -> Self {
        PacedBody {
            inner,
            rest: Bytes::new(),
            holding: Holding {
                process,
                connection: connection.map(|a| {
                    let id = a.response_id();
                    (a, id)
                }),
                bytes: 0,
            },
            refused: false,
        }
    }
}

/// The trailers of a response refused for want of buffer room.
fn refused_trailers(scope: &str, limit: usize) -> http::HeaderMap {
    use tonic_types::{ErrorDetails, StatusExt};
    metrics::counter!(names::RESPONSE_BUFFER_REFUSALS, "scope" => scope.to_string()).increment(1);
    let flag = if scope == "process" {
        "--max-response-buffer-bytes"
    } else {
        "--max-connection-response-buffer-bytes"
    };
    let status = Status::with_error_details(
        tonic::Code::ResourceExhausted,
        format!(
            "server busy: responses waiting to be read already hold the {scope}'s {limit} bytes \
             ({flag}); read responses promptly, retry after {} ms",
            RETRY_AFTER.as_millis()
        ),
        ErrorDetails::with_retry_info(Some(RETRY_AFTER)),
    );
    let mut trailers = http::HeaderMap::new();
    let _ = status.add_header(&mut trailers);
    trailers
}

impl http_body::Body for PacedBody {
    type Data = Bytes;
    type Error = Status;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Status>>> {
        let this = self.project();
        // hyper asks again only once h2 took the previous chunk: the peer is not holding us up.
        this.holding.progressed();
        if *this.refused {
            return Poll::Ready(None);
        }
        if this.rest.is_empty() {
            // The previous frame is all out of our hands.
            this.holding.release();
            let frame = match std::task::ready!(this.inner.poll_frame(cx)) {
                Some(Ok(frame)) => frame,
                other => return Poll::Ready(other),
            };
            let data = match frame.into_data() {
                Ok(data) => data,
                Err(frame) => return Poll::Ready(Some(Ok(frame))),
            };
            if let Err(scope) = this.holding.take(data.len()) {
                // Freed now, rather than held for a peer that is not reading.
                drop(data);
                *this.refused = true;
                let limit = match scope {
                    "process" => this.holding.process.limit(),
                    _ => this
                        .holding
                        .connection
                        .as_ref()
                        .map_or(0, |(a, _)| a.response_bytes().limit()),
                };
                return Poll::Ready(Some(Ok(Frame::trailers(refused_trailers(scope, limit)))));
            }
            *this.rest = data;
        }
        let chunk = this.rest.split_to(this.rest.len().min(CHUNK_BYTES));
        if !chunk.is_empty() {
            this.holding.waiting();
        }
        Poll::Ready(Some(Ok(Frame::data(chunk))))
    }

    fn is_end_stream(&self) -> bool {
        self.refused || (self.rest.is_empty() && self.inner.is_end_stream())
    }
}

pin_project_lite::pin_project! {
    /// A request body that fails with DEADLINE_EXCEEDED when a message takes too long to arrive
    /// (see the module docs).
    pub struct ReadTimedBody {
        #[pin]
        inner: Body,
        timeout: Duration,
        // Client-streaming: time each message; otherwise time the whole body.
        streaming: bool,
        // Inside a message (always, until the body ends, when not streaming).
        in_message: bool,
        // Time spent waiting for the peer inside the current message, before `waiting_since`.
        waited: Duration,
        // Since when the current wait for the peer has lasted.
        waiting_since: Option<Instant>,
        timer: Option<Pin<Box<Sleep>>>,
        framing: Framing,
        ended: bool,
    }
}

impl ReadTimedBody {
    fn new(inner: Body, timeout: Duration, streaming: bool) -> Self {
        ReadTimedBody {
            inner,
            timeout,
            streaming,
            in_message: !streaming,
            waited: Duration::ZERO,
            // A unary request's wait starts with the request.
            waiting_since: (!streaming).then(Instant::now),
            timer: None,
            framing: Framing::default(),
            ended: false,
        }
    }
}

impl http_body::Body for ReadTimedBody {
    type Data = Bytes;
    type Error = Status;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Status>>> {
        let this = self.project();
        if *this.ended {
            return Poll::Ready(None);
        }
        match this.inner.poll_frame(cx) {
            Poll::Ready(frame) => {
                if let Some(since) = this.waiting_since.take() {
                    *this.waited += since.elapsed();
                }
                match &frame {
                    Some(Ok(f)) if f.is_data() => {
                        if *this.streaming {
                            if let Some(data) = f.data_ref() {
                                *this.in_message = this.framing.feed(data);
                            }
                        }
                    }
                    // Trailers, the end, or an error: nothing more to wait for.
                    _ => *this.in_message = false,
                }
                if !*this.in_message {
                    *this.waited = Duration::ZERO;
                }
                Poll::Ready(frame)
            }
            Poll::Pending if !*this.in_message => Poll::Pending,
            Poll::Pending => {
                let since = *this.waiting_since.get_or_insert_with(Instant::now);
                let deadline = since + this.timeout.saturating_sub(*this.waited);
                let timer = this
                    .timer
                    .get_or_insert_with(|| Box::pin(tokio::time::sleep_until(deadline)));
                if timer.deadline() != deadline {
                    timer.as_mut().reset(deadline);
                }
                match timer.as_mut().poll(cx) {
                    Poll::Pending => Poll::Pending,
                    Poll::Ready(()) => {
                        *this.ended = true;
                        metrics::counter!(names::REQUEST_READ_TIMEOUTS).increment(1);
                        tracing::debug!(timeout = ?this.timeout, "request message too slow");
                        Poll::Ready(Some(Err(Status::deadline_exceeded(format!(
                            "the request message did not arrive within {:?} \
                             (--request-read-timeout); send each message in one go",
                            this.timeout
                        )))))
                    }
                }
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        self.ended || self.inner.is_end_stream()
    }
}

/// Where the gRPC length-prefixed framing of a request stands: 5 header bytes (compression
/// flag, big-endian length), then the message.
#[derive(Debug, Default)]
struct Framing {
    header: [u8; 5],
    header_len: usize,
    body_left: u64,
}

impl Framing {
    /// Follows `data` through the framing; true when it ends inside a message.
    fn feed(&mut self, mut data: &[u8]) -> bool {
        while !data.is_empty() {
            if self.body_left > 0 {
                let k = data
                    .len()
                    .min(usize::try_from(self.body_left).unwrap_or(usize::MAX));
                self.body_left -= k as u64;
                data = &data[k..];
                continue;
            }
            let k = data.len().min(5 - self.header_len);
            self.header[self.header_len..self.header_len + k].copy_from_slice(&data[..k]);
            self.header_len += k;
            data = &data[k..];
            if self.header_len == 5 {
                let [_, a, b, c, d] = self.header;
                self.body_left = u64::from(u32::from_be_bytes([a, b, c, d]));
                self.header_len = 0;
            }
        }
        self.header_len > 0 || self.body_left > 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(len: u32) -> Vec<u8> {
        let mut v = vec![0u8];
        v.extend_from_slice(&len.to_be_bytes());
        v.extend(std::iter::repeat_n(7u8, len as usize));
        v
    }

    #[test]
    fn framing_follows_messages_split_anywhere() {
        let mut stream = frame(3);
        stream.extend(frame(0));
        stream.extend(frame(10));
        // Boundaries after byte 8 (3-byte message done), 13 (empty message done) and 28.
        let ends: Vec<usize> = vec![8, 13, 28];
        for split in 1..stream.len() {
            let mut f = Framing::default();
            let inside = f.feed(&stream[..split]);
            assert_eq!(inside, !ends.contains(&split), "split at {split}");
            assert!(!f.feed(&stream[split..]), "split at {split}");
        }
    }
}
