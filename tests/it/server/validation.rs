//! Invalid requests are INVALID_ARGUMENT naming their fields: the text limit, encodings, entity
//! types, text that is not UTF-8, and the newer options.

use super::*;

#[tokio::test]
async fn text_over_the_limit_is_invalid_argument_with_field_violation() {
    let server = common::start(1000, false).await;
    let mut client = EntityExtractorClient::new(server.channel().await);
    let status = client
        .extract(req("big", &"Syria ".repeat(200), OffsetEncoding::Utf8))
        .await
        .expect_err("too large");
    assert_eq!(status.code(), Code::InvalidArgument, "{status:?}");
    let bad = status.get_details_bad_request().expect("BadRequest detail");
    assert_eq!(bad.field_violations[0].field, "text");
    assert!(
        bad.field_violations[0].description.contains("1200 bytes"),
        "{bad:?}"
    );
    let info = status.get_details_error_info().expect("ErrorInfo detail");
    assert_eq!(info.reason, "TEXT_TOO_LARGE");
    assert_eq!(
        info.metadata.get("limitBytes").map(String::as_str),
        Some("1000")
    );
    // At the limit exactly is fine.
    let ok = client
        .extract(req("edge", &"x".repeat(1000), OffsetEncoding::Utf8))
        .await;
    assert!(ok.is_ok(), "{ok:?}");
    server.stop().await;
}

#[tokio::test]
async fn default_limit_is_one_mebibyte() {
    let server = common::start(common::DEFAULT_MAX_TEXT_BYTES, false).await;
    let mut client = EntityExtractorClient::new(server.channel().await);
    let status = client
        .extract(req("big", &"a".repeat((1 << 20) + 1), OffsetEncoding::Utf8))
        .await
        .expect_err("too large");
    assert_eq!(status.code(), Code::InvalidArgument);
    server.stop().await;
}

#[tokio::test]
async fn unknown_offset_encoding_is_invalid_argument() {
    let server = common::start(1 << 20, false).await;
    let mut client = EntityExtractorClient::new(server.channel().await);
    let mut r = req("d", "Syria", OffsetEncoding::Utf8);
    r.offset_encoding = 7;
    let status = client.extract(r).await.expect_err("unknown encoding");
    assert_eq!(status.code(), Code::InvalidArgument);
    let bad = status.get_details_bad_request().expect("BadRequest");
    assert_eq!(bad.field_violations[0].field, "offset_encoding");
    server.stop().await;
}

#[tokio::test]
async fn lower_case_entity_type_is_invalid_argument() {
    let server = common::start(1 << 20, false).await;
    let mut client = EntityExtractorClient::new(server.channel().await);
    let mut r = req("d", "Syria", OffsetEncoding::Utf8);
    r.entity_types = vec!["LOCATION".into(), "person".into()];
    let status = client.extract(r).await.expect_err("bad type");
    let bad = status.get_details_bad_request().expect("BadRequest");
    assert_eq!(bad.field_violations[0].field, "entity_types[1]");
    server.stop().await;
}

/// A request whose `text` holds bytes that are not UTF-8, as a C++ client could send.
#[derive(Clone, PartialEq, prost::Message)]
struct RawExtractRequest {
    #[prost(string, tag = "1")]
    document_id: String,
    #[prost(bytes = "vec", tag = "2")]
    text: Vec<u8>,
}

#[tokio::test]
async fn invalid_utf8_is_invalid_argument_not_internal() {
    let server = common::start(1 << 20, false).await;
    let mut grpc = tonic::client::Grpc::new(server.channel().await);
    grpc.ready().await.expect("ready");
    let path = http::uri::PathAndQuery::from_static("/gazette.v1.EntityExtractor/Extract");
    let codec = tonic_prost::ProstCodec::<RawExtractRequest, ExtractResponse>::default();
    let request = RawExtractRequest {
        document_id: "bad".into(),
        text: b"Syria \xff\xfe".to_vec(),
    };
    let status = grpc
        .unary(tonic::Request::new(request), path, codec)
        .await
        .expect_err("invalid utf-8");
    assert_eq!(status.code(), Code::InvalidArgument, "{status:?}");
    let bad = status.get_details_bad_request().expect("BadRequest");
    assert_eq!(bad.field_violations[0].field, "text");
    server.stop().await;
}

#[tokio::test]
async fn new_options_are_validated() {
    use gazette::proto::v1::Field;
    let server = common::start(1 << 20, false).await;
    let mut client = EntityExtractorClient::new(server.channel().await);
    let r = ExtractRequest {
        text: "Syria".into(),
        gazetteers: vec!["places".into(), "nope".into()],
        fields: vec![
            Field {
                name: "headline".into(),
                text: "x".into(),
            },
            Field {
                name: String::new(),
                text: "y".into(),
            },
        ],
        overlap: 9,
        ..Default::default()
    };
    let status = client.extract(r).await.expect_err("invalid");
    assert_eq!(status.code(), Code::InvalidArgument);
    assert_eq!(
        common::violated_fields(&status),
        [
            "overlap",
            "gazetteers[1]",
            "fields[0].name",
            "fields[1].name"
        ]
    );
    // A known namespace restricts matching to it.
    let r = ExtractRequest {
        text: "Ali Habib in Syria".into(),
        gazetteers: vec!["places".into()],
        ..Default::default()
    };
    let resp = client.extract(r).await.expect("extract").into_inner();
    assert_eq!(
        resp.mentions
            .iter()
            .map(|m| m.text.as_str())
            .collect::<Vec<_>>(),
        ["Syria"]
    );
    server.stop().await;
}
