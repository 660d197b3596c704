//! End-to-end tests: a real server on 127.0.0.1:0, called over gRPC.

use crate::common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use gazette::proto::v1::entity_extractor_client::EntityExtractorClient;
use gazette::proto::v1::{ExtractRequest, ExtractResponse, OffsetEncoding};
use tokio_stream::StreamExt;
use tonic::Code;
use tonic_types::StatusExt;

fn req(id: &str, text: &str, enc: OffsetEncoding) -> ExtractRequest {
    ExtractRequest {
        document_id: id.into(),
        text: text.into(),
        offset_encoding: enc as i32,
        ..Default::default()
    }
}

fn expected_mentions() -> Vec<(String, String)> {
    let raw =
        std::fs::read_to_string(common::data("multiscript.expected.json")).expect("expected file");
    let v: serde_json::Value = serde_json::from_str(&raw).expect("json");
    common::pairs(&v["mentions"])
}

/// Slices `text` by a span in `enc` units.
fn slice(text: &str, enc: OffsetEncoding, start: u32, end: u32) -> String {
    let (s, e) = (start as usize, end as usize);
    match enc {
        OffsetEncoding::Utf16 => {
            let u: Vec<u16> = text.encode_utf16().collect();
            String::from_utf16(&u[s..e]).expect("utf16 span")
        }
        OffsetEncoding::CodePoint => text.chars().skip(s).take(e - s).collect(),
        _ => text[s..e].to_string(),
    }
}

#[tokio::test]
async fn extract_spans_are_exact_in_every_encoding() {
    let server = common::start(1 << 20, false).await;
    let mut client = EntityExtractorClient::new(server.channel().await);
    let text = std::fs::read_to_string(common::data("multiscript.txt")).expect("text");
    let want = expected_mentions();
    for enc in [
        OffsetEncoding::Utf8,
        OffsetEncoding::Utf16,
        OffsetEncoding::CodePoint,
    ] {
        let resp = client
            .extract(req("doc-1", &text, enc))
            .await
            .expect("extract")
            .into_inner();
        assert_eq!(resp.document_id, "doc-1");
        assert_eq!(resp.offset_encoding, enc as i32);
        let got: Vec<(String, String)> = resp
            .mentions
            .iter()
            .map(|m| (m.text.clone(), m.entity_id.clone()))
            .collect();
        assert_eq!(got, want, "{enc:?}");
        for m in &resp.mentions {
            assert_eq!(slice(&text, enc, m.start, m.end), m.text, "{enc:?} {m:?}");
            assert_eq!(resp.entities[m.entity_index as usize].id, m.entity_id);
        }
        assert!(resp.gazetteer_version.starts_with("sha256:"));
    }
    server.stop().await;
}

#[tokio::test]
async fn entities_group_mentions_and_salience_sums_to_one() {
    let server = common::start(1 << 20, false).await;
    let mut client = EntityExtractorClient::new(server.channel().await);
    let text = std::fs::read_to_string(common::data("multiscript.txt")).expect("text");
    let resp = client
        .extract(req("d", &text, OffsetEncoding::Unspecified))
        .await
        .expect("extract")
        .into_inner();
    assert_eq!(
        resp.offset_encoding,
        OffsetEncoding::Utf8 as i32,
        "UNSPECIFIED means UTF8"
    );
    let habib = resp
        .entities
        .iter()
        .find(|e| e.id == "person:ali-habib")
        .expect("habib");
    assert_eq!(habib.mention_indexes.len(), 2);
    assert_eq!(habib.name, "Ali Habib");
    let sao = resp
        .entities
        .iter()
        .find(|e| e.id == "loc:sao-paulo")
        .expect("sao paulo");
    assert_eq!(
        sao.attributes.get("country_code").map(String::as_str),
        Some("BR")
    );
    let total: f32 = resp.entities.iter().map(|e| e.salience).sum();
    assert!((total - 1.0).abs() < 1e-4, "{total}");
    server.stop().await;
}

#[tokio::test]
async fn entity_type_filter() {
    let server = common::start(1 << 20, false).await;
    let mut client = EntityExtractorClient::new(server.channel().await);
    let mut r = req(
        "d",
        "Ali Habib flew from Syria to Turkey.",
        OffsetEncoding::Utf8,
    );
    r.entity_types = vec!["LOCATION".into()];
    let resp = client.extract(r).await.expect("extract").into_inner();
    let got: Vec<&str> = resp.mentions.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(got, ["Syria", "Turkey"]);
    server.stop().await;
}

