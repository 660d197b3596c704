//! The last guard on errors, over every service: statuses that tonic and libraries build are cut
//! to the same budget as ours ([`MAX_ERROR_BYTES`]).

use std::pin::Pin;
use std::task::{Context, Poll};

use tonic::body::Body;
use tonic::Status;

use super::http_service::{take_ready, BoxFuture, HttpService};
use super::status::{MAX_ERROR_BYTES, MAX_MESSAGE_BYTES};
use crate::quote::clip;

/// The last guard, over every service: a status still over [`MAX_ERROR_BYTES`] in a response
/// (trailers-only head or trailers) is cut to fit. Statuses built here fit already; this catches
/// those that tonic and libraries build, such as tonic's answer to an unsupported
/// `grpc-encoding`, which quotes the header (up to hyper's 16 KiB header list).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct FitErrorsLayer;

impl<S> tower::Layer<S> for FitErrorsLayer {
    type Service = FitErrors<S>;

    fn layer(&self, inner: S) -> FitErrors<S> {
        FitErrors { inner }
    }
}

/// A service whose error statuses fit in [`MAX_ERROR_BYTES`] (see [`FitErrorsLayer`]).
#[derive(Debug, Clone)]
pub(crate) struct FitErrors<S> {
    inner: S,
}

impl<S: HttpService> tower::Service<http::Request<Body>> for FitErrors<S> {
    type Response = http::Response<Body>;
    type Error = S::Error;
    type Future = BoxFuture<S::Error>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: http::Request<Body>) -> Self::Future {
        let mut inner = take_ready(&mut self.inner);
        Box::pin(async move {
            let mut response = inner.call(req).await?;
            fit_error_headers(response.headers_mut());
            Ok(response.map(|body| Body::new(FitTrailers { body })))
        })
    }
}

/// Cuts the status in `headers`, if any, to [`MAX_ERROR_BYTES`]: the message is clipped, and
/// details too large to keep are dropped.
fn fit_error_headers(headers: &mut http::HeaderMap) {
    let size = |h: &http::HeaderMap| -> usize {
        ["grpc-message", "grpc-status-details-bin"]
            .iter()
            .filter_map(|name| h.get(*name))
            .map(|v| v.len())
            .sum()
    };
    if !headers.contains_key("grpc-status") || size(headers) <= MAX_ERROR_BYTES {
        return;
    }
    let Some(status) = Status::from_header_map(headers) else {
        return;
    };
    let details = status.details();
    let keep_details = !details.is_empty() && details.len() * 4 / 3 + 4 <= MAX_ERROR_BYTES / 2;
    let message = clip(status.message(), MAX_MESSAGE_BYTES / 4).into_owned();
    let fitted = if keep_details {
        Status::with_details(status.code(), message, details.to_vec().into())
    } else {
        Status::new(status.code(), message)
    };
    for name in ["grpc-status", "grpc-message", "grpc-status-details-bin"] {
        headers.remove(name);
    }
    if fitted.add_header(headers).is_err() {
        let _ = Status::new(status.code(), "").add_header(headers);
    }
}

pin_project_lite::pin_project! {
    /// A response body whose trailers' status fits in [`MAX_ERROR_BYTES`].
    struct FitTrailers {
        #[pin]
        body: Body,
    }
}

impl http_body::Body for FitTrailers {
    type Data = bytes::Bytes;
    type Error = Status;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<bytes::Bytes>, Status>>> {
        let frame = std::task::ready!(self.project().body.poll_frame(cx));
        Poll::Ready(frame.map(|frame| {
            frame.map(|mut frame| {
                if let Some(trailers) = frame.trailers_mut() {
                    fit_error_headers(trailers);
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
