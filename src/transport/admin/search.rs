//! SearchEntities: entities whose name or an alias contains a query, folded as matching folds.
//!
//! The search walks every entry in service once (linear in the gazetteer, no index of its own:
//! it is an editor's look-up, rare next to extraction, and the admin in-flight limit bounds how
//! many run at once). Only the best `page_size + 1` are kept, in a bounded heap, so memory does
//! not grow with the number of matches.

use std::collections::BinaryHeap;

use super::super::status::{RequestError, Violations};
use super::page::page_size;
use crate::gazetteer::{EntryRef, Gazetteer};
use crate::normalize::{fold, is_word_char};
use crate::proto::v1::{EntityMatch, SearchEntitiesRequest, SearchEntitiesResponse};

/// Entities in an answer when the request does not say.
pub(crate) const DEFAULT_PAGE_SIZE: usize = 20;
/// Most entities in an answer.
pub(crate) const MAX_PAGE_SIZE: usize = 100;
/// Longest query, in UTF-8 bytes.
pub(crate) const MAX_QUERY_BYTES: usize = 200;
/// Longest type filter (types are short words).
const MAX_TYPE_BYTES: usize = 64;

/// Where the query was found in a form; earlier variants rank first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum How {
    /// The form starts with the query.
    Prefix,
    /// A word of the form starts with the query.
    Word,
    /// Anywhere in the form.
    Substring,
}

impl How {
    fn as_str(self) -> &'static str {
        match self {
            How::Prefix => "prefix",
            How::Word => "word",
            How::Substring => "substring",
        }
    }
}

/// A checked request: the folded query, the type filter, the page size.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Query {
    folded: String,
    entity_type: Option<String>,
    page_size: usize,
}

/// Checks `r` into a [`Query`], every bad field with its path.
pub(crate) fn query(r: &SearchEntitiesRequest) -> Result<Query, RequestError> {
    let mut bad = Violations::default();
    let folded = fold(r.query.trim()).as_str().to_string();
    if r.query.len() > MAX_QUERY_BYTES {
        bad.add(RequestError::new(
            "query",
            "TOO_LONG",
            format!(
                "query is {} bytes, more than {MAX_QUERY_BYTES}",
                r.query.len()
            ),
        ));
    } else if !folded.chars().any(char::is_alphanumeric) {
        bad.add(RequestError::new(
            "query",
            "EMPTY_QUERY",
            "query needs at least one letter or digit",
        ));
    }
    if r.r#type.len() > MAX_TYPE_BYTES {
        bad.add(RequestError::new(
            "type",
            "TOO_LONG",
            format!(
                "type is {} bytes, more than {MAX_TYPE_BYTES}",
                r.r#type.len()
            ),
        ));
    }
    let page_size = page_size(r.page_size, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, &mut bad);
    bad.or_ok(Query {
        folded,
        entity_type: (!r.r#type.is_empty()).then(|| r.r#type.clone()),
        page_size,
    })
}

/// Where `needle` occurs in `form` (both folded), the best place if several.
fn locate(form: &str, needle: &str) -> Option<How> {
    let mut best: Option<How> = None;
    for (at, _) in form.match_indices(needle) {
        let how = if at == 0 {
            How::Prefix
        } else if !form[..at].chars().next_back().is_some_and(is_word_char) {
            How::Word
        } else {
            How::Substring
        };
        best = Some(best.map_or(how, |b| b.min(how)));
        if how == How::Prefix {
            break;
        }
    }
    best
}

/// One entity found: ranked by how, then the matched form's length, then id (unique, so the
/// fields after it never decide).
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Found<'g> {
    how: How,
    form_len: usize,
    id: &'g str,
    form: &'g str,
    name: &'g str,
    entity_type: &'g str,
    namespace: &'g str,
}

/// The entity's best form for `q`, if any matches.
fn best_form<'g>(entry: &EntryRef<'g>, q: &str) -> Option<Found<'g>> {
    entry
        .forms()
        .filter_map(|(form, _, _)| {
            locate(fold(form).as_str(), q).map(|how| Found {
                how,
                form_len: form.chars().count(),
                id: entry.id(),
                form,
                name: entry.name(),
                entity_type: entry.entity_type(),
                namespace: entry.namespace(),
            })
        })
        .min()
}

