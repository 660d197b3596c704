//! What a pattern means, packed: each reading's entry, form and case check in 12 bytes, in flat
//! arrays shared by the phrase table and the automaton, and the case checks run against the text.

use smallvec::SmallVec;

use crate::gazetteer::CasePolicy;
use crate::normalize::{Case, Folded};

/// One way a pattern can be read: which entry and form it names, and how its case must be
/// checked. 12 bytes: there are two or three per entry, so at a million entries each byte here
/// is 2.5 MB.
#[derive(Debug, Clone, Copy)]
pub(super) struct PatternReading {
    pub(super) entry: u32,
    /// The form's index in its entry (low 27 bits), then [`PatternReading::LAST`],
    /// [`PatternReading::SCOPED`], [`PatternReading::PROFILED`] and the case policy in the top
    /// two bits.
    pub(super) bits: u32,
    /// How the case is checked, for a form whose cased characters all lie in its first 32
    /// folded bytes (bit `i` of a mask: the character producing folded byte `i`):
    /// - proper case (most names): the capitals as a mask, checked without another load;
    /// - exact case (acronyms), which needs its lower-case letters too: the index of its
    ///   (upper, lower) masks in [`Readings`].
    ///
    /// With [`PatternReading::PROFILED`] (longer forms), the index of the form's profile there.
    pub(super) case: u32,
}

const _: () = assert!(std::mem::size_of::<PatternReading>() == 12);

/// A reading while the matcher is built, before its case profile is placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct FormRef {
    pub(super) entry: u32,
    pub(super) form: u32,
    pub(super) policy: CasePolicy,
    pub(super) scoped: bool,
}

impl PatternReading {
    pub(super) const FORM: u32 = (1 << 27) - 1;
    /// The last reading of its pattern.
    pub(super) const LAST: u32 = 1 << 27;
    pub(super) const SCOPED: u32 = 1 << 28;
    pub(super) const PROFILED: u32 = 1 << 29;
    pub(super) const POLICY_SHIFT: u32 = 30;

    pub(super) fn new(
        f: FormRef,
        profile: &[(u32, Case)],
        readings: &mut Readings,
    ) -> PatternReading {
        let mut r = PatternReading {
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

    pub(super) fn form(&self) -> u32 {
        self.bits & Self::FORM
    }

    pub(super) fn scoped(&self) -> bool {
        self.bits & Self::SCOPED != 0
    }

    pub(super) fn policy(&self) -> CasePolicy {
        CasePolicy::from_bits((self.bits >> Self::POLICY_SHIFT) as u8)
    }
}

/// What every pattern means, in flat arrays. A pattern's readings are consecutive in `refs`,
/// the last one marked [`PatternReading::LAST`], and are named by the index of the first:
/// phrases keep that index in their [`Node`](super::key::Node); automaton patterns find it in
/// `starts`, by pattern id.
/// (A `Vec` per pattern and a boxed profile per reading cost two dependent cache misses per
/// match and about 80 bytes per alias; a start per phrase, 8 bytes per entry at a million.)
#[derive(Debug)]
pub(super) struct Readings {
    /// The first reading of each automaton pattern.
    pub(super) starts: Vec<u32>,
    pub(super) refs: Vec<PatternReading>,
    /// (offset in the folded alias, case of the original character that produced it), for each
    /// cased character of each profiled reading's form; profile `k` is
    /// `profiles[profile_starts[k]..profile_starts[k + 1]]`.
    pub(super) profiles: Vec<(u32, Case)>,
    pub(super) profile_starts: Vec<u32>,
    /// (upper, lower) masks of short exact-case forms: a profile of their own cost 8 bytes per
    /// letter, 22 MB at a million entries with acronyms.
    pub(super) exact_masks: Vec<(u32, u32)>,
}

/// How one reading's case is checked.
pub(super) enum CaseCheck<'a> {
    /// Case-insensitive form: any case matches.
    Any,
    /// These folded offsets' characters must be upper case, and these lower case.
    Masks(u32, u32),
    /// An exact-case form too long for the masks: each (folded offset, case) must agree.
    Profile(&'a [(u32, Case)]),
}

/// A form's case profile while the matcher is built (see `case_profile`).
pub(super) type Profile = SmallVec<[(u32, Case); 4]>;

/// Readings while the matcher is built: per pattern, each reading with its case profile.
pub(super) type PerPattern = Vec<SmallVec<[(FormRef, Profile); 1]>>;

impl Readings {
    /// The readings whose first is `refs[first]`.
    pub(super) fn list(&self, first: usize) -> &[PatternReading] {
        let rest = &self.refs[first..];
        let n = rest
            .iter()
            .position(|r| r.bits & PatternReading::LAST != 0)
            .map_or(rest.len(), |i| i + 1);
        &rest[..n]
    }

    pub(super) fn case_check(&self, r: &PatternReading) -> CaseCheck<'_> {
        let k = r.case as usize;
        if r.bits & PatternReading::PROFILED != 0 {
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

pub(super) fn case_ok(
    r: &PatternReading,
    check: CaseCheck<'_>,
    text: &str,
    folded: &Folded,
    p: usize,
) -> bool {
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
pub(super) fn case_profile(alias: &str) -> Profile {
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
