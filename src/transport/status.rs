//! Request errors and their one mapping to `tonic::Status`, and the budget every error keeps.
//!
//! Errors travel in trailers, which clients limit (8 KiB is common): every status built here is
//! measured as encoded and shrunk to [`MAX_ERROR_BYTES`] (the first [`MAX_LISTED`] violations,
//! quoted input clipped with [`clip`]), and `FitErrorsLayer` (`fit_errors.rs`) cuts any other
//! status that would not fit.

use std::collections::HashMap;

use tonic::{Code, Status};

use crate::edits::{EditLogError, RevertError};
use crate::field_path::FieldPath;
use crate::live::{EditError, ReloadError, MAX_RELOAD_ERRORS, MAX_RELOAD_ERROR_BYTES, SEE_CHECK};
use crate::quote::clip;

use tonic_types::{ErrorDetails, StatusExt};

/// The `ErrorInfo.domain` of every error this service returns.
pub(crate) const ERROR_DOMAIN: &str = "gazette.v1";

/// Most bytes an error may put on the wire: `grpc-message` (percent-encoded) and
/// `grpc-status-details-bin` (base64) together. Errors travel in trailers, and common clients
/// refuse a whole header list over 8 KiB (grpc-core/grpcio's default; grpcurl reports "peer
/// header list size exceeded limit"): the rest of that is left for `grpc-status` and HPACK's
/// per-field overhead. Every status built here is shrunk until it fits.
pub const MAX_ERROR_BYTES: usize = 6 * 1024;

/// Most violations named in a status's message and in its details; the message says how many
/// more there were ("… and N more"). 100,000 bad `entity_types` once made 26 MB of trailers.
pub(crate) const MAX_LISTED: usize = 10;

/// Longest message, in bytes before percent-encoding (which can triple it).
pub(super) const MAX_MESSAGE_BYTES: usize = 1024;

/// Longest field path or subject quoted in a status (a path names user-chosen keys).
const MAX_FIELD_BYTES: usize = 128;

/// Longest description of one violation: descriptions quote user input (a 1 MB namespace or
/// id was echoed back whole).
const MAX_DESCRIPTION_BYTES: usize = 200;

/// Most `ErrorInfo.metadata` entries, and the longest key or value kept.
const MAX_METADATA_ENTRIES: usize = 8;
const MAX_METADATA_BYTES: usize = 64;

/// Bytes `status` puts in `grpc-message` and `grpc-status-details-bin`, encoded as on the wire.
pub fn encoded_error_bytes(status: &Status) -> usize {
    let mut headers = http::HeaderMap::new();
    if status.add_header(&mut headers).is_err() {
        return usize::MAX;
    }
    ["grpc-message", "grpc-status-details-bin"]
        .iter()
        .filter_map(|name| headers.get(*name))
        .map(|v| v.len())
        .sum()
}

/// The status of `code` and `message` with the details `details(k)` lists (`k` items at most),
/// with `k` lowered (and at last the message shortened) until it fits in [`MAX_ERROR_BYTES`].
/// The message is `message(budget)`, at most `budget` bytes long.
fn bounded(
    code: Code,
    message: impl Fn(usize) -> String,
    listed: usize,
    details: impl Fn(usize) -> ErrorDetails,
) -> Status {
    let text = message(MAX_MESSAGE_BYTES);
    let mut k = listed;
    loop {
        let status = Status::with_error_details(code, text.clone(), details(k));
        if encoded_error_bytes(&status) <= MAX_ERROR_BYTES {
            return status;
        }
        if k == 0 {
            break;
        }
        k /= 2;
    }
    // Only a message of many multi-byte characters gets here (each one is 6 to 12 encoded bytes).
    Status::with_error_details(code, message(MAX_MESSAGE_BYTES / 4), details(0))
}

/// "; … and N more" when `listed` of `total` were named.
fn and_more(listed: usize, total: usize) -> String {
    if total > listed {
        format!("; … and {} more", total - listed)
    } else {
        String::new()
    }
}

/// Collects the violations of one request, so that one answer reports all of them.
#[derive(Debug, Default)]
pub(crate) struct Violations(Option<RequestError>);

impl Violations {
    /// Adds `e`'s violations.
    pub(crate) fn add(&mut self, e: RequestError) {
        match &mut self.0 {
            Some(all) => all.push(e),
            None => self.0 = Some(e),
        }
    }

