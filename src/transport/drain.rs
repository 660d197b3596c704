//! Ending health `Watch` streams once shutdown starts.
//!
//! A `Watch` stream never ends by itself, and every grpc-go or grpc-java client with client-side
//! health checking keeps one open. The drain waits for every open RPC, so without this each
//! shutdown would last the whole `--drain-timeout`. Once shutdown starts (after NOT_SERVING has
//! been published), each `Watch` stream delivers what it has and then ends with UNAVAILABLE, the
//! status gRPC gives to "server shutting down"; watchers retry elsewhere.

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use tokio::sync::watch;
use tonic::body::Body;
use tonic::server::NamedService;
use tonic::Status;
use tower::Service;

use super::http_service::{take_ready, BoxFuture, HttpService};

/// The health service, with its `Watch` streams ended at shutdown.
#[derive(Debug, Clone)]
pub(crate) struct WatchesEndAtShutdown<S> {
    inner: S,
    shutting_down: watch::Receiver<bool>,
}

impl<S> WatchesEndAtShutdown<S> {
    /// `inner` whose `Watch` streams end once `shutting_down` turns true.
    pub(crate) fn new(inner: S, shutting_down: watch::Receiver<bool>) -> Self {
        WatchesEndAtShutdown {
            inner,
            shutting_down,
        }
    }
}

impl<S: NamedService> NamedService for WatchesEndAtShutdown<S> {
    const NAME: &'static str = S::NAME;
}

impl<S: HttpService<Error = Infallible>> Service<http::Request<Body>> for WatchesEndAtShutdown<S> {
    type Response = http::Response<Body>;
    type Error = Infallible;
    type Future = BoxFuture<Infallible>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: http::Request<Body>) -> Self::Future {
        let is_watch = req.uri().path().ends_with("/Watch");
        let mut inner = take_ready(&mut self.inner);
        let mut shutting_down = self.shutting_down.clone();
        Box::pin(async move {
            let response = inner.call(req).await?;
            if !is_watch {
                return Ok(response);
            }
            let shutdown = Box::pin(async move {
                // A dropped sender means the server is gone: end the stream too.
                let _ = shutting_down.wait_for(|down| *down).await;
            });
            Ok(response.map(|body| {
                Body::new(EndsAtShutdown {
                    body,
                    shutdown,
                    ended: false,
                })
            }))
        })
    }
}

pin_project_lite::pin_project! {
    struct EndsAtShutdown {
        #[pin]
        body: Body,
        shutdown: Pin<Box<dyn Future<Output = ()> + Send>>,
        ended: bool,
    }
}

impl http_body::Body for EndsAtShutdown {
    type Data = Bytes;
    type Error = Status;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, Status>>> {
        let this = self.project();
        if *this.ended {
            return Poll::Ready(None);
        }
        // Whatever the stream has ready (the NOT_SERVING update) goes out first.
        if let Poll::Ready(frame) = this.body.poll_frame(cx) {
            return Poll::Ready(frame);
        }
        match this.shutdown.as_mut().poll(cx) {
            Poll::Ready(()) => {
                *this.ended = true;
                let mut trailers = http::HeaderMap::new();
                let _ = Status::unavailable("server shutting down").add_header(&mut trailers);
                Poll::Ready(Some(Ok(http_body::Frame::trailers(trailers))))
            }
            Poll::Pending => Poll::Pending,
        }
    }

    fn is_end_stream(&self) -> bool {
        self.ended || self.body.is_end_stream()
    }
}
