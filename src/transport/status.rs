//! Request errors and their one mapping to `tonic::Status`.

use std::collections::HashMap;

use tonic::{Code, Status};

use super::live::{EditError, ReloadError};
use crate::field_path::FieldPath;
use tonic_types::{ErrorDetails, StatusExt};

/// The `ErrorInfo.domain` of every error this service returns.
pub const ERROR_DOMAIN: &str = "gazette.v1";

/// Most field violations put in one status: details travel in trailers, which are size-limited.
const MAX_VIOLATIONS: usize = 20;

/// One thing wrong with one field of a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// The field's path, e.g. `text` or `entity_types[2]`.
    pub field: String,
    /// What is wrong with it.
    pub description: String,
    /// Machine-readable reason (`ErrorInfo.reason`), UPPER_SNAKE_CASE.
    pub reason: &'static str,
}

/// A request the service refuses: becomes INVALID_ARGUMENT with `BadRequest` field violations
/// and an `ErrorInfo` for the first violation.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message())]
pub struct RequestError {
    /// Every problem found (at least one).
    pub violations: Vec<Violation>,
    /// `ErrorInfo.metadata`, e.g. the limit and the actual size.
    pub metadata: HashMap<String, String>,
    /// Where in a stream the request was, prefixed to the message.
    pub context: Option<String>,
}

impl RequestError {
    /// A request error with one violation.
    pub fn new(
        field: impl Into<String>,
        reason: &'static str,
        description: impl Into<String>,
    ) -> Self {
        RequestError {
            violations: vec![Violation {
                field: field.into(),
                description: description.into(),
                reason,
            }],
            metadata: HashMap::new(),
            context: None,
        }
    }

    /// Maps a protobuf decode failure (invalid UTF-8 in a string, a truncated message) to the
    /// field it happened in: `located` when the codec found the element (`fields[1].name`,
    /// see `codec::locate`), else the fields prost names, outermost first (`fields.name`).
    pub fn from_decode_error(e: &prost::DecodeError, located: Option<FieldPath>) -> Self {
        let (stack, rest) = split_decode_error(e);
        let field = located.unwrap_or_else(|| {
            stack
                .iter()
                .fold(FieldPath::new(), |path, (_, field)| path.field(field))
        });
        let description = if rest.contains("UTF-8") {
            format!("{rest} (string fields must be valid UTF-8)")
        } else {
            rest
        };
        RequestError::new(field, "MALFORMED_REQUEST", description)
    }

    /// The `(message, field)` pairs of a decode error, outermost first.
    pub fn decode_error_stack(e: &prost::DecodeError) -> Vec<(String, String)> {
        split_decode_error(e).0
    }

    /// Adds a violation.
    pub fn push(&mut self, other: RequestError) {
        self.violations.extend(other.violations);
        self.metadata.extend(other.metadata);
    }

    fn message(&self) -> String {
        let parts: Vec<String> = self
            .violations
            .iter()
            .map(|v| {
                if v.field.is_empty() {
                    v.description.clone()
                } else {
                    format!("{}: {}", v.field, v.description)
                }
            })
            .collect();
        match &self.context {
            Some(c) => format!("{c}: {}", parts.join("; ")),
            None => parts.join("; "),
        }
    }
}

/// prost's message, "Inner.field: Outer.field: description" (innermost first, as the error
/// unwinds), as `(message, field)` pairs outermost first and the description.
fn split_decode_error(e: &prost::DecodeError) -> (Vec<(String, String)>, String) {
    let msg = e.to_string();
    let body = msg
        .strip_prefix("failed to decode Protobuf message: ")
        .unwrap_or(&msg);
    let mut stack = Vec::new();
    let mut rest = body;
    while let Some((head, tail)) = rest.split_once(": ") {
        match head.split_once('.') {
            Some((m, f)) if is_ident(m) && is_ident(f.trim_start_matches("r#")) => {
                stack.push((m.to_string(), f.trim_start_matches("r#").to_string()));
                rest = tail;
            }
            _ => break,
        }
    }
    stack.reverse();
    (stack, rest.to_string())
}

