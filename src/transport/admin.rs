//! The `gazette.v1.GazetteerAdmin` service: information about the serving gazetteer, reloads
//! and edits, behind bearer tokens checked from the request headers.
//!
//! The admin service is wrapped, outermost first, in: [`AdminGate`] (the token, checked before
//! a byte of the body is read, so unauthenticated callers cannot make the server buffer
//! anything), the admin [`Admission`] (its own small in-flight limit, shedding with a retry
//! delay like the extractor's), and [`AdminRouter`] (a message limit per RPC: reads are tiny,
//! edit batches are not). Unfinished 4 MiB bodies on open admin RPCs once took RSS from 164 MB
//! to 1.82 GB.

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tonic::body::Body;
use tonic::server::NamedService;
use tonic::{Request, Response, Status};
use tower::Service;

use super::admission::{Admission, Admitted};
use super::status::{self, RequestError};
use crate::edits::Edit;
use crate::field_path::FieldPath;
use crate::gazetteer::{parse_entry, validate_prior, CasePolicy, EntryRef, MAX_ID_BYTES};
use crate::live::{LiveGazetteer, ReloadError, Trigger};
use crate::proto::v1::gazetteer_admin_server::{GazetteerAdmin, GazetteerAdminServer};
use crate::proto::v1::{
    DeleteEntitiesRequest, EditResponse, GazetteerEntry, GazetteerInfo, GetEntityRequest,
    GetInfoRequest, NamespaceCount, ReloadRequest, ReloadResponse, ReloadResult, TypeCount,
    UpsertEntitiesRequest,
};

/// Most entries or ids in one edit request: edits are for editors, bulk loads are files.
pub(crate) const MAX_EDIT_BATCH: usize = 10_000;

/// The JSONL object for a proto entry, so edits are validated exactly like file lines.
fn proto_entry_json(e: &GazetteerEntry) -> serde_json::Value {
    let mut o = serde_json::json!({
        "id": e.id,
        "name": e.name,
        "type": e.r#type,
        "aliases": e.aliases,
        "attributes": e.attributes,
        "prior": e.prior,
    });
    if !e.case.is_empty() {
        o["case"] = serde_json::Value::String(e.case.clone());
    }
    o
}

fn to_proto(e: EntryRef<'_>) -> GazetteerEntry {
    GazetteerEntry {
        id: e.id().to_string(),
        name: e.name().to_string(),
        r#type: e.entity_type().to_string(),
        aliases: e.aliases().map(|a| a.text.to_string()).collect(),
        case: match e.case() {
            CasePolicy::Proper => "proper",
            CasePolicy::Exact => "exact",
            CasePolicy::Insensitive => "insensitive",
        }
        .to_string(),
        attributes: e
            .attributes()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        prior: e.prior(),
        namespace: e.namespace().to_string(),
    }
}

