//! Runs of capitalised words not covered by a mention, and their segments between titles.
//!
//! A run is a maximal sequence of name-shaped words joined by spaces: capitalised words,
//! acronyms, initials (`W.` joins across its dot), particles between them (`bin`, `van`), and
//! words a particle prefixes (`al-Assad`). A calendar word, a closed-class word, punctuation,
//! a possessive or a mention ends it. A closed-class word or an unknown word that only opens
//! the sentence is not part of it (`Resentment is rising` has no run).
//! A run is then cut at its titles (`Peshmerga General Hussein Nooraldin`: `Peshmerga`, the
//! title `General`, `Hussein Nooraldin`), unless it ends with an organisation's or place's head
//! word (`Hala Sultan Mosque` is one place).

use super::lexicon::{self, NamePart};
use super::token::{Shape, Word};

/// A run's segment: words `first..=last`, and the title group right before it, if any.
#[derive(Debug, Clone)]
pub(crate) struct Segment {
    pub(crate) first: usize,
    pub(crate) last: usize,
    /// Words of the title group before it (`first..=last` of the group).
    pub(crate) title: Option<(usize, usize)>,
    /// The segment opens its run (its left context is the run's).
    pub(crate) opens_run: bool,
    /// The segment closes its run (its right context is the run's).
    pub(crate) closes_run: bool,
}

/// How a word may take part in a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Name,
    Particle,
    /// `of`: inside a title (`Secretary of State`) or an organisation's name (`Ministry of
    /// Defence`), when a title or a head word stands before it.
    Of,
    Number,
    Break,
}

/// Whether a lower-case word is a particle-prefixed name (`al-Assad`, `el-Sisi`).
pub(crate) fn particle_prefixed(word: &str) -> bool {
    let mut parts = word.splitn(2, ['-', '‐', '‑']);
    match (parts.next(), parts.next()) {
        (Some(p), Some(rest)) => {
            lexicon::is_particle(p) && rest.chars().next().is_some_and(char::is_uppercase)
        }
        _ => false,
    }
}

fn role(text: &str, w: &Word, covered: bool) -> Role {
    if covered {
        return Role::Break;
    }
    let s = w.text(text);
    match w.shape {
        Shape::Capitalised | Shape::Acronym | Shape::Letter => {
            if lexicon::is_calendar(s) || lexicon::is_function_word(s) {
                Role::Break
            } else {
                Role::Name
            }
        }
        Shape::Lower if particle_prefixed(s) => Role::Name,
        Shape::Lower if lexicon::is_particle(s) => Role::Particle,
        Shape::Lower if s == "of" => Role::Of,
        Shape::Number if s.chars().any(char::is_alphabetic) => Role::Number,
        _ => Role::Break,
    }
}

/// Whether word `next` continues a run ending with `prev`.
fn joined(text: &str, prev: &Word, next: &Word) -> bool {
    if prev.possessive || next.sentence_start {
        return false;
    }
    next.spaced
        || (next.after_dot
            && (prev.shape == Shape::Letter || lexicon::is_abbreviation(prev.text(text))))
}

/// Whether a word opening its sentence is only there because sentences start capitalised: not
/// a title, not in the name lexicon, not an acronym.
pub(crate) fn only_sentence_initial(text: &str, w: &Word) -> bool {
    let s = w.text(text);
    w.sentence_start
        && w.shape == Shape::Capitalised
        && !lexicon::is_title(s)
        && !lexicon::is_title_modifier(s)
        && lexicon::name_part(s) == NamePart::No
}

/// The runs of `words`: ranges `first..=last` of word indexes. `covered[i]` says whether word
/// `i` overlaps a mention.
pub(crate) fn runs(text: &str, words: &[Word], covered: &[bool]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let r = role(text, &words[i], covered[i]);
        let starts = match r {
            Role::Name => true,
            // `15th Division`: a number opens a run only before a joined name.
            Role::Number => words.get(i + 1).is_some_and(|n| {
                role(text, n, covered[i + 1]) == Role::Name && joined(text, &words[i], n)
            }),
            _ => false,
        };
        if !starts {
            i += 1;
            continue;
        }
        let first = i;
        let mut last = i;
        while let Some(next) = words.get(last + 1) {
            let nr = role(text, next, covered[last + 1]);
            let joins = match nr {
                Role::Name | Role::Particle => true,
                Role::Of => {
                    let before = words[last].text(text);
                    lexicon::is_title(before)
                        || lexicon::is_title_modifier(before)
                        || lexicon::is_organisation_word(before)
                }
                _ => false,
            };
            if !joins || !joined(text, &words[last], next) {
                break;
            }
            last += 1;
        }
        // A particle or an `of` never ends a run.
        let mut end = last;
        while end > first && matches!(role(text, &words[end], false), Role::Particle | Role::Of) {
            end -= 1;
        }
        out.push((first, end));
        i = last + 1;
    }
    out
}