#[tokio::test]
async fn empty_text_is_ok_with_no_mentions() {
    let server = common::start(1 << 20, false).await;
    let mut client = EntityExtractorClient::new(server.channel().await);
    let resp = client
        .extract(req("empty", "", OffsetEncoding::Utf8))
        .await
        .expect("extract")
        .into_inner();
    assert!(resp.mentions.is_empty() && resp.entities.is_empty());
    assert_eq!(resp.document_id, "empty");
    server.stop().await;
}

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
    let server = common::start(gazette::transport::DEFAULT_MAX_TEXT_BYTES, false).await;
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
async fn stream_answers_in_order_and_echoes_ids() {
    let server = common::start(1 << 20, false).await;
    let mut client = EntityExtractorClient::new(server.channel().await);
    let docs: Vec<ExtractRequest> = (0..50)
        .map(|i| {
            let text = if i % 2 == 0 {
                "Syria and Turkey"
            } else {
                "Ali Habib in 北京"
            };
            req(&format!("doc-{i}"), text, OffsetEncoding::Utf16)
        })
        .collect();
    let mut out = client
        .extract_stream(tokio_stream::iter(docs))
        .await
        .expect("stream")
        .into_inner();
    let mut i = 0;
    while let Some(resp) = out.next().await {
        let resp = resp.expect("response");
        assert_eq!(resp.document_id, format!("doc-{i}"));
        let want = if i % 2 == 0 {
            vec!["Syria", "Turkey"]
        } else {
            vec!["Ali Habib", "北京"]
        };
        let got: Vec<&str> = resp.mentions.iter().map(|m| m.text.as_str()).collect();
        assert_eq!(got, want);
        i += 1;
    }
    assert_eq!(i, 50);
    server.stop().await;
}

#[tokio::test]
async fn stream_ends_at_the_first_invalid_document_naming_it() {
    let server = common::start(100, false).await;
    let mut client = EntityExtractorClient::new(server.channel().await);
    let docs = vec![
        req("ok-0", "Syria", OffsetEncoding::Utf8),
        req("too-big", &"x".repeat(200), OffsetEncoding::Utf8),
        req("never", "Turkey", OffsetEncoding::Utf8),
    ];
    let mut out = client
        .extract_stream(tokio_stream::iter(docs))
        .await
        .expect("stream")
        .into_inner();
    let first = out.next().await.expect("first").expect("ok");
    assert_eq!(first.document_id, "ok-0");
    let err = out
        .next()
        .await
        .expect("second")
        .expect_err("invalid document");
    assert_eq!(err.code(), Code::InvalidArgument);
    assert!(
        err.message().contains("document 1") && err.message().contains("too-big"),
        "{}",
        err.message()
    );
    assert!(out.next().await.is_none());
    server.stop().await;
}

/// A client that sends and never reads must not make the server buffer without bound: the
/// server stops pulling requests once the response path is full.
#[tokio::test]
async fn stream_backpressure_bounds_server_reads() {
    let server = common::start(1 << 20, false).await;
    let mut client = EntityExtractorClient::new(server.channel().await);
    const TOTAL: usize = 20_000;
    let pulled = Arc::new(AtomicUsize::new(0));
    let counter = pulled.clone();
    // ~1 KiB per document with several mentions, so responses are not tiny.
    let text = "Syria, Turkey and Ali Habib in 北京. ".repeat(28);
    let requests = tokio_stream::iter(0..TOTAL).map(move |i| {
        counter.fetch_add(1, Ordering::SeqCst);
        req(&format!("d{i}"), &text, OffsetEncoding::Utf8)
    });
    let mut responses = client
        .extract_stream(requests)
        .await
        .expect("stream")
        .into_inner();
    // Read nothing; wait until the sender stalls (no progress for a second, at most 30 s).
    let mut last = 0;
    for _ in 0..30 {
        tokio::time::sleep(Duration::from_secs(1)).await;
        let now = pulled.load(Ordering::SeqCst);
        if now == last {
            break;
        }
        last = now;
    }
    let stalled_at = pulled.load(Ordering::SeqCst);
    eprintln!("sender stalled after {stalled_at} of {TOTAL} documents");
    assert!(
        stalled_at < TOTAL / 4,
        "client pushed {stalled_at} of {TOTAL} documents without reading any response"
    );
    // Reading resumes the flow, in order, to the end.
    let mut n = 0;
    while let Some(r) = responses.next().await {
        assert_eq!(r.expect("response").document_id, format!("d{n}"));
        n += 1;
    }
    assert_eq!(n, TOTAL);
    server.stop().await;
}

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

