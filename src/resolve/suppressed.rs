//! What the screens took away, for explain mode: each reading a screen dropped, with its span and
//! the rule that dropped it.
//!
//! The "never tag" screen reports its own drops (it knows which rule fired). The other two
//! screens (`nationality`, `person`, `evidence`) are not changed for this: under explain only, the candidates
//! are copied before each and compared after, so a request without explain pays nothing.

use rustc_hash::FxHashSet;

use crate::matcher::Candidate;

/// Why `person` drops a reading.
pub(crate) const PERSON_PART: &str =
    "person-name part: a place reading of a word in a person's name (or of a word read as one \
     earlier in the document)";
/// Why `longer_name` drops a reading.
pub(crate) const LONGER_NAME: &str =
    "part of a longer name: a place or nationality inside the name of an organisation, an \
     agreement or a county (a capitalised head noun such as Army, University, Times, \
     Agreement, County)";
/// Why `nationality` drops a reading.
pub(crate) const NATIONALITY: &str =
    "nationality or country by syntax: a name that is both a nationality and its country's \
     name is the country only after a place preposition or an elided article";
/// Why `evidence` drops a reading.
pub(crate) const NO_EVIDENCE: &str =
    "gated form without evidence: the name is also a common word or a person's name, and no \
     qualifier, place preposition or country named in the document supports the place";

/// A reading a screen dropped: in [`Extraction::suppressed`](crate::Extraction::suppressed)
/// when explanations were asked for.
#[derive(Debug, Clone, PartialEq)]
pub struct Suppressed {
    /// Index of the field (in the order given) the span is in.
    pub field: usize,
    /// Start, in the requested encoding, relative to its field.
    pub start: usize,
    /// End (exclusive), in the requested encoding.
    pub end: usize,
    /// Start in UTF-8 bytes within its field.
    pub byte_start: usize,
    /// End (exclusive) in UTF-8 bytes within its field.
    pub byte_end: usize,
    /// The entry whose reading was dropped (an index, like [`crate::Mention::entry`]).
    pub entry: usize,
    /// The rule: a "never tag" rule's id (`never:LOCATION:obama`), or the screen's reason.
    pub rule: String,
}

impl Suppressed {
    /// A dropped reading, in bytes (the extractor converts the offsets to the requested unit).
    pub(crate) fn new(field: usize, c: &Candidate, entry: u32, rule: String) -> Suppressed {
        Suppressed {
            field,
            start: c.start,
            end: c.end,
            byte_start: c.start,
            byte_end: c.end,
            entry: entry as usize,
            rule,
        }
    }
}

/// Runs `screen` over `candidates` and adds to `out` every reading it dropped, with `reason`.
pub(crate) fn explained(
    candidates: &mut Vec<(usize, Candidate)>,
    reason: &str,
    out: &mut Vec<Suppressed>,
    screen: impl FnOnce(&mut Vec<(usize, Candidate)>),
) {
    let before = candidates.clone();
    screen(candidates);
    let kept: FxHashSet<(usize, usize, u32)> = candidates
        .iter()
        .flat_map(|(f, c)| c.readings.iter().map(move |r| (*f, c.start, r.entry)))
        .collect();
    for (f, c) in &before {
        for r in &c.readings {
            if !kept.contains(&(*f, c.start, r.entry)) {
                out.push(Suppressed::new(*f, c, r.entry, reason.to_string()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explain_lists_the_built_in_screens_drops_with_their_reason() {
        let mut b = crate::GazetteerBuilder::new();
        let jsonl = r#"{"id":"ZELL","name":"Zell","type":"LOCATION"}"#;
        b.add_source("t", "t.jsonl", crate::Format::Jsonl, jsonl.as_bytes());
        let ex = crate::Extractor::new(b.build().expect("gazetteer"));
        let text = "Über Sam Zell.";
        let options = crate::ExtractOptions {
            explain: true,
            encoding: crate::Encoding::CodePoint,
            ..Default::default()
        };
        let out = ex.extract(text, &options).expect("extract");
        assert!(out.mentions.is_empty());
        assert_eq!(out.suppressed.len(), 1, "{:?}", out.suppressed);
        let s = &out.suppressed[0];
        assert_eq!(out.entry(s.entry).id(), "ZELL");
        assert_eq!((s.start, s.end, s.byte_start, s.byte_end), (9, 13, 10, 14));
        assert_eq!(s.rule, PERSON_PART);
        let quiet = ex
            .extract(text, &crate::ExtractOptions::default())
            .expect("extract");
        assert!(quiet.suppressed.is_empty());
    }
}
