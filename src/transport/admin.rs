//! The `gazette.v1.GazetteerAdmin` service: information about the serving gazetteer, and
//! reloads behind a bearer token.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use tonic::{Request, Response, Status};

use super::live::{LiveGazetteer, Trigger};
use super::status::RequestError;
use crate::gazetteer::{parse_entry, CasePolicy, EntryRef};
use crate::journal::Edit;
use crate::proto::v1::gazetteer_admin_server::GazetteerAdmin;
use crate::proto::v1::{
    DeleteEntitiesRequest, EditResponse, GazetteerEntry, GazetteerInfo, GetEntityRequest,
    GetInfoRequest, NamespaceCount, ReloadRequest, ReloadResponse, ReloadResult, TypeCount,
    UpsertEntitiesRequest,
};

/// Most entries or ids in one edit request: edits are for editors, bulk loads are files.
pub const MAX_EDIT_BATCH: usize = 10_000;

/// The JSONL object for a proto entry, so edits are validated exactly like file lines.
fn entry_json(e: &GazetteerEntry) -> serde_json::Value {
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

/// Validates an upsert request into journal edits, reporting every bad entry.
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
        if e.id.trim().is_empty() {
            fail(RequestError::new(
                format!("entries[{i}].id"),
                "INVALID_ENTRY",
                "id is required in upserts",
            ));
            continue;
        }
        if !ids.insert(e.id.as_str()) {
            fail(RequestError::new(
                format!("entries[{i}].id"),
                "INVALID_ENTRY",
                format!("id {:?} appears twice", e.id),
            ));
            continue;
        }
        let json = entry_json(e);
        match parse_entry(&json.to_string(), &req.namespace) {
            Ok(_) => edits.push(Edit::Upsert {
                namespace: req.namespace.clone(),
                entry: json,
            }),
            Err(m) => fail(RequestError::new(
                format!("entries[{i}]"),
                "INVALID_ENTRY",
                m,
            )),
        }
    }
    match errors {
        Some(e) => Err(e),
        None => Ok(edits),
    }
}

/// The admin service over a live gazetteer.
#[derive(Debug, Clone)]
pub struct AdminService {
    live: Arc<LiveGazetteer>,
    token: Option<Arc<str>>,
    file_watch: Option<Arc<super::triggers::WatchStatus>>,
}

impl AdminService {
    /// Mutating RPCs need `authorization: Bearer <token>`; with `token` `None` they are refused.
    pub fn new(live: Arc<LiveGazetteer>, token: Option<String>) -> Self {
        AdminService {
            live,
            token: token.map(Arc::from),
            file_watch: None,
        }
    }

    /// Reports the health of the gazetteer file watch in GetInfo.
    pub fn with_file_watch(mut self, status: Option<Arc<super::triggers::WatchStatus>>) -> Self {
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

    fn authorize<T>(&self, request: &Request<T>) -> Result<(), Status> {
        let Some(token) = &self.token else {
            return Err(Status::permission_denied(
                "gazetteer changes are disabled: no admin token is configured (--admin-token-file)",
            ));
        };
        let given = request
            .metadata()
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .ok_or_else(|| Status::unauthenticated("missing `authorization: Bearer <token>`"))?;
        if constant_time_eq(given.as_bytes(), token.as_bytes()) {
            Ok(())
        } else {
            Err(Status::unauthenticated("wrong admin token"))
        }
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
    async fn get_info(
        &self,
        _request: Request<GetInfoRequest>,
    ) -> Result<Response<GazetteerInfo>, Status> {
        let snapshot = self.live.snapshot();
        let g = snapshot.extractor.gazetteer();
        let mut by_ns: BTreeMap<&str, u64> = BTreeMap::new();
        for e in g.entries() {
            *by_ns.entry(e.namespace()).or_default() += 1;
        }
        let last_reload = self.live.last_reload().map(|r| ReloadResult {
            ok: r.ok,
            at_unix_ms: unix_ms(r.at),
            version: r.version,
            errors: r.errors,
            trigger: r.trigger.as_str().to_string(),
            duration_ms: r.duration.as_millis() as u32,
        });
        Ok(Response::new(GazetteerInfo {
            version: g.version().to_string(),
            entries: g.len() as u64,
            forms: g.alias_count() as u64,
            by_type: g
                .counts_by_type()
                .into_iter()
                .map(|(t, (entries, forms))| TypeCount {
                    r#type: t,
                    entries: entries as u64,
                    forms: forms as u64,
                })
                .collect(),
            by_namespace: by_ns
                .into_iter()
                .map(|(ns, n)| NamespaceCount {
                    namespace: ns.to_string(),
                    entries: n,
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
        request: Request<ReloadRequest>,
    ) -> Result<Response<ReloadResponse>, Status> {
        self.authorize(&request)?;
        let r = self.live.reload(Trigger::Rpc).await?;
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
        self.authorize(&request)?;
        let edits = upsert_edits(request.into_inner())?;
        self.apply(edits).await
    }

    async fn delete_entities(
        &self,
        request: Request<DeleteEntitiesRequest>,
    ) -> Result<Response<EditResponse>, Status> {
        self.authorize(&request)?;
        let ids = request.into_inner().ids;
        if ids.is_empty() || ids.len() > MAX_EDIT_BATCH {
            return Err(RequestError::new(
                "ids",
                "INVALID_BATCH",
                format!("give 1 to {MAX_EDIT_BATCH} ids, not {}", ids.len()),
            )
            .into());
        }
        if let Some(i) = ids.iter().position(|id| id.trim().is_empty()) {
            return Err(RequestError::new(format!("ids[{i}]"), "INVALID_ID", "id is empty").into());
        }
        self.apply(ids.into_iter().map(|id| Edit::Delete { id }).collect())
            .await
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
            .ok_or_else(|| Status::not_found(format!("no entry with id {id:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_comparison() {
        assert!(constant_time_eq(b"s3cret", b"s3cret"));
        assert!(!constant_time_eq(b"s3cret", b"s3creT"));
        assert!(!constant_time_eq(b"s3cret", b"s3cre"));
    }
}
