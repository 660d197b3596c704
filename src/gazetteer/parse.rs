//! Line parsers for the JSONL and TSV gazetteer formats.
//!
//! Each returns `Ok(None)` for lines that carry no entry (blank, comment), `Ok(Some(entry))` for a
//! valid entry and `Err(reason)` otherwise; the builder adds the source and line.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{validate_alias, Alias, CasePolicy, Entry, Scope};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonEntry {
    #[serde(default)]
    id: Option<String>,
    name: String,
    #[serde(rename = "type")]
    entity_type: String,
    #[serde(default)]
    aliases: Vec<JsonAlias>,
    #[serde(default)]
    case: Option<CasePolicy>,
    #[serde(default)]
    prior: Option<f32>,
    #[serde(default)]
    attributes: BTreeMap<String, serde_json::Value>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum JsonAlias {
    Text(String),
    Full(FullAlias),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FullAlias {
    text: String,
    #[serde(default)]
    case: Option<CasePolicy>,
    #[serde(default)]
    scope: Scope,
}

pub(super) fn jsonl_line(line: &str, namespace: &str) -> Result<Option<Entry>, String> {
    let line = line.trim();
    if line.is_empty() {
        return Ok(None);
    }
    let raw: JsonEntry = serde_json::from_str(line).map_err(|e| {
        // serde_json counts lines within this one line; the column is what helps.
        let msg = e.to_string();
        let msg = msg
            .rsplit_once(" at line ")
            .map_or(msg.as_str(), |(m, _)| m);
        format!("invalid entry (column {}): {msg}", e.column())
    })?;
    let case = raw.case.unwrap_or_default();
    let aliases = raw
        .aliases
        .into_iter()
        .map(|a| match a {
            JsonAlias::Text(text) => Alias {
                text,
                case,
                scope: Scope::Global,
                derived: false,
            },
            JsonAlias::Full(f) => Alias {
                text: f.text,
                case: f.case.unwrap_or(case),
                scope: f.scope,
                derived: false,
            },
        })
        .collect();
    let mut attributes = BTreeMap::new();
    for (k, v) in raw.attributes {
        let v = match v {
            serde_json::Value::String(s) => s,
            serde_json::Value::Number(n) => n.to_string(),
            serde_json::Value::Bool(b) => b.to_string(),
            other => {
                return Err(format!(
                    "attribute {k:?} must be a string, number or boolean, not {other}"
                ))
            }
        };
        attributes.insert(k, v);
    }
    let prior = raw.prior.unwrap_or(0.0);
    if !prior.is_finite() {
        return Err("prior must be a finite number".into());
    }
    finish(Entry {
        id: raw.id.unwrap_or_default(),
        name: raw.name,
        entity_type: raw.entity_type,
        aliases,
        case,
        prior,
        attributes,
        namespace: namespace.to_string(),
    })
    .map(Some)
}

pub(super) fn tsv_line(line: &str, namespace: &str) -> Result<Option<Entry>, String> {
    let line = line.strip_suffix('\r').unwrap_or(line);
    if line.trim().is_empty() || line.trim_start().starts_with('#') {
        return Ok(None);
    }
    let cols: Vec<&str> = line.split('\t').collect();
    let (name, ty, id) = match cols.as_slice() {
        [name, ty] => (name, ty, ""),
        [name, ty, id] => (name, ty, *id),
        [_] => return Err("expected name<TAB>type[<TAB>id], found no tab".into()),
        _ => {
            return Err(format!(
                "expected name<TAB>type[<TAB>id], found {} columns",
                cols.len()
            ))
        }
    };
    finish(Entry {
        id: id.trim().to_string(),
        name: name.trim().to_string(),
        entity_type: ty.trim().to_string(),
        aliases: Vec::new(),
        case: CasePolicy::Proper,
        prior: 0.0,
        attributes: BTreeMap::new(),
        namespace: namespace.to_string(),
    })
    .map(Some)
}

/// Validates the fields every format shares and fills in a missing id.
fn finish(mut e: Entry) -> Result<Entry, String> {
    e.name = e.name.trim().to_string();
    if e.name.is_empty() {
        return Err("name is empty".into());
    }
    validate_type(&e.entity_type)?;
    validate_alias(&e.name).map_err(|m| format!("name: {m}"))?;
    for a in &mut e.aliases {
        a.text = a.text.trim().to_string();
        validate_alias(&a.text).map_err(|m| format!("aliases: {m}"))?;
    }
    if e.id.trim().is_empty() {
        // Stable across loads: the same file gives the same ids.
        e.id = format!("{}:{}:{}", e.namespace, e.entity_type, e.name);
    } else if e.id.len() > 256 || e.id.chars().any(char::is_control) {
        return Err(format!(
            "id {:?} must be at most 256 bytes without control characters",
            e.id
        ));
    }
    Ok(e)
}

fn validate_type(t: &str) -> Result<(), String> {
    let ok = !t.is_empty()
        && t.len() <= 64
        && t.starts_with(|c: char| c.is_ascii_uppercase())
        && t.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
    if ok {
        Ok(())
    } else {
        Err(format!(
            "type {t:?} must be upper-case letters, digits and '_' (e.g. LOCATION, NORP)"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonl_full_entry() {
        let e = jsonl_line(
            r#"{"id":"Q858","name":"Syria","type":"LOCATION","aliases":["Syrian Arab Republic",{"text":"SY","case":"exact"}],"prior":2,"attributes":{"cc":"SY","population":22000000}}"#,
            "geo",
        )
        .unwrap()
        .unwrap();
        assert_eq!(e.id, "Q858");
        assert_eq!(e.aliases[1].case, CasePolicy::Exact);
        assert_eq!(e.attributes["population"], "22000000");
    }

    #[test]
    fn bad_lines_say_why() {
        let cases = [
            (
                "missing type",
                r#"{"name":"Syria"}"#,
                "missing field `type`",
            ),
            (
                "unknown field",
                r#"{"name":"Syria","type":"LOCATION","typo":1}"#,
                "unknown field `typo`",
            ),
            (
                "lower-case type",
                r#"{"name":"Syria","type":"location"}"#,
                "type \"location\"",
            ),
            (
                "empty name",
                r#"{"name":"  ","type":"LOCATION"}"#,
                "name is empty",
            ),
            (
                "punctuation alias",
                r#"{"name":"X","type":"LOCATION","aliases":["--"]}"#,
                "no letter or digit",
            ),
            (
                "bad case",
                r#"{"name":"X","type":"LOCATION","case":"upper"}"#,
                "unknown variant `upper`",
            ),
            (
                "nested attribute",
                r#"{"name":"X","type":"LOCATION","attributes":{"a":[1]}}"#,
                "attribute \"a\"",
            ),
            ("not json", "Syria", "invalid entry"),
        ];
        for (name, line, want) in cases {
            let err = jsonl_line(line, "geo").expect_err(name);
            assert!(err.contains(want), "case {name}: {err}");
        }
    }

    #[test]
    fn tsv_lines() {
        assert!(tsv_line("# comment", "n").unwrap().is_none());
        assert!(tsv_line("   ", "n").unwrap().is_none());
        let e = tsv_line("Ali Habib\tPERSON\r", "people").unwrap().unwrap();
        assert_eq!(e.id, "people:PERSON:Ali Habib");
        assert!(tsv_line("Syria", "n").unwrap_err().contains("no tab"));
        assert!(tsv_line("a\tB\tc\td", "n")
            .unwrap_err()
            .contains("4 columns"));
    }
}
