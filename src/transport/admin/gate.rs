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

/// What a named admin token may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// GetInfo, GetEntity, ListEdits and SearchEntities.
    Read,
    /// Every admin RPC, edits included.
    Write,
}

/// An admin token with a name, from `--admin-tokens-file`: the name is recorded with every
/// edit made with it.
#[derive(Clone, PartialEq, Eq)]
pub struct NamedToken {
    /// Who holds it (`alice`, `desk-bot`): recorded with their edits.
    pub name: String,
    /// What it may do.
    pub role: Role,
    /// The bearer token itself.
    pub secret: String,
}

impl std::fmt::Debug for NamedToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NamedToken")
            .field("name", &self.name)
            .field("role", &self.role)
            .finish_non_exhaustive()
    }
}

/// Parses a tokens file: one token a line, `NAME ROLE SECRET` separated by white space, ROLE
/// `read` or `write`; blank lines and `#` comments are skipped. An error names its line.
///
/// ```
/// let tokens = gazette::transport::parse_tokens(
///     "# desk\nalice write alice-s3cret-0001\nbob read bob-s3cret-000001\n",
/// )?;
/// assert_eq!((tokens[0].name.as_str(), tokens[1].role), ("alice", gazette::transport::Role::Read));
/// # Ok::<(), String>(())
/// ```
pub fn parse_tokens(text: &str) -> Result<Vec<NamedToken>, String> {
    let mut tokens: Vec<NamedToken> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let at = |m: String| format!("line {}: {m}", i + 1);
        let fields: Vec<&str> = line.split_whitespace().collect();
        let [name, role, secret] = fields[..] else {
            return Err(at(format!(
                "expected NAME ROLE SECRET, found {} fields",
                fields.len()
            )));
        };
        let role = match role {
            "read" => Role::Read,
            "write" => Role::Write,
            other => {
                return Err(at(format!(
                    "role {:?} is neither read nor write",
                    crate::quote::clip(other, 32)
                )))
            }
        };
        let name_ok = name.len() <= 64
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.@".contains(c));
        if !name_ok {
            return Err(at(
                "a name is 1 to 64 ASCII letters, digits or - _ . @".to_string()
            ));
        }
        if secret.len() < 16 {
            return Err(at(format!("{name}'s secret is under 16 characters")));
        }
        if tokens.iter().any(|t| t.name == name) {
            return Err(at(format!("{name} appears twice")));
        }
        if tokens.iter().any(|t| t.secret == secret) {
            return Err(at(format!("{name}'s secret is another token's too")));
        }
        tokens.push(NamedToken {
            name: name.to_string(),
            role,
            secret: secret.to_string(),
        });
    }
    Ok(tokens)
}

/// Who an admitted admin call is: its token's name, put in the request's extensions for the
/// handlers (edits record it).
#[derive(Debug, Clone)]
pub(crate) struct Editor(pub(crate) String);

/// The bearer tokens of the admin service.
#[derive(Debug, Clone, Default)]
pub(crate) struct AdminTokens {
    /// Allows every admin RPC as `admin`; `None` refuses the changing ones (Reload, Upsert,
    /// Delete) unless a named token may.
    pub admin: Option<String>,
    /// Allows only the read RPCs (GetInfo, GetEntity, ListEdits, SearchEntities), as `reader`.
    pub read: Option<String>,
    /// Named tokens (`--admin-tokens-file`).
    pub named: Vec<NamedToken>,
}

/// What an admin RPC may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Access {
    /// GetInfo, GetEntity, ListEdits, SearchEntities, ListNeverRules.
    Read,
    /// Reload, UpsertEntities, DeleteEntities, RevertEdit, AddNeverRules (and any method this version does not
    /// know).
    Change,
}

/// The access the RPC at `path` (`/gazette.v1.GazetteerAdmin/GetInfo`) needs.
fn access(path: &str) -> Access {
    match path.rsplit('/').next() {
        Some("GetInfo" | "GetEntity" | "ListEdits" | "SearchEntities" | "ListNeverRules") => {
            Access::Read
        }
        _ => Access::Change,
    }
}

