//! A segment's type and score from its cues.
//!
//! Each cue that fires adds a weight; the score is their noisy-or, `1 - Π(1 - w)`, so cues
//! add up without passing 1. A person needs a cue from the context (a title, a role, a
//! reporting verb, an appositive) or a name the lexicon knows whole, two or more parts opening
//! with a given name that is not an English word (`David Cameron`, not `Eid al-Adha`). An
//! organisation or a place needs its head word, or a place its preposition or noun; a lone
//! acronym is a weak organisation.

use super::context::Context;
use super::lexicon::{self, NamePart};
use super::run::particle_prefixed;
use super::token::{Shape, Word};

/// The type a suggestion guesses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SuggestedType {
    /// A person.
    Person,
    /// An organisation: a party, a ministry, a company, an armed group.
    Organization,
    /// A place.
    Location,
}

impl SuggestedType {
    /// The entity type as the gazetteer writes it: `PERSON`, `ORGANIZATION`, `LOCATION`.
    pub fn as_str(self) -> &'static str {
        match self {
            SuggestedType::Person => "PERSON",
            SuggestedType::Organization => "ORGANIZATION",
            SuggestedType::Location => "LOCATION",
        }
    }
}

/// Weights of the cues.
mod weight {
    pub(super) const TITLE: f32 = 0.85;
    pub(super) const ROLE: f32 = 0.7;
    pub(super) const REPORTING: f32 = 0.75;
    pub(super) const ACCORDING_TO: f32 = 0.6;
    pub(super) const APPOSITIVE: f32 = 0.7;
    pub(super) const GIVEN_NAME: f32 = 0.6;
    pub(super) const NAME_PARTS: f32 = 0.4;
    pub(super) const INITIAL: f32 = 0.4;
    pub(super) const PARTICLE: f32 = 0.2;
    pub(super) const HEAD_WORD: f32 = 0.8;
    pub(super) const PLACE_NOUN: f32 = 0.7;
    pub(super) const PREPOSITION: f32 = 0.5;
    pub(super) const ACRONYM: f32 = 0.45;
}

/// A segment's guess.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Guess {
    pub(crate) ty: SuggestedType,
    pub(crate) score: f32,
    pub(crate) evidence: Vec<String>,
}

fn noisy_or(weights: &[f32]) -> f32 {
    1.0 - weights.iter().fold(1.0, |left, w| left * (1.0 - w))
}

/// The parts of a word the lexicon is asked about: `Ki-Moon` is `Ki` and `Moon`, `al-Assad`
/// is `Assad`.
fn parts(word: &str) -> impl Iterator<Item = &str> {
    word.split(['-', '‐', '‑'])
        .filter(|p| !p.is_empty() && !lexicon::is_particle(p))
}

fn known(word: &str) -> bool {
    parts(word).all(|p| lexicon::name_part(p) != NamePart::No)
}