/// Parses and validates an upsert request into edits (the one parse of its entries), reporting
/// every bad entry.
fn upsert_edits(req: UpsertEntitiesRequest) -> Result<Vec<Edit>, RequestError> {
    let mut errors: Option<RequestError> = None;
    let mut fail = |e: RequestError| match &mut errors {
        Some(all) => all.push(e),
        None => errors = Some(e),
    };
    let ns_ok = !req.namespace.is_empty()
        && req.namespace.len() <= 64
        && req
            .namespace
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !ns_ok {
        fail(RequestError::new(
            "namespace",
            "INVALID_NAMESPACE",
            format!(
                "{:?} must be 1 to 64 ASCII letters, digits, '-' or '_'",
                req.namespace
            ),
        ));
    }
    if req.entries.is_empty() || req.entries.len() > MAX_EDIT_BATCH {
        fail(RequestError::new(
            "entries",
            "INVALID_BATCH",
            format!(
                "give 1 to {MAX_EDIT_BATCH} entries, not {}",
                req.entries.len()
            ),
        ));
    }
    let mut ids = std::collections::HashSet::new();
    let mut edits = Vec::with_capacity(req.entries.len());
    for (i, e) in req.entries.iter().enumerate() {
        let entry = FieldPath::new().field("entries").index(i);
        let invalid = |e: crate::gazetteer::EntryError| {
            RequestError::new(entry.clone().join(&e.field), "INVALID_ENTRY", e.message)
        };
        if e.id.trim().is_empty() {
            fail(RequestError::new(
                entry.clone().field("id"),
                "INVALID_ENTRY",
                "id is required in upserts",
            ));
            continue;
        }
        if !ids.insert(e.id.as_str()) {
            fail(RequestError::new(
                entry.clone().field("id"),
                "INVALID_ENTRY",
                format!("id {:?} appears twice", e.id),
            ));
            continue;
        }
        // JSON has no NaN or infinity (serde_json writes them as null, read back as 0): the
        // float is checked before it becomes JSON, by the same function file lines go through.
        if let Err(err) = validate_prior(e.prior) {
            fail(invalid(err));
            continue;
        }
        match parse_entry(&proto_entry_json(e).to_string(), &req.namespace) {
            Ok(entry) => edits.push(Edit::Upsert(entry)),
            Err(err) => fail(invalid(err)),
        }
    }
    match errors {
        Some(e) => Err(e),
        None => Ok(edits),
    }
}

/// Validates a delete request into edits, reporting every bad id.
fn delete_edits(req: DeleteEntitiesRequest) -> Result<Vec<Edit>, RequestError> {
    let ids = req.ids;
    if ids.is_empty() || ids.len() > MAX_EDIT_BATCH {
        return Err(RequestError::new(
            "ids",
            "INVALID_BATCH",
            format!("give 1 to {MAX_EDIT_BATCH} ids, not {}", ids.len()),
        ));
    }
    let mut errors: Option<RequestError> = None;
    for (i, id) in ids.iter().enumerate() {
        let problem = if id.trim().is_empty() {
            "id is empty".to_string()
        } else if id.len() > MAX_ID_BYTES {
            format!(
                "id is {} bytes; no entry has an id over {MAX_ID_BYTES} bytes",
                id.len()
            )
        } else {
            continue;
        };
        let e = RequestError::new(
            FieldPath::new().field("ids").index(i),
            "INVALID_ID",
            problem,
        );
        match &mut errors {
            Some(all) => all.push(e),
            None => errors = Some(e),
        }
    }
    match errors {
        Some(e) => Err(e),
        None => Ok(ids.into_iter().map(|id| Edit::Delete { id }).collect()),
    }
}

/// The admin service over a live gazetteer. Tokens are checked before it, by [`AdminGate`].
#[derive(Debug, Clone)]
pub(crate) struct AdminService {
    live: Arc<LiveGazetteer>,
    file_watch: Option<Arc<super::triggers::WatchStatus>>,
}

impl AdminService {
    /// The handlers over `live`; serve them behind [`admin_server`], which checks the tokens.
    pub(crate) fn new(live: Arc<LiveGazetteer>) -> Self {
        AdminService {
            live,
            file_watch: None,
        }
    }

    /// Reports the health of the gazetteer file watch in GetInfo.
    pub(crate) fn with_file_watch(
        mut self,
        status: Option<Arc<super::triggers::WatchStatus>>,
    ) -> Self {
        self.file_watch = status;
        self
    }

    /// Journals and applies validated edits, and answers with the version now serving.
    async fn apply(&self, edits: Vec<Edit>) -> Result<Response<EditResponse>, Status> {
        let r = self.live.edit(edits).await?;
        tracing::info!(
            applied = r.applied,
            version = %r.version,
            ms = r.duration.as_millis() as u64,
            "gazetteer edited"
        );
        Ok(Response::new(EditResponse {
            version: r.version,
            applied: r.applied as u32,
        }))
    }
}

/// Default for `--max-concurrent-admin-rpcs`: admin calls are rare, and a reload or an edit
/// holds its slot for the whole build.
pub(crate) const DEFAULT_MAX_CONCURRENT_ADMIN_RPCS: usize = 4;

