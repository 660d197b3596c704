//! Building the proto response from a core extraction.

use crate::extract::Extraction;
use crate::offsets::Encoding;
use crate::proto::v1::{
    Alternative, Entity, Explanation, ExtractResponse, MatchHow, Mention, OffsetEncoding,
    Resolution,
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
    ExtractResponse {
        document_id,
        mentions,
        entities,
        gazetteer_version: extraction.gazetteer_version().to_string(),
        offset_encoding: offset_encoding as i32,
    }
}
