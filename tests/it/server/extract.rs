//! What Extract answers: exact spans in every encoding, entities grouped with salience and
//! attributes, type and field filters, the default gazetteer, explanations and alternatives.

use super::*;

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