impl AdminTokens {
    /// Whether the request `headers` allow `access`, and as whom. Reads are open (as nobody)
    /// only when no token at all is configured; changes always need a token that may write.
    fn check(&self, access: Access, headers: &http::HeaderMap) -> Result<Option<String>, Status> {
        let any_token = self.admin.is_some() || self.read.is_some() || !self.named.is_empty();
        if access == Access::Read && !any_token {
            return Ok(None);
        }
        let can_write = self.admin.is_some() || self.named.iter().any(|t| t.role == Role::Write);
        if access == Access::Change && !can_write {
            return Err(Status::permission_denied(
                "gazetteer changes are disabled: no admin token is configured \
                 (--admin-token-file, or a write token in --admin-tokens-file)",
            ));
        }
        let given = headers
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .ok_or_else(|| Status::unauthenticated("missing `authorization: Bearer <token>`"))?;
        // Every token compared every time, without an early exit.
        let legacy = [
            (self.admin.as_deref(), "admin", Role::Write),
            (self.read.as_deref(), "reader", Role::Read),
        ];
        let mut matched: Option<(&str, Role)> = None;
        for (secret, name, role) in legacy
            .into_iter()
            .filter_map(|(t, n, r)| t.map(|t| (t, n, r)))
            .chain(
                self.named
                    .iter()
                    .map(|t| (t.secret.as_str(), t.name.as_str(), t.role)),
            )
        {
            if constant_time_eq(given.as_bytes(), secret.as_bytes()) && matched.is_none() {
                matched = Some((name, role));
            }
        }
        match (access, matched) {
            (_, Some((name, Role::Write))) | (Access::Read, Some((name, Role::Read))) => {
                Ok(Some(name.to_string()))
            }
            (Access::Change, Some((name, Role::Read))) => Err(Status::permission_denied(format!(
                "the read-only admin token {name:?} (--admin-read-token-file or role read) cannot \
                 change the gazetteer"
            ))),
            (_, None) => Err(Status::unauthenticated("wrong admin token")),
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

    fn call(&mut self, mut req: http::Request<Body>) -> Self::Future {
        match self.tokens.check(access(req.uri().path()), req.headers()) {
            Ok(Some(editor)) => {
                req.extensions_mut().insert(Editor(editor));
            }
            Ok(None) => {}
            Err(refused) => {
                tracing::debug!(path = req.uri().path(), code = ?refused.code(), "admin call refused");
                // The request, body unread, is dropped here: h2 resets the stream after the
                // answer.
                return Box::pin(async move { Ok(refused.into_http()) });
            }
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
            named: Vec::new(),
        };
        let read_only = AdminTokens {
            admin: None,
            read: Some("rd".into()),
            named: Vec::new(),
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
        assert_eq!(access("/gazette.v1.GazetteerAdmin/ListEdits"), Access::Read);
        assert_eq!(
            access("/gazette.v1.GazetteerAdmin/RevertEdit"),
            Access::Change
        );
        assert_eq!(access("/gazette.v1.GazetteerAdmin/Reload"), Access::Change);
        assert_eq!(access("/gazette.v1.GazetteerAdmin/Nope"), Access::Change);
    }

    #[test]
    fn named_tokens_say_who_and_what_they_may_do() {
        let tokens = AdminTokens {
            named: parse_tokens("alice write alice-secret-0001\nbob read bob-secret-00000001\n")
                .unwrap(),
            ..AdminTokens::default()
        };
        let who = |a, token| tokens.check(a, &headers(token)).map_err(|s| s.code());
        assert_eq!(
            who(Access::Change, Some("alice-secret-0001")),
            Ok(Some("alice".into()))
        );
        assert_eq!(
            who(Access::Read, Some("bob-secret-00000001")),
            Ok(Some("bob".into()))
        );
        assert_eq!(
            who(Access::Change, Some("bob-secret-00000001")),
            Err(tonic::Code::PermissionDenied)
        );
        assert_eq!(who(Access::Read, None), Err(tonic::Code::Unauthenticated));
        assert_eq!(
            who(Access::Read, Some("nope")),
            Err(tonic::Code::Unauthenticated)
        );
        // Legacy tokens have names too.
        let legacy = AdminTokens {
            admin: Some("adm".into()),
            ..AdminTokens::default()
        };
        assert_eq!(
            legacy
                .check(Access::Change, &headers(Some("adm")))
                .map_err(|s| s.code()),
            Ok(Some("admin".into()))
        );
    }

    #[test]
    fn a_bad_tokens_file_names_its_line() {
        let cases = [
            (
                "alice write",
                "line 1: expected NAME ROLE SECRET, found 2 fields",
            ),
            (
                "# c\nalice admin secret-secret-123",
                "line 2: role \"admin\"",
            ),
            ("alice write short", "line 1: alice's secret is under 16"),
            (
                "alice write secret-secret-123\nalice read secret-secret-456",
                "line 2: alice appears twice",
            ),
            (
                "alice write secret-secret-123\nbob read secret-secret-123",
                "line 2: bob's secret is another token's too",
            ),
            ("al/ice write secret-secret-123", "line 1: a name is"),
        ];
        for (text, want) in cases {
            let err = parse_tokens(text).unwrap_err();
            assert!(err.starts_with(want), "{err:?} should start with {want:?}");
        }
        assert!(parse_tokens("\n# only comments\n").unwrap().is_empty());
    }

    #[test]
    fn token_comparison() {
        assert!(constant_time_eq(b"s3cret", b"s3cret"));
        assert!(!constant_time_eq(b"s3cret", b"s3creT"));
        assert!(!constant_time_eq(b"s3cret", b"s3cre"));
    }
}
