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

mod first_words;
mod open_table;
mod phrases;

use std::collections::HashSet;

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::nfa::contiguous;
use aho_corasick::{Anchored, MatchKind};
use smallvec::SmallVec;

use crate::gazetteer::{validate_alias, CasePolicy, Entry, EntryTable, Scope};
use crate::normalize::{fold_alias_strict, is_boundary, is_diacritic, Case, Folded};
use first_words::{ascii_run, ascii_word, ascii_word_in, FirstWords};
use phrases::{is_joiner, is_phrase, Node, Phrases};

/// One way a pattern can be read: which entry and form it names, and how its case must be
/// checked. 12 bytes: there are two or three per entry, so at a million entries each byte here
/// is 2.5 MB.
#[derive(Debug, Clone, Copy)]
struct AliasRef {
    entry: u32,
    /// The form's index in its entry (low 27 bits), then [`AliasRef::LAST`],
    /// [`AliasRef::SCOPED`], [`AliasRef::PROFILED`] and the case policy in the top two bits.
    bits: u32,
    /// How the case is checked, for a form whose cased characters all lie in its first 32
    /// folded bytes (bit `i` of a mask: the character producing folded byte `i`):
    /// - proper case (most names): the capitals as a mask, checked without another load;
    /// - exact case (acronyms), which needs its lower-case letters too: the index of its
    ///   (upper, lower) masks in [`Readings`].
    ///
    /// With [`AliasRef::PROFILED`] (longer forms), the index of the form's profile there.
    case: u32,
}

const _: () = assert!(std::mem::size_of::<AliasRef>() == 12);

/// A reading while the matcher is built, before its case profile is placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FormRef {
    entry: u32,
    form: u32,
    policy: CasePolicy,
    scoped: bool,
}

impl AliasRef {
    const FORM: u32 = (1 << 27) - 1;
    /// The last reading of its pattern.
    const LAST: u32 = 1 << 27;
    const SCOPED: u32 = 1 << 28;
    const PROFILED: u32 = 1 << 29;
    const POLICY_SHIFT: u32 = 30;

    fn new(f: FormRef, profile: &[(u32, Case)], readings: &mut Readings) -> AliasRef {
        let mut r = AliasRef {
            entry: f.entry,
            // `Matcher::new` refuses forms past `FORM`.
            bits: f.form | u32::from(f.policy.bits()) << Self::POLICY_SHIFT,
            case: 0,
        };
        if f.scoped {
            r.bits |= Self::SCOPED;
        }
        let short = profile.iter().all(|&(off, _)| off < 32);
        let mask = |want: Case| {
            profile
                .iter()
                .filter(|&&(_, case)| case == want)
                .fold(0u32, |m, &(off, _)| m | 1 << off)
        };
        match f.policy {
            CasePolicy::Insensitive => {}
            CasePolicy::Proper if short => r.case = mask(Case::Upper),
            CasePolicy::Exact if short => {
                r.case = readings.exact_masks.len() as u32;
                readings
                    .exact_masks
                    .push((mask(Case::Upper), mask(Case::Lower)));
            }
            CasePolicy::Proper | CasePolicy::Exact => {
                r.bits |= Self::PROFILED;
                r.case = readings.profile_starts.len() as u32 - 1;
                // (A proper-case form's profile holds its capitals only: see `Matcher::new`.)
                readings.profiles.extend_from_slice(profile);
                readings.profile_starts.push(readings.profiles.len() as u32);
            }
        }
        r
    }

    fn form(&self) -> u32 {
        self.bits & Self::FORM
    }

    fn scoped(&self) -> bool {
        self.bits & Self::SCOPED != 0
    }

    fn policy(&self) -> CasePolicy {
        CasePolicy::from_bits((self.bits >> Self::POLICY_SHIFT) as u8)
    }
}

