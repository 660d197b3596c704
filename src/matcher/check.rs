//! The checks of one search: where a name may start and end, and which readings of a span
//! pass their case, namespace, diacritics and scope checks.

use smallvec::SmallVec;

use super::first_words::{ascii_run, ascii_word, ascii_word_in};
use super::readings::{case_ok, PatternReading};
use super::search::SearchLayer;
use super::{Candidate, DocState, MatchOptions, Reading};
use crate::gazetteer::EntryTable;
use crate::normalize::{fold_alias_strict, is_boundary, is_diacritic, Folded};

/// The checks of one search.
pub(super) struct Check<'a> {
    pub(super) entries: EntryTable<'a>,
    pub(super) text: &'a str,
    pub(super) folded: &'a Folded,
    pub(super) options: &'a MatchOptions<'a>,
    /// Units of work done beyond stepping over the text (see [`POLL_EVERY`](super::POLL_EVERY)).
    pub(super) work: std::cell::Cell<usize>,
}

impl<'a> Check<'a> {
    /// Counts `units` of work.
    pub(super) fn spend(&self, units: usize) {
        self.work.set(self.work.get() + units);
    }

    /// Can a name start at folded byte `p`? Only at an original character's first byte, and not
    /// inside a word.
    pub(super) fn may_start(&self, p: usize) -> bool {
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
    pub(super) fn ascii_word(&self, p: usize) -> Option<&'a [u8]> {
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
    pub(super) fn word_ends(
        &self,
        q: usize,
        cap: usize,
    ) -> (usize, impl Iterator<Item = usize> + '_) {
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
    pub(super) fn candidate(
        &self,
        refs: &[(&SearchLayer<'_>, &[PatternReading])],
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
