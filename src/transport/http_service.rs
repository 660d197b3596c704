//! The shape every layer of the server wraps: an HTTP service over tonic's body, called through
//! a clone and answering with a boxed future. Named once, so each layer's `impl Service` says
//! only what it does.

use std::future::Future;
use std::pin::Pin;

use tonic::body::Body;
use tower::Service;

/// A service the server's layers can wrap: `http::Request<Body>` in, `http::Response<Body>`
/// out, cloneable, and sendable with its futures.
pub(crate) trait HttpService:
    Service<http::Request<Body>, Response = http::Response<Body>, Future: Send + 'static>
    + Clone
    + Send
    + 'static
{
}

impl<S> HttpService for S where
    S: Service<http::Request<Body>, Response = http::Response<Body>, Future: Send + 'static>
        + Clone
        + Send
        + 'static
{
}

/// A layer's answer.
pub(crate) type BoxFuture<E> =
    Pin<Box<dyn Future<Output = Result<http::Response<Body>, E>> + Send>>;

/// The service to call now, leaving a fresh clone in its place: tower's contract is that the
/// clone that was made ready is the one called.
pub(crate) fn take_ready<S: Clone>(service: &mut S) -> S {
    let clone = service.clone();
    std::mem::replace(service, clone)
}
