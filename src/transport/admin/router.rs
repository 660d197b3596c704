//! Per-RPC message limits of the admin service, and the time a request body has to arrive.

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use tonic::body::Body;
use tonic::Status;
use tower::Service;

use super::super::admission::replace_oversize;
use super::AdminService;
use crate::proto::v1::gazetteer_admin_server::GazetteerAdminServer;
use crate::transport::http_service::BoxFuture;

/// Largest request message of the read RPCs and of Reload (`GetInfoRequest` and
/// `ReloadRequest` are empty, `GetEntityRequest` is one id of at most 256 bytes): anything
/// larger is not a real request.
pub(crate) const MAX_SMALL_ADMIN_MESSAGE_BYTES: usize = 16 * 1024;

/// Sends each admin RPC to a server with the message limit it needs: Upsert and Delete batches
/// (up to [`super::edits::MAX_EDIT_BATCH`] entries) may be as large as `--max-message-bytes`, the others
/// [`MAX_SMALL_ADMIN_MESSAGE_BYTES`].
///
/// A request body must also arrive within `body_timeout` of the call's admission: a caller that
/// never finishes its message would otherwise hold an admin slot for as long as its connection
/// lives.
#[derive(Debug, Clone)]
pub(crate) struct AdminRouter {
    pub(super) small: GazetteerAdminServer<AdminService>,
    pub(super) edits: GazetteerAdminServer<AdminService>,
    pub(super) max_edit_message_bytes: usize,
    pub(super) body_timeout: Duration,
}

impl Service<http::Request<Body>> for AdminRouter {
    type Response = http::Response<Body>;
    type Error = Infallible;
    type Future = BoxFuture<Infallible>;

    fn poll_ready(&mut self, _cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        // Generated tonic servers are always ready; each call below uses a fresh clone.
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, req: http::Request<Body>) -> Self::Future {
        let method = req.uri().path().rsplit('/').next().unwrap_or_default();
        let (mut server, limit) = match method {
            "UpsertEntities" | "DeleteEntities" | "AddNeverRules" => {
                (self.edits.clone(), self.max_edit_message_bytes)
            }
            _ => (self.small.clone(), MAX_SMALL_ADMIN_MESSAGE_BYTES),
        };
        let method = method.to_string();
        let timeout = self.body_timeout;
        let req = req.map(|body| {
            Body::new(BodyWithin {
                body,
                timer: tokio::time::sleep(timeout),
                timeout,
            })
        });
        Box::pin(async move {
            let mut response = server.call(req).await?;
            honest_oversize(response.headers_mut(), &method, limit);
            Ok(response)
        })
    }
}

/// Default time for an admin request body to arrive: an edit batch of 4 MiB within it needs
/// about 1 Mbit/s.
pub(crate) const DEFAULT_ADMIN_BODY_TIMEOUT: Duration = Duration::from_secs(30);

pin_project_lite::pin_project! {
    /// A request body that fails once `timer` fires before it has ended.
    struct BodyWithin {
        #[pin]
        body: Body,
        #[pin]
        timer: tokio::time::Sleep,
        timeout: Duration,
    }
}

impl http_body::Body for BodyWithin {
    type Data = bytes::Bytes;
    type Error = Status;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<bytes::Bytes>, Status>>> {
        let this = self.project();
        if let Poll::Ready(frame) = this.body.poll_frame(cx) {
            return Poll::Ready(frame);
        }
        match this.timer.poll(cx) {
            Poll::Ready(()) => Poll::Ready(Some(Err(Status::deadline_exceeded(format!(
                "the admin request message did not arrive within {} s",
                this.timeout.as_secs_f32()
            ))))),
            Poll::Pending => Poll::Pending,
        }
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.body.size_hint()
    }
}

/// tonic answers a message over the limit with OUT_OF_RANGE in a trailers-only response (all
/// admin RPCs are unary): RESOURCE_EXHAUSTED naming the limit instead, as for the extractor.
fn honest_oversize(headers: &mut http::HeaderMap, method: &str, limit: usize) {
    replace_oversize(headers, || {
        Status::resource_exhausted(format!(
            "{method} request message larger than its limit of {limit} bytes"
        ))
    });
}
