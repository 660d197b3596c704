//! The gRPC health service: SERVING for the server and the extractor, NOT_FOUND for the rest.

use super::*;

#[tokio::test]
async fn health_reports_serving_for_server_and_service() {
    use tonic_health::pb::health_client::HealthClient;
    use tonic_health::pb::HealthCheckRequest;
    let server = common::start(1 << 20, false).await;
    let mut health = HealthClient::new(server.channel().await);
    for service in ["", "gazette.v1.EntityExtractor"] {
        let resp = health
            .check(HealthCheckRequest {
                service: service.into(),
            })
            .await
            .expect("check")
            .into_inner();
        assert_eq!(
            resp.status,
            tonic_health::pb::health_check_response::ServingStatus::Serving as i32,
            "{service:?}"
        );
    }
    let unknown = health
        .check(HealthCheckRequest {
            service: "nope".into(),
        })
        .await;
    assert_eq!(unknown.expect_err("unknown service").code(), Code::NotFound);
    server.stop().await;
}
