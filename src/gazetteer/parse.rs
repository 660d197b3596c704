//! Line parsers for the JSONL and TSV gazetteer formats.
//!
//! Each returns `Ok(None)` for lines that carry no entry (blank, comment), `Ok(Some(entry))` for a
//! valid entry and `Err(reason)` otherwise; the builder adds the source and line. Every format
//! ends in [`finish`], the one place an entry's fields and limits are checked.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::entry::{
    validate_alias, validate_prior, Alias, CasePolicy, Entry, EntryError, Scope, MAX_ALIASES,
    MAX_ALIAS_BYTES, MAX_ATTRIBUTES, MAX_ATTRIBUTE_KEY_BYTES, MAX_ATTRIBUTE_VALUE_BYTES,
    MAX_ID_BYTES,
};
use super::never::{self, NeverRule, NEVER_TYPE};
use crate::field_path::FieldPath;

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
    /// `"Assad"`: the entry's case policy, global scope.
    Text(String),
    /// `{"text": "MBS", "case": "exact", "scope": "document"}`: its own policy (else the
    /// entry's) and scope.
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

/// A "never tag" rule line: `{"never":"Obama","type":"LOCATION"}`, `{"never":"Paris",
/// "entity":"Q90"}` or `{"never":"Obama"}`, with an optional `id` (see [`never`]).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonNever {
    never: String,
    #[serde(default, rename = "type")]
    entity_type: Option<String>,
    #[serde(default)]
    entity: Option<String>,
    #[serde(default)]
    id: Option<String>,
}

/// serde_json's error as a line's error: its line count is within this one line; the column is
/// what helps.
fn json_error(e: &serde_json::Error, what: &str) -> EntryError {
    let msg = e.to_string();
    let msg = msg
        .rsplit_once(" at line ")
        .map_or(msg.as_str(), |(m, _)| m);
    EntryError::whole(format!("invalid {what} (column {}): {msg}", e.column()))
}

/// True when the line's object has a top-level `never` key: a rule line. Only lines that
/// mention `"never"` at all are parsed twice.
fn is_never_line(line: &str) -> bool {
    line.contains("\"never\"")
        && serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(line)
            .is_ok_and(|o| o.contains_key("never"))
}

fn never_line(line: &str, namespace: &str) -> Result<Entry, EntryError> {
    let raw: JsonNever = serde_json::from_str(line).map_err(|e| json_error(&e, "never rule"))?;
    let mut e = NeverRule {
        form: raw.never,
        target: never::target_of(raw.entity_type.as_ref(), raw.entity.as_ref()),
    }
    .to_entry(namespace);
    // Both given: kept so that `check` reports it instead of one silently winning.
    if let (Some(t), Some(_)) = (raw.entity_type, &raw.entity) {
        e.attributes.insert("type".into(), t);
    }
    if let Some(id) = raw.entity {
        e.attributes.insert("entity".into(), id);
    }
    e.id = raw.id.unwrap_or_default();
    finish(e).map_err(|mut err| {
        // The rule line spells the entry's fields its own way.
        err.field = match err.field.as_str() {
            "name" => FieldPath::new().field("never"),
            "attributes[\"type\"]" => FieldPath::new().field("type"),
            "attributes[\"entity\"]" => FieldPath::new().field("entity"),
            _ => err.field,
        };
        err
    })
}

pub(super) fn jsonl_line(line: &str, namespace: &str) -> Result<Option<Entry>, EntryError> {
    let line = line.trim();
    if line.is_empty() {
        return Ok(None);
    }
    if is_never_line(line) {
        return never_line(line, namespace).map(Some);
    }
    let raw: JsonEntry = serde_json::from_str(line).map_err(|e| json_error(&e, "entry"))?;
    if raw.aliases.len() > MAX_ALIASES {
        // Checked before the aliases are copied and folded.
        return Err(EntryError::at(
            "aliases",
            format!(
                "{} aliases, more than the limit of {MAX_ALIASES} per entry",
                raw.aliases.len()
            ),
        ));
    }
    if raw.attributes.len() > MAX_ATTRIBUTES {
        return Err(EntryError::at(
            "attributes",
            format!(
                "{} attributes, more than the limit of {MAX_ATTRIBUTES} per entry",
                raw.attributes.len()
            ),
        ));
    }
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
            _ => {
                return Err(EntryError::new(
                    FieldPath::new().field("attributes").key(&k),
                    "must be a string, number or boolean",
                ))
            }
        };
        attributes.insert(k, v);
    }
    // A JSON number too large for an f32 arrives as infinity: rejected here.
    let prior = raw.prior.unwrap_or(0.0);
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

