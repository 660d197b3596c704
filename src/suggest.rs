//! Suggestions: names the gazetteer does not list that look like people, organisations or
//! places, for an editor to accept or reject. Never mentions: a span a mention covers is never
//! suggested, and a suggestion links to no entry.
//!
//! The pass reads cues, not a model: capitalised runs of words outside the mentions
//! (`suggest::run`: sentence-initial words, particles such as `al-` and `bin`, hyphens,
//! apostrophes, initials), the titles that cut them (`General`, `President`, `Dr.`), the words
//! around them (`suggest::context`: `X said`, `according to X`, `commander X`, `X, a
//! dissident`, `in X`, `X province`), the lexicon of given names and surnames and the head
//! words of organisations and places (`suggest::lexicon`), weighed into a type and a score
//! (`suggest::classify`). A later bare surname of a person suggested in full is that person
//! (`suggest::surname`). Everything is one pass over the words, with bounded look-around:
//! linear in the text.
//!
//! ```
//! use gazette::suggest::{suggest, SuggestedType};
//! let text = "General Ali Habib was appointed in 2009. Habib’s resignation followed.";
//! let found = suggest(&[text], &[]);
//! let people: Vec<&str> = found
//!     .iter()
//!     .filter(|s| s.entity_type == SuggestedType::Person)
//!     .map(|s| &text[s.byte_start..s.byte_end])
//!     .collect();
//! assert_eq!(people, ["Ali Habib", "Habib"]);
//! assert_eq!(found[1].evidence, ["surname of Ali Habib, suggested earlier"]);
//! ```

mod check;
mod classify;
mod context;
mod lexicon;
mod run;
mod surname;
mod token;

pub use check::check;
pub use classify::SuggestedType;
use surname::Surnames;
use token::Shape;

/// A name the gazetteer does not list, with why it looks like one.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    /// Index of the field (in the order given) the suggestion is in.
    pub field: usize,
    /// Start, in the requested encoding, relative to its field (half-open `[start, end)`).
    /// [`suggest`] gives bytes; [`Extractor::extract`](crate::Extractor::extract) converts.
    pub start: usize,
    /// End (exclusive), in the requested encoding, relative to its field.
    pub end: usize,
    /// Start in UTF-8 bytes within its field, whatever the requested encoding.
    pub byte_start: usize,
    /// End (exclusive) in UTF-8 bytes within its field.
    pub byte_end: usize,
    /// The guessed type.
    pub entity_type: SuggestedType,
    /// Confidence in `[0, 1]`: the noisy-or of the cues' weights.
    pub score: f32,
    /// The cues that fired, in words (`title: General`, `reporting verb: said`).
    pub evidence: Vec<String>,
}

/// A span a mention covers: field index, byte start, byte end.
pub type Covered = (usize, usize, usize);

/// Score of a surname linked to a person suggested in full earlier.
const SURNAME_SCORE: f32 = 0.9;

/// Suggests the names in `fields` (taken in order, as [`Extractor::extract_fields`]
/// (crate::Extractor::extract_fields) takes them) outside the `covered` spans (in any order),
/// in document order, with byte offsets. Linear in the text.
///
/// ```
/// use gazette::suggest::suggest;
/// let text = "Peshmerga General Hussein Nooraldin told VOA.";
/// // VOA is a mention: never suggested.
/// let found = suggest(&[text], &[(0, 41, 44)]);
/// assert_eq!(found.len(), 1);
/// assert_eq!(&text[found[0].byte_start..found[0].byte_end], "Hussein Nooraldin");
/// assert_eq!(found[0].entity_type.as_str(), "PERSON");
/// ```
pub fn suggest(fields: &[&str], covered: &[Covered]) -> Vec<Suggestion> {
    let mut spans: Vec<Covered> = covered.to_vec();
    spans.sort_unstable();
    let mut spans = spans.into_iter().peekable();
    let mut surnames = Surnames::default();
    let mut out = Vec::new();
    for (field, text) in fields.iter().enumerate() {
        let mut here = Vec::new();
        while let Some(s) = spans.next_if(|s| s.0 <= field) {
            if s.0 == field && s.1 < s.2 {
                here.push((s.1, s.2));
            }
        }
        suggest_field(field, text, &here, &mut surnames, &mut out);
    }
    out
}

