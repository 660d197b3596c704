//! A raw HTTP/2 client, for requests whose frames a gRPC client would not send (a body never
//! finished) or whose trailers must be measured as they travel.

use super::*;

/// A raw HTTP/2 connection to `server`, for requests whose frames a gRPC client would not send
/// (a body never finished) or whose trailers must be measured as they travel.
pub(super) async fn raw_connection(
    server: &common::TestServer,
) -> h2::client::SendRequest<bytes::Bytes> {
    let tcp = tokio::net::TcpStream::connect(server.addr)
        .await
        .expect("connect");
    let (client, connection) = h2::client::handshake(tcp).await.expect("h2 handshake");
    tokio::spawn(connection);
    client.ready().await.expect("h2 ready")
}

/// A gRPC request head for `path`, with `token` as bearer token when given.
pub(super) fn grpc_head(path: &str, token: Option<&str>) -> http::Request<()> {
    let mut b = http::Request::post(format!("http://127.0.0.1{path}"))
        .header("content-type", "application/grpc")
        .header("te", "trailers");
    if let Some(t) = token {
        b = b.header("authorization", format!("Bearer {t}"));
    }
    b.body(()).expect("request head")
}

/// One length-prefixed gRPC message.
pub(super) fn grpc_frame(message: &[u8]) -> bytes::Bytes {
    let mut f = vec![0u8];
    f.extend_from_slice(&(message.len() as u32).to_be_bytes());
    f.extend_from_slice(message);
    f.into()
}

/// The size of a header list as HTTP/2 limits count it (RFC 7540 §6.5.2: name, value and 32
/// bytes per field), which is what `grpc.max_metadata_size` (8 KiB by default) is checked on.
fn header_list_bytes(h: &http::HeaderMap) -> usize {
    h.iter().map(|(n, v)| n.as_str().len() + v.len() + 32).sum()
}

/// Sends `messages` on `path` as one finished request and returns the response head and its
/// trailers (empty for a trailers-only response).
pub(super) async fn raw_call(
    server: &common::TestServer,
    path: &str,
    token: Option<&str>,
    messages: &[Vec<u8>],
) -> (http::HeaderMap, http::HeaderMap) {
    let mut client = raw_connection(server).await;
    let (response, mut send) = client
        .send_request(grpc_head(path, token), false)
        .expect("send head");
    let mut body = Vec::new();
    for m in messages {
        body.extend_from_slice(&grpc_frame(m));
    }
    send.send_data(body.into(), true).expect("send body");
    let response = bounded(30, "the response", response)
        .await
        .expect("response");
    let head = response.headers().clone();
    let mut body = response.into_body();
    if body.is_end_stream() {
        return (head, http::HeaderMap::new());
    }
    while let Some(chunk) = bounded(30, "the body", body.data()).await {
        let chunk = chunk.expect("data");
        let _ = body.flow_control().release_capacity(chunk.len());
    }
    let trailers = bounded(30, "the trailers", body.trailers())
        .await
        .expect("trailers")
        .unwrap_or_default();
    (head, trailers)
}

/// The status a response carries, wherever it is (trailers-only head or trailers), and the size
/// of that header list.
pub(super) fn status_of(
    head: &http::HeaderMap,
    trailers: &http::HeaderMap,
) -> (tonic::Status, usize) {
    let h = if head.contains_key("grpc-status") {
        head
    } else {
        trailers
    };
    (
        tonic::Status::from_header_map(h).expect("a grpc-status"),
        header_list_bytes(h),
    )
}

/// Sends a call on `path` whose message is declared 4 MiB long and only 16 KiB of it sent, and
/// waits (at most 10 s) for the answer, which must come while the body is unfinished: the
/// response and the request's stream, still open.
pub(super) async fn unfinished_4_mib_call(
    client: &mut h2::client::SendRequest<bytes::Bytes>,
    path: &str,
    token: Option<&str>,
) -> (http::Response<h2::RecvStream>, h2::SendStream<bytes::Bytes>) {
    let (response, mut send) = client
        .send_request(grpc_head(path, token), false)
        .expect("send head");
    let mut first = vec![0u8];
    first.extend_from_slice(&(4u32 << 20).to_be_bytes());
    first.extend_from_slice(&[0x0a; 16 * 1024]);
    // The refusal may come before the body is sent (that is the point: it does not wait for
    // it); the stream is then closed, and sending into it fails. Either way the answer counts.
    // (h2 says "inactive stream"); the response below must come either way.
    let _ = send.send_data(first.into(), false);
    let response = bounded(10, "the refusal of an unfinished body", response)
        .await
        .expect("response");
    (response, send)
}

/// Starts a GetInfo call on `raw` whose message, declared 100 bytes long, never arrives: the
/// response to come and the request's open stream.
pub(super) async fn unfinished_get_info(
    raw: &mut h2::client::SendRequest<bytes::Bytes>,
    token: Option<&str>,
) -> (h2::client::ResponseFuture, h2::SendStream<bytes::Bytes>) {
    let (response, mut send) = raw
        .send_request(
            grpc_head("/gazette.v1.GazetteerAdmin/GetInfo", token),
            false,
        )
        .expect("send head");
    let mut partial = vec![0u8];
    partial.extend_from_slice(&100u32.to_be_bytes());
    send.send_data(partial.into(), false).expect("data");
    (response, send)
}