/// What every pattern means, in flat arrays. A pattern's readings are consecutive in `refs`,
/// the last one marked [`AliasRef::LAST`], and are named by the index of the first: phrases
/// keep that index in their [`Node`]; automaton patterns find it in `starts`, by pattern id.
/// (A `Vec` per pattern and a boxed profile per reading cost two dependent cache misses per
/// match and about 80 bytes per alias; a start per phrase, 8 bytes per entry at a million.)
#[derive(Debug)]
struct Readings {
    /// The first reading of each automaton pattern.
    starts: Vec<u32>,
    refs: Vec<AliasRef>,
    /// (offset in the folded alias, case of the original character that produced it), for each
    /// cased character of each profiled reading's form; profile `k` is
    /// `profiles[profile_starts[k]..profile_starts[k + 1]]`.
    profiles: Vec<(u32, Case)>,
    profile_starts: Vec<u32>,
    /// (upper, lower) masks of short exact-case forms: a profile of their own cost 8 bytes per
    /// letter, 22 MB at a million entries with acronyms.
    exact_masks: Vec<(u32, u32)>,
}

/// How one reading's case is checked.
enum CaseCheck<'a> {
    Any,
    /// These folded offsets' characters must be upper case, and these lower case.
    Masks(u32, u32),
    Profile(&'a [(u32, Case)]),
}

/// A form's case profile while the matcher is built (see `case_profile`).
type Profile = SmallVec<[(u32, Case); 4]>;

/// Readings while the matcher is built: per pattern, each reading with its case profile.
type PerPattern = Vec<SmallVec<[(FormRef, Profile); 1]>>;

impl Readings {
    /// The readings whose first is `refs[first]`.
    fn list(&self, first: usize) -> &[AliasRef] {
        let rest = &self.refs[first..];
        let n = rest
            .iter()
            .position(|r| r.bits & AliasRef::LAST != 0)
            .map_or(rest.len(), |i| i + 1);
        &rest[..n]
    }

    fn case_check(&self, r: &AliasRef) -> CaseCheck<'_> {
        let k = r.case as usize;
        if r.bits & AliasRef::PROFILED != 0 {
            let (from, to) = (self.profile_starts[k], self.profile_starts[k + 1]);
            return CaseCheck::Profile(&self.profiles[from as usize..to as usize]);
        }
        match r.policy() {
            CasePolicy::Insensitive => CaseCheck::Any,
            CasePolicy::Proper => CaseCheck::Masks(r.case, 0),
            CasePolicy::Exact => {
                let (upper, lower) = self.exact_masks[k];
                CaseCheck::Masks(upper, lower)
            }
        }
    }
}

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

/// What a document has named so far, carried from field to field: when each entry was last
/// named in full (by its name or a global alias), on a clock that only moves forward.
#[derive(Debug, Default)]
pub(crate) struct DocState {
    last_full: rustc_hash::FxHashMap<u32, u64>,
    clock: u64,
    /// Units of matching work so far (see [`POLL_EVERY`]).
    work: usize,
}

impl DocState {
    /// When `entry` was last named in full, on the document's clock, if it was.
    pub(crate) fn last_full(&self, entry: u32) -> Option<u64> {
        self.last_full.get(&entry).copied()
    }
}

/// One reading of a candidate span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Reading {
    pub(crate) entry: u32,
    pub(crate) form: u32,
    /// Read through a document-scoped alias (a partial name).
    pub(crate) scoped: bool,
}

/// A span with every reading that passed its checks, in original byte offsets (half-open).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Candidate {
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// Inline for the usual one or two readings: a heap allocation per mention was a fifth of
    /// extraction time.
    pub(crate) readings: SmallVec<[Reading; 2]>,
    /// For a partial name, the entry among its scoped readings named in full most recently
    /// before this point (decided now: a later full name must not change an earlier link).
    pub(crate) recent_full: Option<u32>,
}

impl Candidate {
    /// A partial-name mention: some reading is a document-scoped alias of an entry already named.
    pub(crate) fn is_partial(&self) -> bool {
        self.recent_full.is_some()
    }
}

