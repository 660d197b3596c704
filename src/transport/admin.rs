//! The `gazette.v1.GazetteerAdmin` service: information about the serving gazetteer, reloads
//! and edits, behind bearer tokens checked from the request headers.
//!
//! The admin service is wrapped, outermost first, in: [`AdminGate`] (the token, checked before
//! a byte of the body is read, so unauthenticated callers cannot make the server buffer
//! anything), the admin [`Admission`] (its own small in-flight limit, shedding with a retry
//! delay like the extractor's), and [`AdminRouter`] (a message limit per RPC: reads are tiny,
//! edit batches are not). Unfinished 4 MiB bodies on open admin RPCs once took RSS from 164 MB
//! to 1.82 GB.

mod edits;
mod entry_proto;
mod gate;
mod history;
mod never;
mod page;
mod router;
mod search;

use edits::{delete_edits, upsert_edits};
use entry_proto::to_proto;
pub use gate::{parse_tokens, NamedToken, Role};
pub(crate) use gate::{AdminGate, AdminTokens, Editor};
pub(crate) use router::{AdminRouter, DEFAULT_ADMIN_BODY_TIMEOUT, MAX_SMALL_ADMIN_MESSAGE_BYTES};

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tonic::{Request, Response, Status};

use super::admission::{Admission, Admitted};
use super::status;
use crate::edits::Edit;
use crate::live::{LiveGazetteer, ReloadError, Trigger};
use crate::proto::v1::gazetteer_admin_server::{GazetteerAdmin, GazetteerAdminServer};
use crate::proto::v1::{
    AddNeverRulesRequest, AddNeverRulesResponse, DeleteEntitiesRequest, EditLogInfo, EditResponse,
    GazetteerEntry, GazetteerInfo, GetEntityRequest, GetInfoRequest, ListEditsRequest,
    ListEditsResponse, ListNeverRulesRequest, ListNeverRulesResponse, NamespaceCount,
    ReloadRequest, ReloadResponse, ReloadResult, RevertEditRequest, SearchEntitiesRequest,
    SearchEntitiesResponse, TypeCount, UpsertEntitiesRequest,
};

/// Longest edit-log error quoted in GetInfo (driver errors can be long).
const MAX_LOG_ERROR_BYTES: usize = 300;

/// Default for `--max-concurrent-admin-rpcs`: admin calls are rare, and a reload or an edit
/// holds its slot for the whole build.
pub(crate) const DEFAULT_MAX_CONCURRENT_ADMIN_RPCS: usize = 4;

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
    async fn apply(&self, edits: Vec<Edit>, by: String) -> Result<Response<EditResponse>, Status> {
        let r = self.live.edit(edits, by.clone()).await?;
        tracing::info!(
            applied = r.applied,
            version = %r.version,
            ms = r.duration.as_millis() as u64,
            by = %by,
            "gazetteer edited"
        );
        Ok(Response::new(EditResponse {
            version: r.version,
            applied: r.applied as u32,
        }))
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

/// The name of the token the call was admitted with (see [`gate::Editor`]).
fn editor<T>(request: &Request<T>) -> String {
    request
        .extensions()
        .get::<Editor>()
        .map(|e| e.0.clone())
        .unwrap_or_default()
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
            edit_log: self.live.log_status().map(|l| EditLogInfo {
                kind: l.kind.to_string(),
                applied_seq: l.applied_seq,
                last_contact_unix_ms: l.last_contact.map_or(0, unix_ms),
                error: l
                    .error
                    .map(|e| crate::quote::clip(&e, MAX_LOG_ERROR_BYTES).into_owned())
                    .unwrap_or_default(),
            }),
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
        let by = editor(&request);
        let edits = upsert_edits(request.into_inner())?;
        self.apply(edits, by).await
    }

    async fn delete_entities(
        &self,
        request: Request<DeleteEntitiesRequest>,
    ) -> Result<Response<EditResponse>, Status> {
        let by = editor(&request);
        let edits = delete_edits(request.into_inner())?;
        self.apply(edits, by).await
    }

    async fn list_edits(
        &self,
        request: Request<ListEditsRequest>,
    ) -> Result<Response<ListEditsResponse>, Status> {
        let query = history::list_query(request.get_ref())?;
        let edits = self.live.history(query.clone()).await?;
        Ok(Response::new(history::list_response(&query, edits)))
    }

    async fn revert_edit(
        &self,
        request: Request<RevertEditRequest>,
    ) -> Result<Response<EditResponse>, Status> {
        let by = editor(&request);
        let seq = request.into_inner().seq;
        if seq == 0 {
            return Err(status::RequestError::new(
                "seq",
                "MISSING_SEQ",
                "seq is required: the seq of an edit from ListEdits",
            )
            .into());
        }
        let r = self.live.revert(seq, by.clone()).await?;
        tracing::info!(
            reverts = seq,
            applied = r.applied,
            version = %r.version,
            by = %by,
            "edit undone"
        );
        Ok(Response::new(EditResponse {
            version: r.version,
            applied: r.applied as u32,
        }))
    }

    async fn search_entities(
        &self,
        request: Request<SearchEntitiesRequest>,
    ) -> Result<Response<SearchEntitiesResponse>, Status> {
        let query = search::query(request.get_ref())?;
        let snapshot = self.live.snapshot();
        Ok(Response::new(search::search(
            snapshot.extractor.gazetteer(),
            &query,
        )))
    }

    async fn add_never_rules(
        &self,
        request: Request<AddNeverRulesRequest>,
    ) -> Result<Response<AddNeverRulesResponse>, Status> {
        let by = editor(&request);
        let (edits, ids) = never::never_edits(request.into_inner())?;
        let r = self.apply(edits, by).await?.into_inner();
        Ok(Response::new(AddNeverRulesResponse {
            version: r.version,
            applied: r.applied,
            ids,
        }))
    }

    async fn list_never_rules(
        &self,
        _request: Request<ListNeverRulesRequest>,
    ) -> Result<Response<ListNeverRulesResponse>, Status> {
        let snapshot = self.live.snapshot();
        Ok(Response::new(never::list(snapshot.extractor.gazetteer())))
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
            .map(|e| Response::new(to_proto(&e.to_entry())))
            .ok_or_else(|| status::no_such_entry(&id))
    }
}
