//! `gazette health`: the gRPC health client, for container health checks.

/// `gazette health`: asks a server's `grpc.health.v1.Health/Check` and returns whether it is
/// SERVING, so container health checks need no shell or extra tool.
pub(crate) async fn health(
    addr: &str,
    service: &str,
    timeout: std::time::Duration,
) -> Result<bool, HealthError> {
    use tonic_health::pb::health_check_response::ServingStatus;
    use tonic_health::pb::{health_client::HealthClient, HealthCheckRequest};
    let url = if addr.contains("://") {
        addr.to_string()
    } else {
        format!("http://{addr}")
    };
    let channel = tonic::transport::Endpoint::from_shared(url)?
        .connect_timeout(timeout)
        .timeout(timeout)
        .connect()
        .await?;
    let resp = HealthClient::new(channel)
        .check(HealthCheckRequest {
            service: service.to_string(),
        })
        .await?;
    Ok(resp.into_inner().status == ServingStatus::Serving as i32)
}

/// Why a health check could not be made.
#[derive(Debug, thiserror::Error)]
pub(crate) enum HealthError {
    /// Connecting failed or the address is invalid.
    #[error("cannot connect: {0}")]
    Connect(#[from] tonic::transport::Error),
    /// The server answered with an error status.
    #[error("health check failed: {}: {}", .0.code(), .0.message())]
    Status(#[from] tonic::Status),
}