pub(super) fn tsv_line(line: &str, namespace: &str) -> Result<Option<Entry>, EntryError> {
    let line = line.strip_suffix('\r').unwrap_or(line);
    if line.trim().is_empty() || line.trim_start().starts_with('#') {
        return Ok(None);
    }
    let cols: Vec<&str> = line.split('\t').collect();
    let (name, mut ty, id) = match cols.as_slice() {
        [name, ty] => (name, ty, ""),
        [name, ty, id] => (name, ty, *id),
        [_] => {
            return Err(EntryError::whole(
                "expected name<TAB>type[<TAB>id], found no tab",
            ))
        }
        _ => {
            return Err(EntryError::whole(format!(
                "expected name<TAB>type[<TAB>id], found {} columns",
                cols.len()
            )))
        }
    };
    // A rule: `Obama<TAB>NEVER` (any type) or `Obama<TAB>NEVER:LOCATION` (one type).
    let mut attributes = BTreeMap::new();
    if let Some(target) = ty.trim().strip_prefix("NEVER:") {
        attributes.insert("type".to_string(), target.to_string());
        ty = &NEVER_TYPE;
    }
    finish(Entry {
        id: id.trim().to_string(),
        name: name.trim().to_string(),
        entity_type: ty.trim().to_string(),
        aliases: Vec::new(),
        case: CasePolicy::Proper,
        prior: 0.0,
        attributes,
        namespace: namespace.to_string(),
    })
    .map(Some)
}

/// Validates the fields every format shares, applies the limits, and fills in a missing id.
/// Files and admin edits both end here, so both get the same checks and the same field paths.
fn finish(mut e: Entry) -> Result<Entry, EntryError> {
    e.name = e.name.trim().to_string();
    if e.name.is_empty() {
        return Err(EntryError::at("name", "must not be empty"));
    }
    validate_type(&e.entity_type)?;
    if e.entity_type == NEVER_TYPE {
        never::check(&mut e, validate_type)?;
    }
    validate_alias(&e.name).map_err(|m| EntryError::at("name", m.to_string()))?;
    if e.aliases.len() > MAX_ALIASES {
        return Err(EntryError::at(
            "aliases",
            format!(
                "{} aliases, more than the limit of {MAX_ALIASES} per entry",
                e.aliases.len()
            ),
        ));
    }
    for (j, a) in e.aliases.iter_mut().enumerate() {
        a.text = a.text.trim().to_string();
        validate_alias(&a.text).map_err(|m| {
            EntryError::new(FieldPath::new().field("aliases").index(j), m.to_string())
        })?;
    }
    e.prior = validate_prior(e.prior)?;
    if e.attributes.len() > MAX_ATTRIBUTES {
        return Err(EntryError::at(
            "attributes",
            format!(
                "{} attributes, more than the limit of {MAX_ATTRIBUTES} per entry",
                e.attributes.len()
            ),
        ));
    }
    for (k, v) in &e.attributes {
        let field = || FieldPath::new().field("attributes").key(k);
        if k.is_empty() || k.len() > MAX_ATTRIBUTE_KEY_BYTES || k.chars().any(char::is_control) {
            return Err(EntryError::new(
                field(),
                format!(
                    "attribute keys must be 1 to {MAX_ATTRIBUTE_KEY_BYTES} bytes without control \
                     characters (this one is {} bytes)",
                    k.len()
                ),
            ));
        }
        if v.len() > MAX_ATTRIBUTE_VALUE_BYTES {
            return Err(EntryError::new(
                field(),
                format!(
                    "value is {} bytes, longer than the limit of {MAX_ATTRIBUTE_VALUE_BYTES}",
                    v.len()
                ),
            ));
        }
    }
    if e.id.trim().is_empty() {
        // Stable across loads: the same file gives the same ids.
        e.id = format!("{}:{}:{}", e.namespace, e.entity_type, e.name);
    } else if e.id.len() > MAX_ID_BYTES || e.id.chars().any(char::is_control) {
        return Err(EntryError::at(
            "id",
            format!(
                "id {:?} must be at most {MAX_ID_BYTES} bytes without control characters",
                truncated(&e.id)
            ),
        ));
    }
    Ok(e)
}

