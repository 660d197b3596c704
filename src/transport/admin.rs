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
mod gate;
mod router;

use edits::{delete_edits, upsert_edits};
pub use gate::{parse_tokens, NamedToken, Role};
pub(crate) use gate::{AdminGate, AdminTokens, Editor};
pub(crate) use router::{AdminRouter, DEFAULT_ADMIN_BODY_TIMEOUT, MAX_SMALL_ADMIN_MESSAGE_BYTES};

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tonic::{Request, Response, Status};

use super::admission::{Admission, Admitted};
use super::status;
use crate::edits::Edit;
use crate::gazetteer::{EntryRef, Scope};
use crate::live::{LiveGazetteer, ReloadError, Trigger};
use crate::proto::v1::gazetteer_admin_server::{GazetteerAdmin, GazetteerAdminServer};
use crate::proto::v1::{
    AliasDetail, DeleteEntitiesRequest, EditLogInfo, EditResponse, GazetteerEntry, GazetteerInfo,
    GetEntityRequest, GetInfoRequest, NamespaceCount, ReloadRequest, ReloadResponse, ReloadResult,
    TypeCount, UpsertEntitiesRequest,
};

/// Longest edit-log error quoted in GetInfo (driver errors can be long).
const MAX_LOG_ERROR_BYTES: usize = 300;

/// Default for `--max-concurrent-admin-rpcs`: admin calls are rare, and a reload or an edit
/// holds its slot for the whole build.
pub(crate) const DEFAULT_MAX_CONCURRENT_ADMIN_RPCS: usize = 4;

/// An entry as GetEntity answers it, shaped so that sending it back through UpsertEntities gives
/// the same entry: each alias in the field that says what it is. Derived short forms have their
/// own field because as `aliases` they would come back as ordinary aliases, matched with no full
/// name before them; an alias with its own case or scope as a plain string would lose it.
fn to_proto(e: EntryRef<'_>) -> GazetteerEntry {
    let (mut aliases, mut alias_details, mut derived_aliases) =
        (Vec::new(), Vec::new(), Vec::new());
    for a in e.aliases() {
        let text = a.text.to_string();
        if a.derived {
            derived_aliases.push(text);
        } else if a.case == e.case() && a.scope == Scope::Global {
            aliases.push(text);
        } else {
            alias_details.push(AliasDetail {
                text,
                case: a.case.as_str().to_string(),
                scope: a.scope.as_str().to_string(),
            });
        }
    }
    GazetteerEntry {
        id: e.id().to_string(),
        name: e.name().to_string(),
        r#type: e.entity_type().to_string(),
        aliases,
        alias_details,
        derived_aliases,
        case: e.case().as_str().to_string(),
        attributes: e
            .attributes()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        prior: e.prior(),
        namespace: e.namespace().to_string(),
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
    use crate::edits::Overlay;
    use crate::gazetteer::{Format, GazetteerBuilder};

    /// GetEntity's answer, sent back through UpsertEntities, gives the same answer: derived
    /// forms stay derived, an alias's own case and scope stay its own, whatever the order of
    /// the aliases in the file.
    #[test]
    fn get_entity_round_trips_through_an_upsert() {
        let lines = [
            r#"{"id":"p:1","name":"Bashar al-Assad","type":"PERSON","aliases":["President Assad",{"text":"BAA","case":"exact"},"Dr Assad",{"text":"Bashar","scope":"document"}]}"#,
            r#"{"id":"o:1","name":"WHO","type":"ORGANIZATION","case":"exact","aliases":[{"text":"who","case":"insensitive"},{"text":"WHO Geneva","case":"exact","scope":"document"}],"prior":2,"attributes":{"a":"b"}}"#,
            r#"{"id":"p:2","name":"Madonna","type":"PERSON"}"#,
        ];
        let mut b = GazetteerBuilder::new();
        b.add_source("ns", "ns.jsonl", Format::Jsonl, lines.join("\n").as_bytes());
        let g = b.build().unwrap();
        for id in ["p:1", "o:1", "p:2"] {
            let got = to_proto(g.get(id).unwrap());
            let edits = upsert_edits(UpsertEntitiesRequest {
                entries: vec![got.clone()],
                namespace: got.namespace.clone(),
            })
            .unwrap();
            let again = Overlay::fold(&edits).over(&g).unwrap();
            assert_eq!(to_proto(again.get(id).unwrap()), got, "{id}");
        }
        let assad = to_proto(g.get("p:1").unwrap());
        assert_eq!(assad.aliases, ["President Assad", "Dr Assad"]);
        assert_eq!(assad.derived_aliases, ["al-Assad", "Assad"]);
        let details: Vec<(&str, &str, &str)> = assad
            .alias_details
            .iter()
            .map(|a| (a.text.as_str(), a.case.as_str(), a.scope.as_str()))
            .collect();
        assert_eq!(
            details,
            [("BAA", "exact", "global"), ("Bashar", "proper", "document")]
        );
    }
}
