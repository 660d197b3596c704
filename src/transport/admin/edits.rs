//! Admin edit requests into typed edits: each entry parsed and validated once, here, by the
//! gazetteer's own line parser, and every bad entry or id reported with its field path.

use super::super::status::{RequestError, Violations};
use crate::edits::Edit;
use crate::field_path::FieldPath;
use crate::gazetteer::{parse_entry, validate_prior, CasePolicy, EntryError, Scope, MAX_ID_BYTES};
use crate::proto::v1::{DeleteEntitiesRequest, GazetteerEntry, UpsertEntitiesRequest};

/// Most entries or ids in one edit request: edits are for editors, bulk loads are files.
pub(crate) const MAX_EDIT_BATCH: usize = 10_000;

/// The JSONL object for a proto entry, so edits are validated exactly like file lines: the plain
/// `aliases` as strings, then each of `alias_details` as an alias object (its empty fields left
/// out, so they default as in a file). `derived_aliases` is output only and left out: the
/// builder derives them again from the name.
fn proto_entry_json(e: &GazetteerEntry) -> serde_json::Value {
    let details = e.alias_details.iter().map(|a| {
        let mut o = serde_json::json!({ "text": a.text });
        for (key, value) in [("case", &a.case), ("scope", &a.scope)] {
            if !value.is_empty() {
                o[key] = serde_json::Value::String(value.clone());
            }
        }
        o
    });
    let aliases: Vec<serde_json::Value> = e
        .aliases
        .iter()
        .map(|a| serde_json::Value::String(a.clone()))
        .chain(details)
        .collect();
    let mut o = serde_json::json!({
        "id": e.id,
        "name": e.name,
        "type": e.r#type,
        "aliases": aliases,
        "attributes": e.attributes,
        "prior": e.prior,
    });
    if !e.case.is_empty() {
        o["case"] = serde_json::Value::String(e.case.clone());
    }
    o
}

/// The problems of an entry's `alias_details` that its JSON object could not name: a case or
/// scope serde does not know fails the whole object with a column, not a field. Each is checked
/// here against the same serde names the line parser reads (serde's message lists them), with
/// its path relative to the entry; the status clips the quoted value.
fn alias_detail_errors(e: &GazetteerEntry) -> Vec<EntryError> {
    fn known<T: serde::de::DeserializeOwned>(value: &str) -> Result<(), String> {
        if value.is_empty() {
            return Ok(());
        }
        serde_json::from_value::<T>(serde_json::Value::String(value.to_string()))
            .map(drop)
            .map_err(|err| err.to_string())
    }
    let mut errors = Vec::new();
    for (j, a) in e.alias_details.iter().enumerate() {
        let at = |field: &str| {
            FieldPath::new()
                .field("alias_details")
                .index(j)
                .field(field)
        };
        if let Err(m) = known::<CasePolicy>(&a.case) {
            errors.push(EntryError::new(at("case"), m));
        }
        if let Err(m) = known::<Scope>(&a.scope) {
            errors.push(EntryError::new(at("scope"), m));
        }
    }
    errors
}

/// An entry error's field in the request's terms: the entry's JSON lists `aliases` and then
/// `alias_details`, so its `aliases[j]` past the `plain` ones is `alias_details[j - plain].text`.
fn request_field(field: &FieldPath, plain: usize) -> FieldPath {
    let detail = field
        .as_str()
        .strip_prefix("aliases[")
        .and_then(|rest| rest.strip_suffix(']'))
        .and_then(|j| j.parse::<usize>().ok())
        .filter(|&j| j >= plain);
    match detail {
        Some(j) => FieldPath::new()
            .field("alias_details")
            .index(j - plain)
            .field("text"),
        None => field.clone(),
    }
}

