//! ListEdits and RevertEdit at the edge: a request's filters and page checked into a
//! [`HistoryQuery`] (every bad field with its path), and logged edits as `EditRecord`s.

use super::super::status::{RequestError, Violations};
use super::entry_proto::to_proto;
use super::page::page_size;
use crate::edits::{Before, Edit, HistoryQuery, Logged};
use crate::gazetteer::MAX_ID_BYTES;
use crate::proto::v1::{EditRecord, ListEditsRequest, ListEditsResponse};
use crate::quote::clip;

/// Edits in a page when the request does not say.
pub(crate) const DEFAULT_PAGE_SIZE: usize = 50;

/// Most edits in a page: each may carry two whole entries.
pub(crate) const MAX_PAGE_SIZE: usize = 1000;

/// Longest editor name asked for (token names are short words).
const MAX_EDITOR_BYTES: usize = 256;

/// The query a ListEdits request asks for, one more than the page so the answer knows whether
/// an older page exists.
pub(super) fn list_query(r: &ListEditsRequest) -> Result<HistoryQuery, RequestError> {
    let mut bad = Violations::default();
    let size = page_size(r.page_size, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, &mut bad);
    let before = match r.page_token.as_str() {
        "" => None,
        token => match token.parse::<u64>() {
            Ok(seq) if seq > 0 => Some(seq),
            _ => {
                bad.add(RequestError::new(
                    "page_token",
                    "BAD_PAGE_TOKEN",
                    format!(
                        "page_token {:?} is not a next_page_token of ListEdits",
                        clip(token, 64)
                    ),
                ));
                None
            }
        },
    };
    for (field, value, max) in [
        ("entity_id", &r.entity_id, MAX_ID_BYTES),
        ("editor", &r.editor, MAX_EDITOR_BYTES),
    ] {
        if value.len() > max {
            bad.add(RequestError::new(
                field,
                "TOO_LONG",
                format!("{field} is {} bytes, more than {max}", value.len()),
            ));
        }
    }
    let filter = |v: &str| (!v.is_empty()).then(|| v.to_string());
    bad.or_ok(HistoryQuery {
        entity_id: filter(&r.entity_id),
        editor: filter(&r.editor),
        before,
        limit: size + 1,
    })
}

/// The answer to `query` (from [`list_query`]) given what the log returned for it.
pub(super) fn list_response(query: &HistoryQuery, mut edits: Vec<Logged>) -> ListEditsResponse {
    let page = query.limit.saturating_sub(1);
    let more = edits.len() > page;
    edits.truncate(page);
    let next_page_token = match (more, edits.last()) {
        (true, Some(last)) => last.seq.to_string(),
        _ => String::new(),
    };
    ListEditsResponse {
        edits: edits.iter().map(edit_record).collect(),
        next_page_token,
    }
}

/// One logged edit as the history shows it.
fn edit_record(l: &Logged) -> EditRecord {
    let (before, before_known) = match &l.before {
        Before::Unknown => (None, false),
        Before::Absent => (None, true),
        Before::Entry(e) => (Some(to_proto(e)), true),
    };
    EditRecord {
        seq: l.seq,
        op: l.edit.op().to_string(),
        entity_id: l.edit.id().to_string(),
        editor: l.meta.by.clone(),
        at_unix_ms: l.meta.at_unix_ms,
        before,
        after: match &l.edit {
            Edit::Upsert(e) => Some(to_proto(e)),
            Edit::Delete { .. } | Edit::Restore { .. } => None,
        },
        before_known,
        reverts: l.meta.reverts.unwrap_or(0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edits::Meta;

    fn request(page_size: u32, page_token: &str) -> ListEditsRequest {
        ListEditsRequest {
            page_size,
            page_token: page_token.into(),
            ..Default::default()
        }
    }

    #[test]
    fn bad_pages_name_their_fields() {
        for (r, field) in [
            (request(1001, ""), "page_size"),
            (request(0, "abc"), "page_token"),
            (request(0, "0"), "page_token"),
            (request(0, "-5"), "page_token"),
        ] {
            let e = list_query(&r).unwrap_err();
            assert_eq!(e.violations[0].field, field, "{r:?}");
        }
        let long = ListEditsRequest {
            entity_id: "x".repeat(MAX_ID_BYTES + 1),
            editor: "y".repeat(MAX_EDITOR_BYTES + 1),
            ..Default::default()
        };
        let fields: Vec<String> = list_query(&long)
            .unwrap_err()
            .violations
            .into_iter()
            .map(|v| v.field)
            .collect();
        assert_eq!(fields, ["entity_id", "editor"]);
    }

    #[test]
    fn a_page_says_whether_an_older_one_exists() {
        let query = list_query(&request(2, "")).unwrap();
        assert_eq!((query.limit, query.before), (3, None));
        let at = |seq| Logged {
            seq,
            edit: Edit::Delete { id: "a".into() },
            before: Before::Absent,
            meta: Meta::default(),
        };
        let full = list_response(&query, vec![at(9), at(7), at(4)]);
        assert_eq!(full.edits.len(), 2);
        assert_eq!(full.next_page_token, "7");
        assert!(full.edits[0].before_known && full.edits[0].before.is_none());
        let last = list_response(&query, vec![at(9), at(7)]);
        assert_eq!(last.next_page_token, "");
        let next = list_query(&request(2, "7")).unwrap();
        assert_eq!(next.before, Some(7));
    }
}