/// Which words overlap a covered span: `spans` sorted by start.
fn covered_words(words: &[token::Word], spans: &[(usize, usize)]) -> Vec<bool> {
    // Merged, so one forward pointer answers every word.
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
    for &(a, b) in spans {
        match merged.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    let mut k = 0;
    words
        .iter()
        .map(|w| {
            while k < merged.len() && merged[k].1 <= w.start {
                k += 1;
            }
            k < merged.len() && merged[k].0 < w.end
        })
        .collect()
}

fn suggest_field(
    field: usize,
    text: &str,
    spans: &[(usize, usize)],
    surnames: &mut Surnames,
    out: &mut Vec<Suggestion>,
) {
    let words = token::words(text);
    let covered = covered_words(&words, spans);
    let push = |out: &mut Vec<Suggestion>, start, end, ty, score, evidence| {
        out.push(Suggestion {
            field,
            start,
            end,
            byte_start: start,
            byte_end: end,
            entity_type: ty,
            score,
            evidence,
        })
    };
    let runs = run::runs(text, &words, &covered);
    let mut next_run = runs.iter().peekable();
    let mut i = 0;
    while i < words.len() {
        let Some(&(first, last)) = next_run.next_if(|r| r.0 == i) else {
            // Outside runs: `post-Assad` holds a known surname after its hyphen.
            let w = &words[i];
            if w.shape == Shape::Lower && !covered[i] {
                if let Some((at, name)) = hyphened_surname(text, w, field, surnames) {
                    let evidence = vec![format!("surname of {name}, suggested earlier")];
                    push(
                        out,
                        at,
                        w.end,
                        SuggestedType::Person,
                        SURNAME_SCORE,
                        evidence,
                    );
                }
            }
            i += 1;
            continue;
        };
        i = last + 1;
        let mut first = first;
        let lone = first == last;
        if lone {
            let w = &words[first];
            if let Some(name) = surnames.of(field, w.start, w.text(text)) {
                let evidence = vec![format!("surname of {name}, suggested earlier")];
                push(
                    out,
                    w.start,
                    w.end,
                    SuggestedType::Person,
                    SURNAME_SCORE,
                    evidence,
                );
                continue;
            }
        } else if run::only_sentence_initial(text, &words[first]) {
            // `Resentment Over X`: the opening word is only capitalised by the sentence.
            first += 1;
            while first < last && lexicon::is_particle(words[first].text(text)) {
                first += 1;
            }
        }
        for seg in run::segments(text, &words, first, last) {
            let (a, b) = (words[seg.first].start, words[seg.last].end);
            let span = &text[a..b];
            if let Some(name) = surnames.of(field, a, span) {
                let evidence = vec![format!("{name}, suggested earlier")];
                push(out, a, b, SuggestedType::Person, SURNAME_SCORE, evidence);
                continue;
            }
            let cx = context::around(
                text,
                &words,
                seg.first,
                seg.last,
                seg.opens_run,
                seg.closes_run,
            );
            let title = seg.title.map(|(x, y)| &text[words[x].start..words[y].end]);
            let Some(g) = classify::classify(text, &words, seg.first, seg.last, title, &cx) else {
                continue;
            };
            if g.ty == SuggestedType::Person {
                surnames.add(field, a, span);
            }
            push(out, a, b, g.ty, g.score, g.evidence);
        }
    }
}

/// The capitalised last part of a hyphenated lower-case word (`post-Assad`) when it is the
/// surname of a person suggested earlier: its byte start and that person's name.
fn hyphened_surname<'s>(
    text: &str,
    w: &token::Word,
    field: usize,
    surnames: &'s Surnames,
) -> Option<(usize, &'s str)> {
    let s = w.text(text);
    let (cut, _) = s
        .char_indices()
        .rev()
        .find(|(_, c)| matches!(c, '-' | '‐' | '‑'))?;
    let tail = s.get(cut..)?.chars().skip(1).collect::<String>();
    if !tail.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let at = w.end - tail.len();
    surnames.of(field, at, &tail).map(|name| (at, name))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(String, &'static str)> {
        suggest(&[text], &[])
            .into_iter()
            .map(|s| {
                (
                    text[s.byte_start..s.byte_end].to_string(),
                    s.entity_type.as_str(),
                )
            })
            .collect()
    }

    #[test]
    fn later_surnames_and_hyphened_ones_are_the_same_person() {
        let text = "Syrian President Bashar al-Assad’s minister left. Assad kept him \
                    in a post-Assad Syria.";
        assert_eq!(
            found(text),
            [
                ("Bashar al-Assad".into(), "PERSON"),
                ("Assad".into(), "PERSON"),
                ("Assad".into(), "PERSON"),
            ]
        );
        let s = suggest(&[text], &[]);
        assert_eq!(&text[s[2].byte_start..s[2].byte_end], "Assad");
        assert_eq!(
            s[2].evidence,
            ["surname of Bashar al-Assad, suggested earlier"]
        );
        assert!(text[..s[2].byte_start].ends_with("post-"));
    }

    #[test]
    fn mentions_are_never_suggested() {
        let text = "Ali Habib said so.";
        assert_eq!(found(text), [("Ali Habib".into(), "PERSON")]);
        assert!(suggest(&[text], &[(0, 4, 9)]).is_empty());
        // A span in another field covers nothing here.
        assert_eq!(suggest(&[text], &[(1, 0, 9)]).len(), 1);
    }

    #[test]
    fn surnames_carry_across_fields_in_order() {
        let fields = ["Minister Ali Habib defects", "Habib left."];
        let s = suggest(&fields, &[]);
        assert_eq!(s.len(), 2);
        assert_eq!((s[1].field, s[1].byte_start, s[1].byte_end), (1, 0, 5));
    }

    #[test]
    fn sentence_openers_are_not_names() {
        assert!(found("Resentment is rising. Vouchers helped.").is_empty());
        assert_eq!(
            found("Karokhail said it."),
            [("Karokhail".into(), "PERSON")]
        );
        assert!(found("Authorities said it.").is_empty());
    }
}
