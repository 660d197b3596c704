//! The JSON the command line prints for an `ExtractResponse`: every field, always.
//!
//! proto3's JSON mapping (pbjson, like grpcurl without `-emit-defaults`) leaves out empty lists
//! and zero values, so a document with no mentions had no `mentions` key (`r["mentions"]`
//! failed) and the first mention's `start: 0` was missing. pbjson 0.8 can emit defaults only for
//! every generated message at once (a build-time switch), so the CLI has its own serde structs:
//! the proto's field names in lowerCamelCase and its enum value names, as the JSON mapping with
//! defaults writes them (`grpcurl -emit-defaults` prints the same keys), with every field
//! present. A test compares them with pbjson's mapping so a field added to the proto is not
//! silently left out here.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::proto::v1 as pb;

/// An `ExtractResponse` with every field present.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Response {
    document_id: String,
    mentions: Vec<Mention>,
    entities: Vec<Entity>,
    gazetteer_version: String,
    offset_encoding: String,
    /// Empty unless `--suggest`; printed as `[]` then, like `mentions`.
    suggestions: Vec<Suggestion>,
    /// Empty unless the request asked for explanations.
    suppressed: Vec<Suppressed>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Suggestion {
    start: u32,
    end: u32,
    text: String,
    r#type: String,
    score: f32,
    evidence: Vec<String>,
    field: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Suppressed {
    start: u32,
    end: u32,
    text: String,
    entity_id: String,
    r#type: String,
    rule: String,
    field: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Mention {
    start: u32,
    end: u32,
    text: String,
    entity_id: String,
    r#type: String,
    matched_alias: String,
    entity_index: u32,
    field: String,
    how: String,
    resolution: String,
    alternatives: Vec<Alternative>,
    score: f32,
    /// `null` unless the request asked for explanations.
    explanation: Option<Explanation>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Alternative {
    entity_id: String,
    name: String,
    r#type: String,
    score: f32,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Explanation {
    alias: String,
    folding: Vec<String>,
    rule: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Entity {
    id: String,
    name: String,
    r#type: String,
    salience: f32,
    mention_indexes: Vec<u32>,
    /// Sorted by key, so the output is the same from run to run.
    attributes: BTreeMap<String, String>,
    namespace: String,
    mention_count: u32,
    first_mention_index: u32,
}

/// An enum value's proto name, as the JSON mapping writes it; a value this build does not know
/// (a newer server) as its number, as the mapping does too.
fn enum_name<E: TryFrom<i32>>(v: i32, name: impl Fn(E) -> &'static str) -> String {
    E::try_from(v)
        .map(name)
        .map_or_else(|_| v.to_string(), str::to_string)
}

impl From<pb::ExtractResponse> for Response {
    fn from(r: pb::ExtractResponse) -> Self {
        Response {
            document_id: r.document_id,
            mentions: r.mentions.into_iter().map(Mention::from).collect(),
            entities: r.entities.into_iter().map(Entity::from).collect(),
            gazetteer_version: r.gazetteer_version,
            offset_encoding: enum_name(r.offset_encoding, |e: pb::OffsetEncoding| e.as_str_name()),
            suggestions: r
                .suggestions
                .into_iter()
                .map(|s| Suggestion {
                    start: s.start,
                    end: s.end,
                    text: s.text,
                    r#type: s.r#type,
                    score: s.score,
                    evidence: s.evidence,
                    field: s.field,
                })
                .collect(),
            suppressed: r
                .suppressed
                .into_iter()
                .map(|s| Suppressed {
                    start: s.start,
                    end: s.end,
                    text: s.text,
                    entity_id: s.entity_id,
                    r#type: s.r#type,
                    rule: s.rule,
                    field: s.field,
                })
                .collect(),
        }
    }
}

impl From<pb::Mention> for Mention {
    fn from(m: pb::Mention) -> Self {
        Mention {
            start: m.start,
            end: m.end,
            text: m.text,
            entity_id: m.entity_id,
            r#type: m.r#type,
            matched_alias: m.matched_alias,
            entity_index: m.entity_index,
            field: m.field,
            how: enum_name(m.how, |e: pb::MatchHow| e.as_str_name()),
            resolution: enum_name(m.resolution, |e: pb::Resolution| e.as_str_name()),
            alternatives: m
                .alternatives
                .into_iter()
                .map(|a| Alternative {
                    entity_id: a.entity_id,
                    name: a.name,
                    r#type: a.r#type,
                    score: a.score,
                })
                .collect(),
            score: m.score,
            explanation: m.explanation.map(|x| Explanation {
                alias: x.alias,
                folding: x.folding,
                rule: x.rule,
            }),
        }
    }
}

impl From<pb::Entity> for Entity {
    fn from(e: pb::Entity) -> Self {
        Entity {
            id: e.id,
            name: e.name,
            r#type: e.r#type,
            salience: e.salience,
            mention_indexes: e.mention_indexes,
            attributes: e.attributes.into_iter().collect(),
            namespace: e.namespace,
            mention_count: e.mention_count,
            first_mention_index: e.first_mention_index,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    /// Every field set to a non-default value, so pbjson writes every key.
    fn full() -> pb::ExtractResponse {
        pb::ExtractResponse {
            document_id: "d".into(),
            mentions: vec![pb::Mention {
                start: 1,
                end: 2,
                text: "t".into(),
                entity_id: "e".into(),
                r#type: "PERSON".into(),
                matched_alias: "a".into(),
                entity_index: 3,
                field: "text".into(),
                how: pb::MatchHow::Alias as i32,
                resolution: pb::Resolution::Prior as i32,
                alternatives: vec![pb::Alternative {
                    entity_id: "x".into(),
                    name: "X".into(),
                    r#type: "LOCATION".into(),
                    score: 0.5,
                }],
                score: 0.25,
                explanation: Some(pb::Explanation {
                    alias: "a".into(),
                    folding: vec!["lowercase".into()],
                    rule: "r".into(),
                }),
            }],
            entities: vec![pb::Entity {
                id: "e".into(),
                name: "E".into(),
                r#type: "PERSON".into(),
                salience: 0.75,
                mention_indexes: vec![0],
                attributes: [("k".to_string(), "v".to_string())].into(),
                namespace: "ns".into(),
                mention_count: 1,
                first_mention_index: 4,
            }],
            gazetteer_version: "v".into(),
            offset_encoding: pb::OffsetEncoding::Utf16 as i32,
            suggestions: vec![pb::Suggestion {
                start: 1,
                end: 2,
                text: "t".into(),
                r#type: "PERSON".into(),
                score: 0.5,
                evidence: vec!["title: General".into()],
                field: "text".into(),
            }],
            suppressed: vec![pb::Suppressed {
                start: 1,
                end: 2,
                text: "t".into(),
                entity_id: "x".into(),
                r#type: "LOCATION".into(),
                rule: "never:LOCATION:t".into(),
                field: "text".into(),
            }],
        }
    }

    /// A proto field added later and not mirrored here would be missing from the CLI's output:
    /// with every field set, the proto JSON mapping and this one agree key for key.
    #[test]
    fn every_proto_field_is_printed_as_the_json_mapping_names_it() {
        let mapping = serde_json::to_value(full()).expect("pbjson");
        let ours = serde_json::to_value(Response::from(full())).expect("ours");
        assert_eq!(ours, mapping);
    }

    #[test]
    fn empty_lists_zero_values_and_no_explanation_are_printed() {
        let mut r = full();
        r.mentions[0].start = 0;
        r.mentions[0].explanation = None;
        r.entities.clear();
        let v = serde_json::to_value(Response::from(r)).expect("ours");
        assert_eq!(v["entities"], json!([]));
        assert_eq!(v["mentions"][0]["start"], 0);
        assert_eq!(v["mentions"][0]["explanation"], Value::Null);
        let v = serde_json::to_value(Response::from(pb::ExtractResponse::default())).expect("ours");
        assert_eq!(v["mentions"], json!([]));
        assert_eq!(v["suggestions"], json!([]));
        assert_eq!(v["documentId"], "");
        assert_eq!(v["offsetEncoding"], "OFFSET_ENCODING_UNSPECIFIED");
    }

    #[test]
    fn an_unknown_enum_value_is_printed_as_its_number() {
        let mut r = full();
        r.mentions[0].how = 99;
        let v = serde_json::to_value(Response::from(r)).expect("ours");
        assert_eq!(v["mentions"][0]["how"], "99");
    }
}