/// Whether word `w` is a title, only qualifies one, or is the `of` inside one.
fn title_like(text: &str, w: &Word) -> bool {
    let s = w.text(text);
    if w.shape == Shape::Lower {
        return s == "of";
    }
    lexicon::is_title(s) || lexicon::is_title_modifier(s)
}

/// Cuts run `first..=last` at its title groups. A run ending with an organisation's or a
/// place's head word is not cut.
pub(crate) fn segments(text: &str, words: &[Word], first: usize, last: usize) -> Vec<Segment> {
    let whole = Segment {
        first,
        last,
        title: None,
        opens_run: true,
        closes_run: true,
    };
    let head = words[last].text(text);
    if lexicon::is_organisation_word(head)
        || lexicon::is_place_word(head)
        || organisation_of(text, words, first, last)
    {
        return vec![whole];
    }
    let mut out = Vec::new();
    let mut title: Option<(usize, usize)> = None;
    let mut i = first;
    while i <= last {
        // A title group: title-like words with at least one title.
        let mut j = i;
        while j <= last && title_like(text, &words[j]) {
            j += 1;
        }
        let group_has_title = (i..j).any(|k| lexicon::is_title(words[k].text(text)));
        if j > i && group_has_title {
            title = Some((i, j - 1));
            i = j;
            continue;
        }
        // A segment: up to the next title group.
        let start = i;
        let mut k = i.max(j);
        while k <= last {
            if title_like(text, &words[k]) {
                let mut g = k;
                while g <= last && title_like(text, &words[g]) {
                    g += 1;
                }
                if (k..g).any(|x| lexicon::is_title(words[x].text(text))) {
                    break;
                }
                k = g;
            } else {
                k += 1;
            }
        }
        out.push(Segment {
            first: start,
            last: k - 1,
            title: title.take(),
            opens_run: start == first,
            closes_run: k - 1 == last,
        });
        i = k;
    }
    out
}

/// Whether words `first..=last` hold a head word followed by `of` (`Ministry of Defence`).
pub(crate) fn organisation_of(text: &str, words: &[Word], first: usize, last: usize) -> bool {
    (first..last).any(|i| {
        lexicon::is_organisation_word(words[i].text(text)) && words[i + 1].text(text) == "of"
    })
}

#[cfg(test)]
mod tests {
    use super::super::token::words;
    use super::*;

    fn segs(text: &str) -> Vec<(String, Option<String>)> {
        let w = words(text);
        let covered = vec![false; w.len()];
        runs(text, &w, &covered)
            .into_iter()
            .flat_map(|(a, b)| segments(text, &w, a, b))
            .map(|s| {
                let span = text[w[s.first].start..w[s.last].end].to_string();
                let title = s.title.map(|(a, b)| text[w[a].start..w[b].end].to_string());
                (span, title)
            })
            .collect()
    }

    #[test]
    fn runs_are_cut_at_titles() {
        assert_eq!(
            segs("leading the fight, Peshmerga General Hussein Nooraldin told VOA."),
            [
                ("Peshmerga".into(), None),
                ("Hussein Nooraldin".into(), Some("General".into())),
                ("VOA".into(), None)
            ]
        );
        assert_eq!(
            segs("visits of Secretary General Ban Ki-Moon to"),
            [("Ban Ki-Moon".into(), Some("Secretary General".into()))]
        );
        assert_eq!(
            segs("the British Prime Minister."),
            [("British".into(), None)]
        );
    }

    #[test]
    fn initials_particles_and_head_words() {
        assert_eq!(
            segs("as George W. Bush said"),
            [("George W. Bush".into(), None)]
        );
        assert_eq!(
            segs("as Osama bin Laden said"),
            [("Osama bin Laden".into(), None)]
        );
        assert_eq!(
            segs("at the Hala Sultan Mosque"),
            [("Hala Sultan Mosque".into(), None)]
        );
        assert_eq!(
            segs("from Iraq’s 15th Division"),
            [("Iraq".into(), None), ("15th Division".into(), None)]
        );
        assert_eq!(
            segs("Kamal al-Labwani, a dissident"),
            [("Kamal al-Labwani".into(), None)]
        );
    }

    #[test]
    fn of_joins_titles_and_organisations_only() {
        assert_eq!(
            segs("met Secretary of State John Kerry in"),
            [("John Kerry".into(), Some("Secretary of State".into()))]
        );
        assert_eq!(
            segs("the Ministry of Defence said"),
            [("Ministry of Defence".into(), None)]
        );
        assert_eq!(
            segs("the Kings of Leon"),
            [("Kings".into(), None), ("Leon".into(), None)]
        );
    }

    #[test]
    fn calendar_and_closed_class_words_end_runs() {
        assert_eq!(
            segs("The May 6 election in Mosul"),
            [("Mosul".into(), None)]
        );
    }
}
