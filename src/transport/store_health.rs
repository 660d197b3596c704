//! The shared edit store's health as a gRPC health service of its own,
//! [`EDIT_STORE_HEALTH_SERVICE`]: SERVING while the replica's last read of the store
//! succeeded, NOT_SERVING while it fails. The server's own health (`""` and the extractor) stays
//! SERVING meanwhile: a replica that cannot reach the store keeps serving what it applied, so a
//! load balancer must not take it out, but a monitor can see it (`gazette health --service
//! gazette.v1.EditStore`).

use std::sync::Arc;
use std::time::Duration;

use tonic_health::server::HealthReporter;
use tonic_health::ServingStatus;

use crate::live::LiveGazetteer;

/// The health service name of the shared edit store.
pub const EDIT_STORE_HEALTH_SERVICE: &str = "gazette.v1.EditStore";

/// How often the store's state is looked at: its reads happen at `--edit-store-poll` and on
/// notifications, so this only bounds how late a change is reported.
const EVERY: Duration = Duration::from_millis(250);

/// Reports the store's health until `stop` turns true, then NOT_SERVING; does nothing when
/// `live` has no shared store.
pub(crate) fn spawn(
    live: Arc<LiveGazetteer>,
    health: HealthReporter,
    mut stop: tokio::sync::watch::Receiver<bool>,
) {
    if !live.log_status().is_some_and(|s| s.shared) {
        return;
    }
    tokio::spawn(async move {
        let mut reported = None;
        loop {
            let up = live.log_status().is_some_and(|s| s.error.is_none());
            if reported != Some(up) {
                let status = if up {
                    ServingStatus::Serving
                } else {
                    ServingStatus::NotServing
                };
                health
                    .set_service_status(EDIT_STORE_HEALTH_SERVICE, status)
                    .await;
                reported = Some(up);
            }
            tokio::select! {
                _ = tokio::time::sleep(EVERY) => {}
                _ = stop.wait_for(|s| *s) => break,
            }
        }
        health
            .set_service_status(EDIT_STORE_HEALTH_SERVICE, ServingStatus::NotServing)
            .await;
    });
}
