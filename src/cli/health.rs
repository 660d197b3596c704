//! `gazette health`: the gRPC health client, for container health checks.

use super::client_tls::{ClientTls, ClientTlsError};

/// `gazette health`: asks a server's `grpc.health.v1.Health/Check` and returns whether it is
/// SERVING, so container health checks need no shell or extra tool.
pub(crate) async fn health(
    addr: &str,
    service: &str,
    timeout: std::time::Duration,
    tls: &ClientTls,
) -> Result<bool, HealthError> {
    let url = url(addr);
    let endpoint = tonic::transport::Endpoint::from_shared(url.clone())?
        .connect_timeout(timeout)
        .timeout(timeout);
    let channel = tls.apply(endpoint, &url)?.connect().await?;
    Ok(check(channel, service).await?)
}

/// `addr` as a URL: `host:port` means `http://host:port`.
pub(crate) fn url(addr: &str) -> String {
    if addr.contains("://") {
        addr.to_string()
    } else {
        format!("http://{addr}")
    }
}

/// One `grpc.health.v1.Health/Check` of `service` (empty: the whole server) on `channel`:
/// whether it is SERVING.
pub(crate) async fn check(
    channel: tonic::transport::Channel,
    service: &str,
) -> Result<bool, tonic::Status> {
    use tonic_health::pb::health_check_response::ServingStatus;
    use tonic_health::pb::{health_client::HealthClient, HealthCheckRequest};
    let resp = HealthClient::new(channel)
        .check(HealthCheckRequest {
            service: service.to_string(),
        })
        .await?;
    Ok(resp.into_inner().status == ServingStatus::Serving as i32)
}

/// Why a health check could not be made. The transport error is the source (printed after the
/// message by `main`); the status is shown by code and message and is no source, so neither is
/// said twice.
#[derive(Debug, thiserror::Error)]
pub(crate) enum HealthError {
    /// Connecting failed or the address is invalid.
    #[error("cannot connect")]
    Connect(#[from] tonic::transport::Error),
    /// The TLS flags cannot be used.
    #[error(transparent)]
    Tls(#[from] ClientTlsError),
    /// The server answered with an error status.
    #[error("health check failed: {}: {}", .0.code(), .0.message())]
    Status(tonic::Status),
}

impl From<tonic::Status> for HealthError {
    fn from(s: tonic::Status) -> Self {
        HealthError::Status(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_are_said_once() {
        let bad = tonic::transport::Endpoint::from_shared("http://[::1".to_string())
            .expect_err("not a URI");
        crate::cli::error::tests::assert_said_once(&HealthError::Connect(bad));
        crate::cli::error::tests::assert_said_once(&HealthError::from(tonic::Status::unavailable(
            "down",
        )));
    }
}
