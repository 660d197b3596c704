//! A failed call's status, as the retry policy and the error lines see it.

use std::time::Duration;

use tonic::{Code, Status};
use tonic_types::StatusExt;

use crate::cli::tag::document::{Failure, FieldViolation};

/// The wait before retry `n` when the server gave no delay: 100 ms doubling, at most 5 s.
pub(super) fn backoff(n: u32) -> Duration {
    Duration::from_millis(100u64.saturating_mul(1 << n.saturating_sub(1).min(6)))
        .min(Duration::from_secs(5))
}

/// A status as the error of one document: its code's name, message and field violations.
pub(super) fn failure(status: &Status) -> Failure {
    Failure {
        code: code_name(status.code()),
        message: status.message().to_string(),
        violations: status
            .get_details_bad_request()
            .map(|b| {
                b.field_violations
                    .into_iter()
                    .map(|v| FieldViolation {
                        field: v.field,
                        description: v.description,
                    })
                    .collect()
            })
            .unwrap_or_default(),
    }
}

/// A code's canonical name (`INVALID_ARGUMENT`), as the other error lines and gRPC docs say it.
pub(super) fn code_name(code: Code) -> String {
    let camel = format!("{code:?}");
    let mut name = String::with_capacity(camel.len() + 4);
    for (i, c) in camel.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            name.push('_');
        }
        name.push(c.to_ascii_uppercase());
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_named_as_grpc_names_them() {
        assert_eq!(code_name(Code::InvalidArgument), "INVALID_ARGUMENT");
        assert_eq!(code_name(Code::Unavailable), "UNAVAILABLE");
        assert_eq!(code_name(Code::Ok), "OK");
    }

    #[test]
    fn backoff_doubles_from_100ms_up_to_5s() {
        let got: Vec<u128> = (1..=9).map(|n| backoff(n).as_millis()).collect();
        assert_eq!(got, [100, 200, 400, 800, 1600, 3200, 5000, 5000, 5000]);
    }

    #[test]
    fn a_status_keeps_its_field_violations() {
        let details = tonic_types::ErrorDetails::with_bad_request_violation("text", "too big");
        let status = Status::with_error_details(Code::InvalidArgument, "bad", details);
        let f = failure(&status);
        assert_eq!(f.code, "INVALID_ARGUMENT");
        assert_eq!(f.violations[0].field, "text");
    }
}
