//! Where a place is, as its entry says: the keys context and qualifiers compare.

use crate::gazetteer::EntryRef;

/// The place keys of an entry: its country, and its (country, region) when it has one.
pub(super) fn keys<'a>(entry: EntryRef<'a>) -> Option<(&'a str, Option<(&'a str, &'a str)>)> {
    let cc = entry.country_code()?;
    Some((cc, entry.admin1().map(|r| (cc, r))))
}
