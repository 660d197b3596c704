//! Finding gazetteer names in folded text: hash-table phrases and aho-corasick, plus boundary,
//! case and scope checks.
//!
//! Strategy (see DESIGN.md): patterns made of ASCII words joined by spaces, hyphens, dots or
//! apostrophes — most of a gazetteer — are [`phrases`], looked up a word at a time in a hash
//! table; the rest (forms ending in a dot like `u.s.`, other scripts, other punctuation) go into
//! one contiguous NFA, walked *anchored*.
//! Both are tried from every position where a word may start, and both report every pattern
//! that ends along the way, so when the longest candidate fails the boundary, case or scope
//! check a shorter one is still seen. (An unanchored leftmost-longest scan followed by a boundary
//! filter would lose such shorter or later matches.) The text's first word is looked up once for
//! both, in [`first_words`].
//!
//! The matcher returns every reading that passes at the chosen span; choosing between them
//! (prior, document context, partial names) is `resolve`'s job.
//!
//! | concept | file |
//! |---|---|
//! | what a pattern means, packed; case checks | `matcher/readings.rs` |
//! | building a matcher from entries | `matcher/build.rs` |
//! | a search's inputs: layers, entries, options | `matcher/search.rs` |
//! | the scan from each word start | `matcher/scan.rs` |
//! | the per-search boundary, case, namespace and scope checks | `matcher/check.rs` |
//! | what the scan returns | `matcher/candidate.rs` |
//! | a document's memory of full names | `matcher/doc_state.rs` |
//! | the first-word table | `matcher/first_words.rs` |
//! | the phrase table | `matcher/phrases.rs` |
//! | what those two share: hash, packed key, [`Node`](key::Node) | `matcher/key.rs` |
//! | their open-addressing probe | `matcher/open_table.rs` |

mod build;
mod candidate;
mod check;
mod doc_state;
mod first_words;
mod key;
mod open_table;
mod phrases;
mod readings;
mod scan;
mod search;

use aho_corasick::nfa::contiguous;

pub(crate) use candidate::{Candidate, Reading};
pub(crate) use doc_state::DocState;
use first_words::FirstWords;
pub(crate) use key::pack;
use phrases::Phrases;
use readings::Readings;
pub(crate) use scan::find;
pub(crate) use search::{Search, SearchLayer};

/// The phrase table, the automaton, and what their patterns mean.
#[derive(Debug)]
pub(crate) struct Matcher {
    /// Patterns that are not phrases; their ids are the first pattern ids.
    nfa: Option<contiguous::NFA>,
    phrases: Phrases,
    /// What the patterns mean.
    readings: Readings,
    /// Which first words patterns can start with.
    first_words: FirstWords,
}

/// Which overlapping candidates to keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Overlap {
    /// Leftmost-longest, non-overlapping (the default).
    #[default]
    Longest,
    /// Every candidate span, overlapping or not, for downstream annotators.
    All,
}

/// Per-request matching options.
#[derive(Clone, Copy)]
pub(crate) struct MatchOptions<'a> {
    /// Only entries of these namespaces (sorted, without repeats); empty means all.
    pub(crate) namespaces: &'a [&'a str],
    /// When false, diacritics must agree (`Erdogan` does not match `Erdoğan`).
    pub(crate) fold_diacritics: bool,
    pub(crate) overlap: Overlap,
    /// Asked every [`POLL_EVERY`] units of work whether the caller still wants the answer.
    pub(crate) interrupt: &'a dyn Fn() -> bool,
}

/// Units of matching work (a byte stepped over, a byte of a word scanned, a hash) between two calls of
/// the `stop` check of [`Extractor::extract_fields_until`](crate::Extractor::extract_fields_until): a few tens of microseconds of work, so a cancelled request stops
/// at once, and the call (a clock read at most) is lost in the work.
pub const POLL_EVERY: usize = 32 * 1024;

/// The caller stopped wanting the answer: [`find`] ended early.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Interrupted;

#[cfg(test)]
mod tests {
    use crate::{ExtractOptions, Extractor, Format, GazetteerBuilder};

    /// Builds an extractor from JSONL lines and returns the matched texts and entry ids in `text`.
    fn found(jsonl: &str, text: &str) -> Vec<(String, String)> {
        let mut b = GazetteerBuilder::new();
        b.add_source("t", "t.jsonl", Format::Jsonl, jsonl.as_bytes());
        let ex = Extractor::new(b.build().expect("test gazetteer"));
        let out = ex.extract(text, &ExtractOptions::default()).unwrap();
        out.mentions
            .iter()
            .map(|m| {
                (
                    text[m.byte_start..m.byte_end].to_string(),
                    out.entry(m.entry).id().to_string(),
                )
            })
            .collect()
    }

    const GAZ: &str = r#"
{"id":"syria","name":"Syria","type":"LOCATION"}
{"id":"assad","name":"Assad","type":"PERSON"}
{"id":"us","name":"United States","type":"LOCATION","aliases":["U.S.",{"text":"US","case":"exact"}]}
{"id":"shia","name":"Shia","type":"NORP","aliases":["Shi'ite"]}
{"id":"habib","name":"Ali Habib","type":"PERSON"}
{"id":"habib-short","name":"Habib","type":"PERSON","prior":-1}
{"id":"turkey","name":"Turkey","type":"LOCATION"}
{"id":"beijing","name":"北京","type":"LOCATION"}
{"id":"gaza","name":"Gaza","type":"LOCATION","aliases":["Gaza Strip"]}
{"id":"nyc","name":"New York City","type":"LOCATION","aliases":["New York"]}
{"id":"nyt","name":"The New York Times","type":"ORGANIZATION","aliases":["New York Times"]}
{"id":"zoe","name":"Zoë Brandt","type":"PERSON"}
{"id":"ap","name":"AP","type":"ORGANIZATION","case":"exact"}
{"id":"ebay","name":"eBay","type":"ORGANIZATION","case":"insensitive"}
"#;

