//! The words around a segment that say what kind of name it is: a role noun or preposition
//! before it, a reporting verb or place noun after it, an appositive (`…, a Syrian dissident`).

use super::lexicon;
use super::token::{Shape, Word};

/// The cues found around one segment (its left side only when it opens its run, its right
/// side only when it closes it).
#[derive(Debug, Default, Clone)]
pub(crate) struct Context<'t> {
    /// A role noun right before (`commander`).
    pub(crate) role_before: Option<&'t str>,
    /// A reporting verb right after (`said`) or right before (`said X,`).
    pub(crate) reporting: Option<&'t str>,
    /// `according to` right before.
    pub(crate) according_to: bool,
    /// A role noun in an appositive after a comma (`X, a Syrian dissident`).
    pub(crate) appositive: Option<&'t str>,
    /// A preposition of place right before (`in`).
    pub(crate) preposition: Option<&'t str>,
    /// A place noun right after (`province`).
    pub(crate) place_noun: Option<&'t str>,
}

/// How many words an appositive may run before its role noun (`a prominent Syrian dissident`).
const APPOSITIVE_WORDS: usize = 4;

/// Reads the cues around words `first..=last`.
pub(crate) fn around<'t>(
    text: &'t str,
    words: &[Word],
    first: usize,
    last: usize,
    left: bool,
    right: bool,
) -> Context<'t> {
    let mut c = Context::default();
    let lower = |i: usize| -> Option<&'t str> {
        let w = words.get(i)?;
        (w.shape == Shape::Lower).then(|| w.text(text))
    };
    if left && first > 0 && words[first].spaced && !words[first].sentence_start {
        if let Some(b) = lower(first - 1) {
            if lexicon::is_role(b) {
                c.role_before = Some(b);
            }
            if lexicon::is_place_preposition(b) {
                c.preposition = Some(b);
            }
            if lexicon::is_reporting(b) && !words[first - 1].possessive {
                c.reporting = Some(b);
            }
            if b == "to" && first > 1 && lower(first - 2) == Some("according") {
                c.according_to = true;
            }
        }
    }
    if right {
        let end = &words[last];
        if let Some(next) = words.get(last + 1) {
            let n = next.text(text);
            if next.spaced && !end.possessive && next.shape == Shape::Lower {
                if lexicon::is_reporting(n) {
                    c.reporting = Some(n);
                }
                if lexicon::is_place_noun_after(n) {
                    c.place_noun = Some(n);
                }
            }
            if next.after_comma && !end.possessive {
                c.appositive = appositive(text, words, last + 1);
            }
        }
    }
    c
}

/// A role noun among the first words after a comma, before any other punctuation.
fn appositive<'t>(text: &'t str, words: &[Word], from: usize) -> Option<&'t str> {
    for (k, w) in words.iter().enumerate().skip(from).take(APPOSITIVE_WORDS) {
        if k > from && !w.spaced {
            return None;
        }
        let s = w.text(text);
        if w.shape == Shape::Lower && lexicon::is_role(s) {
            return Some(s);
        }
        if w.possessive {
            return None;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::token::words;
    use super::*;

    fn at(text: &str, first: usize, last: usize) -> Context<'_> {
        let w = words(text);
        around(text, &w, first, last, true, true)
    }

    #[test]
    fn cues_on_both_sides() {
        let c = at("Kurdish commander Eskender Gerdi told VOA", 2, 3);
        assert_eq!(
            (c.role_before, c.reporting),
            (Some("commander"), Some("told"))
        );
        let c = at("Kamal al-Labwani, a Syrian dissident living in Paris", 0, 1);
        assert_eq!(c.appositive, Some("dissident"));
        let c = at("launched from Makhmour province", 2, 2);
        assert_eq!(
            (c.preposition, c.place_noun),
            (Some("from"), Some("province"))
        );
        let c = at("according to Habib", 2, 2);
        assert!(c.according_to);
    }
}
