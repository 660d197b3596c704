//! Building the proto response from a core extraction.

use crate::extract::Extraction;
use crate::offsets::Encoding;
use crate::proto::v1::{
    Alternative, Entity, Explanation, ExtractResponse, MatchHow, Mention, OffsetEncoding,
    Resolution, Suggestion,
};
use crate::resolve::{How, Resolution as CoreResolution};

/// Builds the response for `extraction` of `fields` ((name, text) in the order extracted).
pub(crate) fn to_response(
    document_id: String,
    fields: &[(String, String)],
    extraction: &Extraction,
) -> ExtractResponse {
    let mut entity_index = vec![0u32; extraction.mentions.len()];
    let entities = extraction
        .entities
        .iter()
        .enumerate()
        .map(|(gi, g)| {
            let e = extraction.entry(g.entry as usize);
            for &m in &g.mentions {
                entity_index[m as usize] = gi as u32;
            }
            Entity {
                id: e.id().to_string(),
                name: e.name().to_string(),
                r#type: e.entity_type().to_string(),
                salience: g.salience,
                mention_indexes: g.mentions.clone(),
                attributes: e
                    .attributes()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect(),
                namespace: e.namespace().to_string(),
                mention_count: g.mentions.len() as u32,
                first_mention_index: g.mentions.first().copied().unwrap_or(0),
            }
        })
        .collect();
    let mentions = extraction
        .mentions
        .iter()
        .zip(entity_index)
        .map(|(m, entity_index)| {
            let e = extraction.entry(m.entry);
            let (field, text) = &fields[m.field];
            Mention {
                start: m.start as u32,
                end: m.end as u32,
                text: text[m.byte_start..m.byte_end].to_string(),
                entity_id: e.id().to_string(),
                r#type: e.entity_type().to_string(),
                matched_alias: e.form(m.form).to_string(),
                entity_index,
                field: field.clone(),
                how: match m.how {
                    How::Name => MatchHow::Name,
                    How::Alias => MatchHow::Alias,
                    How::PartialName => MatchHow::PartialName,
                } as i32,
                resolution: match m.resolution {
                    CoreResolution::OnlyCandidate => Resolution::OnlyCandidate,
                    CoreResolution::Prior => Resolution::Prior,
                    CoreResolution::Context => Resolution::Context,
                    CoreResolution::PartialName => Resolution::PartialName,
                } as i32,
                alternatives: m
                    .alternatives
                    .iter()
                    .map(|a| {
                        let alt = extraction.entry(a.entry);
                        Alternative {
                            entity_id: alt.id().to_string(),
                            name: alt.name().to_string(),
                            r#type: alt.entity_type().to_string(),
                            score: a.score,
                        }
                    })
                    .collect(),
                score: m.score,
                explanation: m.explanation.as_ref().map(|x| Explanation {
                    alias: x.alias.clone(),
                    folding: x.folding.iter().map(|s| s.to_string()).collect(),
                    rule: x.rule.clone(),
                }),
            }
        })
        .collect();
    let offset_encoding = match extraction.encoding {
        Encoding::Utf8 => OffsetEncoding::Utf8,
        Encoding::Utf16 => OffsetEncoding::Utf16,
        Encoding::CodePoint => OffsetEncoding::CodePoint,
    };
    let suggestions = extraction
        .suggestions
        .iter()
        .map(|s| {
            let (field, text) = &fields[s.field];
            Suggestion {
                start: s.start as u32,
                end: s.end as u32,
                text: text[s.byte_start..s.byte_end].to_string(),
                r#type: s.entity_type.as_str().to_string(),
                score: s.score,
                evidence: s.evidence.clone(),
                field: field.clone(),
            }
        })
        .collect();
    ExtractResponse {
        document_id,
        mentions,
        entities,
        suggestions,
        gazetteer_version: extraction.gazetteer_version().to_string(),
        offset_encoding: offset_encoding as i32,
        suppressed: extraction
            .suppressed
            .iter()
            .map(|s| {
                let e = extraction.entry(s.entry);
                let (field, text) = &fields[s.field];
                crate::proto::v1::Suppressed {
                    start: s.start as u32,
                    end: s.end as u32,
                    text: text[s.byte_start..s.byte_end].to_string(),
                    entity_id: e.id().to_string(),
                    r#type: e.entity_type().to_string(),
                    rule: s.rule.clone(),
                    field: field.clone(),
                }
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{ExtractOptions, Extractor, Field};
    use crate::gazetteer::{Format, GazetteerBuilder};
    use crate::proto::v1::ExtractResponse;

    const PLACES: &str = concat!(
        r#"{"id":"loc:beijing","name":"Beijing","type":"LOCATION","aliases":["北京"],"attributes":{"country_code":"CN"}}"#,
        "\n",
        r#"{"id":"loc:sao-paulo","name":"São Paulo","type":"LOCATION","attributes":{"country_code":"BR","population":"12400000"}}"#,
        "\n",
    );

    fn extractor() -> Extractor {
        let mut b = GazetteerBuilder::new();
        b.add_source("places", "places.jsonl", Format::Jsonl, PLACES.as_bytes());
        b.add_source(
            "people",
            "people.tsv",
            Format::Tsv,
            "Zoë Ñúñez\tPERSON\tp:nunez\n".as_bytes(),
        );
        Extractor::new(b.build().expect("test gazetteer builds"))
    }

    /// Non-ASCII before and inside the names: an emoji (4 bytes, 2 UTF-16 units, 1 code point),
    /// CJK (3 bytes, 1 unit), accented Latin (2 bytes, 1 unit).
    fn fields() -> Vec<(String, String)> {
        vec![
            ("headline".to_string(), "北京 talks 🙂".to_string()),
            (
                "text".to_string(),
                "🙂 Zoë Ñúñez flew from São Paulo to Beijing, then back to São Paulo.".to_string(),
            ),
        ]
    }

    fn respond(encoding: Encoding) -> ExtractResponse {
        respond_with(ExtractOptions {
            encoding,
            ..Default::default()
        })
    }

    /// The response for document `doc-7` of [`fields`] extracted with `options`.
    fn respond_with(options: ExtractOptions) -> ExtractResponse {
        let fields = fields();
        let core: Vec<Field<'_>> = fields
            .iter()
            .map(|(name, text)| Field { name, text })
            .collect();
        let extraction = extractor()
            .extract_fields(&core, &options)
            .expect("extracts");
        to_response("doc-7".into(), &fields, &extraction)
    }

    /// `text[start..end]` with the offsets in `encoding` units.
    fn slice(text: &str, encoding: Encoding, start: u32, end: u32) -> String {
        let (s, e) = (start as usize, end as usize);
        match encoding {
            Encoding::Utf8 => text[s..e].to_string(),
            Encoding::Utf16 => {
                let units: Vec<u16> = text.encode_utf16().collect();
                String::from_utf16(&units[s..e]).expect("a UTF-16 span on char boundaries")
            }
            Encoding::CodePoint => text.chars().skip(s).take(e - s).collect(),
        }
    }

    #[test]
    fn spans_slice_the_mention_out_of_its_field_in_every_encoding() {
        let fields = fields();
        let mut starts = Vec::new();
        for (encoding, proto) in [
            (Encoding::Utf8, OffsetEncoding::Utf8),
            (Encoding::Utf16, OffsetEncoding::Utf16),
            (Encoding::CodePoint, OffsetEncoding::CodePoint),
        ] {
            let r = respond(encoding);
            assert_eq!(r.offset_encoding, proto as i32);
            let texts: Vec<&str> = r.mentions.iter().map(|m| m.text.as_str()).collect();
            assert_eq!(
                texts,
                ["北京", "Zoë Ñúñez", "São Paulo", "Beijing", "São Paulo"],
                "{encoding:?}"
            );
            for m in &r.mentions {
                let text = &fields.iter().find(|(n, _)| *n == m.field).expect("field").1;
                assert_eq!(
                    slice(text, encoding, m.start, m.end),
                    m.text,
                    "{encoding:?} {m:?}"
                );
            }
            starts.push(r.mentions[2].start);
        }
        // "São Paulo" in the body comes after "🙂 " (5 bytes, 3 UTF-16 units, 2 code points),
        // "Zoë Ñúñez" (13 bytes, 9 units, 9 code points) and " flew from " (11 of each).
        assert_eq!(starts, [29, 23, 22]);
    }

    #[test]
    fn mentions_name_their_field_entity_and_how_they_matched() {
        /// (field, entity, the form matched, how, type)
        fn what(m: &Mention) -> (&str, &str, &str, i32, &str) {
            let alias = m.matched_alias.as_str();
            (&m.field, &m.entity_id, alias, m.how, &m.r#type)
        }
        let r = respond(Encoding::Utf8);
        let (alias, name) = (MatchHow::Alias as i32, MatchHow::Name as i32);
        assert_eq!(
            what(&r.mentions[0]),
            ("headline", "loc:beijing", "北京", alias, "LOCATION")
        );
        let person = &r.mentions[1];
        assert_eq!(
            what(person),
            ("text", "p:nunez", "Zoë Ñúñez", name, "PERSON")
        );
        assert_eq!(person.resolution, Resolution::OnlyCandidate as i32);
        assert!(person.alternatives.is_empty());
        assert!(person.explanation.is_none(), "explain was not asked for");
    }

    #[test]
    fn entities_group_their_mentions_both_ways() {
        let r = respond(Encoding::Utf8);
        assert_eq!(r.document_id, "doc-7");
        assert_eq!(r.gazetteer_version, extractor().gazetteer().version());
        let ids: Vec<&str> = r.entities.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(
            ids,
            ["loc:beijing", "p:nunez", "loc:sao-paulo"],
            "by first mention"
        );
        for (i, e) in r.entities.iter().enumerate() {
            assert_eq!(e.mention_count as usize, e.mention_indexes.len());
            assert_eq!(e.first_mention_index, e.mention_indexes[0]);
            for &m in &e.mention_indexes {
                let m = &r.mentions[m as usize];
                assert_eq!(m.entity_index as usize, i, "{m:?}");
                assert_eq!(m.entity_id, e.id);
            }
        }
        let beijing = &r.entities[0];
        assert_eq!(beijing.mention_indexes, [0, 3], "the alias and the name");
        let sao_paulo = &r.entities[2];
        assert_eq!(sao_paulo.mention_indexes, [2, 4]);
        assert_eq!(sao_paulo.name, "São Paulo");
        assert_eq!(sao_paulo.r#type, "LOCATION");
        assert_eq!(sao_paulo.namespace, "places");
        let mut attributes: Vec<(&str, &str)> = sao_paulo
            .attributes
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        attributes.sort();
        assert_eq!(
            attributes,
            [("country_code", "BR"), ("population", "12400000")]
        );
        assert!(r.entities[1].attributes.is_empty());
        assert_eq!(r.entities[1].namespace, "people");
        let total: f32 = r.entities.iter().map(|e| e.salience).sum();
        assert!((total - 1.0).abs() < 1e-4, "salience sums to {total}");
    }

    #[test]
    fn an_explanation_is_carried_when_asked_for() {
        let r = respond_with(ExtractOptions {
            explain: true,
            ..Default::default()
        });
        let x = r.mentions[0].explanation.as_ref().expect("explanation");
        assert_eq!(x.alias, "北京");
    }
}
