//! Admission to the extractor service: a process-wide cap on RPCs in flight with load shedding,
//! the client's deadline, and an honest status for oversized messages.
//!
//! Written here rather than taken from tower's `GlobalConcurrencyLimitLayer` + `LoadShedLayer`
//! because tower's permit is released when the response *head* is ready: a server-streaming RPC
//! would hold no permit while its stream runs (RELIABILITY.md F4). Here the permit moves into the
//! response body and is released only when the body ends or is dropped.

use std::convert::Infallible;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::Instant;
use tonic::body::Body;
use tonic::server::NamedService;
use tonic::Status;
use tower::Service;

use super::http_service::{take_ready, BoxFuture, HttpService};
use crate::metrics::names;

/// When a request must be answered, from its `grpc-timeout` header. Put in the request's
/// extensions by [`Admitted`]; read by the handlers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Deadline(pub Instant);

/// Time kept back from the client's deadline. tonic's own `grpc-timeout` timer (started a few
/// microseconds before ours) would otherwise fire first and answer CANCELLED; the margin lets
/// ours fire first and answer DEADLINE_EXCEEDED, the code the client's deadline implies.
const DEADLINE_MARGIN: Duration = Duration::from_millis(2);

/// How long a shed client is told to wait before retrying (`google.rpc.RetryInfo`).
const RETRY_AFTER: Duration = Duration::from_millis(50);

/// The shared state: permits for RPCs in flight, and the message limit to name in errors.
#[derive(Debug)]
pub(crate) struct Admission {
    permits: Arc<Semaphore>,
    max_in_flight: usize,
    max_message_bytes: usize,
    /// Which RPCs and which flag sets their limit, for the shed message.
    what: &'static str,
    flag: &'static str,
}

impl Admission {
    /// At most `max_in_flight` RPCs (unary or streaming) at once; others are shed.
    pub(crate) fn new(max_in_flight: usize, max_message_bytes: usize) -> Arc<Self> {
        Self::with_flag(
            max_in_flight,
            max_message_bytes,
            "",
            "--max-concurrent-rpcs",
        )
    }

    /// Like [`Admission::new`], for another group of RPCs (`what`, e.g. "admin") whose limit
    /// is set by `flag`: both are named when a call is shed.
    pub(crate) fn with_flag(
        max_in_flight: usize,
        max_message_bytes: usize,
        what: &'static str,
        flag: &'static str,
    ) -> Arc<Self> {
        Arc::new(Admission {
            permits: Arc::new(Semaphore::new(max_in_flight)),
            max_in_flight,
            max_message_bytes,
            what,
            flag,
        })
    }

    /// RPCs holding a permit now.
    pub(crate) fn in_flight(&self) -> usize {
        self.max_in_flight - self.permits.available_permits()
    }

    /// A permit, if one is free.
    pub(crate) fn try_permit(&self) -> Option<Permit> {
        let permit = self.permits.clone().try_acquire_owned().ok()?;
        Some(Permit {
            _held: Arc::new(InFlight::new(permit)),
        })
    }

    /// `inner` behind this admission.
    pub(crate) fn wrap<S>(self: &Arc<Self>, inner: S) -> Admitted<S> {
        Admitted {
            inner,
            admission: self.clone(),
        }
    }

    fn shed(&self) -> http::Response<Body> {
        use tonic_types::{ErrorDetails, StatusExt};
        metrics::counter!(names::SHED).increment(1);
        let mut details = ErrorDetails::with_retry_info(Some(RETRY_AFTER));
        details.set_error_info(
            "OVERLOADED",
            "gazette",
            [("maxInFlight".to_string(), self.max_in_flight.to_string())],
        );
        let mut status = Status::with_error_details(
            tonic::Code::ResourceExhausted,
            format!(
                "server busy: {} {}{}RPCs in flight ({}); retry after {} ms",
                self.max_in_flight,
                self.what,
                if self.what.is_empty() { "" } else { " " },
                self.flag,
                RETRY_AFTER.as_millis()
            ),
            details,
        );
        // The same delay for gRPC's own retries (A6): a client whose service config retries
        // RESOURCE_EXHAUSTED waits this long, with no code that reads RetryInfo.
        status.metadata_mut().insert(
            "grpc-retry-pushback-ms",
            tonic::metadata::MetadataValue::from(RETRY_AFTER.as_millis() as u64),
        );
        status.into_http()
    }
}

