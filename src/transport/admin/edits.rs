//! Admin edit requests into typed edits: each entry parsed and validated once, here, by the
//! gazetteer's own line parser, and every bad entry or id reported with its field path.

use super::super::status::{RequestError, Violations};
use crate::edits::Edit;
use crate::field_path::FieldPath;
use crate::gazetteer::{parse_entry, validate_prior, MAX_ID_BYTES};
use crate::proto::v1::{DeleteEntitiesRequest, GazetteerEntry, UpsertEntitiesRequest};

/// Most entries or ids in one edit request: edits are for editors, bulk loads are files.
pub(crate) const MAX_EDIT_BATCH: usize = 10_000;

/// The JSONL object for a proto entry, so edits are validated exactly like file lines.
fn proto_entry_json(e: &GazetteerEntry) -> serde_json::Value {
    let mut o = serde_json::json!({
        "id": e.id,
        "name": e.name,
        "type": e.r#type,
        "aliases": e.aliases,
        "attributes": e.attributes,
        "prior": e.prior,
    });
    if !e.case.is_empty() {
        o["case"] = serde_json::Value::String(e.case.clone());
    }
    o
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
        let invalid = |e: crate::gazetteer::EntryError| {
            RequestError::new(entry.clone().join(&e.field), "INVALID_ENTRY", e.message)
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

    #[test]
    fn an_upsert_carries_the_parsed_entry() {
        let mut e = entry("p:1", " Ali Habib ", "PERSON");
        e.aliases = vec!["General Habib".into()];
        e.case = "exact".into();
        let edits = upsert_edits(UpsertEntitiesRequest {
            namespace: "people".into(),
            entries: vec![e],
        })
        .unwrap();
        let [Edit::Upsert(parsed)] = edits.as_slice() else {
            panic!("one upsert: {edits:?}")
        };
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