/// Largest request message of the read RPCs and of Reload (`GetInfoRequest` and
/// `ReloadRequest` are empty, `GetEntityRequest` is one id of at most 256 bytes): anything
/// larger is not a real request.
pub(crate) const MAX_SMALL_ADMIN_MESSAGE_BYTES: usize = 16 * 1024;

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

/// The admin service as served: [`AdminGate`] over an [`Admission`] of `max_in_flight` over an
/// [`AdminRouter`] whose edit RPCs accept messages up to `max_edit_message_bytes`, each request
/// body to be received within `body_timeout`.
pub(crate) fn admin_server(
    live: Arc<LiveGazetteer>,
    tokens: AdminTokens,
    max_in_flight: usize,
    max_edit_message_bytes: usize,
    body_timeout: Duration,
    file_watch: Option<Arc<super::triggers::WatchStatus>>,
) -> AdminGate<Admitted<AdminRouter>> {
    let service = Arc::new(AdminService::new(live).with_file_watch(file_watch));
    let router = AdminRouter {
        small: GazetteerAdminServer::from_arc(service.clone())
            .max_decoding_message_size(MAX_SMALL_ADMIN_MESSAGE_BYTES),
        edits: GazetteerAdminServer::from_arc(service)
            .max_decoding_message_size(max_edit_message_bytes),
        max_edit_message_bytes,
        body_timeout,
    };
    let admission = Admission::with_flag(
        max_in_flight,
        max_edit_message_bytes,
        "admin",
        "--max-concurrent-admin-rpcs",
    );
    AdminGate {
        inner: admission.wrap(router),
        tokens: Arc::new(tokens),
    }
}

/// Checks the bearer token from the request headers and refuses with a trailers-only
/// UNAUTHENTICATED or PERMISSION_DENIED without polling the body: tonic reads a unary request's
/// whole message before its handler runs, so a check in the handler came after the buffering.
#[derive(Debug, Clone)]
pub(crate) struct AdminGate<S> {
    inner: S,
    tokens: Arc<AdminTokens>,
}

impl<S> NamedService for AdminGate<S> {
    const NAME: &'static str = <GazetteerAdminServer<AdminService> as NamedService>::NAME;
}

impl<S> Service<http::Request<Body>> for AdminGate<S>
where
    S: Service<http::Request<Body>, Response = http::Response<Body>, Error = Infallible>
        + Clone
        + Send
        + 'static,
    S::Future: Send + 'static,
{
    type Response = http::Response<Body>;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Infallible>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: http::Request<Body>) -> Self::Future {
        if let Err(refused) = self.tokens.check(access(req.uri().path()), req.headers()) {
            tracing::debug!(path = req.uri().path(), code = ?refused.code(), "admin call refused");
            // The request, body unread, is dropped here: h2 resets the stream after the answer.
            return Box::pin(async move { Ok(refused.into_http()) });
        }
        // The clone that was made ready is the one to call (tower's contract).
        let clone = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, clone);
        Box::pin(async move { inner.call(req).await })
    }
}

/// Sends each admin RPC to a server with the message limit it needs: Upsert and Delete batches
/// (up to [`MAX_EDIT_BATCH`] entries) may be as large as `--max-message-bytes`, the others
/// [`MAX_SMALL_ADMIN_MESSAGE_BYTES`].
///
/// A request body must also arrive within `body_timeout` of the call's admission: a caller that
/// never finishes its message would otherwise hold an admin slot for as long as its connection
/// lives.
#[derive(Debug, Clone)]
pub(crate) struct AdminRouter {
    small: GazetteerAdminServer<AdminService>,
    edits: GazetteerAdminServer<AdminService>,
    max_edit_message_bytes: usize,
    body_timeout: Duration,
}

impl Service<http::Request<Body>> for AdminRouter {
    type Response = http::Response<Body>;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Infallible>> + Send>>;

