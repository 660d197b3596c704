//! Validating an `ExtractRequest` into core options: the edge where bad input is caught.

use std::collections::BTreeSet;

use super::status::{RequestError, Violations};
use crate::extract::{ExtractOptions, Overlap, BODY, HEADLINE};
use crate::field_path::FieldPath;
use crate::gazetteer::Gazetteer;
use crate::offsets::Encoding;
use crate::proto::v1::{ExtractRequest, OffsetEncoding, OverlapPolicy};

/// A request that passed validation.
#[derive(Debug, Clone)]
pub(crate) struct ValidRequest {
    /// Echoed in the response.
    pub document_id: String,
    /// (name, text) of every non-empty field in matching order: headline, other fields, body.
    pub fields: Vec<(String, String)>,
    /// Core options built from the request.
    pub options: ExtractOptions,
}

impl ValidRequest {
    /// Total text bytes, to decide where to run the extraction.
    pub(crate) fn text_bytes(&self) -> usize {
        self.fields.iter().map(|(_, t)| t.len()).sum()
    }
}

fn too_large(field: &str, len: usize, limit: usize, what: &str) -> RequestError {
    let mut e = RequestError::new(
        field,
        "TEXT_TOO_LARGE",
        format!("{what} is {len} bytes, over the limit of {limit} bytes; split the document"),
    );
    e.metadata.insert("limitBytes".into(), limit.to_string());
    e.metadata.insert("actualBytes".into(), len.to_string());
    e
}

fn is_type_name(t: &str) -> bool {
    !t.is_empty()
        && t.len() <= 64
        && t.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

/// Checks `req` against the API contract, `max_text_bytes` (for all fields together) and the
/// namespaces of `gazetteer`, reporting every violation.
pub(crate) fn validate(
    req: ExtractRequest,
    max_text_bytes: usize,
    gazetteer: &Gazetteer,
) -> Result<ValidRequest, RequestError> {
    let mut v = Violations::default();
    let total = req.text.len()
        + req.headline.len()
        + req.fields.iter().map(|f| f.text.len()).sum::<usize>();
    if req.text.len() > max_text_bytes {
        v.add(too_large("text", req.text.len(), max_text_bytes, "text"));
    } else if total > max_text_bytes {
        v.add(too_large(
            "",
            total,
            max_text_bytes,
            "the text of all fields together",
        ));
    }
    let encoding = match OffsetEncoding::try_from(req.offset_encoding) {
        Ok(OffsetEncoding::Unspecified | OffsetEncoding::Utf8) => Encoding::Utf8,
        Ok(OffsetEncoding::Utf16) => Encoding::Utf16,
        Ok(OffsetEncoding::CodePoint) => Encoding::CodePoint,
        Err(_) => {
            v.add(RequestError::new(
                "offset_encoding",
                "UNKNOWN_OFFSET_ENCODING",
                format!(
                    "unknown value {}; use OFFSET_ENCODING_UTF8 (1), _UTF16 (2) or _CODE_POINT (3)",
                    req.offset_encoding
                ),
            ));
            Encoding::Utf8
        }
    };
    let overlap = match OverlapPolicy::try_from(req.overlap) {
        Ok(OverlapPolicy::Unspecified | OverlapPolicy::Longest) => Overlap::Longest,
        Ok(OverlapPolicy::All) => Overlap::All,
        Err(_) => {
            v.add(RequestError::new(
                "overlap",
                "UNKNOWN_OVERLAP_POLICY",
                format!(
                    "unknown value {}; use OVERLAP_POLICY_LONGEST (1) or OVERLAP_POLICY_ALL (2)",
                    req.overlap
                ),
            ));
            Overlap::Longest
        }
    };
    for (i, t) in req.entity_types.iter().enumerate() {
        if !is_type_name(t) {
            v.add(RequestError::new(
                FieldPath::new().field("entity_types").index(i),
                "INVALID_ENTITY_TYPE",
                format!("{t:?} is not an entity type; types are upper case, e.g. LOCATION"),
            ));
        }
    }
    // Collected only when asked for: most requests name no namespace.
    let namespaces = if req.gazetteers.is_empty() {
        BTreeSet::new()
    } else {
        gazetteer.namespaces()
    };
    // Listed once, and only the first few: a request may name a million unknown namespaces, and
    // a gazetteer may have thousands.
    let known = || -> String {
        let mut listed: Vec<&str> = namespaces.iter().take(20).map(String::as_str).collect();
        if namespaces.len() > listed.len() {
            listed.push("…");
        }
        listed.join(", ")
    };
    let mut unknown = 0;
    for (i, ns) in req.gazetteers.iter().enumerate() {
        if !namespaces.contains(ns) {
            let description = if unknown == 0 {
                format!("no gazetteer namespace {ns:?}; loaded: {}", known())
            } else {
                format!("no gazetteer namespace {ns:?}")
            };
            unknown += 1;
            v.add(RequestError::new(
                FieldPath::new().field("gazetteers").index(i),
                "UNKNOWN_GAZETTEER",
                description,
            ));
        }
    }
    let mut seen_names = BTreeSet::new();
    for (i, f) in req.fields.iter().enumerate() {
        let bad_name = f.name.is_empty()
            || f.name.len() > 64
            || f.name == HEADLINE
            || f.name == BODY
            || !seen_names.insert(f.name.as_str());
        if bad_name {
            v.add(RequestError::new(
                FieldPath::new().field("fields").index(i).field("name"),
                "INVALID_FIELD_NAME",
                format!(
                    "field name {:?} must be 1 to 64 bytes, unique, and neither \"headline\" nor \"text\"",
                    f.name
                ),
            ));
        }
    }
    v.or_ok(())?;
    let mut fields = Vec::new();
    if !req.headline.is_empty() {
        fields.push((HEADLINE.to_string(), req.headline));
    }
    fields.extend(req.fields.into_iter().map(|f| (f.name, f.text)));
    fields.push((BODY.to_string(), req.text));
    Ok(ValidRequest {
        document_id: req.document_id,
        fields,
        options: ExtractOptions {
            entity_types: req.entity_types,
            namespaces: req.gazetteers,
            encoding,
            overlap,
            fold_diacritics: req.fold_diacritics.unwrap_or(true),
            explain: req.explain,
        },
    })
}
