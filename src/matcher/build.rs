//! Building a matcher: each form folded, its readings grouped by pattern, automaton patterns
//! split from phrases, and the readings packed.

use aho_corasick::nfa::contiguous;
use aho_corasick::MatchKind;
use smallvec::SmallVec;

use super::first_words::{ascii_word, FirstWords};
use super::phrases::{is_phrase, Phrases};
use super::readings::{case_profile, FormRef, PatternReading, PerPattern, Profile, Readings};
use super::Matcher;
use crate::gazetteer::{validate_alias, CasePolicy, Entry, Scope};
use crate::normalize::{fold_alias_strict, Case};

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
                if fi > PatternReading::FORM as usize {
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
        // First words some reading of which may start in lower case (`the` of a `the Hague`
        // alias); every other first word is read only where the text capitalises it.
        let lower_starts: rustc_hash::FxHashSet<&[u8]> = patterns
            .iter()
            .zip(&refs)
            .filter(|(_, list)| !list.iter().all(|(r, profile)| capital_first(r, profile)))
            .filter_map(|(p, _)| ascii_word(p.as_bytes()))
            .collect();
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
            |word| !lower_starts.contains(word),
        );
        Ok(Matcher {
            nfa,
            phrases,
            readings,
            first_words,
        })
    }
}

/// Whether a reading matches only where the text's first character is a capital: a proper- or
/// exact-case form whose first folded byte comes from a capital.
fn capital_first(r: &FormRef, profile: &Profile) -> bool {
    r.policy != CasePolicy::Insensitive
        && profile
            .iter()
            .any(|&(off, case)| off == 0 && case == Case::Upper)
}

/// Why a matcher could not be built.
#[derive(Debug, thiserror::Error)]
pub(crate) enum BuildError {
    /// aho-corasick refused the patterns (its own size limits).
    #[error(transparent)]
    Automaton(#[from] aho_corasick::BuildError),
    /// An offset or count would overflow the 32-bit fields that keep the tables small.
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
                let r = PatternReading::new(r, &profile, &mut out);
                out.refs.push(r);
            }
            if let Some(last) = out.refs.last_mut() {
                last.bits |= PatternReading::LAST;
            }
        }
        out.starts.extend_from_slice(&starts[..automaton_len]);
        out.profiles.shrink_to_fit();
        out.profile_starts.shrink_to_fit();
        out.exact_masks.shrink_to_fit();
        (out, starts)
    }
}