    #[test]
    fn matching_semantics() {
        // (case name, text, expected [(mention text, entry id)])
        type Case<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)]);
        let cases: &[Case] = &[
            ("syria not in syrian", "Syrian forces", &[]),
            (
                "possessive with curly apostrophe",
                "Assad’s army",
                &[("Assad", "assad")],
            ),
            (
                "hyphen prefix",
                "a post-Assad Syria",
                &[("Assad", "assad"), ("Syria", "syria")],
            ),
            (
                "dotted alias at sentence end",
                "backed by the U.S.",
                &[("U.S.", "us")],
            ),
            (
                "dotted alias inside a sentence",
                "the U.S. and Syria",
                &[("U.S.", "us"), ("Syria", "syria")],
            ),
            (
                "curly apostrophe in text, straight in alias",
                "the Shi’ite branch",
                &[("Shi’ite", "shia")],
            ),
            (
                "name across a newline",
                "General Ali\nHabib said",
                &[("Ali\nHabib", "habib")],
            ),
            (
                "name across spaces and nbsp",
                "Ali \u{a0} Habib",
                &[("Ali \u{a0} Habib", "habib")],
            ),
            ("proper policy rejects lowercase", "roast turkey", &[]),
            (
                "proper policy accepts all caps",
                "TURKEY CLOSES BORDER",
                &[("TURKEY", "turkey")],
            ),
            ("exact acronym", "the US said", &[("US", "us")]),
            ("exact acronym rejects pronoun", "let us go", &[]),
            ("exact acronym rejects title case", "Us and them", &[]),
            ("exact policy", "AP reported, not ap or Ap", &[("AP", "ap")]),
            (
                "insensitive policy",
                "EBAY and ebay",
                &[("EBAY", "ebay"), ("ebay", "ebay")],
            ),
            ("cjk without spaces", "我在北京工作", &[("北京", "beijing")]),
            (
                "longest wins",
                "in New York City today",
                &[("New York City", "nyc")],
            ),
            (
                "longer name of another entity wins",
                "The New York Times said",
                &[("The New York Times", "nyt")],
            ),
            (
                "shorter kept when longer fails boundary",
                "Gaza Stripped",
                &[("Gaza", "gaza")],
            ),
            (
                "later match kept when earlier starts mid-word",
                "Amali Habib",
                &[("Habib", "habib-short")],
            ),
            ("no match inside a word", "Assadist Syriac", &[]),
            ("precomposed accent", "Zoë Brandt", &[("Zoë Brandt", "zoe")]),
            (
                "decomposed accent",
                "Zoe\u{308} Brandt",
                &[("Zoe\u{308} Brandt", "zoe")],
            ),
            ("accent is part of the word", "Zoë Brandtë", &[]),
            ("parenthesised", "(Syria)", &[("Syria", "syria")]),
            ("empty text", "", &[]),
            ("emoji neighbours", "🇸🇾Syria🔥", &[("Syria", "syria")]),
        ];
        for (name, text, want) in cases {
            let got = found(GAZ, text);
            let want: Vec<(String, String)> = want
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect();
            assert_eq!(got, want, "case {name:?} on {text:?}");
        }
    }

    #[test]
    fn case_is_checked_past_the_32nd_byte() {
        // Case profiles up to byte 31 are bitmasks; this form's capitals run to byte 69.
        let name = "The Extraordinarily Long Official Name Of The Commission For Testing Capitals";
        let gaz = format!(r#"{{"id":"long","name":"{name}","type":"ORGANIZATION"}}"#);
        let text = format!("said {name} today");
        assert_eq!(
            found(&gaz, &text),
            vec![(name.to_string(), "long".to_string())]
        );
        let lowered = text.replace("Capitals", "capitals");
        assert_eq!(found(&gaz, &lowered), vec![]);
        // A capital inside the first 32 bytes of a long form is checked too.
        assert_eq!(found(&gaz, &text.replace("Official", "official")), vec![]);
        let exact = gaz.replace(r#""type""#, r#""case":"exact","type""#);
        assert_eq!(found(&exact, &text.replace("Testing", "TESTING")), vec![]);
    }

    #[test]
    fn prior_decides_between_entries_sharing_an_alias() {
        let gaz = r#"
{"id":"paris-tx","name":"Paris","type":"LOCATION","prior":1}
{"id":"paris-fr","name":"Paris","type":"LOCATION","prior":9}
"#;
        assert_eq!(
            found(gaz, "in Paris"),
            vec![("Paris".into(), "paris-fr".into())]
        );
    }

    #[test]
    fn type_filter_applies_after_overlaps() {
        let mut b = GazetteerBuilder::new();
        b.add_source("t", "t.jsonl", Format::Jsonl, GAZ.as_bytes());
        let ex = Extractor::new(b.build().expect("test gazetteer"));
        let opts = ExtractOptions {
            entity_types: vec!["LOCATION".into()],
            ..Default::default()
        };
        let text = "The New York Times in New York";
        let out = ex.extract(text, &opts).unwrap();
        let got: Vec<&str> = out
            .mentions
            .iter()
            .map(|m| &text[m.byte_start..m.byte_end])
            .collect();
        assert_eq!(got, ["New York"]);
    }
}