    /// `Ok(value)` if nothing was added, else every violation.
    pub(crate) fn or_ok<T>(self, value: T) -> Result<T, RequestError> {
        match self.0 {
            Some(e) => Err(e),
            None => Ok(value),
        }
    }
}

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
        self.message_within(usize::MAX)
    }

    /// The first [`MAX_LISTED`] violations, each clipped, and how many more there were, in at
    /// most `budget` bytes (the count survives the cut); the stream context (which quotes a
    /// `document_id`) clipped too.
    fn message_within(&self, budget: usize) -> String {
        let parts: Vec<String> = self
            .violations
            .iter()
            .take(MAX_LISTED)
            .map(|v| {
                let description = clip(&v.description, MAX_DESCRIPTION_BYTES);
                if v.field.is_empty() {
                    description.into_owned()
                } else {
                    format!("{}: {description}", clip(&v.field, MAX_FIELD_BYTES))
                }
            })
            .collect();
        let listed = parts.len();
        let more = and_more(listed, self.violations.len());
        let body = match &self.context {
            Some(c) => format!("{}: {}", clip(c, MAX_DESCRIPTION_BYTES), parts.join("; ")),
            None => parts.join("; "),
        };
        format!("{}{more}", clip(&body, budget.saturating_sub(more.len())))
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
    /// INVALID_ARGUMENT naming at most `MAX_LISTED` violations (message and `BadRequest`),
    /// each clipped, and an `ErrorInfo` for the first with clipped metadata: always within
    /// [`MAX_ERROR_BYTES`], however many violations or however long the input quoted.
    fn from(e: RequestError) -> Status {
        let metadata: HashMap<String, String> = e
            .metadata
            .iter()
            .take(MAX_METADATA_ENTRIES)
            .map(|(k, v)| {
                (
                    clip(k, MAX_METADATA_BYTES).into_owned(),
                    clip(v, MAX_METADATA_BYTES).into_owned(),
                )
            })
            .collect();
        let listed = e.violations.len().min(MAX_LISTED);
        bounded(
            Code::InvalidArgument,
            |b| e.message_within(b),
            listed,
            |k| {
                let mut details = ErrorDetails::new();
                for v in e.violations.iter().take(k) {
                    details.add_bad_request_violation(
                        clip(&v.field, MAX_FIELD_BYTES),
                        clip(&v.description, MAX_DESCRIPTION_BYTES),
                    );
                }
                if let Some(first) = e.violations.first() {
                    details.set_error_info(first.reason, ERROR_DOMAIN, metadata.clone());
                }
                details
            },
        )
    }
}

impl From<ReloadError> for Status {
    /// FAILED_PRECONDITION with the first [`MAX_RELOAD_ERRORS`] bad lines (clipped) as
    /// `PreconditionFailure` violations and the count of all of them; file names should already
    /// be relative ([`crate::live::relative_to_roots`]).
    fn from(e: ReloadError) -> Status {
        match e {
            ReloadError::Invalid(errors) => {
                let first = errors
                    .0
                    .first()
                    .map(ToString::to_string)
                    .unwrap_or_default();
                let message =
                    |budget: usize| {
                        format!(
                        "gazetteer not reloaded, the previous version keeps serving: {} error(s) \
                         ({SEE_CHECK}), first: {}",
                        errors.0.len(),
                        clip(&first, budget.saturating_sub(200).min(MAX_RELOAD_ERROR_BYTES))
                    )
                    };
                let listed = errors.0.len().min(MAX_RELOAD_ERRORS);
                bounded(Code::FailedPrecondition, message, listed, |k| {
                    let mut details = ErrorDetails::new();
                    for v in errors.0.iter().take(k) {
                        details.add_precondition_failure_violation(
                            "GAZETTEER_LINE",
                            clip(&format!("{}:{}", v.source_name, v.line), MAX_FIELD_BYTES),
                            clip(&v.message, MAX_DESCRIPTION_BYTES),
                        );
                    }
                    details
                })
            }
            ReloadError::NoSources => Status::failed_precondition(e.to_string()),
            ReloadError::Task(_) => Status::internal(e.to_string()),
        }
    }
}

impl From<EditError> for Status {
    fn from(e: EditError) -> Status {
        match e {
            EditError::NoLog => Status::failed_precondition(e.to_string()),
            EditError::Invalid(errors) => {
                RequestError::new("entries", "INVALID_ENTRY", errors.to_string()).into()
            }
            EditError::Log(EditLogError::Superseded { reverts, by }) => superseded(reverts, by),
            EditError::Revert(RevertError::Superseded { seq, by, .. }) => superseded(seq, by),
            EditError::Revert(RevertError::NotFound { seq }) => {
                Status::not_found(format!("no edit has seq {seq} (see ListEdits)"))
            }
            EditError::Log(log) => {
                // Where the log is (a path, a host) is the server's business: logged, not
                // answered.
                tracing::error!(error = %log, "the edit log could not be written");
                let what = match &log {
                    EditLogError::Unavailable { reason, .. } => reason.clone(),
                    EditLogError::Corrupt(_) => "it holds a corrupt edit".to_string(),
                    EditLogError::Superseded { .. } => log.to_string(),
                };
                Status::unavailable(format!(
                    "the edit log could not be written ({}); the edit was not applied",
                    clip(&what, MAX_DESCRIPTION_BYTES)
                ))
            }
            EditError::Task(_) => Status::internal(e.to_string()),
        }
    }
}

