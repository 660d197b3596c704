//! Server reflection, in both of its versions.

use super::*;

use tokio_stream::StreamExt;

/// Sends one reflection request with the client of reflection version `$v` (`v1`, `v1alpha`)
/// and returns the `message_response`: the two versions are distinct generated types.
macro_rules! reflect {
    ($v:ident, $channel:expr, $variant:ident($arg:expr)) => {{
        use tonic_reflection::pb::$v::server_reflection_client::ServerReflectionClient;
        use tonic_reflection::pb::$v::server_reflection_request::MessageRequest;
        use tonic_reflection::pb::$v::ServerReflectionRequest;
        let request = ServerReflectionRequest {
            host: String::new(),
            message_request: Some(MessageRequest::$variant($arg)),
        };
        let mut client = ServerReflectionClient::new($channel);
        let mut out = client
            .server_reflection_info(tokio_stream::iter([request]))
            .await
            .expect("reflection")
            .into_inner();
        out.next()
            .await
            .expect("a response")
            .expect("ok")
            .message_response
    }};
}

#[tokio::test]
async fn reflection_lists_services_in_v1_and_v1alpha() {
    use tonic_reflection::pb::{v1, v1alpha};
    let server = common::start(1 << 20, false).await;
    let want = [
        "gazette.v1.EntityExtractor",
        "gazette.v1.GazetteerAdmin",
        "grpc.health.v1.Health",
        "grpc.reflection.v1.ServerReflection",
        "grpc.reflection.v1alpha.ServerReflection",
    ];
    let names: Vec<String> = match reflect!(v1, server.channel().await, ListServices(String::new()))
    {
        Some(v1::server_reflection_response::MessageResponse::ListServicesResponse(l)) => {
            l.service.into_iter().map(|s| s.name).collect()
        }
        other => panic!("v1: expected a service list, got {other:?}"),
    };
    assert_eq!(names.len(), want.len(), "v1: {names:?}");
    for w in want {
        assert!(names.iter().any(|n| n == w), "v1 lacks {w}: {names:?}");
    }
    let names: Vec<String> =
        match reflect!(v1alpha, server.channel().await, ListServices(String::new())) {
            Some(v1alpha::server_reflection_response::MessageResponse::ListServicesResponse(l)) => {
                l.service.into_iter().map(|s| s.name).collect()
            }
            other => panic!("v1alpha: expected a service list, got {other:?}"),
        };
    for w in want {
        assert!(names.iter().any(|n| n == w), "v1alpha lacks {w}: {names:?}");
    }
    // The request and error-detail types resolve, so grpcurl can build requests and print details.
    for symbol in ["gazette.v1.ExtractRequest", "google.rpc.BadRequest"] {
        match reflect!(
            v1,
            server.channel().await,
            FileContainingSymbol(symbol.into())
        ) {
            Some(v1::server_reflection_response::MessageResponse::FileDescriptorResponse(f)) => {
                assert!(!f.file_descriptor_proto.is_empty(), "{symbol}")
            }
            other => panic!("{symbol}: expected a file descriptor, got {other:?}"),
        }
    }
    server.stop().await;
}