/// Parses and validates an upsert request into edits (the one parse of its entries), reporting
/// every bad entry.
pub(super) fn upsert_edits(req: UpsertEntitiesRequest) -> Result<Vec<Edit>, RequestError> {
    let mut v = Violations::default();
    let mut fail = |e: RequestError| v.add(e);
    let ns_ok = !req.namespace.is_empty()
        && req.namespace.len() <= 64
        && req
            .namespace
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !ns_ok {
        fail(RequestError::new(
            "namespace",
            "INVALID_NAMESPACE",
            format!(
                "{:?} must be 1 to 64 ASCII letters, digits, '-' or '_'",
                req.namespace
            ),
        ));
    }
    if req.entries.is_empty() || req.entries.len() > MAX_EDIT_BATCH {
        fail(RequestError::new(
            "entries",
            "INVALID_BATCH",
            format!(
                "give 1 to {MAX_EDIT_BATCH} entries, not {}",
                req.entries.len()
            ),
        ));
    }
    let mut ids = std::collections::HashSet::new();
    let mut edits = Vec::with_capacity(req.entries.len());
    for (i, e) in req.entries.iter().enumerate() {
        let entry = FieldPath::new().field("entries").index(i);
        let invalid = |err: EntryError| {
            RequestError::new(
                entry
                    .clone()
                    .join(&request_field(&err.field, e.aliases.len())),
                "INVALID_ENTRY",
                err.message,
            )
        };
        if e.id.trim().is_empty() {
            fail(RequestError::new(
                entry.clone().field("id"),
                "INVALID_ENTRY",
                "id is required in upserts",
            ));
            continue;
        }
        if !ids.insert(e.id.as_str()) {
            fail(RequestError::new(
                entry.clone().field("id"),
                "INVALID_ENTRY",
                format!("id {:?} appears twice", e.id),
            ));
            continue;
        }
        // JSON has no NaN or infinity (serde_json writes them as null, read back as 0): the
        // float is checked before it becomes JSON, by the same function file lines go through.
        if let Err(err) = validate_prior(e.prior) {
            fail(invalid(err));
            continue;
        }
        let details = alias_detail_errors(e);
        if !details.is_empty() {
            details.into_iter().for_each(|err| fail(invalid(err)));
            continue;
        }
        match parse_entry(&proto_entry_json(e).to_string(), &req.namespace) {
            Ok(entry) => edits.push(Edit::Upsert(entry)),
            Err(err) => fail(invalid(err)),
        }
    }
    v.or_ok(edits)
}

