//! The words next to a span, for the rules that read a mention's surroundings.

/// The word ending right before `start` with one space between (letters and apostrophes,
/// an optional final dot: `Mr.`), or `None` when something else stands there.
pub(crate) fn before(text: &str, start: usize) -> Option<&str> {
    let head = text.get(..start)?.strip_suffix(' ')?;
    let head = head.strip_suffix('.').unwrap_or(head);
    let from = head
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic() || *c == '\'')
        .last()
        .map(|(i, _)| i)?;
    // A whole word: `Assad` in `post-Assad Syria` is no name before `Syria`.
    let joined = head[..from]
        .chars()
        .next_back()
        .is_some_and(|c| !c.is_whitespace() && !"\"(“‘".contains(c));
    (!joined).then_some(&head[from..])
}

/// The word starting right after `end` with one space between, or `None`.
pub(crate) fn after(text: &str, end: usize) -> Option<&str> {
    let tail = text.get(end..)?.strip_prefix(' ')?;
    let len = tail
        .char_indices()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map(|(i, c)| i + c.len_utf8())?;
    Some(&tail[..len])
}

/// Whether `word` starts with a capital letter.
pub(crate) fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Whether the span at `start` begins a sentence (or the text): what stands before it, past
/// spaces and opening quotes, is nothing or a sentence's end.
pub(crate) fn sentence_initial(text: &str, start: usize) -> bool {
    let head = text.get(..start).unwrap_or("");
    match head
        .trim_end_matches(|c: char| c.is_whitespace() || "\"'“‘(".contains(c))
        .chars()
        .next_back()
    {
        None => true,
        Some(c) => ".!?:;\n".contains(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neighbours() {
        let t = "said Mr. Obama, and Barack Obama said";
        assert_eq!(before(t, 9), Some("Mr"));
        assert_eq!(before(t, 27), Some("Barack"));
        assert_eq!(after(t, 26), Some("Obama"));
        assert_eq!(after(t, 9), None);
        assert_eq!(before(t, 0), None);
        assert_eq!(before("a post-Assad Syria", 13), None);
        assert_eq!(before("(Barack Obama", 8), Some("Barack"));
        assert!(sentence_initial("Nice weather", 0));
        assert!(sentence_initial("Rain. “Nice", 9));
        assert!(!sentence_initial("riots in Nice", 9));
    }
}
