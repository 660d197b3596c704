//! The page size of the admin reads that page (ListEdits, SearchEntities): 0 means the RPC's
//! default, more than its maximum is a field violation.

use super::super::status::{RequestError, Violations};

/// `requested` as a page size: `default` for 0; over `max`, a `page_size` violation in `bad`
/// (and `max`, so the other fields are still checked).
pub(super) fn page_size(requested: u32, default: usize, max: usize, bad: &mut Violations) -> usize {
    match requested as usize {
        0 => default,
        n if n > max => {
            bad.add(RequestError::new(
                "page_size",
                "PAGE_TOO_LARGE",
                format!("page_size {n} is more than {max}"),
            ));
            max
        }
        n => n,
    }
}
