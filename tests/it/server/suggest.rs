//! `ExtractRequest.suggest` over gRPC: suggestions only when asked for, never a listed name,
//! spans exact in every encoding and relative to their field.

use super::*;

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

const HEADLINE: &str = "🇸🇾 Général Kamal al-Labwani quits";
const TEXT: &str = "😀 Ali Habib met Peshmerga General Hussein Nooraldin in Syria. “Nobody saw \
                    this,” Nooraldin said, and Labwani left for Ελλάδα.";

#[tokio::test]
async fn suggestions_come_only_when_asked_and_never_for_a_listed_name() {
    let server = common::start(1 << 20, false).await;
    let mut client = EntityExtractorClient::new(server.channel().await);
    for enc in [
        OffsetEncoding::Utf8,
        OffsetEncoding::Utf16,
        OffsetEncoding::CodePoint,
    ] {
        let plain = client
            .extract(ExtractRequest {
                headline: HEADLINE.into(),
                ..req("d", TEXT, enc)
            })
            .await
            .expect("extract")
            .into_inner();
        assert!(plain.suggestions.is_empty());
        let resp = client
            .extract(ExtractRequest {
                headline: HEADLINE.into(),
                suggest: true,
                ..req("d", TEXT, enc)
            })
            .await
            .expect("extract")
            .into_inner();
        // Suggestions leave mentions as they are.
        assert_eq!(resp.mentions, plain.mentions, "{enc:?}");
        let got: Vec<(&str, &str, &str)> = resp
            .suggestions
            .iter()
            .map(|s| (s.field.as_str(), s.text.as_str(), s.r#type.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("headline", "Kamal al-Labwani", "PERSON"),
                ("text", "Hussein Nooraldin", "PERSON"),
                ("text", "Nooraldin", "PERSON"),
                ("text", "Labwani", "PERSON"),
            ],
            "{enc:?}"
        );
        for s in &resp.suggestions {
            let field = if s.field == "headline" {
                HEADLINE
            } else {
                TEXT
            };
            assert_eq!(slice(field, enc, s.start, s.end), s.text, "{enc:?} {s:?}");
            assert!(s.score > 0.0 && s.score <= 1.0 && !s.evidence.is_empty());
        }
        // Ali Habib is listed: a mention, not a suggestion.
        assert!(resp.mentions.iter().any(|m| m.text == "Ali Habib"));
        let labwani = &resp.suggestions[3];
        assert_eq!(
            labwani.evidence,
            ["surname of Kamal al-Labwani, suggested earlier"]
        );
    }
    server.stop().await;
}

/// A short form linked to a listed person (`Assad` after `Bashar al-Assad`) is a mention, so it
/// is never suggested; an unlisted person's later surname is suggested as that person.
#[test]
fn a_partial_name_link_is_a_mention_not_a_suggestion() {
    let mut b = gazette::GazetteerBuilder::new();
    b.add_source(
        "people",
        "people.tsv",
        gazette::Format::Tsv,
        "Bashar al-Assad\tPERSON\tp:assad\n".as_bytes(),
    );
    let ex = gazette::Extractor::new(b.build().expect("gazetteer"));
    let text = "President Bashar al-Assad met General Ali Habib. Assad and Habib spoke.";
    let options = gazette::ExtractOptions {
        suggest: true,
        ..Default::default()
    };
    let out = ex.extract(text, &options).expect("extract");
    let mentions: Vec<&str> = out
        .mentions
        .iter()
        .map(|m| &text[m.byte_start..m.byte_end])
        .collect();
    assert_eq!(mentions, ["Bashar al-Assad", "Assad"]);
    let suggested: Vec<(&str, &str)> = out
        .suggestions
        .iter()
        .map(|s| (&text[s.byte_start..s.byte_end], s.evidence[0].as_str()))
        .collect();
    assert_eq!(
        suggested,
        [
            ("Ali Habib", "title: General"),
            ("Habib", "surname of Ali Habib, suggested earlier")
        ]
    );
}
