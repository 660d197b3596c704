//! The admin service's front door: bearer tokens checked from the request headers, before a byte
//! of the body is read.

use std::convert::Infallible;
use std::sync::Arc;
use std::task::{Context, Poll};

use tonic::body::Body;
use tonic::server::NamedService;
use tonic::Status;
use tower::Service;

use super::AdminService;
use crate::proto::v1::gazetteer_admin_server::GazetteerAdminServer;
use crate::transport::http_service::{take_ready, BoxFuture, HttpService};

/// The bearer tokens of the admin service.
#[derive(Debug, Clone, Default)]
pub(crate) struct AdminTokens {
    /// Allows every admin RPC; `None` refuses the changing ones (Reload, Upsert, Delete).
    pub admin: Option<String>,
    /// Allows only the read RPCs (GetInfo, GetEntity).
    pub read: Option<String>,
}

/// What an admin RPC may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Access {
    /// GetInfo, GetEntity.
    Read,
    /// Reload, UpsertEntities, DeleteEntities (and any method this version does not know).
    Change,
}

/// The access the RPC at `path` (`/gazette.v1.GazetteerAdmin/GetInfo`) needs.
fn access(path: &str) -> Access {
    match path.rsplit('/').next() {
        Some("GetInfo" | "GetEntity") => Access::Read,
        _ => Access::Change,
    }
}

impl AdminTokens {
    /// Whether the request `headers` allow `access`. Reads are open only when no token at all
    /// is configured (as before tokens for reads existed); changes always need the admin token.
    fn check(&self, access: Access, headers: &http::HeaderMap) -> Result<(), Status> {
        if access == Access::Read && self.admin.is_none() && self.read.is_none() {
            return Ok(());
        }
        if access == Access::Change && self.admin.is_none() {
            return Err(Status::permission_denied(
                "gazetteer changes are disabled: no admin token is configured (--admin-token-file)",
            ));
        }
        let given = headers
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .ok_or_else(|| Status::unauthenticated("missing `authorization: Bearer <token>`"))?;
        // Both compared every time, without an early exit.
        let matches = |t: &Option<String>| {
            t.as_deref()
                .is_some_and(|t| constant_time_eq(given.as_bytes(), t.as_bytes()))
        };
        let (is_admin, is_read) = (matches(&self.admin), matches(&self.read));
        match access {
            _ if is_admin => Ok(()),
            Access::Read if is_read => Ok(()),
            Access::Change if is_read => Err(Status::permission_denied(
                "the read-only admin token (--admin-read-token-file) cannot change the gazetteer",
            )),
            _ => Err(Status::unauthenticated("wrong admin token")),
        }
    }
}

/// Checks the bearer token from the request headers and refuses with a trailers-only
/// UNAUTHENTICATED or PERMISSION_DENIED without polling the body: tonic reads a unary request's
/// whole message before its handler runs, so a check in the handler came after the buffering.
#[derive(Debug, Clone)]
pub(crate) struct AdminGate<S> {
    pub(super) inner: S,
    pub(super) tokens: Arc<AdminTokens>,
}

impl<S> NamedService for AdminGate<S> {
    const NAME: &'static str = <GazetteerAdminServer<AdminService> as NamedService>::NAME;
}

impl<S: HttpService<Error = Infallible>> Service<http::Request<Body>> for AdminGate<S> {
    type Response = http::Response<Body>;
    type Error = Infallible;
    type Future = BoxFuture<Infallible>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: http::Request<Body>) -> Self::Future {
        if let Err(refused) = self.tokens.check(access(req.uri().path()), req.headers()) {
            tracing::debug!(path = req.uri().path(), code = ?refused.code(), "admin call refused");
            // The request, body unread, is dropped here: h2 resets the stream after the answer.
            return Box::pin(async move { Ok(refused.into_http()) });
        }
        let mut inner = take_ready(&mut self.inner);
        Box::pin(async move { inner.call(req).await })
    }
}

/// Compares without an early exit, so response time does not reveal how much of a guess matched.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(token: Option<&str>) -> http::HeaderMap {
        let mut h = http::HeaderMap::new();
        if let Some(t) = token {
            h.insert(
                "authorization",
                http::HeaderValue::from_str(&format!("Bearer {t}")).unwrap(),
            );
        }
        h
    }

    #[test]
    fn who_may_do_what() {
        use tonic::Code::{PermissionDenied as Denied, Unauthenticated as Unauth};
        let none = AdminTokens::default();
        let both = AdminTokens {
            admin: Some("adm".into()),
            read: Some("rd".into()),
        };
        let read_only = AdminTokens {
            admin: None,
            read: Some("rd".into()),
        };
        let code = |t: &AdminTokens, a, token| t.check(a, &headers(token)).err().map(|s| s.code());
        let cases = [
            (&none, Access::Read, None, None),
            (&none, Access::Change, None, Some(Denied)),
            (&none, Access::Change, Some("adm"), Some(Denied)),
            (&both, Access::Read, None, Some(Unauth)),
            (&both, Access::Read, Some("nope"), Some(Unauth)),
            (&both, Access::Read, Some("rd"), None),
            (&both, Access::Read, Some("adm"), None),
            (&both, Access::Change, Some("rd"), Some(Denied)),
            (&both, Access::Change, Some("adm"), None),
            (&both, Access::Change, None, Some(Unauth)),
            (&read_only, Access::Read, None, Some(Unauth)),
            (&read_only, Access::Read, Some("rd"), None),
            (&read_only, Access::Change, Some("rd"), Some(Denied)),
        ];
        for (i, (t, a, token, want)) in cases.into_iter().enumerate() {
            assert_eq!(code(t, a, token), want, "case {i}");
        }
        assert_eq!(access("/gazette.v1.GazetteerAdmin/GetEntity"), Access::Read);
        assert_eq!(access("/gazette.v1.GazetteerAdmin/Reload"), Access::Change);
        assert_eq!(access("/gazette.v1.GazetteerAdmin/Nope"), Access::Change);
    }

    #[test]
    fn token_comparison() {
        assert!(constant_time_eq(b"s3cret", b"s3cret"));
        assert!(!constant_time_eq(b"s3cret", b"s3creT"));
        assert!(!constant_time_eq(b"s3cret", b"s3cre"));
    }
}
