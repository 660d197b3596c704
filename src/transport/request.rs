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
            suggest: req.suggest,
        },
    })
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::gazetteer::{Format, GazetteerBuilder};
    use crate::proto::v1::Field;

    /// Two namespaces, `people` (Ali Habib, `p:habib`) and `places` (Syria); the service's
    /// tests use it too.
    pub(crate) fn gazetteer() -> Gazetteer {
        let mut b = GazetteerBuilder::new();
        b.add_source(
            "people",
            "people.tsv",
            Format::Tsv,
            "Ali Habib\tPERSON\tp:habib\n".as_bytes(),
        );
        b.add_source(
            "places",
            "places.tsv",
            Format::Tsv,
            "Syria\tLOCATION\tloc:syria\n".as_bytes(),
        );
        b.build().expect("test gazetteer builds")
    }

    fn text(t: &str) -> ExtractRequest {
        ExtractRequest {
            text: t.into(),
            ..Default::default()
        }
    }

    fn field(name: &str, text: &str) -> Field {
        Field {
            name: name.into(),
            text: text.into(),
        }
    }

    /// The violations of a request that must fail, as (field, reason).
    fn violations(req: ExtractRequest, max_text_bytes: usize) -> Vec<(String, &'static str)> {
        let e = validate(req, max_text_bytes, &gazetteer()).expect_err("invalid");
        e.violations
            .into_iter()
            .map(|v| (v.field, v.reason))
            .collect()
    }

    /// Each named case in `cases` put into a request by `request`: valid when marked `true`, else
    /// refused with the one violation `want` (field, reason).
    fn check_cases(
        cases: &[(&str, bool)],
        request: impl Fn(&str) -> ExtractRequest,
        want: (&str, &str),
    ) {
        for (case, ok) in cases {
            let got = validate(request(case), 100, &gazetteer());
            if *ok {
                assert!(got.is_ok(), "{case:?} refused");
            } else {
                let e = got.expect_err(case);
                let found: Vec<(&str, &str)> = e
                    .violations
                    .iter()
                    .map(|v| (v.field.as_str(), v.reason))
                    .collect();
                assert_eq!(found, [want], "{case:?}");
            }
        }
    }

    fn one(field: &str, reason: &'static str) -> Vec<(String, &'static str)> {
        vec![(field.to_string(), reason)]
    }

    #[test]
    fn a_valid_request_becomes_fields_in_matching_order_and_options() {
        let req = ExtractRequest {
            document_id: "doc-1".into(),
            text: "Ali Habib in Syria.".into(),
            headline: "Syria talks".into(),
            fields: vec![field("caption", "Ali Habib"), field("empty", "")],
            entity_types: vec!["PERSON".into(), "LOCATION_2".into()],
            gazetteers: vec!["people".into()],
            offset_encoding: OffsetEncoding::Utf16 as i32,
            overlap: OverlapPolicy::All as i32,
            fold_diacritics: Some(false),
            explain: true,
            suggest: true,
            ..Default::default()
        };
        let valid = validate(req, 1 << 20, &gazetteer()).expect("valid");
        assert_eq!(valid.document_id, "doc-1");
        let names: Vec<&str> = valid.fields.iter().map(|(n, _)| n.as_str()).collect();
        // An empty extra field is passed on (it matches nothing); an empty headline is not.
        assert_eq!(names, ["headline", "caption", "empty", "text"]);
        assert_eq!(valid.fields[0].1, "Syria talks");
        assert_eq!(valid.fields[3].1, "Ali Habib in Syria.");
        assert_eq!(valid.text_bytes(), 11 + 9 + 19);
        let o = &valid.options;
        assert_eq!(o.entity_types, ["PERSON", "LOCATION_2"]);
        assert_eq!(o.namespaces, ["people"]);
        assert_eq!(o.encoding, Encoding::Utf16);
        assert_eq!(o.overlap, Overlap::All);
        assert!(!o.fold_diacritics);
        assert!(o.explain);
        assert!(o.suggest);
    }

    #[test]
    fn defaults_are_utf8_longest_and_folding() {
        let valid = validate(text("Syria"), 100, &gazetteer()).expect("valid");
        assert_eq!(valid.options.encoding, Encoding::Utf8);
        assert_eq!(valid.options.overlap, Overlap::Longest);
        assert!(
            valid.options.fold_diacritics,
            "fold_diacritics unset means true"
        );
        assert!(!valid.options.explain);
        assert!(!valid.options.suggest, "suggestions are asked for");
        for (encoding, want) in [
            (OffsetEncoding::Unspecified, Encoding::Utf8),
            (OffsetEncoding::Utf8, Encoding::Utf8),
            (OffsetEncoding::Utf16, Encoding::Utf16),
            (OffsetEncoding::CodePoint, Encoding::CodePoint),
        ] {
            let req = ExtractRequest {
                offset_encoding: encoding as i32,
                ..text("Syria")
            };
            let valid = validate(req, 100, &gazetteer()).expect("valid");
            assert_eq!(valid.options.encoding, want, "{encoding:?}");
        }
    }

    #[test]
    fn empty_text_is_valid_and_is_the_only_field() {
        let valid = validate(text(""), 100, &gazetteer()).expect("empty text is valid");
        assert_eq!(valid.fields, [("text".to_string(), String::new())]);
        assert_eq!(valid.text_bytes(), 0);
    }

    #[test]
    fn text_over_the_limit_names_text_with_the_limit_and_the_size() {
        assert!(validate(text(&"x".repeat(100)), 100, &gazetteer()).is_ok());
        let e = validate(text(&"x".repeat(101)), 100, &gazetteer()).expect_err("too large");
        assert_eq!(e.violations.len(), 1);
        let v = &e.violations[0];
        assert_eq!((v.field.as_str(), v.reason), ("text", "TEXT_TOO_LARGE"));
        assert!(v.description.contains("101 bytes"), "{}", v.description);
        assert_eq!(e.metadata["limitBytes"], "100");
        assert_eq!(e.metadata["actualBytes"], "101");
    }

    #[test]
    fn all_fields_together_over_the_limit_name_no_single_field() {
        let req = ExtractRequest {
            headline: "x".repeat(40),
            fields: vec![field("caption", &"x".repeat(40))],
            ..text(&"x".repeat(40))
        };
        let e = validate(req, 100, &gazetteer()).expect_err("too large together");
        let v = &e.violations[0];
        assert_eq!((v.field.as_str(), v.reason), ("", "TEXT_TOO_LARGE"));
        assert!(
            v.description.contains("all fields together"),
            "{}",
            v.description
        );
        assert_eq!(e.metadata["actualBytes"], "120");
    }

    #[test]
    fn unknown_enum_values_name_their_field() {
        let req = ExtractRequest {
            offset_encoding: 7,
            ..text("Syria")
        };
        assert_eq!(
            violations(req, 100),
            one("offset_encoding", "UNKNOWN_OFFSET_ENCODING")
        );
        let req = ExtractRequest {
            overlap: 9,
            ..text("Syria")
        };
        assert_eq!(
            violations(req, 100),
            one("overlap", "UNKNOWN_OVERLAP_POLICY")
        );
    }

    #[test]
    fn entity_types_must_be_upper_snake_case_of_at_most_64_bytes() {
        let cases: &[(&str, bool)] = &[
            ("LOCATION", true),
            ("TYPE_2", true),
            (&"A".repeat(64), true),
            ("location", false),
            ("Person", false),
            ("", false),
            ("LOC-X", false),
            ("ÉTAT", false),
            (&"A".repeat(65), false),
        ];
        check_cases(
            cases,
            |t| ExtractRequest {
                entity_types: vec!["PERSON".into(), t.to_string()],
                ..text("Syria")
            },
            ("entity_types[1]", "INVALID_ENTITY_TYPE"),
        );
    }

    #[test]
    fn unknown_namespaces_are_named_and_the_first_lists_the_loaded_ones() {
        let req = ExtractRequest {
            gazetteers: vec!["people".into(), "nope".into(), "nada".into()],
            ..text("Syria")
        };
        let e = validate(req, 100, &gazetteer()).expect_err("unknown namespaces");
        let got: Vec<(&str, &str)> = e
            .violations
            .iter()
            .map(|v| (v.field.as_str(), v.reason))
            .collect();
        assert_eq!(
            got,
            [
                ("gazetteers[1]", "UNKNOWN_GAZETTEER"),
                ("gazetteers[2]", "UNKNOWN_GAZETTEER")
            ]
        );
        assert!(
            e.violations[0]
                .description
                .ends_with("loaded: people, places"),
            "{}",
            e.violations[0].description
        );
        assert!(
            !e.violations[1].description.contains("loaded"),
            "{}",
            e.violations[1].description
        );
    }

    #[test]
    fn the_list_of_loaded_namespaces_stops_at_twenty() {
        let mut b = GazetteerBuilder::new();
        for i in 0..25 {
            let line = format!("Name Number {i}\tPERSON\tp:{i}\n");
            b.add_source(&format!("ns{i:02}"), "n.tsv", Format::Tsv, line.as_bytes());
        }
        let many = b.build().expect("builds");
        let req = ExtractRequest {
            gazetteers: vec!["nope".into()],
            ..text("x")
        };
        let e = validate(req, 100, &many).expect_err("unknown namespace");
        let d = &e.violations[0].description;
        assert!(d.ends_with("ns18, ns19, …"), "{d}");
        assert!(!d.contains("ns20"), "{d}");
    }

    #[test]
    fn field_names_must_be_unique_short_and_not_reserved() {
        let cases: &[(&str, bool)] = &[
            ("caption", true),
            (&"c".repeat(64), true),
            ("", false),
            ("headline", false),
            ("text", false),
            ("dup", false),
            (&"c".repeat(65), false),
        ];
        check_cases(
            cases,
            |name| ExtractRequest {
                fields: vec![field("dup", "a"), field(name, "b")],
                ..text("Syria")
            },
            ("fields[1].name", "INVALID_FIELD_NAME"),
        );
    }

    #[test]
    fn every_violation_is_reported_together_in_field_order() {
        let req = ExtractRequest {
            offset_encoding: 7,
            overlap: 9,
            entity_types: vec!["person".into()],
            gazetteers: vec!["nope".into()],
            fields: vec![field("headline", "x")],
            ..text(&"x".repeat(200))
        };
        let fields: Vec<String> = violations(req, 100).into_iter().map(|(f, _)| f).collect();
        assert_eq!(
            fields,
            [
                "text",
                "offset_encoding",
                "overlap",
                "entity_types[0]",
                "gazetteers[0]",
                "fields[0].name"
            ]
        );
    }
}