impl Matcher {
    pub(crate) fn new(entries: &[Entry]) -> Result<Matcher, BuildError> {
        // The build's peak memory is here: a million entries make 2.5 million forms. Each
        // pattern's string lives once (in the map until the end), a pattern's usual single
        // reading and a name's few capitals are inline, not allocations of their own.
        // Sized for every form up front: growing by doubling (and rehashing) would hold old and
        // new tables at once at the worst moment.
        let forms: usize = entries.iter().map(|e| 1 + e.aliases.len()).sum();
        let mut refs: PerPattern = Vec::with_capacity(forms);
        let mut by_pattern: rustc_hash::FxHashMap<String, usize> = Default::default();
        by_pattern.reserve(forms);
        for (ei, e) in entries.iter().enumerate() {
            for (fi, (form, policy, scope)) in e.forms().enumerate() {
                // Entries reaching here were validated by the parser.
                let Ok(folded) = validate_alias(form) else {
                    continue;
                };
                let next = refs.len();
                let pid = *by_pattern.entry(folded).or_insert(next);
                if pid == next {
                    refs.push(SmallVec::new());
                }
                if fi > AliasRef::FORM as usize {
                    return Err(BuildError::TooLarge);
                }
                let r = FormRef {
                    entry: ei as u32,
                    form: fi as u32,
                    policy,
                    scoped: scope == Scope::Document,
                };
                let mut profile = case_profile(form.trim());
                // Only capitals constrain a proper-case form (its lower-case letters agree
                // with anything).
                if policy == CasePolicy::Proper {
                    profile.retain(|&mut (_, case)| case == Case::Upper);
                }
                // One entry listing the same form twice adds nothing; forms differing only in
                // diacritics (`Zoë`, `Zoe`) both stay, for requests that keep diacritics.
                let duplicate = refs[pid].iter().any(|(x, x_profile)| {
                    x.entry == r.entry
                        && x.policy == r.policy
                        && x.scoped == r.scoped
                        && *x_profile == profile
                        && fold_alias_strict(e.form(x.form as usize)) == fold_alias_strict(form)
                });
                if !duplicate {
                    refs[pid].push((r, profile));
                }
            }
        }
        let mut patterns = vec![String::new(); refs.len()];
        for (pattern, pid) in by_pattern {
            patterns[pid] = pattern;
        }
        // Automaton patterns first, phrases after: an automaton pattern id is the pattern id.
        // Reordered by moving, not copying: at a million entries each copy of these two was
        // ~200 MB of peak.
        let (automaton, phrase_ids): (Vec<usize>, Vec<usize>) =
            (0..patterns.len()).partition(|&i| !is_phrase(&patterns[i]));
        let automaton_len = automaton.len();
        let order = automaton.into_iter().chain(phrase_ids);
        let (patterns, refs): (Vec<String>, PerPattern) = order
            .map(|i| {
                (
                    std::mem::take(&mut patterns[i]),
                    std::mem::take(&mut refs[i]),
                )
            })
            .unzip();
        let nfa = if automaton_len == 0 {
            None
        } else {
            Some(
                contiguous::Builder::new()
                    .match_kind(MatchKind::Standard)
                    .build(&patterns[..automaton_len])?,
            )
        };
        if refs.iter().map(SmallVec::len).sum::<usize>() > u32::MAX as usize {
            return Err(BuildError::TooLarge);
        }
        let (readings, starts) = Readings::flatten(refs, automaton_len);
        // A phrase is named by its first reading.
        let phrase_list: Vec<(usize, &str)> = patterns
            .iter()
            .enumerate()
            .skip(automaton_len)
            .map(|(i, p)| (starts[i] as usize, p.as_str()))
            .collect();
        drop(starts);
        let (phrases, phrase_words) =
            Phrases::new(&phrase_list).map_err(|_| BuildError::TooLarge)?;
        let first_words = FirstWords::new(
            patterns[..automaton_len].iter().map(String::as_str),
            nfa.as_ref(),
            phrase_words.into_iter(),
        );
        Ok(Matcher {
            nfa,
            phrases,
            readings,
            first_words,
        })
    }
}