/// Validates a delete request into edits, reporting every bad id.
pub(super) fn delete_edits(req: DeleteEntitiesRequest) -> Result<Vec<Edit>, RequestError> {
    let ids = req.ids;
    if ids.is_empty() || ids.len() > MAX_EDIT_BATCH {
        return Err(RequestError::new(
            "ids",
            "INVALID_BATCH",
            format!("give 1 to {MAX_EDIT_BATCH} ids, not {}", ids.len()),
        ));
    }
    let mut v = Violations::default();
    for (i, id) in ids.iter().enumerate() {
        let problem = if id.trim().is_empty() {
            "id is empty".to_string()
        } else if id.len() > MAX_ID_BYTES {
            format!(
                "id is {} bytes; no entry has an id over {MAX_ID_BYTES} bytes",
                id.len()
            )
        } else {
            continue;
        };
        v.add(RequestError::new(
            FieldPath::new().field("ids").index(i),
            "INVALID_ID",
            problem,
        ));
    }
    v.or_ok(())?;
    Ok(ids.into_iter().map(|id| Edit::Delete { id }).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proto::v1::AliasDetail;

    fn entry(id: &str, name: &str, ty: &str) -> GazetteerEntry {
        GazetteerEntry {
            id: id.into(),
            name: name.into(),
            r#type: ty.into(),
            ..GazetteerEntry::default()
        }
    }

    fn fields(e: RequestError) -> Vec<(String, &'static str)> {
        e.violations
            .into_iter()
            .map(|v| (v.field, v.reason))
            .collect()
    }

    /// The entry `e` parses into as the one entry of an upsert in namespace `people`.
    fn parsed(e: GazetteerEntry) -> crate::gazetteer::Entry {
        let edits = upsert_edits(UpsertEntitiesRequest {
            namespace: "people".into(),
            entries: vec![e],
        })
        .unwrap();
        match <[Edit; 1]>::try_from(edits) {
            Ok([Edit::Upsert(entry)]) => entry,
            other => panic!("one upsert: {other:?}"),
        }
    }

    #[test]
    fn an_upsert_carries_the_parsed_entry() {
        let mut e = entry("p:1", " Ali Habib ", "PERSON");
        e.aliases = vec!["General Habib".into()];
        e.case = "exact".into();
        let parsed = parsed(e);
        // Trimmed and typed as a file line would be, in the request's namespace.
        assert_eq!(parsed.name, "Ali Habib");
        assert_eq!(parsed.namespace, "people");
        assert_eq!(parsed.case, crate::gazetteer::CasePolicy::Exact);
        assert_eq!(parsed.aliases[0].text, "General Habib");
    }

    #[test]
    fn every_bad_entry_is_reported_with_its_path() {
        let mut nan = entry("p:3", "X", "PERSON");
        nan.prior = f32::NAN;
        let err = upsert_edits(UpsertEntitiesRequest {
            namespace: "bad namespace".into(),
            entries: vec![
                entry("", "Ali Habib", "PERSON"),
                entry("p:2", "Ali Habib", "person"),
                nan,
                entry("p:2", "Again", "PERSON"),
            ],
        })
        .unwrap_err();
        assert_eq!(
            fields(err),
            [
                ("namespace".to_string(), "INVALID_NAMESPACE"),
                ("entries[0].id".to_string(), "INVALID_ENTRY"),
                ("entries[1].type".to_string(), "INVALID_ENTRY"),
                ("entries[2].prior".to_string(), "INVALID_ENTRY"),
                ("entries[3].id".to_string(), "INVALID_ENTRY"),
            ]
        );
    }

    fn detail(text: &str, case: &str, scope: &str) -> AliasDetail {
        AliasDetail {
            text: text.into(),
            case: case.into(),
            scope: scope.into(),
        }
    }

    #[test]
    fn alias_details_carry_their_own_case_and_scope() {
        let mut e = entry("p:1", "Bashar al-Assad", "PERSON");
        e.case = "insensitive".into();
        e.aliases = vec!["President Assad".into()];
        e.alias_details = vec![detail("BAA", "exact", ""), detail("Bashar", "", "document")];
        // Output only: an upsert does not turn derived forms into aliases.
        e.derived_aliases = vec!["Assad".into()];
        let parsed = parsed(e);
        let got: Vec<(&str, CasePolicy, Scope, bool)> = parsed
            .aliases
            .iter()
            .map(|a| (a.text.as_str(), a.case, a.scope, a.derived))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "President Assad",
                    CasePolicy::Insensitive,
                    Scope::Global,
                    false
                ),
                ("BAA", CasePolicy::Exact, Scope::Global, false),
                ("Bashar", CasePolicy::Insensitive, Scope::Document, false),
            ]
        );
    }

    #[test]
    fn bad_alias_details_are_named_by_field() {
        let mut bad_names = entry("p:1", "Ali Habib", "PERSON");
        bad_names.alias_details = vec![
            detail("Fine", "", ""),
            detail("Habib", "upper", ""),
            detail("General", "", "everywhere"),
        ];
        let mut bad_text = entry("p:2", "Zaha Okonkwo", "PERSON");
        bad_text.aliases = vec!["Good".into()];
        bad_text.alias_details = vec![detail("Fine", "", ""), detail("--", "exact", "")];
        let mut bad_plain = entry("p:3", "Kamal Labwani", "PERSON");
        bad_plain.aliases = vec!["Good".into(), "--".into()];
        bad_plain.alias_details = vec![detail("Fine", "", "")];
        let err = upsert_edits(UpsertEntitiesRequest {
            namespace: "people".into(),
            entries: vec![bad_names, bad_text, bad_plain],
        })
        .unwrap_err();
        assert_eq!(
            fields(err.clone()),
            [
                (
                    "entries[0].alias_details[1].case".to_string(),
                    "INVALID_ENTRY"
                ),
                (
                    "entries[0].alias_details[2].scope".to_string(),
                    "INVALID_ENTRY"
                ),
                (
                    "entries[1].alias_details[1].text".to_string(),
                    "INVALID_ENTRY"
                ),
                ("entries[2].aliases[1]".to_string(), "INVALID_ENTRY"),
            ]
        );
        // serde's message names what the field takes.
        assert!(
            err.violations[0].description.contains("`insensitive`"),
            "{:?}",
            err.violations[0]
        );
    }

    #[test]
    fn deletes_check_their_ids_and_batch() {
        let err = delete_edits(DeleteEntitiesRequest {
            ids: vec!["ok".into(), " ".into(), "x".repeat(MAX_ID_BYTES + 1)],
        })
        .unwrap_err();
        assert_eq!(
            fields(err),
            [
                ("ids[1]".to_string(), "INVALID_ID"),
                ("ids[2]".to_string(), "INVALID_ID"),
            ]
        );
        let err = delete_edits(DeleteEntitiesRequest { ids: vec![] }).unwrap_err();
        assert_eq!(fields(err), [("ids".to_string(), "INVALID_BATCH")]);
        let ok = delete_edits(DeleteEntitiesRequest {
            ids: vec!["Q858".into()],
        })
        .unwrap();
        assert_eq!(ok, [Edit::Delete { id: "Q858".into() }]);
    }
}