/// A service behind an [`Admission`].
#[derive(Debug, Clone)]
pub(crate) struct Admitted<S> {
    inner: S,
    admission: Arc<Admission>,
}

impl<S: NamedService> NamedService for Admitted<S> {
    const NAME: &'static str = S::NAME;
}

impl<S: HttpService<Error = Infallible>> Service<http::Request<Body>> for Admitted<S> {
    type Response = http::Response<Body>;
    type Error = Infallible;
    type Future = BoxFuture<Infallible>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut req: http::Request<Body>) -> Self::Future {
        let Some(permit) = self.admission.try_permit() else {
            let shed = self.admission.shed();
            return Box::pin(async move { Ok(shed) });
        };
        req.extensions_mut().insert(permit.handle());
        let deadline = req
            .headers()
            .get("grpc-timeout")
            .and_then(parse_grpc_timeout)
            .map(|timeout| Instant::now() + timeout.saturating_sub(DEADLINE_MARGIN));
        if let Some(at) = deadline {
            req.extensions_mut().insert(Deadline(at));
        }
        let mut inner = take_ready(&mut self.inner);
        let max_message_bytes = self.admission.max_message_bytes;
        Box::pin(async move {
            // Until the response head: reading the request message included (streams check the
            // deadline themselves after that).
            let call = inner.call(req);
            let mut response = match deadline {
                None => call.await?,
                Some(at) => match tokio::time::timeout_at(at, call).await {
                    Ok(response) => response?,
                    Err(_) => crate::transport::status::deadline_exceeded().into_http(),
                },
            };
            // A unary call over the limit fails before any handler runs: trailers-only response.
            honest_oversize_status(response.headers_mut(), max_message_bytes);
            Ok(response.map(|body| {
                Body::new(AdmittedBody {
                    body,
                    _permit: permit,
                    max_message_bytes,
                })
            }))
        })
    }
}

/// The admission permit of one RPC. The call (then its response body) holds it, and so does
/// whoever does the RPC's work (the matching thread): a request abandoned by its client keeps
/// its place under `--max-concurrent-rpcs` until its work has actually stopped, so the limit
/// bounds CPU work, not answers.
#[derive(Debug, Clone)]
pub(crate) struct Permit {
    _held: Arc<InFlight>,
}

impl Permit {
    fn handle(&self) -> PermitHandle {
        PermitHandle(Arc::downgrade(&self._held))
    }
}

/// What a request's extensions carry of its [`Permit`]: a weak handle, so that a request kept
/// alive after its answer (a body still being read when a layer above answered) does not keep
/// the permit too. The handler takes the permit while its call holds it.
#[derive(Debug, Clone)]
pub(crate) struct PermitHandle(std::sync::Weak<InFlight>);

impl PermitHandle {
    /// The permit, if the call still holds it.
    pub(crate) fn permit(&self) -> Option<Permit> {
        self.0.upgrade().map(|held| Permit { _held: held })
    }
}

/// A permit for one RPC, counted in the in-flight gauge while held.
#[derive(Debug)]
struct InFlight {
    _permit: OwnedSemaphorePermit,
}

impl InFlight {
    fn new(permit: OwnedSemaphorePermit) -> Self {
        metrics::gauge!(names::IN_FLIGHT).increment(1.0);
        InFlight { _permit: permit }
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        metrics::gauge!(names::IN_FLIGHT).decrement(1.0);
    }
}