/// Why a matcher could not be built.
#[derive(Debug, thiserror::Error)]
pub(crate) enum BuildError {
    #[error(transparent)]
    Automaton(#[from] aho_corasick::BuildError),
    #[error("the gazetteer's phrases exceed 4 GiB or 2^31 forms, or an entry has 2^27 forms")]
    TooLarge,
}

impl Readings {
    /// The readings of every pattern, and the first reading of each. Only the first
    /// `automaton_len` starts are kept (the automaton's patterns come first); the caller gives
    /// phrases theirs.
    fn flatten(per_pattern: PerPattern, automaton_len: usize) -> (Readings, Vec<u32>) {
        // Sized exactly up front: mimalloc's `shrink_to_fit` keeps a block that shrinks by less
        // than half where it is, so a doubled `Vec` would stay up to twice its size.
        let mut out = Readings {
            starts: Vec::with_capacity(automaton_len),
            refs: Vec::with_capacity(per_pattern.iter().map(SmallVec::len).sum()),
            profiles: Vec::new(),
            profile_starts: vec![0],
            exact_masks: Vec::new(),
        };
        let mut starts = Vec::with_capacity(per_pattern.len());
        for list in per_pattern {
            starts.push(out.refs.len() as u32);
            for (r, profile) in list {
                let r = AliasRef::new(r, &profile, &mut out);
                out.refs.push(r);
            }
            if let Some(last) = out.refs.last_mut() {
                last.bits |= AliasRef::LAST;
            }
        }
        out.starts.extend_from_slice(&starts[..automaton_len]);
        out.profiles.shrink_to_fit();
        out.profile_starts.shrink_to_fit();
        out.exact_masks.shrink_to_fit();
        (out, starts)
    }
}

/// One layer of a gazetteer for a search: its matcher, where its entries start in the combined
/// entry table, and which of its entries are hidden (deleted or replaced by a later layer).
#[derive(Clone, Copy)]
pub(crate) struct Layer<'a> {
    pub(crate) matcher: &'a Matcher,
    pub(crate) offset: u32,
    pub(crate) hidden: Option<&'a HashSet<u32>>,
}

