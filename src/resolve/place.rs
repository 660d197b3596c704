//! Where a place is, as its entry says: the keys context and qualifiers compare.

use std::hash::Hasher;

use crate::gazetteer::EntryRef;
use crate::matcher::pack;

/// A place code (a `country_code` or `admin1` value) as a number, which resolution compares and
/// hashes for every reading of every mention: a code of up to 7 bytes (every ISO code) is its
/// bytes and length, exactly; a longer one, from a user's gazetteer, a 63-bit hash of it. (As
/// `&str`s, hashing and comparing them was a sixth of resolution.)
pub(super) type Code = u64;

/// The [`Code`] of `s`.
pub(super) fn code(s: &str) -> Code {
    if s.len() <= 7 {
        return pack(s.as_bytes()) | (s.len() as u64) << 56;
    }
    let mut h = rustc_hash::FxHasher::default();
    h.write(s.as_bytes());
    h.finish() | 1 << 63
}

/// The country of an entry.
pub(super) fn country(entry: EntryRef<'_>) -> Option<Code> {
    entry.country_code().map(code)
}

/// The place keys of an entry: its country, and its (country, region) when it has one.
pub(super) fn keys(entry: EntryRef<'_>) -> Option<(Code, Option<(Code, Code)>)> {
    let cc = country(entry)?;
    Some((cc, entry.admin1().map(|r| (cc, code(r)))))
}

#[cfg(test)]
mod tests {
    use super::code;

    #[test]
    fn short_codes_are_equal_exactly_when_their_text_is() {
        let codes = [
            "",
            "F",
            "FR",
            "FRA",
            "FR\0",
            "ABCDEFG",
            "ABCDEFGH",
            "ABCDEFGHI",
        ];
        for a in codes {
            for b in codes {
                assert_eq!(code(a) == code(b), a == b, "{a:?} {b:?}");
            }
        }
    }
}