/// tonic answers a message over the decoding limit with OUT_OF_RANGE (grpc-go and grpc-java say
/// RESOURCE_EXHAUSTED, and OUT_OF_RANGE is meant for application range errors): rewritten here,
/// in the response head (unary) or the trailers (streams).
fn honest_oversize_status(headers: &mut http::HeaderMap, max_message_bytes: usize) {
    replace_oversize(headers, || oversize_status(max_message_bytes));
}

/// Replaces tonic's OUT_OF_RANGE answer to a message over its decoding limit in `headers`, if
/// that is what they hold, with `status()`; any other status is left alone.
pub(crate) fn replace_oversize(headers: &mut http::HeaderMap, status: impl FnOnce() -> Status) {
    if headers.get("grpc-status").is_none_or(|v| v != "11") {
        return;
    }
    let is_oversize = Status::from_header_map(headers).is_some_and(|s| {
        s.message()
            .starts_with("Error, decoded message length too large")
    });
    if is_oversize {
        headers.remove("grpc-message");
        let _ = status().add_header(headers);
    }
}

/// The status for a request message over `--max-message-bytes`.
pub(crate) fn oversize_status(max_message_bytes: usize) -> Status {
    Status::resource_exhausted(format!(
        "request message larger than the server's limit of {max_message_bytes} bytes \
         (--max-message-bytes); send less text per message"
    ))
}

/// `grpc-timeout`: up to 8 digits and a unit (H, M, S, m, u, n). Malformed values are ignored,
/// as tonic does.
fn parse_grpc_timeout(value: &http::HeaderValue) -> Option<Duration> {
    let s = value.to_str().ok()?;
    if s.len() < 2 || s.len() > 9 {
        return None;
    }
    let (digits, unit) = s.split_at(s.len() - 1);
    let n: u64 = digits.parse().ok()?;
    Some(match unit {
        "H" => Duration::from_secs(n.saturating_mul(3600)),
        "M" => Duration::from_secs(n.saturating_mul(60)),
        "S" => Duration::from_secs(n),
        "m" => Duration::from_millis(n),
        "u" => Duration::from_micros(n),
        "n" => Duration::from_nanos(n),
        _ => return None,
    })
}

pin_project_lite::pin_project! {
    /// A response body holding its RPC's permit until it ends or is dropped.
    struct AdmittedBody {
        #[pin]
        body: Body,
        _permit: Permit,
        max_message_bytes: usize,
    }
}

impl http_body::Body for AdmittedBody {
    type Data = Bytes;
    type Error = Status;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, Status>>> {
        let this = self.project();
        let frame = std::task::ready!(this.body.poll_frame(cx));
        Poll::Ready(frame.map(|frame| {
            frame.map(|mut frame| {
                if let Some(trailers) = frame.trailers_mut() {
                    honest_oversize_status(trailers, *this.max_message_bytes);
                }
                frame
            })
        }))
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.body.size_hint()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Option<Duration> {
        parse_grpc_timeout(&http::HeaderValue::from_str(s).unwrap())
    }

    #[test]
    fn grpc_timeout_units() {
        assert_eq!(parse("1H"), Some(Duration::from_secs(3600)));
        assert_eq!(parse("2M"), Some(Duration::from_secs(120)));
        assert_eq!(parse("3S"), Some(Duration::from_secs(3)));
        assert_eq!(parse("50m"), Some(Duration::from_millis(50)));
        assert_eq!(parse("7u"), Some(Duration::from_micros(7)));
        assert_eq!(parse("99999999n"), Some(Duration::from_nanos(99_999_999)));
    }

    #[test]
    fn malformed_grpc_timeouts_are_ignored() {
        for bad in ["", "S", "10", "123456789S", "5x", "-1S", "1.5S"] {
            assert_eq!(parse(bad), None, "{bad:?}");
        }
    }
}
