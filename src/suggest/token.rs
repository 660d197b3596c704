//! Words of a text for the suggestion cues: byte spans, their shape, and what separates each
//! from the one before (a space, a sentence's end, other punctuation).
//!
//! One pass over the chars, no backtracking: a word is a run of letters and digits, with an
//! apostrophe or a hyphen inside it when a letter or digit follows (`O’Brien`, `Ki-Moon`,
//! `al-Assad`). A possessive `’s` is cut off the word and remembered.

/// The shape of a word's letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// Starts with an upper-case letter and has a lower-case one (`Habib`, `McGurk`).
    Capitalised,
    /// Two or more letters, all upper-case (`VOA`, `UNHCR`).
    Acronym,
    /// One upper-case letter (`W` in `George W. Bush`).
    Letter,
    /// Starts with a lower-case letter (`said`, `al-Assad`).
    Lower,
    /// Starts with a digit (`15th`).
    Number,
    /// Anything else (a letter of a script without case: `阿萨德`).
    Other,
}

/// One word of the text.
#[derive(Debug, Clone)]
pub(crate) struct Word {
    /// Byte span of the word, possessive cut off (half-open).
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) shape: Shape,
    /// A possessive `’s` (or a bare `’` after an `s`) follows the word.
    pub(crate) possessive: bool,
    /// Only spaces or tabs (at least one) separate it from the word before.
    pub(crate) spaced: bool,
    /// A dot, then only spaces, separate it from the word before (`W. Bush`).
    pub(crate) after_dot: bool,
    /// A comma, then only spaces, separate it from the word before.
    pub(crate) after_comma: bool,
    /// It begins a sentence (or the text, or a line).
    pub(crate) sentence_start: bool,
}

impl Word {
    /// Its text in `text`.
    pub(crate) fn text<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑')
}

fn shape(word: &str) -> Shape {
    let mut letters = word.chars().filter(|c| c.is_alphabetic());
    let Some(first) = word.chars().next() else {
        return Shape::Other;
    };
    if first.is_numeric() {
        return Shape::Number;
    }
    if first.is_lowercase() {
        return Shape::Lower;
    }
    if !first.is_uppercase() {
        return Shape::Other;
    }
    let count = word.chars().filter(|c| c.is_alphabetic()).count();
    if count == 1 {
        Shape::Letter
    } else if letters.any(char::is_lowercase) {
        Shape::Capitalised
    } else {
        Shape::Acronym
    }
}

/// Splits `text` into words, in order. Linear in the text.
pub(crate) fn words(text: &str) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let mut chars = text.char_indices().peekable();
    // What stood between the last word and the next one.
    let mut gap_start = 0;
    while let Some((i, c)) = chars.next() {
        if !c.is_alphanumeric() {
            continue;
        }
        // A word starts at i: letters and digits, an apostrophe or hyphen inside it.
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = chars.peek() {
            if d.is_alphanumeric() {
                end = j + d.len_utf8();
                chars.next();
                continue;
            }
            if is_apostrophe(d) || is_hyphen(d) {
                let after = text[j + d.len_utf8()..].chars().next();
                if after.is_some_and(char::is_alphanumeric) {
                    chars.next();
                    continue;
                }
            }
            break;
        }
        let raw = &text[i..end];
        let (word_end, possessive) = possessive(raw, text, end);
        let gap = &text[gap_start..i];
        let prev = out.last().map(|w| &text[w.start..w.end]);
        let spaced = !gap.is_empty() && gap.chars().all(|c| c == ' ' || c == '\t');
        let after_dot = gap.len() > 1
            && gap.starts_with('.')
            && gap[1..].chars().all(|c| c == ' ' || c == '\t');
        let after_comma = gap.len() > 1
            && gap.starts_with(',')
            && gap[1..].chars().all(|c| c == ' ' || c == '\t');
        let sentence_start = match prev {
            None => true,
            Some(p) => ends_sentence(gap, p),
        };
        out.push(Word {
            start: i,
            end: word_end,
            shape: shape(&text[i..word_end]),
            possessive,
            spaced,
            after_dot,
            after_comma,
            sentence_start,
        });
        gap_start = end;
        // A possessive's `’s` is part of the gap already consumed: skip nothing more.
    }
    out
}

/// The word's end without a possessive `’s` (or `s’`'s apostrophe, which the word loop never
/// takes in), and whether there was one.
fn possessive(raw: &str, text: &str, end: usize) -> (usize, bool) {
    let start = end - raw.len();
    for suffix in ["'s", "’s", "ʼs", "'S", "’S"] {
        if let Some(stem) = raw.strip_suffix(suffix) {
            if !stem.is_empty() {
                return (start + stem.len(), true);
            }
        }
    }
    let next = text[end..].chars().next();
    if raw.ends_with('s') && next.is_some_and(is_apostrophe) {
        return (end, true);
    }
    (end, false)
}

/// Whether a gap after word `prev` ends a sentence: a line break, `!?;:`, or a dot not after
/// an initial or a known abbreviation.
fn ends_sentence(gap: &str, prev: &str) -> bool {
    if gap.chars().any(|c| "\n\r!?;:—–".contains(c)) {
        return true;
    }
    if gap.contains('.') {
        let initial = prev.chars().count() == 1;
        return !(initial || crate::suggest::lexicon::is_abbreviation(prev));
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &str) -> Vec<&str> {
        words(t).iter().map(|w| w.text(t)).collect()
    }

    #[test]
    fn apostrophes_hyphens_and_possessives() {
        let t = "Bashar al-Assad’s aide, O'Brien, met Ban Ki-Moon and the Jones’ dog.";
        assert_eq!(
            texts(t),
            [
                "Bashar", "al-Assad", "aide", "O'Brien", "met", "Ban", "Ki-Moon", "and", "the",
                "Jones", "dog"
            ]
        );
        let w = words(t);
        assert!(w[1].possessive && w[9].possessive && !w[3].possessive);
        assert_eq!(w[1].shape, Shape::Lower);
        assert!(w[3].after_comma && w[1].spaced);
    }

    #[test]
    fn sentences_end_at_dots_but_not_after_initials_or_titles() {
        let t = "George W. Bush met Dr. Rice. Then U.S. troops left";
        let w = words(t);
        let starts: Vec<&str> = w
            .iter()
            .filter(|w| w.sentence_start)
            .map(|w| w.text(t))
            .collect();
        assert_eq!(starts, ["George", "Then"]);
        assert!(w[2].after_dot);
        assert_eq!(w[1].shape, Shape::Letter);
    }

    #[test]
    fn shapes() {
        let t = "VOA 15th Habib 阿萨德 said";
        let s: Vec<Shape> = words(t).iter().map(|w| w.shape).collect();
        assert_eq!(
            s,
            [
                Shape::Acronym,
                Shape::Number,
                Shape::Capitalised,
                Shape::Other,
                Shape::Lower
            ]
        );
    }
}