#[tokio::test]
async fn default_gazetteer_tags_a_news_paragraph() {
    let loaded = gazette::sources::load(&[], true).expect("default gazetteer");
    let server = common::start_with(gazette::Extractor::new(loaded.gazetteer), 1 << 20).await;
    let mut client = EntityExtractorClient::new(server.channel().await);
    let text = "Syrian state media said the general crossed into Turkey and reached Istanbul; \
                Reuters reported that Sunni and Alawite leaders met the U.S. envoy in Paris.";
    let resp = client
        .extract(req("news", text, OffsetEncoding::Utf8))
        .await
        .expect("extract")
        .into_inner();
    let got: Vec<(&str, &str)> = resp
        .mentions
        .iter()
        .map(|m| (m.text.as_str(), m.r#type.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("Syrian", "NORP"),
            ("Turkey", "LOCATION"),
            ("Istanbul", "LOCATION"),
            ("Reuters", "ORGANIZATION"),
            ("Sunni", "NORP"),
            ("Alawite", "NORP"),
            ("U.S.", "LOCATION"),
            ("Paris", "LOCATION"),
        ]
    );
    server.stop().await;
}

#[tokio::test]
async fn headline_fields_partial_names_and_explanations() {
    use gazette::proto::v1::{Field, MatchHow, Resolution};
    let server = common::start(1 << 20, false).await;
    let mut client = EntityExtractorClient::new(server.channel().await);
    let r = ExtractRequest {
        document_id: "story".into(),
        headline: "ALI HABIB DEFECTS TO TURKEY".into(),
        fields: vec![Field {
            name: "caption".into(),
            text: "Habib in 北京 😀".into(),
        }],
        text: "Habib’s move surprised Syria. Later, Habib spoke.".into(),
        offset_encoding: OffsetEncoding::Utf16 as i32,
        explain: true,
        ..Default::default()
    };
    let resp = client
        .extract(r.clone())
        .await
        .expect("extract")
        .into_inner();
    let got: Vec<(&str, &str, i32)> = resp
        .mentions
        .iter()
        .map(|m| (m.field.as_str(), m.text.as_str(), m.how))
        .collect();
    let (name, partial) = (MatchHow::Name as i32, MatchHow::PartialName as i32);
    assert_eq!(
        got,
        [
            ("headline", "ALI HABIB", name),
            ("headline", "TURKEY", name),
            ("caption", "Habib", partial),
            ("caption", "北京", MatchHow::Alias as i32),
            ("text", "Habib", partial),
            ("text", "Syria", name),
            ("text", "Habib", partial),
        ]
    );
    for m in &resp.mentions {
        let field_text = match m.field.as_str() {
            "headline" => &r.headline,
            "caption" => &r.fields[0].text,
            _ => &r.text,
        };
        assert_eq!(
            slice(field_text, OffsetEncoding::Utf16, m.start, m.end),
            m.text
        );
        assert!(m.explanation.is_some());
    }
    assert_eq!(resp.mentions[2].resolution, Resolution::PartialName as i32);
    let habib = &resp.entities[0];
    assert_eq!(
        (
            habib.id.as_str(),
            habib.mention_count,
            habib.first_mention_index
        ),
        ("person:ali-habib", 4, 0)
    );
    assert!(resp.entities.iter().all(|e| e.salience <= habib.salience));
    server.stop().await;
}

#[tokio::test]
async fn ambiguous_names_return_alternatives() {
    use gazette::proto::v1::Resolution;
    let loaded = gazette::sources::load(&[], true).expect("default gazetteer");
    let server = common::start_with(gazette::Extractor::new(loaded.gazetteer), 1 << 20).await;
    let mut client = EntityExtractorClient::new(server.channel().await);
    // London, England by prior; London, Ontario by context (Ontario is itself ambiguous).
    let resp = client
        .extract(req("d", "Snow fell in London.", OffsetEncoding::Utf8))
        .await
        .expect("extract")
        .into_inner();
    assert_eq!(resp.mentions[0].entity_id, "geonames:2643743");
    assert_eq!(resp.mentions[0].resolution, Resolution::Prior as i32);
    assert_eq!(
        resp.mentions[0].alternatives[0].entity_id,
        "geonames:6058560"
    );
    let resp = client
        .extract(req(
            "d",
            "Snow fell in London, Ontario.",
            OffsetEncoding::Utf8,
        ))
        .await
        .expect("extract")
        .into_inner();
    let london = &resp.mentions[0];
    assert_eq!(
        (london.text.as_str(), london.entity_id.as_str()),
        ("London", "geonames:6058560")
    );
    assert_eq!(
        resp.entities[0]
            .attributes
            .get("country_code")
            .map(String::as_str),
        Some("CA")
    );
    assert_eq!(london.resolution, Resolution::Context as i32);
    assert!(
        london
            .alternatives
            .iter()
            .any(|a| a.entity_id == "geonames:2643743"),
        "{:?}",
        london.alternatives
    );
    assert!(london.alternatives.iter().all(|a| a.score <= london.score));
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