fn is_ident(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

impl From<RequestError> for Status {
    fn from(e: RequestError) -> Status {
        let mut details = ErrorDetails::new();
        for v in e.violations.iter().take(MAX_VIOLATIONS) {
            details.add_bad_request_violation(v.field.clone(), v.description.clone());
        }
        if let Some(first) = e.violations.first() {
            details.set_error_info(first.reason, ERROR_DOMAIN, e.metadata.clone());
        }
        Status::with_error_details(Code::InvalidArgument, e.message(), details)
    }
}

/// Most precondition violations listed in a failed reload's status (trailers are size-limited);
/// the message says how many there were in all.
const MAX_RELOAD_VIOLATIONS: usize = 20;

impl From<ReloadError> for Status {
    fn from(e: ReloadError) -> Status {
        match e {
            ReloadError::Invalid(errors) => {
                let mut details = ErrorDetails::new();
                for v in errors.0.iter().take(MAX_RELOAD_VIOLATIONS) {
                    details.add_precondition_failure_violation(
                        "GAZETTEER_LINE",
                        format!("{}:{}", v.source_name, v.line),
                        v.message.clone(),
                    );
                }
                let first = errors
                    .0
                    .first()
                    .map(ToString::to_string)
                    .unwrap_or_default();
                Status::with_error_details(
                    Code::FailedPrecondition,
                    format!(
                        "gazetteer not reloaded, the previous version keeps serving: {} error(s), first: {first}",
                        errors.0.len()
                    ),
                    details,
                )
            }
            ReloadError::NoSources => Status::failed_precondition(e.to_string()),
            ReloadError::Task(_) => Status::internal(e.to_string()),
        }
    }
}

impl From<EditError> for Status {
    fn from(e: EditError) -> Status {
        match e {
            EditError::NoJournal => Status::failed_precondition(e.to_string()),
            EditError::Invalid(m) => RequestError::new("entries", "INVALID_ENTRY", m).into(),
            EditError::Journal(_) => Status::unavailable(format!("{e}; the edit was not applied")),
            EditError::Task(_) => Status::internal(e.to_string()),
        }
    }
}

/// The request pinned a gazetteer version that is not the one serving.
pub fn version_mismatch(requested: &str, current: &str) -> Status {
    let mut details = ErrorDetails::new();
    details.add_precondition_failure_violation(
        "GAZETTEER_VERSION",
        "gazetteer_version",
        format!("requested {requested}, serving {current}"),
    );
    Status::with_error_details(
        Code::FailedPrecondition,
        format!("gazetteer_version {requested:?} is not the current version {current:?}"),
        details,
    )
}

/// The client's `grpc-timeout` passed before the answer was ready.
pub fn deadline_exceeded() -> Status {
    Status::deadline_exceeded(
        "the client's deadline (grpc-timeout) passed before the answer was ready",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use prost::Message;

    #[test]
    fn invalid_utf8_names_the_field() {
        // Field 2 (text), wire type 2, length 2, bytes 0xff 0xfe.
        let bytes = [0x12, 0x02, 0xff, 0xfe];
        let err = crate::proto::v1::ExtractRequest::decode(&bytes[..]).unwrap_err();
        let e = RequestError::from_decode_error(&err, None);
        assert_eq!(e.violations[0].field, "text");
        assert!(e.violations[0].description.contains("UTF-8"), "{e}");
        let status: Status = e.into();
        assert_eq!(status.code(), Code::InvalidArgument);
        let bad = status.get_details_bad_request().unwrap();
        assert_eq!(bad.field_violations[0].field, "text");
    }

    #[test]
    fn a_nested_decode_error_is_outermost_first() {
        // fields (6) = [Field { name (1) = 0xff }]: prost says "Field.name: ExtractRequest.fields".
        let bytes = [0x32, 0x03, 0x0a, 0x01, 0xff];
        let err = crate::proto::v1::ExtractRequest::decode(&bytes[..]).unwrap_err();
        let e = RequestError::from_decode_error(&err, None);
        assert_eq!(e.violations[0].field, "fields.name", "{err}");
    }
}
