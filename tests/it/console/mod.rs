//! The web console (`--console-listen`): its assets and headers, gRPC-web through the same
//! service stacks as the gRPC port, SearchEntities, and the page driven in Chromium.

mod assets;
mod browser;
mod hosts;
mod search;
mod serving;

use std::net::SocketAddr;

use bytes::{Buf, Bytes};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;

use crate::common::{self, ServerOptions, TestServer};

/// The write token of the console tests' servers.
pub(crate) const TOKEN: &str = "console-test-token-0001";

/// A server on the test gazetteer with an edit journal in `data_dir`, the admin token
/// [`TOKEN`], and the console on its own ephemeral loopback port (returned).
pub(crate) async fn start(data_dir: &std::path::Path) -> (TestServer, SocketAddr) {
    let live = common::journaled(vec![common::test_gazetteer_dir()], false, data_dir);
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind console");
    let console = gazette::transport::ConsoleListener::new(listener);
    let addr = console.local_addr().expect("console addr");
    let options = ServerOptions {
        admin_token: Some(TOKEN.to_string()),
        console: Some(console),
        ..Default::default()
    };
    (common::start_live(live, options).await, addr)
}

/// An HTTP/1.1 response: status, headers, body.
pub(crate) struct Answer {
    pub(crate) status: http::StatusCode,
    pub(crate) headers: http::HeaderMap,
    pub(crate) body: Bytes,
}

/// Sends `request` over HTTP/1.1, as a browser's fetch does.
pub(crate) async fn send(request: http::Request<Full<Bytes>>) -> Answer {
    let client = Client::builder(TokioExecutor::new()).build_http();
    let response = common::bounded(10, "console request", client.request(request))
        .await
        .expect("console answers");
    let (parts, body) = response.into_parts();
    let body = body.collect().await.expect("body").to_bytes();
    Answer {
        status: parts.status,
        headers: parts.headers,
        body,
    }
}

/// A gRPC-web answer: its messages and its trailers (`grpc-status`, `grpc-message`), from the
/// trailer frame or, for a trailers-only answer, the headers.
pub(crate) struct WebAnswer {
    pub(crate) messages: Vec<Bytes>,
    pub(crate) status: String,
    pub(crate) message: String,
}

/// Calls `path` (`/gazette.v1.EntityExtractor/Extract`) over gRPC-web with `msg`, with
/// `authorization: Bearer token` if given.
pub(crate) async fn grpc_web(
    addr: SocketAddr,
    path: &str,
    msg: &impl prost::Message,
    token: Option<&str>,
) -> WebAnswer {
    let payload = msg.encode_to_vec();
    let mut frame = vec![0u8];
    frame.extend_from_slice(&(payload.len() as u32).to_be_bytes());
    frame.extend_from_slice(&payload);
    let mut request = http::Request::post(format!("http://{addr}{path}"))
        .header("content-type", "application/grpc-web+proto")
        .header("x-grpc-web", "1");
    if let Some(token) = token {
        request = request.header("authorization", format!("Bearer {token}"));
    }
    let answer = send(
        request
            .body(Full::new(Bytes::from(frame)))
            .expect("request"),
    )
    .await;
    assert_eq!(answer.status, http::StatusCode::OK, "gRPC-web answers 200");
    let header = |name: &str| {
        answer
            .headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let mut status = header("grpc-status");
    let mut message = header("grpc-message");
    let mut messages = Vec::new();
    let mut body = answer.body.clone();
    while body.remaining() >= 5 {
        let flag = body.get_u8();
        let len = body.get_u32() as usize;
        let data = body.split_to(len);
        if flag & 0x80 == 0 {
            messages.push(data);
            continue;
        }
        for line in String::from_utf8_lossy(&data).split("\r\n") {
            match line.split_once(':') {
                Some(("grpc-status", v)) => status = Some(v.trim().to_string()),
                Some(("grpc-message", v)) => message = Some(v.trim().to_string()),
                _ => {}
            }
        }
    }
    WebAnswer {
        messages,
        status: status.expect("a grpc-status"),
        message: message.unwrap_or_default(),
    }
}
