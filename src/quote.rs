//! Quoting user text and file contents in messages, within a bound: an answer or a log line
//! must not grow with the input it quotes.

use std::borrow::Cow;

/// `s` cut to at most `max` bytes on a character boundary, ending in `…` when cut: for any text
/// an answer or a log line quotes from user input or files.
pub(crate) fn clip(s: &str, max: usize) -> Cow<'_, str> {
    if s.len() <= max {
        return Cow::Borrowed(s);
    }
    let ellipsis = '…'.len_utf8();
    let mut end = max.saturating_sub(ellipsis);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    Cow::Owned(format!("{}…", &s[..end]))
}

#[cfg(test)]
mod tests {
    use super::clip;

    #[test]
    fn cuts_on_a_character_boundary_and_says_so() {
        assert_eq!(clip("Syria", 10), "Syria");
        assert_eq!(clip("Syria", 5), "Syria");
        // 'ğ' is two bytes: the cut backs off to the boundary before it.
        assert_eq!(clip("Erdoğan", 6), "Erd…");
        assert!(clip(&"é".repeat(1000), 300).len() <= 300);
    }
}