/// The start of `s` for an error message: a limit error must not echo a megabyte back.
fn truncated(s: &str) -> &str {
    let mut end = s.len().min(MAX_ALIAS_BYTES / 4);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

fn validate_type(t: &str) -> Result<(), EntryError> {
    let ok = !t.is_empty()
        && t.len() <= 64
        && t.starts_with(|c: char| c.is_ascii_uppercase())
        && t.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
    if ok {
        Ok(())
    } else {
        Err(EntryError::at(
            "type",
            format!(
                "{:?} must be upper-case letters, digits and '_' (e.g. LOCATION, NORP)",
                truncated(t)
            ),
        ))
    }
}

/// Parses and validates one entry given as a JSONL gazetteer line's object (as admin edits send
/// them), for `namespace`: the same checks and limits as a file line.
pub fn parse_entry(json: &str, namespace: &str) -> Result<Entry, EntryError> {
    jsonl_line(json, namespace)?.ok_or_else(|| EntryError::whole("empty entry"))
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
                "type: \"location\" must be upper-case",
            ),
            (
                "empty name",
                r#"{"name":"  ","type":"LOCATION"}"#,
                "name: must not be empty",
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
                "attributes[\"a\"]: must be a string",
            ),
            ("not json", "Syria", "invalid entry"),
        ];
        for (name, line, want) in cases {
            let err = jsonl_line(line, "geo").expect_err(name).to_string();
            assert!(err.contains(want), "case {name}: {err}");
        }
    }

    #[test]
    fn tsv_lines() {
        assert!(tsv_line("# comment", "n").unwrap().is_none());
        assert!(tsv_line("   ", "n").unwrap().is_none());
        let e = tsv_line("Ali Habib\tPERSON\r", "people").unwrap().unwrap();
        assert_eq!(e.id, "people:PERSON:Ali Habib");
        assert!(tsv_line("Syria", "n")
            .unwrap_err()
            .to_string()
            .contains("no tab"));
        assert!(tsv_line("a\tB\tc\td", "n")
            .unwrap_err()
            .to_string()
            .contains("4 columns"));
    }

    /// Every field of an entry, with its limit: the field path and the words of the error.
    #[test]
    fn limits_and_fields_name_the_field() {
        let many = |n: usize, f: &dyn Fn(usize) -> String| (0..n).map(f).collect::<Vec<_>>();
        let aliases =
            serde_json::to_string(&many(MAX_ALIASES + 1, &|i| format!("Alias {i}"))).unwrap();
        let attrs: serde_json::Map<String, serde_json::Value> = (0..=MAX_ATTRIBUTES)
            .map(|i| (format!("k{i}"), serde_json::Value::from(i)))
            .collect();
        let attrs = serde_json::Value::Object(attrs).to_string();
        let big_value = "v".repeat(MAX_ATTRIBUTE_VALUE_BYTES + 1);
        let big_key = "k".repeat(MAX_ATTRIBUTE_KEY_BYTES + 1);
        let long_name = "N".repeat(MAX_ALIAS_BYTES + 1);
        let long_id = "i".repeat(MAX_ID_BYTES + 1);
        let cases = [
            (
                "prior infinite (f32 overflow)",
                r#""prior":1e39"#.to_string(),
                "prior",
                "finite",
            ),
            (
                "prior huge",
                r#""prior":1e7"#.to_string(),
                "prior",
                "finite",
            ),
            (
                "prior very negative",
                r#""prior":-2e6"#.to_string(),
                "prior",
                "finite",
            ),
            (
                "too many aliases",
                format!(r#""aliases":{aliases}"#),
                "aliases",
                "limit of 1000",
            ),
            (
                "one bad alias",
                r#""aliases":["Ok","--"]"#.to_string(),
                "aliases[1]",
                "no letter",
            ),
            (
                "long alias",
                format!(r#""aliases":["{long_name}"]"#),
                "aliases[0]",
                "512",
            ),
            (
                "too many attributes",
                format!(r#""attributes":{attrs}"#),
                "attributes",
                "limit of 64",
            ),
            (
                "long attribute value",
                format!(r#""attributes":{{"bio":"{big_value}"}}"#),
                r#"attributes["bio"]"#,
                "4096",
            ),
            (
                "long attribute key",
                format!(r#""attributes":{{"{big_key}":"v"}}"#),
                &format!(r#"attributes["{big_key}"]"#),
                "128",
            ),
            (
                "empty attribute key",
                r#""attributes":{"":"v"}"#.to_string(),
                r#"attributes[""]"#,
                "1 to",
            ),
            ("long id", format!(r#""id":"{long_id}""#), "id", "256"),
        ];
        for (name, extra, field, words) in cases {
            let line = format!(r#"{{"name":"Syria","type":"LOCATION",{extra}}}"#);
            let err = jsonl_line(&line, "geo").expect_err(name);
            assert_eq!(err.field.as_str(), field, "case {name}: {err}");
            assert!(err.message.contains(words), "case {name}: {err}");
            assert!(
                err.to_string().len() < 2_000,
                "case {name}: the error echoes the input"
            );
        }
        let long_name = format!(r#"{{"name":"{long_name}","type":"LOCATION"}}"#);
        assert_eq!(
            jsonl_line(&long_name, "geo").unwrap_err().field.as_str(),
            "name"
        );
    }

    #[test]
    fn negative_zero_prior_is_zero() {
        let e = jsonl_line(r#"{"name":"X","type":"LOCATION","prior":-0.0}"#, "g")
            .unwrap()
            .unwrap();
        assert!(e.prior == 0.0 && e.prior.is_sign_positive());
        let at_limit = format!(
            r#"{{"name":"X","type":"LOCATION","prior":{}}}"#,
            super::super::entry::MAX_PRIOR
        );
        assert!(jsonl_line(&at_limit, "g").is_ok());
    }
}