/// Guesses what words `first..=last` name. `title` is the title group's text before it.
pub(crate) fn classify(
    text: &str,
    words: &[Word],
    first: usize,
    last: usize,
    title: Option<&str>,
    cx: &Context<'_>,
) -> Option<Guess> {
    let seg = &words[first..=last];
    let texts: Vec<&str> = seg.iter().map(|w| w.text(text)).collect();
    let head = texts[texts.len() - 1];
    let single = texts.len() == 1;

    if super::run::organisation_of(text, words, first, last) {
        let of = texts
            .iter()
            .zip(&texts[1..])
            .find(|(w, n)| lexicon::is_organisation_word(w) && **n == "of");
        return Some(Guess {
            ty: SuggestedType::Organization,
            score: noisy_or(&[weight::HEAD_WORD]),
            evidence: vec![format!("organisation word: {}", of.map_or("", |(w, _)| w))],
        });
    }
    if lexicon::is_organisation_word(head) {
        // A head word alone (`Police said`) names no one in particular.
        return (!single).then(|| Guess {
            ty: SuggestedType::Organization,
            score: noisy_or(&[weight::HEAD_WORD]),
            evidence: vec![format!("organisation word: {head}")],
        });
    }
    if lexicon::is_place_word(head) {
        return (!single).then(|| Guess {
            ty: SuggestedType::Location,
            score: noisy_or(&[weight::HEAD_WORD]),
            evidence: vec![format!("place word: {head}")],
        });
    }

    let acronym = seg.iter().any(|w| w.shape == Shape::Acronym);
    let numbered = seg.iter().any(|w| w.shape == Shape::Number);
    // `Officials said`: a plural noun opening a sentence is no one's name.
    let plural = single && head.ends_with('s') && !known(head) && seg[0].sentence_start;
    let mut person = Vec::new();
    let mut evidence = Vec::new();
    let mut contextual = false;
    if !acronym && !numbered && !plural {
        if let Some(t) = title {
            person.push(weight::TITLE);
            evidence.push(format!("title: {t}"));
            contextual = true;
        }
        if let Some(r) = cx.role_before {
            person.push(weight::ROLE);
            evidence.push(format!("role before: {r}"));
            contextual = true;
        }
        if let Some(r) = cx.reporting {
            person.push(weight::REPORTING);
            evidence.push(format!("reporting verb: {r}"));
            contextual = true;
        }
        if cx.according_to {
            person.push(weight::ACCORDING_TO);
            evidence.push("according to".to_string());
            contextual = true;
        }
        if let Some(r) = cx.appositive {
            person.push(weight::APPOSITIVE);
            evidence.push(format!("appositive: {r}"));
            contextual = true;
        }
        let given = !single && lexicon::name_part(texts[0]) == NamePart::Name;
        if given {
            person.push(weight::GIVEN_NAME);
            evidence.push(format!("given name: {}", texts[0]));
        }
        let whole = !single && texts.iter().all(|t| known(t));
        if whole {
            person.push(weight::NAME_PARTS);
            evidence.push("every part a known name".to_string());
        }
        if let Some(w) = seg[..seg.len() - 1]
            .iter()
            .find(|w| w.shape == Shape::Letter)
        {
            person.push(weight::INITIAL);
            evidence.push(format!("initial: {}.", w.text(text)));
        }
        if let Some(p) = texts
            .iter()
            .find(|t| lexicon::is_particle(t) || particle_prefixed(t))
            .filter(|_| !single)
        {
            person.push(weight::PARTICLE);
            evidence.push(format!("particle: {p}"));
        }
        if contextual || (given && whole) {
            return Some(Guess {
                ty: SuggestedType::Person,
                score: noisy_or(&person),
                evidence,
            });
        }
    }

    let mut place = Vec::new();
    let mut evidence = Vec::new();
    if let Some(n) = cx.place_noun {
        place.push(weight::PLACE_NOUN);
        evidence.push(format!("place noun after: {n}"));
    }
    if let Some(p) = cx.preposition {
        place.push(weight::PREPOSITION);
        evidence.push(format!("preposition before: {p}"));
    }
    if !place.is_empty() && !numbered {
        return Some(Guess {
            ty: SuggestedType::Location,
            score: noisy_or(&place),
            evidence,
        });
    }
    // A lone acronym in running text (not in an all-caps line) is likely an organisation.
    let shouting = |i: Option<&Word>| i.is_some_and(|w| w.shape == Shape::Acronym);
    if single
        && seg[0].shape == Shape::Acronym
        && !shouting(first.checked_sub(1).and_then(|i| words.get(i)))
        && !shouting(words.get(last + 1))
    {
        return Some(Guess {
            ty: SuggestedType::Organization,
            score: noisy_or(&[weight::ACRONYM]),
            evidence: vec!["acronym".to_string()],
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::context::around;
    use super::super::token::words;
    use super::*;

    fn guess(text: &str, first: usize, last: usize, title: Option<&str>) -> Option<Guess> {
        let w = words(text);
        let cx = around(text, &w, first, last, true, true);
        classify(text, &w, first, last, title, &cx)
    }

    #[test]
    fn people_by_context_or_by_whole_known_names() {
        let g = guess("Nooraldin said", 0, 0, None).unwrap();
        assert_eq!(g.ty, SuggestedType::Person);
        assert_eq!(g.evidence, ["reporting verb: said"]);
        let g = guess("David Cameron was appointed", 0, 1, None).unwrap();
        assert_eq!(g.ty, SuggestedType::Person);
        assert!(g.score > 0.7 && g.score < 1.0);
        let g = guess("General Ali Habib was", 1, 2, Some("General")).unwrap();
        assert!(g.evidence.contains(&"title: General".to_string()));
    }

    #[test]
    fn not_people() {
        assert_eq!(guess("Officials said", 0, 0, None), None);
        assert_eq!(guess("Eid al-Adha prayers", 0, 1, None), None);
        let g = guess("the Conservative Party won", 1, 2, None).unwrap();
        assert_eq!(g.ty, SuggestedType::Organization);
        let g = guess("launched from Makhmour, where", 2, 2, None).unwrap();
        assert_eq!(g.ty, SuggestedType::Location);
        assert_eq!(guess("the Police", 1, 1, None), None);
    }
}