/// The request pinned a gazetteer version that is not the one serving.
pub(crate) fn version_mismatch(requested: &str, current: &str) -> Status {
    let requested = clip(requested, MAX_FIELD_BYTES);
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

/// Edit `seq` cannot be undone before the later edit `by` of the same entity.
fn superseded(seq: u64, by: u64) -> Status {
    let mut details = ErrorDetails::new();
    details.add_precondition_failure_violation(
        "LATER_EDIT",
        format!("seq {by}"),
        format!("edit {by} changed the same entity after edit {seq}; undo it first"),
    );
    Status::with_error_details(
        Code::FailedPrecondition,
        format!("edit {seq} cannot be undone: edit {by} changed the same entity after it"),
        details,
    )
}

/// No entry has the id asked for (quoted clipped: ids come from the client).
pub(crate) fn no_such_entry(id: &str) -> Status {
    Status::not_found(format!("no entry with id {:?}", clip(id, MAX_FIELD_BYTES)))
}

/// The client's `grpc-timeout` passed before the answer was ready.
pub(crate) fn deadline_exceeded() -> Status {
    Status::deadline_exceeded(
        "the client's deadline (grpc-timeout) passed before the answer was ready",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::{LoadError, LoadErrors};
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

    fn many(n: usize, description: &str) -> RequestError {
        let mut e = RequestError::new("entity_types[0]", "INVALID_ENTITY_TYPE", description);
        for i in 1..n {
            e.push(RequestError::new(
                format!("entity_types[{i}]"),
                "INVALID_ENTITY_TYPE",
                description,
            ));
        }
        e
    }

    #[test]
    fn many_violations_fit_in_trailers() {
        for n in [1, 9, 10, 11, 30, 100_000] {
            let status: Status = many(n, "\"x\" is not an entity type").into();
            assert!(encoded_error_bytes(&status) <= MAX_ERROR_BYTES, "{n}");
            let listed = status
                .get_details_bad_request()
                .unwrap()
                .field_violations
                .len();
            assert_eq!(listed, n.min(MAX_LISTED), "{n}");
            if n > MAX_LISTED {
                let more = format!("… and {} more", n - MAX_LISTED);
                assert!(
                    status.message().ends_with(&more),
                    "{n}: {}",
                    status.message()
                );
            } else {
                assert!(!status.message().contains("more"), "{n}");
            }
        }
    }

    /// Long input quoted back (a namespace, an id, a document_id in a stream's context, metadata
    /// values), and text that percent-encoding triples, stays within the budget.
    #[test]
    fn long_quoted_input_is_clipped() {
        let huge = "ğ".repeat(500_000);
        let mut e = many(20, &format!("{huge:?} must be 1 to 64 ASCII letters"));
        e.violations[0].field = huge.clone();
        e.context = Some(format!("document 1 (document_id {huge:?})"));
        e.metadata.insert(huge.clone(), huge.clone());
        for i in 0..100 {
            e.metadata.insert(format!("k{i}"), huge.clone());
        }
        let status: Status = e.into();
        assert!(encoded_error_bytes(&status) <= MAX_ERROR_BYTES);
        assert!(status.message().len() <= MAX_MESSAGE_BYTES);
        assert!(
            status.message().ends_with("… and 10 more"),
            "{}",
            status.message()
        );
        let info = status.get_details_error_info().unwrap();
        assert!(info.metadata.len() <= MAX_METADATA_ENTRIES);
        assert!(status.get_details_bad_request().is_some());

        let status = no_such_entry(&huge);
        assert!(encoded_error_bytes(&status) <= MAX_ERROR_BYTES);
        let status = version_mismatch(&huge, "sha256:0");
        assert!(encoded_error_bytes(&status) <= MAX_ERROR_BYTES);
    }

    #[test]
    fn a_reload_with_many_bad_lines_fits_and_counts_them() {
        let errors = LoadErrors(
            (1..=100_000)
                .map(|line| LoadError {
                    source_name: "/srv/gazette/data/people.jsonl".into(),
                    line,
                    message: format!("expected value {}", "x".repeat(1000)),
                })
                .collect(),
        );
        let errors = crate::live::relative_to_roots(errors, &["/srv/gazette/data"]);
        assert_eq!(errors.0[0].source_name, "data/people.jsonl");
        let status: Status = ReloadError::Invalid(errors).into();
        assert_eq!(status.code(), Code::FailedPrecondition);
        assert!(encoded_error_bytes(&status) <= MAX_ERROR_BYTES);
        assert!(
            status.message().contains("100000 error(s)"),
            "{}",
            status.message()
        );
        assert!(status.message().contains("gazette check"));
        assert!(!status.message().contains("/srv"));
        let listed = status
            .get_details_precondition_failure()
            .unwrap()
            .violations;
        assert!(
            (1..=MAX_RELOAD_ERRORS).contains(&listed.len()),
            "{}",
            listed.len()
        );
    }

    #[test]
    fn a_journal_failure_does_not_answer_its_path() {
        let e = EditError::Log(EditLogError::from(crate::journal::JournalError::Io {
            path: "/srv/gazette/data/journal.jsonl".into(),
            error: std::io::Error::other("no space left on device"),
        }));
        let status: Status = e.into();
        assert_eq!(status.code(), Code::Unavailable);
        assert!(!status.message().contains("/srv"), "{}", status.message());
        assert!(
            status.message().contains("no space left"),
            "{}",
            status.message()
        );
    }
}