/// Appends to `out` the candidates in `text` (leftmost-longest and non-overlapping, or all of
/// them), in order of start, longest first, over all `layers` as if they were one gazetteer:
/// every layer's automaton is walked from each start, and readings of the same span from
/// different layers are one candidate. `folded` must be `fold(text)`; `state` tracks full
/// mentions across a document's fields, so pass the same one for every field, in order.
///
/// The work is linear in the text: at each start, words are read no further than the longest
/// name could reach. It is counted, and every [`POLL_EVERY`] units `options.interrupt` is asked
/// whether to go on.
#[allow(clippy::too_many_arguments)]
pub(crate) fn find(
    layers: &[Layer<'_>],
    entries: EntryTable<'_>,
    text: &str,
    folded: &Folded,
    options: &MatchOptions<'_>,
    state: &mut DocState,
    out: &mut Vec<Candidate>,
) -> Result<(), Interrupted> {
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
    let mut refs: Vec<(&Layer<'_>, &[AliasRef])> = Vec::new();
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
    /// pattern's first reading (see [`Readings`]). `word` is the ASCII word at `p`, when
    /// [`Check::ascii_word`] found one: it is looked up once, and the automaton walk jumps past
    /// it (see [`first_words`]).
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
                let Some(first) = self.first_words.get(word) else {
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

impl DocState {
    /// Records a full mention: every reading of a span with no partial reading.
    fn note(&mut self, c: &Candidate) {
        if c.is_partial() {
            return;
        }
        for r in &c.readings {
            self.last_full.insert(r.entry, self.clock);
        }
        self.clock += 1;
    }
}

/// The checks of one search.
struct Check<'a> {
    entries: EntryTable<'a>,
    text: &'a str,
    folded: &'a Folded,
    options: &'a MatchOptions<'a>,
    /// Units of work done beyond stepping over the text (see [`POLL_EVERY`]).
    work: std::cell::Cell<usize>,
}

impl<'a> Check<'a> {
    /// Counts `units` of work.
    fn spend(&self, units: usize) {
        self.work.set(self.work.get() + units);
    }

    /// Can a name start at folded byte `p`? Only at an original character's first byte, and not
    /// inside a word.
    fn may_start(&self, p: usize) -> bool {
        let o = self.folded.original_offset(p);
        let original = self.text.as_bytes();
        // Inside an ASCII word, the common case, decided without decoding characters: two ASCII
        // letters or digits are never a boundary (ASCII bytes are never parts of other chars).
        if o > 0
            && o < original.len()
            && original[o - 1].is_ascii_alphanumeric()
            && original[o].is_ascii_alphanumeric()
        {
            return false;
        }
        // An ASCII letter or digit after an ASCII non-word byte (or at the start) begins a word:
        // it folds to exactly one byte, here, and ASCII punctuation is no word character.
        if o < original.len()
            && original[o].is_ascii_alphanumeric()
            && (o == 0 || original[o - 1].is_ascii())
        {
            return true;
        }
        if self.folded.as_str().as_bytes()[p] == b' ' || !self.folded.is_char_start(p) {
            return false;
        }
        is_boundary(
            self.text[..o].chars().next_back(),
            self.text[o..].chars().next(),
        )
    }

    /// The ASCII word (run of ASCII letters and digits) starting at folded byte `p`, when it is
    /// made of the original text's own ASCII bytes and followed by an ASCII byte or the end.
    /// Only then is there surely no word boundary inside it: a character such as `™` folds to
    /// ASCII letters (`tm`) yet is no letter, so a name may end or start beside it.
    fn ascii_word(&self, p: usize) -> Option<&'a [u8]> {
        let hay = self.folded.as_str().as_bytes();
        if self.folded.is_identity() {
            return ascii_word(&hay[p..]);
        }
        let o = self.folded.original_offset(p);
        ascii_word_in(&hay[p..], &self.text.as_bytes()[o..])
    }

    /// Where a name may end in the run of ASCII letters and digits starting at folded byte `q`:
    /// the run's end (returned first), and, lazily and in order, every character start in the
    /// run where the original text might have a word boundary, then the run's end. There is none
    /// inside a run made of the original's own ASCII bytes; otherwise (`™` folds to `tm` but is
    /// no letter) every position not between two original ASCII letters or digits is offered,
    /// and [`Check::candidate`] decides.
    ///
    /// Only ends up to `cap` are offered, and the run is read no further than `cap + 1`: a run
    /// longer than any name (`ﬁﬁﬁ…` folds to one run `fifi…`) must not be read to its end, nor
    /// offered at each of its characters, from every start. The returned end is then past
    /// `cap` and not offered. Lazily, because the caller stops at the first end no key goes
    /// on from.
    fn word_ends(&self, q: usize, cap: usize) -> (usize, impl Iterator<Item = usize> + '_) {
        let hay = self.folded.as_str().as_bytes();
        let readable = hay.len().min(cap.saturating_add(1)).max(q);
        let run_end = q + ascii_run(&hay[q..readable]);
        self.spend(run_end - q);
        let original = self.text.as_bytes();
        let own = self.folded.is_identity() || {
            let (from, to) = (
                self.folded.original_offset(q),
                self.folded.original_offset(run_end),
            );
            to - from == run_end - q && original[from..to].iter().all(u8::is_ascii_alphanumeric)
        };
        let inside = (q + 1..if own { q + 1 } else { run_end.min(cap + 1) }).filter(move |&i| {
            if !self.folded.is_char_start(i) {
                return false;
            }
            let o = self.folded.original_offset(i);
            !(original[o - 1].is_ascii_alphanumeric() && original[o].is_ascii_alphanumeric())
        });
        (run_end, inside.chain((run_end <= cap).then_some(run_end)))
    }

    /// The candidate `[p, end)` (folded bytes) with the readings of `refs` that pass: it must
    /// end on a character and a word boundary, and each reading its case policy, namespace,
    /// diacritics and scope.
    fn candidate(
        &self,
        refs: &[(&Layer<'_>, &[AliasRef])],
        p: usize,
        end: usize,
        state: &DocState,
    ) -> Option<Candidate> {
        let (text, folded) = (self.text, self.folded);
        if !folded.is_char_start(end) {
            return None;
        }
        let start = folded.original_offset(p);
        let last = folded.original_offset(end - 1);
        let last_char = text[last..].chars().next()?;
        let mut orig_end = last + last_char.len_utf8();
        // Diacritics dropped by folding belong to the letter before them.
        while let Some(c) = text[orig_end..].chars().next().filter(|&c| is_diacritic(c)) {
            orig_end += c.len_utf8();
        }
        let before_end = text[..orig_end].chars().next_back();
        if !is_boundary(before_end, text[orig_end..].chars().next()) {
            return None;
        }
        let mut readings: SmallVec<[Reading; 2]> = SmallVec::new();
        for (layer, r) in refs
            .iter()
            .flat_map(|(l, rs)| rs.iter().map(move |r| (*l, r)))
        {
            if layer.hidden.is_some_and(|h| h.contains(&r.entry)) {
                continue;
            }
            let id = layer.offset + r.entry;
            let entry = self.entries.get(id as usize);
            let ok = (!r.scoped() || state.last_full(id).is_some())
                && (self.options.namespaces.is_empty()
                    || self
                        .options
                        .namespaces
                        .binary_search(&entry.namespace())
                        .is_ok())
                && case_ok(r, layer.matcher.readings.case_check(r), text, folded, p)
                && (self.options.fold_diacritics
                    || fold_alias_strict(&text[start..orig_end])
                        == fold_alias_strict(entry.form(r.form() as usize)))
                && !readings.iter().any(|x| x.entry == id);
            if ok {
                readings.push(Reading {
                    entry: id,
                    form: r.form(),
                    scoped: r.scoped(),
                });
            }
        }
        if readings.is_empty() {
            return None;
        }
        let recent_full = readings
            .iter()
            .filter(|r| r.scoped)
            .filter_map(|r| state.last_full(r.entry).map(|clock| (clock, r.entry)))
            .max()
            .map(|(_, e)| e);
        Some(Candidate {
            start,
            end: orig_end,
            readings,
            recent_full,
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

fn case_ok(r: &AliasRef, check: CaseCheck<'_>, text: &str, folded: &Folded, p: usize) -> bool {
    let policy = r.policy();
    let agrees = |off: u32, want: Case| {
        let o = folded.original_offset(p + off as usize);
        let got = text[o..].chars().next().and_then(Case::of);
        match policy {
            CasePolicy::Proper => want != Case::Upper || got == Some(Case::Upper),
            CasePolicy::Exact => got == Some(want),
            CasePolicy::Insensitive => true,
        }
    };
    let bits_agree = |mut mask: u32, want: Case| {
        while mask != 0 {
            if !agrees(mask.trailing_zeros(), want) {
                return false;
            }
            mask &= mask - 1;
        }
        true
    };
    match check {
        CaseCheck::Any => true,
        CaseCheck::Masks(upper, lower) => {
            bits_agree(upper, Case::Upper) && bits_agree(lower, Case::Lower)
        }
        // (A proper-case form's lower-case letters agree with anything.)
        CaseCheck::Profile(profile) => profile.iter().all(|&(off, want)| agrees(off, want)),
    }
}

/// For each cased character of `alias`, its offset in the folded alias and its case.
fn case_profile(alias: &str) -> Profile {
    let folded = crate::normalize::fold(alias);
    let mut out = Profile::new();
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
    out
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
