//! Finding gazetteer names in folded text: aho-corasick plus boundary and case checks.
//!
//! Strategy (see DESIGN.md): one contiguous NFA over the folded aliases, walked *anchored* from
//! every position where a word may start. Walking through the low-level [`Automaton`] trait shows
//! every alias that ends along the walk, so when the longest candidate fails the boundary or case
//! check a shorter one is still seen. An unanchored leftmost-longest scan followed by a boundary
//! filter would lose such shorter (or later) matches.

use aho_corasick::automaton::Automaton;
use aho_corasick::nfa::contiguous;
use aho_corasick::{Anchored, MatchKind};

use crate::gazetteer::{validate_alias, CasePolicy, Entry};
use crate::normalize::{is_boundary, Case, Folded};

/// One way an automaton pattern can be read: which entry and form it names, and how its case
/// must be checked.
#[derive(Debug)]
struct AliasRef {
    entry: u32,
    form: u32,
    policy: CasePolicy,
    /// (offset in the folded alias, case of the original character that produced it), for each
    /// cased character.
    profile: Box<[(u32, Case)]>,
}

/// The automaton and what its patterns mean.
#[derive(Debug)]
pub(crate) struct Matcher {
    nfa: Option<contiguous::NFA>,
    /// Indexed by pattern id.
    refs: Vec<Vec<AliasRef>>,
    /// `prior` of each entry, to choose between entries sharing a span.
    priors: Vec<f32>,
}

/// A name found in the text, in original byte offsets (half-open).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawMatch {
    /// Start byte in the original text.
    pub start: usize,
    /// End byte (exclusive) in the original text.
    pub end: usize,
    /// Index of the entry in the gazetteer.
    pub entry: u32,
    /// Index of the matched form in [`Entry::forms`].
    pub form: u32,
}

impl Matcher {
    pub(crate) fn new(entries: &[Entry]) -> Result<Matcher, aho_corasick::BuildError> {
        let mut patterns: Vec<String> = Vec::new();
        let mut refs: Vec<Vec<AliasRef>> = Vec::new();
        let mut by_pattern = std::collections::HashMap::new();
        for (ei, e) in entries.iter().enumerate() {
            for (fi, (form, policy)) in e.forms().enumerate() {
                // Entries reaching here were validated by the parser.
                let Ok(folded) = validate_alias(form) else {
                    continue;
                };
                let pid = *by_pattern.entry(folded.clone()).or_insert_with(|| {
                    patterns.push(folded);
                    refs.push(Vec::new());
                    patterns.len() - 1
                });
                let r = AliasRef {
                    entry: ei as u32,
                    form: fi as u32,
                    policy,
                    profile: case_profile(form.trim()),
                };
                // One entry listing the same folded form twice adds nothing.
                if !refs[pid]
                    .iter()
                    .any(|x| x.entry == r.entry && x.policy == r.policy && x.profile == r.profile)
                {
                    refs[pid].push(r);
                }
            }
        }
        let nfa = if patterns.is_empty() {
            None
        } else {
            Some(
                contiguous::Builder::new()
                    .match_kind(MatchKind::Standard)
                    .build(&patterns)?,
            )
        };
        Ok(Matcher {
            nfa,
            refs,
            priors: entries.iter().map(|e| e.prior).collect(),
        })
    }

