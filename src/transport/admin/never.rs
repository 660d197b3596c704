//! The "never tag" RPCs: rules in, edits out (each rule an entry of type NEVER, parsed by the
//! gazetteer's own rule-line parser so the API and files check alike), and the rules in service.

use super::super::status::{RequestError, Violations};
use super::edits::MAX_EDIT_BATCH;
use crate::edits::Edit;
use crate::field_path::FieldPath;
use crate::gazetteer::{parse_entry, Gazetteer, NEVER_TYPE};
use crate::proto::v1::{AddNeverRulesRequest, ListNeverRulesResponse, NeverRule};

/// The namespace of rules added without one.
pub(super) const DEFAULT_NAMESPACE: &str = "never";

/// A rule as the JSONL rule line it stands for (empty fields left out, so they default as in a
/// file).
fn rule_json(r: &NeverRule) -> serde_json::Value {
    let mut o = serde_json::json!({ "never": r.form });
    for (key, value) in [("type", &r.r#type), ("entity", &r.entity), ("id", &r.id)] {
        if !value.is_empty() {
            o[key] = serde_json::Value::String(value.clone());
        }
    }
    o
}

/// The request's rules as upsert edits, with their ids in request order; every bad rule is
/// reported with its field (`rules[i].form`, `.type`, `.entity`, `.id`).
pub(super) fn never_edits(
    req: AddNeverRulesRequest,
) -> Result<(Vec<Edit>, Vec<String>), RequestError> {
    let mut v = Violations::default();
    let namespace = if req.namespace.is_empty() {
        DEFAULT_NAMESPACE
    } else {
        req.namespace.as_str()
    };
    let ns_ok = namespace.len() <= 64
        && namespace
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !ns_ok {
        v.add(RequestError::new(
            "namespace",
            "INVALID_NAMESPACE",
            format!("{namespace:?} must be 1 to 64 ASCII letters, digits, '-' or '_'"),
        ));
    }
    if req.rules.is_empty() || req.rules.len() > MAX_EDIT_BATCH {
        return Err(RequestError::new(
            "rules",
            "INVALID_BATCH",
            format!("give 1 to {MAX_EDIT_BATCH} rules, not {}", req.rules.len()),
        ));
    }
    let mut edits = Vec::with_capacity(req.rules.len());
    let mut ids = Vec::with_capacity(req.rules.len());
    for (i, r) in req.rules.iter().enumerate() {
        let at = FieldPath::new().field("rules").index(i);
        match parse_entry(&rule_json(r).to_string(), namespace) {
            Ok(entry) if ids.contains(&entry.id) => v.add(RequestError::new(
                at.field("form"),
                "INVALID_RULE",
                format!("rule {:?} appears twice", entry.id),
            )),
            Ok(entry) => {
                ids.push(entry.id.clone());
                edits.push(Edit::Upsert(entry));
            }
            Err(err) => {
                // The rule line's `never` is the request's `form`.
                let field = match err.field.as_str() {
                    "never" | "" => FieldPath::new().field("form"),
                    _ => err.field.clone(),
                };
                v.add(RequestError::new(
                    at.join(&field),
                    "INVALID_RULE",
                    err.message,
                ));
            }
        }
    }
    v.or_ok((edits, ids))
}

/// Every rule in service, sorted by id.
pub(super) fn list(g: &Gazetteer) -> ListNeverRulesResponse {
    let mut rules: Vec<NeverRule> = if g.counts().by_type.contains_key(NEVER_TYPE) {
        g.entries()
            .filter(|e| e.entity_type() == NEVER_TYPE)
            .map(|e| NeverRule {
                form: e.name().to_string(),
                r#type: e.attribute("type").unwrap_or_default().to_string(),
                entity: e.attribute("entity").unwrap_or_default().to_string(),
                id: e.id().to_string(),
                namespace: e.namespace().to_string(),
            })
            .collect()
    } else {
        Vec::new()
    };
    rules.sort_by(|a, b| a.id.cmp(&b.id));
    ListNeverRulesResponse {
        rules,
        version: g.version().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(form: &str, ty: &str, entity: &str) -> NeverRule {
        NeverRule {
            form: form.into(),
            r#type: ty.into(),
            entity: entity.into(),
            ..Default::default()
        }
    }

    #[test]
    fn rules_become_upserts_with_derived_ids() {
        let req = AddNeverRulesRequest {
            rules: vec![rule("Obama", "LOCATION", ""), rule("Paris", "", "Q90")],
            namespace: String::new(),
        };
        let (edits, ids) = never_edits(req).expect("valid");
        assert_eq!(ids, ["never:LOCATION:obama", "never:entity:Q90:paris"]);
        assert!(matches!(&edits[0], Edit::Upsert(e) if e.namespace == "never"));
    }

    #[test]
    fn bad_rules_are_reported_by_field() {
        let req = AddNeverRulesRequest {
            rules: vec![
                rule("Obama", "location", ""),
                rule("", "LOCATION", ""),
                rule("X", "A", "Q1"),
                rule("Obama", "LOCATION", ""),
                rule("OBAMA", "LOCATION", ""),
            ],
            namespace: String::new(),
        };
        let err = never_edits(req).expect_err("invalid");
        let text = format!("{err:?}");
        for field in [
            "rules[0].type",
            "rules[1].form",
            "rules[2].entity",
            "rules[4].form",
        ] {
            assert!(text.contains(field), "{field} in {text}");
        }
        assert!(!text.contains("rules[3]"), "{text}");
    }
}
