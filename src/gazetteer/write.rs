//! The inverse of [`parse_entry`](super::parse_entry): an entry as the object of a JSONL
//! gazetteer line, so edits are stored and files are written in the format a file is read in.
//!
//! Fields at their default are left out (`case` proper, `prior` 0, no attributes) and an alias
//! with the entry's case and global scope is written as a plain string, so a written line reads
//! like one an editor would write. Derived short forms are not written: the builder derives them
//! again when the line is read.

use serde_json::{json, Map, Value};

use super::entry::{CasePolicy, Entry, Scope};

/// `entry` as a JSONL gazetteer line's object; `parse_entry` of its text gives `entry` back
/// (with its namespace given again: a line does not carry it).
///
/// ```
/// use gazette::gazetteer::{entry_json, parse_entry};
/// let line = r#"{"id":"Q858","name":"Syria","type":"LOCATION","aliases":["Syrian Arab Republic",{"text":"SY","case":"exact"}],"prior":2.5}"#;
/// let entry = parse_entry(line, "geo")?;
/// let again = parse_entry(&entry_json(&entry).to_string(), "geo")?;
/// assert_eq!(again, entry);
/// # Ok::<(), gazette::gazetteer::EntryError>(())
/// ```
pub fn entry_json(entry: &Entry) -> Value {
    let mut o = Map::new();
    o.insert("id".into(), json!(entry.id));
    o.insert("name".into(), json!(entry.name));
    o.insert("type".into(), json!(entry.entity_type));
    let aliases: Vec<Value> = entry
        .aliases
        .iter()
        .filter(|a| !a.derived)
        .map(|a| {
            if a.case == entry.case && a.scope == Scope::Global {
                json!(a.text)
            } else {
                json!({"text": a.text, "case": a.case, "scope": a.scope})
            }
        })
        .collect();
    if !aliases.is_empty() {
        o.insert("aliases".into(), Value::Array(aliases));
    }
    if entry.case != CasePolicy::default() {
        o.insert("case".into(), json!(entry.case));
    }
    if entry.prior != 0.0 {
        o.insert("prior".into(), json!(entry.prior));
    }
    if !entry.attributes.is_empty() {
        o.insert("attributes".into(), json!(entry.attributes));
    }
    Value::Object(o)
}

#[cfg(test)]
mod tests {
    use super::super::parse_entry;
    use super::*;

    #[test]
    fn every_field_survives_a_round_trip() {
        let lines = [
            r#"{"name":"Syria","type":"LOCATION"}"#,
            r#"{"id":"Q1","name":"WHO","type":"ORGANIZATION","case":"exact","aliases":["World Health Organization",{"text":"who","case":"insensitive"}]}"#,
            r#"{"id":"p:1","name":"Bashar al-Assad","type":"PERSON","aliases":[{"text":"Assad","scope":"document"}],"prior":-0.1,"attributes":{"wikidata":"Q44461","born":1965,"alive":true}}"#,
            r#"{"id":"x","name":"Ünïcode “quoted”","type":"NORP","prior":1000000}"#,
        ];
        for line in lines {
            let entry = parse_entry(line, "ns").expect(line);
            let written = entry_json(&entry).to_string();
            assert_eq!(
                parse_entry(&written, "ns").expect(&written),
                entry,
                "{line}"
            );
        }
    }

    #[test]
    fn derived_forms_are_not_written() {
        let mut entry = parse_entry(r#"{"name":"Ali Habib","type":"PERSON"}"#, "p").unwrap();
        entry.derive_short_forms();
        assert!(entry.aliases.iter().any(|a| a.derived));
        assert_eq!(
            entry_json(&entry).to_string(),
            r#"{"id":"p:PERSON:Ali Habib","name":"Ali Habib","type":"PERSON"}"#
        );
    }
}