    fn poll_ready(&mut self, _cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        // Generated tonic servers are always ready; each call below uses a fresh clone.
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, req: http::Request<Body>) -> Self::Future {
        let method = req.uri().path().rsplit('/').next().unwrap_or_default();
        let (mut server, limit) = match method {
            "UpsertEntities" | "DeleteEntities" => {
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
    if headers.get("grpc-status").is_none_or(|v| v != "11") {
        return;
    }
    let is_oversize = Status::from_header_map(headers).is_some_and(|s| {
        s.message()
            .starts_with("Error, decoded message length too large")
    });
    if is_oversize {
        headers.remove("grpc-message");
        let _ = Status::resource_exhausted(format!(
            "{method} request message larger than its limit of {limit} bytes"
        ))
        .add_header(headers);
    }
}

/// Compares without an early exit, so response time does not reveal how much of a guess matched.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn unix_ms(t: SystemTime) -> i64 {
    t.duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

#[tonic::async_trait]
impl GazetteerAdmin for AdminService {
    /// Reads the figures stored with the gazetteer ([`crate::gazetteer::Counts`]): no walk
    /// over the entries per call.
    async fn get_info(
        &self,
        _request: Request<GetInfoRequest>,
    ) -> Result<Response<GazetteerInfo>, Status> {
        let snapshot = self.live.snapshot();
        let g = snapshot.extractor.gazetteer();
        let counts = g.counts();
        let last_reload = self.live.last_reload().map(|r| ReloadResult {
            ok: r.ok,
            at_unix_ms: unix_ms(r.at),
            version: r.version,
            errors: r.errors,
            trigger: r.trigger.as_str().to_string(),
            duration_ms: r.duration.as_millis() as u32,
            error_count: r.error_count as u64,
        });
        Ok(Response::new(GazetteerInfo {
            version: g.version().to_string(),
            entries: g.len() as u64,
            forms: g.alias_count() as u64,
            by_type: counts
                .by_type
                .iter()
                .map(|(t, &(entries, forms))| TypeCount {
                    r#type: t.clone(),
                    entries: entries as u64,
                    forms: forms as u64,
                })
                .collect(),
            by_namespace: counts
                .by_namespace
                .iter()
                .map(|(ns, &n)| NamespaceCount {
                    namespace: ns.clone(),
                    entries: n as u64,
                })
                .collect(),
            loaded_at_unix_ms: unix_ms(snapshot.loaded_at),
            last_reload,
            edit_layer_entries: g.edit_layer_len() as u64,
            file_watch: self.file_watch.as_ref().map(|w| w.to_proto()),
        }))
    }

    async fn reload(
        &self,
        _request: Request<ReloadRequest>,
    ) -> Result<Response<ReloadResponse>, Status> {
        let roots = self
            .live
            .sources()
            .map(|s| s.paths.clone())
            .unwrap_or_default();
        let r = self.live.reload(Trigger::Rpc).await.map_err(|e| match e {
            ReloadError::Invalid(errors) => {
                ReloadError::Invalid(crate::live::relative_to_roots(errors, &roots))
            }
            e => e,
        })?;
        Ok(Response::new(ReloadResponse {
            version: r.version,
            previous_version: r.previous_version,
            changed: r.changed,
            entries: r.entries as u64,
            duration_ms: r.duration.as_millis() as u32,
        }))
    }

    async fn upsert_entities(
        &self,
        request: Request<UpsertEntitiesRequest>,
    ) -> Result<Response<EditResponse>, Status> {
        let edits = upsert_edits(request.into_inner())?;
        self.apply(edits).await
    }

    async fn delete_entities(
        &self,
        request: Request<DeleteEntitiesRequest>,
    ) -> Result<Response<EditResponse>, Status> {
        let edits = delete_edits(request.into_inner())?;
        self.apply(edits).await
    }

    async fn get_entity(
        &self,
        request: Request<GetEntityRequest>,
    ) -> Result<Response<GazetteerEntry>, Status> {
        let id = request.into_inner().id;
        let snapshot = self.live.snapshot();
        snapshot
            .extractor
            .gazetteer()
            .get(&id)
            .map(|e| Response::new(to_proto(e)))
            .ok_or_else(|| status::no_such_entry(&id))
    }
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
