//! The scan: from every position where a name may start, the phrase table and the automaton of
//! each layer are walked, and the longest candidate that passes the checks is kept.

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::Anchored;

use super::check::Check;
use super::key::Node;
use super::phrases::is_joiner;
use super::readings::PatternReading;
use super::search::{Search, SearchLayer};
use super::{Candidate, DocState, Interrupted, Matcher, Overlap, POLL_EVERY};
use crate::normalize::Folded;

/// Appends to `out` the candidates in `text` (leftmost-longest and non-overlapping, or all of
/// them), in order of start, longest first, over all of `search`'s layers as if they were one
/// gazetteer: every layer's automaton is walked from each start, and readings of the same span
/// from different layers are one candidate. `folded` must be `fold(text)`; `state` tracks full
/// mentions across a document's fields, so pass the same one for every field, in order.
///
/// The work is linear in the text: at each start, words are read no further than the longest
/// name could reach. It is counted, and every [`POLL_EVERY`] units the options' `interrupt` is
/// asked whether to go on.
pub(crate) fn find(
    search: &Search<'_>,
    text: &str,
    folded: &Folded,
    state: &mut DocState,
    out: &mut Vec<Candidate>,
) -> Result<(), Interrupted> {
    let Search {
        layers,
        entries,
        options,
    } = *search;
    let hay = folded.as_str().as_bytes();
    let check = Check {
        entries,
        text,
        folded,
        options,
        work: std::cell::Cell::new(0),
    };
    // Work before this field counts: a document of many small fields is polled too.
    let mut next_poll = POLL_EVERY.saturating_sub(state.work % POLL_EVERY);
    let mut p = 0;
    // (end, layer, first reading) of every alias ending along the walks from p.
    let mut ends: Vec<(usize, usize, usize)> = Vec::new();
    let mut refs: Vec<(&SearchLayer<'_>, &[PatternReading])> = Vec::new();
    while p < hay.len() {
        // No pattern starts with a space (aliases are trimmed): most bytes between words.
        if hay[p] == b' ' || !check.may_start(p) {
            p += 1;
            continue;
        }
        // Bytes stepped over count one unit each, whatever else was done at a start.
        if p + check.work.get() >= next_poll {
            next_poll = p + check.work.get() + POLL_EVERY;
            if (options.interrupt)() {
                state.work += p + check.work.get();
                return Err(Interrupted);
            }
        }
        ends.clear();
        let word = check.ascii_word(p);
        for (li, layer) in layers.iter().enumerate() {
            layer
                .matcher
                .walk(&check, p, word, |end, pid| ends.push((end, li, pid)));
        }
        // Longest first; for leftmost-longest the first end that passes is the one.
        ends.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut longest_end = None;
        let mut i = 0;
        while i < ends.len() {
            let end = ends[i].0;
            refs.clear();
            while i < ends.len() && ends[i].0 == end {
                let layer = &layers[ends[i].1];
                refs.push((layer, layer.matcher.readings.list(ends[i].2)));
                i += 1;
            }
            let Some(c) = check.candidate(&refs, p, end, state) else {
                continue;
            };
            state.note(&c);
            longest_end = longest_end.or(Some(c.end));
            out.push(c);
            if options.overlap == Overlap::Longest {
                break;
            }
        }
        p = match (longest_end, options.overlap) {
            (Some(end), Overlap::Longest) => skip_to_folded(folded, end, p),
            // No name starts inside an ASCII word of the original text.
            _ => p + word.map_or(1, <[u8]>::len),
        };
    }
    state.work += hay.len() + check.work.get();
    Ok(())
}

impl Matcher {
    /// Calls `found(end, readings)` for every pattern that starts exactly at folded byte `p` and
    /// ends at `end`, phrases and automaton patterns alike; `readings` is the index of the
    /// pattern's first reading (see [`Readings`](super::readings::Readings)). `word` is the
    /// ASCII word at `p`, when [`Check::ascii_word`] found one: it is looked up once, and the
    /// automaton walk jumps past it (see [`first_words`](super::first_words)).
    fn walk(
        &self,
        check: &Check<'_>,
        p: usize,
        word: Option<&[u8]>,
        mut found: impl FnMut(usize, usize),
    ) {
        let hay = check.folded.as_str().as_bytes();
        match word {
            Some(word) => {
                // The word is the text's own ASCII bytes (`Check::ascii_word`): its first byte
                // is its first letter, in the text's case. A word in lower case is looked up
                // only among first words that may start so.
                let original = check.text.as_bytes();
                let first = if original[check.folded.original_offset(p)].is_ascii_lowercase() {
                    self.first_words.get_lower(word)
                } else {
                    self.first_words.get(word)
                };
                let Some(first) = first else {
                    return;
                };
                let end = p + word.len();
                if let Some(sid) = first.state {
                    // Patterns ending inside the word would end inside a word: not reported.
                    self.walk_automaton(hay, p, sid, end, &mut found);
                }
                if let Some(first_reading) = first.node.pattern() {
                    found(end, first_reading);
                }
                self.walk_phrases(check, p, end, first.node, &mut found);
            }
            None => {
                if let Some(sid) = self
                    .nfa
                    .as_ref()
                    .and_then(|n| n.start_state(Anchored::Yes).ok())
                {
                    self.walk_automaton(hay, p, sid, p, &mut found);
                }
                if !hay[p].is_ascii_alphanumeric() {
                    return;
                }
                let first = |prefix: &[u8]| {
                    let node = self.first_words.get(prefix).map_or(Node::NONE, |f| f.node);
                    (node, self.first_words.goes_on(prefix))
                };
                let cap = p + self.first_words.longest();
                let (end, node) = Self::phrase_word(check, p, p, cap, first, &mut found);
                self.walk_phrases(check, p, end, node, &mut found);
            }
        }
    }

    /// The automaton part of [`Matcher::walk`]: from state `sid`, reached over `hay[p..from]`.
    /// (Not counted as work: the anchored walk dies within the longest pattern's length, a
    /// constant of the gazetteer, and counting it cost 5% of news extraction.)
    fn walk_automaton(
        &self,
        hay: &[u8],
        p: usize,
        mut sid: StateID,
        from: usize,
        found: &mut impl FnMut(usize, usize),
    ) {
        let Some(nfa) = &self.nfa else { return };
        let mut report = |sid: StateID, end: usize| {
            for k in 0..nfa.match_len(sid) {
                let pid = nfa.match_pattern(sid, k);
                if nfa.pattern_len(pid) == end - p {
                    found(end, self.readings.starts[pid.as_usize()] as usize);
                }
            }
        };
        if from > p && nfa.is_match(sid) {
            report(sid, from);
        }
        for (q, &b) in hay.iter().enumerate().skip(from) {
            sid = nfa.next_state(Anchored::Yes, sid, b);
            if nfa.is_dead(sid) {
                break;
            }
            if nfa.is_match(sid) {
                report(sid, q + 1);
            }
        }
    }

    /// The phrase part of [`Matcher::walk`], after the first word: `hay[p..end]` is the phrase
    /// so far, ending a whole run of ASCII letters and digits, and `node` what it is as a prefix.
    /// Each further word is looked up as a longer prefix while some phrase continues.
    fn walk_phrases(
        &self,
        check: &Check<'_>,
        p: usize,
        mut end: usize,
        mut node: Node,
        found: &mut impl FnMut(usize, usize),
    ) {
        let hay = check.folded.as_str().as_bytes();
        while node.continues() {
            // The text's joiners after the word: a phrase's are a maximal run too.
            let joiners = hay[end..].iter().take_while(|&&b| is_joiner(b)).count();
            let next = end + joiners;
            if joiners == 0 || !hay.get(next).is_some_and(u8::is_ascii_alphanumeric) {
                break;
            }
            let longer = |prefix: &[u8]| (self.phrases.get(prefix), true);
            let cap = p + self.phrases.longest();
            (end, node) = Self::phrase_word(check, p, next, cap, longer, found);
        }
    }

    /// Reads the word starting at `q` as the end of phrase prefixes starting at `p`: reports
    /// every phrase that `node_of` says ends at one of the word's possible ends
    /// ([`Check::word_ends`]) up to `cap` (no prefix `node_of` knows ends later), and returns
    /// the end of the word's run with its node there (only there can a longer phrase go on,
    /// after joiners; [`Node::NONE`] when the run goes past `cap`). `node_of` also says whether
    /// a longer key may start with the prefix; once none may, the word is read no further.
    fn phrase_word(
        check: &Check<'_>,
        p: usize,
        q: usize,
        cap: usize,
        node_of: impl Fn(&[u8]) -> (Node, bool),
        found: &mut impl FnMut(usize, usize),
    ) -> (usize, Node) {
        let hay = check.folded.as_str().as_bytes();
        let (run_end, ends) = check.word_ends(q, cap);
        let mut at_run_end = Node::NONE;
        for e in ends {
            // A hash reads eight bytes at a time.
            check.spend(1 + (e - p) / 8);
            let (node, goes_on) = node_of(&hay[p..e]);
            if let Some(pid) = node.pattern() {
                found(e, pid);
            }
            if e == run_end {
                at_run_end = node;
            }
            if !goes_on {
                break;
            }
        }
        (run_end, at_run_end)
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