    /// Appends to `out` the leftmost-longest, non-overlapping matches in `text`, in order.
    /// `folded` must be `fold(text)`.
    pub(crate) fn find(&self, text: &str, folded: &Folded, out: &mut Vec<RawMatch>) {
        let Some(nfa) = &self.nfa else { return };
        let hay = folded.as_str().as_bytes();
        let Ok(start_sid) = nfa.start_state(Anchored::Yes) else {
            return;
        };
        let mut p = 0;
        while p < hay.len() {
            if !self.may_start(text, folded, p) {
                p += 1;
                continue;
            }
            let mut best: Option<RawMatch> = None;
            let mut sid = start_sid;
            for (q, &b) in hay.iter().enumerate().skip(p) {
                sid = nfa.next_state(Anchored::Yes, sid, b);
                if nfa.is_dead(sid) {
                    break;
                }
                if !nfa.is_match(sid) {
                    continue;
                }
                let end = q + 1;
                for k in 0..nfa.match_len(sid) {
                    let pid = nfa.match_pattern(sid, k);
                    if nfa.pattern_len(pid) != end - p {
                        continue;
                    }
                    if let Some(m) = self.accept(text, folded, p, end, pid.as_usize()) {
                        // Later ends are longer; within one end, patterns are the same span.
                        best = Some(m);
                    }
                }
            }
            match best {
                Some(m) => {
                    out.push(m);
                    p = skip_to_folded(folded, m.end, p);
                }
                None => p += 1,
            }
        }
    }

    /// Can a name start at folded byte `p`? Only at an original character's first byte, and not
    /// inside a word.
    fn may_start(&self, text: &str, folded: &Folded, p: usize) -> bool {
        if folded.as_str().as_bytes()[p] == b' ' || !folded.is_char_start(p) {
            return false;
        }
        let o = folded.original_offset(p);
        is_boundary(text[..o].chars().next_back(), text[o..].chars().next())
    }

    /// Checks a candidate `[p, end)` in folded bytes: ends on a character and a word boundary,
    /// and at least one reading of pattern `pid` passes its case policy. Returns the best reading.
    fn accept(
        &self,
        text: &str,
        folded: &Folded,
        p: usize,
        end: usize,
        pid: usize,
    ) -> Option<RawMatch> {
        if !folded.is_char_start(end) {
            return None;
        }
        let start = folded.original_offset(p);
        let last = folded.original_offset(end - 1);
        let last_char = text[last..].chars().next()?;
        let orig_end = last + last_char.len_utf8();
        if !is_boundary(Some(last_char), text[orig_end..].chars().next()) {
            return None;
        }
        let mut best: Option<&AliasRef> = None;
        for r in &self.refs[pid] {
            if !case_ok(r, text, folded, p) {
                continue;
            }
            let better = match best {
                None => true,
                Some(b) => self.priors[r.entry as usize] > self.priors[b.entry as usize],
            };
            if better {
                best = Some(r);
            }
        }
        best.map(|r| RawMatch {
            start,
            end: orig_end,
            entry: r.entry,
            form: r.form,
        })
    }
}

/// The first folded position at or after original offset `orig_end`, scanning from `from`.
fn skip_to_folded(folded: &Folded, orig_end: usize, from: usize) -> usize {
    let len = folded.as_str().len();
    let mut q = from + 1;
    while q < len && folded.original_offset(q) < orig_end {
        q += 1;
    }
    q
}

fn case_ok(r: &AliasRef, text: &str, folded: &Folded, p: usize) -> bool {
    if r.policy == CasePolicy::Insensitive {
        return true;
    }
    r.profile.iter().all(|&(off, want)| {
        let o = folded.original_offset(p + off as usize);
        let got = text[o..].chars().next().and_then(Case::of);
        match r.policy {
            CasePolicy::Proper => want != Case::Upper || got == Some(Case::Upper),
            CasePolicy::Exact => got == Some(want),
            CasePolicy::Insensitive => true,
        }
    })
}

/// For each cased character of `alias`, its offset in the folded alias and its case.
fn case_profile(alias: &str) -> Box<[(u32, Case)]> {
    let folded = crate::normalize::fold(alias);
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < folded.as_str().len() {
        let o = folded.original_offset(pos);
        if let Some(case) = alias[o..].chars().next().and_then(Case::of) {
            out.push((pos as u32, case));
        }
        pos += 1;
        while pos < folded.as_str().len() && !folded.is_char_start(pos) {
            pos += 1;
        }
    }
    out.into_boxed_slice()
}

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
                    out.entry(m.entry).id.clone(),
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
