//! The `gazette.v1.GazetteerAdmin` service: information about the serving gazetteer, and
//! reloads behind a bearer token.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use tonic::{Request, Response, Status};

use super::live::{LiveGazetteer, Trigger};
use crate::proto::v1::gazetteer_admin_server::GazetteerAdmin;
use crate::proto::v1::{
    GazetteerInfo, GetInfoRequest, NamespaceCount, ReloadRequest, ReloadResponse, ReloadResult,
    TypeCount,
};

/// The admin service over a live gazetteer.
#[derive(Debug, Clone)]
pub struct AdminService {
    live: Arc<LiveGazetteer>,
    token: Option<Arc<str>>,
}

impl AdminService {
    /// Mutating RPCs need `authorization: Bearer <token>`; with `token` `None` they are refused.
    pub fn new(live: Arc<LiveGazetteer>, token: Option<String>) -> Self {
        AdminService {
            live,
            token: token.map(Arc::from),
        }
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
            *by_ns.entry(&e.namespace).or_default() += 1;
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