/// The answer to `q` over `gazetteer`.
pub(crate) fn search(gazetteer: &Gazetteer, q: &Query) -> SearchEntitiesResponse {
    // A max-heap of the best page_size + 1: its top is the worst kept, dropped when a better
    // one comes.
    let keep = q.page_size + 1;
    let mut heap: BinaryHeap<Found<'_>> = BinaryHeap::with_capacity(keep + 1);
    let mut matched = 0usize;
    for entry in gazetteer.entries() {
        if q.entity_type
            .as_deref()
            .is_some_and(|t| t != entry.entity_type())
        {
            continue;
        }
        if let Some(found) = best_form(&entry, &q.folded) {
            matched += 1;
            heap.push(found);
            if heap.len() > keep {
                heap.pop();
            }
        }
    }
    let mut best = heap.into_sorted_vec();
    let truncated = matched > q.page_size;
    best.truncate(q.page_size);
    SearchEntitiesResponse {
        entities: best
            .into_iter()
            .map(|found| EntityMatch {
                id: found.id.to_string(),
                name: found.name.to_string(),
                r#type: found.entity_type.to_string(),
                namespace: found.namespace.to_string(),
                matched: found.form.to_string(),
                how: found.how.as_str().to_string(),
            })
            .collect(),
        truncated,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Format, GazetteerBuilder};

    fn gazetteer() -> Gazetteer {
        let mut b = GazetteerBuilder::new();
        b.add_source(
            "t",
            "t.tsv",
            Format::Tsv,
            "Recep Tayyip Erdoğan\tPERSON\tp:erdogan\n\
             Bashar al-Assad\tPERSON\tp:assad\n\
             Asma al-Assad\tPERSON\tp:asma\n\
             Assadabad\tLOC\tl:assadabad\n\
             Damascus\tLOC\tl:damascus\n"
                .as_bytes(),
        );
        b.build().expect("builds")
    }

    fn ask(q: &str, ty: &str, size: u32) -> SearchEntitiesResponse {
        let r = SearchEntitiesRequest {
            query: q.into(),
            r#type: ty.into(),
            page_size: size,
        };
        search(&gazetteer(), &query(&r).expect("valid"))
    }

    fn ids(r: &SearchEntitiesResponse) -> Vec<&str> {
        r.entities.iter().map(|e| e.id.as_str()).collect()
    }

    #[test]
    fn folds_case_and_diacritics() {
        // The derived surname "Erdoğan" is a form of its own, so the query is its prefix.
        let r = ask("ERDOG", "", 0);
        assert_eq!(ids(&r), ["p:erdogan"]);
        assert_eq!(
            (r.entities[0].how.as_str(), r.entities[0].matched.as_str()),
            ("prefix", "Erdoğan")
        );
        let r = ask("tayyıp", "", 0);
        assert!(
            r.entities.is_empty(),
            "dotless ı is a letter, not a diacritic"
        );
        let r = ask("TAYYIP", "", 0);
        assert_eq!(
            (r.entities[0].how.as_str(), r.entities[0].matched.as_str()),
            ("word", "Recep Tayyip Erdoğan")
        );
    }

    #[test]
    fn prefix_before_word_before_substring() {
        // Shorter forms first: the derived surnames "Assad" (len 5) before "Assadabad".
        let r = ask("assad", "", 0);
        assert_eq!(ids(&r), ["p:asma", "p:assad", "l:assadabad"]);
        assert_eq!(ids(&ask("al-ass", "", 0)), ["p:asma", "p:assad"]);
        let r = ask("ashar", "", 0);
        assert_eq!(
            (ids(&r), r.entities[0].how.as_str()),
            (vec!["p:assad"], "substring")
        );
        assert!(!r.truncated);
        assert_eq!(ids(&ask("ascu", "", 0)), ["l:damascus"]);
    }

    #[test]
    fn type_filter_and_bounded_page() {
        assert_eq!(ids(&ask("assad", "LOC", 0)), ["l:assadabad"]);
        let r = ask("a", "", 2);
        assert_eq!(r.entities.len(), 2);
        assert!(r.truncated);
    }

    #[test]
    fn bad_fields_are_named() {
        let fields = |q: &str, size: u32| -> Vec<String> {
            let r = SearchEntitiesRequest {
                query: q.into(),
                r#type: String::new(),
                page_size: size,
            };
            query(&r)
                .expect_err("refused")
                .violations
                .iter()
                .map(|v| v.field.clone())
                .collect()
        };
        assert_eq!(fields(" - ", 0), ["query"]);
        assert_eq!(fields(&"x".repeat(201), 0), ["query"]);
        assert_eq!(fields("ok", 101), ["page_size"]);
        assert_eq!(fields("", 500), ["query", "page_size"]);
    }
}
