//! One `gazette tag` document: its input line parsed into an `ExtractRequest`, and the line
//! written for it, a response or an error.

use serde::{Deserialize, Serialize};

use crate::cli::response_json::Response;
use crate::proto::v1::{ExtractRequest, ExtractResponse, Field};

/// An input line. Other keys (an archive's url, date, …) are ignored.
#[derive(Debug, Deserialize)]
struct Document {
    document_id: String,
    text: String,
    #[serde(default)]
    headline: String,
    #[serde(default)]
    fields: Vec<DocumentField>,
}

#[derive(Debug, Deserialize)]
struct DocumentField {
    name: String,
    text: String,
}

/// `line` as a request with the options of `base`; the message says what is wrong with a line
/// that is not a document (not UTF-8, not JSON, a key missing or of the wrong type).
pub(crate) fn parse(line: &[u8], base: &ExtractRequest) -> Result<ExtractRequest, String> {
    let doc: Document = serde_json::from_slice(line).map_err(|e| format!("not a document: {e}"))?;
    Ok(ExtractRequest {
        document_id: doc.document_id,
        text: doc.text,
        headline: doc.headline,
        fields: doc
            .fields
            .into_iter()
            .map(|f| Field {
                name: f.name,
                text: f.text,
            })
            .collect(),
        ..base.clone()
    })
}

/// The `document_id` of a line that did not parse as a document, when it has one, for its
/// error line.
pub(crate) fn id_of_bad_line(line: &[u8]) -> Option<String> {
    #[derive(Deserialize)]
    struct Id {
        document_id: String,
    }
    serde_json::from_slice::<Id>(line)
        .ok()
        .map(|i| i.document_id)
}

/// Why one document got no response.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Failure {
    /// The gRPC code's name (`INVALID_ARGUMENT`), as the server would answer.
    pub(crate) code: String,
    /// What is wrong.
    pub(crate) message: String,
    /// Each field of the request at fault (`entity_types[0]`, `fields[1].name`).
    pub(crate) violations: Vec<FieldViolation>,
}

/// One field of a request at fault.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct FieldViolation {
    /// Its path in the request.
    pub(crate) field: String,
    /// What is wrong with it.
    pub(crate) description: String,
}

impl Failure {
    /// An INVALID_ARGUMENT failure with no field violations.
    pub(crate) fn invalid(message: impl Into<String>) -> Self {
        Failure {
            code: "INVALID_ARGUMENT".into(),
            message: message.into(),
            violations: Vec::new(),
        }
    }
}

impl From<crate::transport::status::RequestError> for Failure {
    fn from(e: crate::transport::status::RequestError) -> Self {
        Failure {
            code: "INVALID_ARGUMENT".into(),
            message: e.to_string(),
            violations: e
                .violations
                .into_iter()
                .map(|v| FieldViolation {
                    field: v.field,
                    description: v.description,
                })
                .collect(),
        }
    }
}

/// The line of a document that failed: its id (`null` if the line had none), where it was read
/// and why it failed. `error` is what tells it from a response.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct ErrorLine<'a> {
    document_id: Option<&'a str>,
    source: String,
    error: &'a Failure,
}

/// The output line (with its newline) of a response.
pub(crate) fn response_line(r: ExtractResponse) -> String {
    let mut line = serde_json::to_string(&Response::from(r))
        .unwrap_or_else(|e| error_line(None, "?", &Failure::invalid(e.to_string())));
    line.push('\n');
    line
}

/// The output line (with its newline) of a document that failed.
pub(crate) fn error_line(id: Option<&str>, source: &str, failure: &Failure) -> String {
    let line = ErrorLine {
        document_id: id,
        source: source.to_string(),
        error: failure,
    };
    // Strings and lists of strings always serialise.
    let mut s = serde_json::to_string(&line).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_becomes_a_request_with_the_base_options() {
        let base = ExtractRequest {
            explain: true,
            ..Default::default()
        };
        let line = br#"{"document_id":"a","text":"t","headline":"h","fields":[{"name":"c","text":"x"}],"url":"ignored"}"#;
        let r = parse(line, &base).expect("a document");
        assert_eq!((r.document_id.as_str(), r.text.as_str()), ("a", "t"));
        assert_eq!(r.headline, "h");
        assert_eq!(r.fields[0].name, "c");
        assert!(r.explain);
        let r = parse(br#"{"document_id":"b","text":""}"#, &base).expect("minimal");
        assert!(r.headline.is_empty() && r.fields.is_empty());
    }

    #[test]
    fn a_bad_line_says_why_and_keeps_its_id_when_it_has_one() {
        let base = ExtractRequest::default();
        for (line, want) in [
            (&b"{\"document_id\":\"c\"}"[..], "missing field `text`"),
            (b"{\"document_id\":\"c\",\"text\":7}", "invalid type"),
            (b"not json", "expected"),
            (
                b"{\"document_id\":\"c\",\"text\":\"\xff\"}",
                "invalid unicode",
            ),
        ] {
            let e = parse(line, &base).expect_err("bad");
            assert!(e.starts_with("not a document: ") && e.contains(want), "{e}");
        }
        assert_eq!(
            id_of_bad_line(br#"{"document_id":"c","text":7}"#).as_deref(),
            Some("c")
        );
        assert_eq!(id_of_bad_line(b"nope"), None);
    }

    #[test]
    fn an_error_line_names_the_document_its_source_and_the_failure() {
        let f = Failure::invalid("bad");
        let line = error_line(Some("d"), "in.jsonl:3", &f);
        let v: serde_json::Value = serde_json::from_str(&line).expect("json");
        assert_eq!(v["documentId"], "d");
        assert_eq!(v["source"], "in.jsonl:3");
        assert_eq!(v["error"]["code"], "INVALID_ARGUMENT");
        assert_eq!(v["error"]["violations"], serde_json::json!([]));
        assert!(line.ends_with('\n'));
    }
}
