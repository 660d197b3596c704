//! The first words of patterns: a walk from a word start looks its first word up once, and learns
//! both where the automaton stands after it and which phrases begin with it.
//!
//! A "word" here is a run of ASCII letters and digits. Between two of them there is never a word
//! boundary when they are the original text's own bytes (`Check::ascii_word` makes sure), so a
//! match starting at a word start `p` cannot end inside the text's word there: any pattern found
//! must begin with exactly that word, followed by a non-word byte or by its own end. When no
//! pattern begins with the word — most word starts in news text ("said", "the") — there is
//! nothing to do. When some do, the automaton walk resumes from the state after the word and the
//! phrase walk from the word's node. Either way the state loads of the first trie levels are
//! saved; in a large automaton they are cache misses (a `perf annotate` of `find` put a quarter
//! of its samples on one state load).
//!
//! Two structures: a one-hash Bloom filter, small enough to stay in cache, answers the usual
//! "no"; an open-addressing table keyed by the word (inline when it has at most 8 bytes) gives
//! the rest.

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::nfa::contiguous;
use aho_corasick::Anchored;

use super::key::{hash, hash_packed, pack, Node};
use super::open_table::Probe;

#[derive(Debug)]
pub(super) struct FirstWords {
    bits: Vec<u64>,
    shift: u32,
    slots: Vec<Slot>,
    probe: Probe,
    /// Words longer than 8 bytes, referenced by offset from their slots.
    long_keys: Vec<u8>,
    /// The longest word, in bytes: a text word longer than that is no first word.
    longest: usize,
    /// The words some pattern of which may start in lower case, as a Bloom filter (bits,
    /// shift): a text word in lower case (most words of news) is looked up in the table only
    /// when this filter has it, a few hundred words instead of every first word.
    lower: (Vec<u64>, u32),
    /// The words' proper prefixes, as a Bloom filter (bits, shift): a walk reading a text word
    /// one possible end at a time stops as soon as no first word goes on from what it has read.
    /// Without it, a text where every character may start and end a name (`a™a™…`, `™` folding
    /// to `tm`) made every start look up every prefix up to the longest word.
    prefixes: (Vec<u64>, u32),
}

/// One first word; `len == 0` marks an empty slot. 20 bytes: the key is split in two halves so
/// that nothing here needs 8-byte alignment (with a `u64` the slot was padded to 24).
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    /// The word's bytes, little-endian and zero-padded, or its offset in `long_keys`: low and
    /// high halves.
    key: [u32; 2],
    /// The word's length, and [`Slot::CAPITAL`].
    len: u32,
    /// The automaton state after the word, or `u32::MAX` when no automaton pattern starts with it.
    state: u32,
    /// The word as the first word of phrases.
    node: Node,
}

const _: () = assert!(std::mem::size_of::<Slot>() == 20);

impl Slot {
    /// In `len`: every pattern starting with the word needs a capital first letter.
    const CAPITAL: u32 = 1 << 31;

    fn len(&self) -> usize {
        (self.len & !Self::CAPITAL) as usize
    }
}

/// What is known of a first word.
#[derive(Debug, Clone, Copy)]
pub(super) struct FirstWord {
    /// Where the automaton stands after the word, if an automaton pattern starts with it.
    pub(super) state: Option<StateID>,
    /// The word as a phrase prefix (a one-word phrase, and whether longer ones follow).
    pub(super) node: Node,
}

impl FirstWords {
    /// Bloom filter bits per distinct first word: a few percent false positives, and small
    /// enough to stay in cache (sizing it per pattern instead, twice as large, was 2-4% slower).
    const BITS_PER_WORD: usize = 16;

    /// The table for the first words of `automaton_patterns` (those that have an ASCII first
    /// word, with the state after it in `nfa`) and of phrases (`phrase_words`, each first word
    /// with its node); `capital(word)` says whether every pattern starting with the word needs a
    /// capital first letter.
    pub(super) fn new<'p>(
        automaton_patterns: impl Iterator<Item = &'p str>,
        nfa: Option<&contiguous::NFA>,
        phrase_words: impl Iterator<Item = (&'p [u8], Node)>,
        capital: impl Fn(&[u8]) -> bool,
    ) -> FirstWords {
        let mut words: rustc_hash::FxHashMap<&[u8], (u32, Node)> = Default::default();
        if let Some(nfa) = nfa {
            for word in automaton_patterns.filter_map(|p| ascii_word(p.as_bytes())) {
                // A prefix of a pattern: the anchored walk over it never dies.
                if let Some(state) = state_after(nfa, word) {
                    words.entry(word).or_insert((u32::MAX, Node::NONE)).0 = state.as_u32();
                }
            }
        }
        for (word, node) in phrase_words {
            let slot = words.entry(word).or_insert((u32::MAX, Node::NONE));
            slot.1 = slot.1.merge(node);
        }
        // 4 KiB to 2 MiB.
        let log2 = (words.len().max(1) * Self::BITS_PER_WORD)
            .next_power_of_two()
            .trailing_zeros()
            .clamp(15, 24);
        let mut prefixes: rustc_hash::FxHashSet<&[u8]> = Default::default();
        for w in words.keys() {
            prefixes.extend((1..w.len()).map(|k| &w[..k]));
        }
        // Half the bits per key of the words' filter: a false "goes on" costs one more lookup.
        let prefix_log2 = (prefixes.len().max(1) * Self::BITS_PER_WORD / 2)
            .next_power_of_two()
            .trailing_zeros()
            .clamp(12, 24);
        let mut prefix_bits = vec![0u64; 1 << (prefix_log2 - 6)];
        for prefix in prefixes {
            let bit = bloom_bit(hash(prefix), 64 - prefix_log2);
            prefix_bits[bit >> 6] |= 1 << (bit & 63);
        }
        let lower_words: Vec<&[u8]> = words.keys().copied().filter(|w| !capital(w)).collect();
        let lower_log2 = (lower_words.len().max(1) * Self::BITS_PER_WORD)
            .next_power_of_two()
            .trailing_zeros()
            .clamp(12, 24);
        let mut lower_bits = vec![0u64; 1 << (lower_log2 - 6)];
        for w in lower_words {
            let bit = bloom_bit(hash(w), 64 - lower_log2);
            lower_bits[bit >> 6] |= 1 << (bit & 63);
        }
        let probe = Probe::for_keys(words.len());
        let mut table = FirstWords {
            bits: vec![0; 1 << (log2 - 6)],
            shift: 64 - log2,
            slots: vec![Slot::default(); probe.len()],
            probe,
            long_keys: Vec::new(),
            longest: words.keys().map(|w| w.len()).max().unwrap_or(0),
            lower: (lower_bits, 64 - lower_log2),
            prefixes: (prefix_bits, 64 - prefix_log2),
        };
        let mut words: Vec<_> = words.into_iter().collect();
        // Insertion order decides probe order: keep builds identical from run to run.
        words.sort_unstable_by_key(|&(w, _)| w);
        for (word, (state, node)) in words {
            let hash = hash(word);
            let bit = table.bloom_bit(hash);
            table.bits[bit >> 6] |= 1 << (bit & 63);
            let key = if word.len() <= 8 {
                pack(word)
            } else {
                let at = table.long_keys.len() as u64;
                table.long_keys.extend_from_slice(word);
                at
            };
            let mut i = probe.home(hash);
            while table.slots[i].len != 0 {
                i = probe.next(i);
            }
            let flag = if capital(word) { Slot::CAPITAL } else { 0 };
            table.slots[i] = Slot {
                key: split(key),
                len: word.len() as u32 | flag,
                state,
                node,
            };
        }
        table.long_keys.shrink_to_fit();
        table
    }

    fn bloom_bit(&self, hash: u64) -> usize {
        bloom_bit(hash, self.shift)
    }

    /// False when no first word is longer than `prefix` and starts with it (true may be wrong).
    pub(super) fn goes_on(&self, prefix: &[u8]) -> bool {
        let (bits, shift) = &self.prefixes;
        let bit = bloom_bit(hash(prefix), *shift);
        bits[bit >> 6] & (1 << (bit & 63)) != 0
    }

    /// The length of the longest first word, in bytes.
    pub(super) fn longest(&self) -> usize {
        self.longest
    }

    /// What some pattern starting with `word` needs, if one does.
    pub(super) fn get(&self, word: &[u8]) -> Option<FirstWord> {
        self.lookup(word, false)
    }

    /// [`FirstWords::get`] for a word that the text has in lower case: `None` also when every
    /// pattern starting with it needs a capital. `the` and `in` (of `The Hague`, `In Salah`)
    /// are then not walked on where the text has them in lower case, the usual case: they were
    /// a fifth of matching news.
    pub(super) fn get_lower(&self, word: &[u8]) -> Option<FirstWord> {
        self.lookup(word, true)
    }

    fn lookup(&self, word: &[u8], lower: bool) -> Option<FirstWord> {
        if word.is_empty() {
            return None;
        }
        // Most words have at most 8 bytes: packed once, for the hash and the key compare.
        let packed = (word.len() <= 8).then(|| pack(word));
        let hash = packed.map_or_else(|| hash(word), |k| hash_packed(k, word.len()));
        let (bits, bit) = if lower {
            (&self.lower.0, bloom_bit(hash, self.lower.1))
        } else {
            (&self.bits, self.bloom_bit(hash))
        };
        if bits[bit >> 6] & (1 << (bit & 63)) == 0 {
            return None;
        }
        let packed = packed.map(split);
        let mut i = self.probe.home(hash);
        loop {
            let s = self.slots[i];
            if s.len == 0 {
                return None;
            }
            if s.len() == word.len() {
                let same = match packed {
                    Some(k) => s.key == k,
                    None => {
                        let at = join(s.key) as usize;
                        self.long_keys[at..at + word.len()] == *word
                    }
                };
                if same {
                    if lower && s.len & Slot::CAPITAL != 0 {
                        return None;
                    }
                    return Some(FirstWord {
                        state: (s.state != u32::MAX)
                            .then(|| StateID::new_unchecked(s.state as usize)),
                        node: s.node,
                    });
                }
            }
            i = self.probe.next(i);
        }
    }
}

fn bloom_bit(hash: u64, shift: u32) -> usize {
    (hash.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> shift) as usize
}

fn state_after(nfa: &contiguous::NFA, word: &[u8]) -> Option<StateID> {
    let mut sid = nfa.start_state(Anchored::Yes).ok()?;
    for &b in word {
        sid = nfa.next_state(Anchored::Yes, sid, b);
        if nfa.is_dead(sid) {
            return None;
        }
    }
    Some(sid)
}

/// The leading run of ASCII letters and digits of `bytes`, if it is not empty and is followed by
/// an ASCII byte or nothing. (A pattern whose first word runs on into a non-ASCII byte is not in
/// the table; neither is such a text word, so it is walked.)
pub(super) fn ascii_word(bytes: &[u8]) -> Option<&[u8]> {
    word_of_run(bytes, ascii_run(bytes))
}

/// `bytes[..len]`, a run of ASCII letters and digits, as a word: not empty, and followed by an
/// ASCII byte or nothing.
fn word_of_run(bytes: &[u8], len: usize) -> Option<&[u8]> {
    let ends_in_ascii = bytes.get(len).is_none_or(u8::is_ascii);
    (len > 0 && ends_in_ascii).then(|| &bytes[..len])
}

/// [`ascii_word`] of `bytes`, folded text, when the bytes of `original` it came from (aligned at
/// the start) are ASCII letters and digits as well, i.e. the folded word is the original's own
/// bytes. One pass over both: a second loop cost a second mispredicted exit per word.
pub(super) fn ascii_word_in<'b>(bytes: &'b [u8], original: &[u8]) -> Option<&'b [u8]> {
    let mut len = 0;
    while len < bytes.len() && WORD_BYTE[bytes[len] as usize] {
        // Not the original's own bytes: no word here. Stopping at once matters: reading on to
        // the run's end from every start was quadratic in a run like `a™a™a™…` (`™` folds to
        // `tm`, and every `a` and `™` may start a name).
        if !original.get(len).is_some_and(|&b| WORD_BYTE[b as usize]) {
            return None;
        }
        len += 1;
    }
    word_of_run(bytes, len)
}

/// ASCII letters and digits, as a table: one load per byte instead of three range tests.
static WORD_BYTE: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// The length of the leading run of ASCII letters and digits of `bytes`. (Testing 8 bytes at
/// a time with SWAR range checks measured no faster: words are short.)
pub(super) fn ascii_run(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .position(|&b| !WORD_BYTE[b as usize])
        .unwrap_or(bytes.len())
}

fn split(key: u64) -> [u32; 2] {
    [key as u32, (key >> 32) as u32]
}

fn join(key: [u32; 2]) -> u64 {
    u64::from(key[0]) | u64::from(key[1]) << 32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_is_only_the_originals_own_bytes() {
        // "York™ said": folded "yorktm said", but "tm" is not the original's.
        assert_eq!(ascii_word_in(b"yorktm said", "York™ said".as_bytes()), None);
        assert_eq!(
            ascii_word_in(b"york said", b"York said"),
            Some(&b"york"[..])
        );
        // Followed by a non-ASCII byte: walked, not looked up.
        assert_eq!(ascii_word_in("ab中".as_bytes(), "ab中".as_bytes()), None);
        assert_eq!(ascii_word_in(b" york", b" York"), None);
        assert_eq!(ascii_word(b"g7, and"), Some(&b"g7"[..]));
    }

    #[test]
    fn a_word_in_lower_case_finds_only_what_may_start_in_lower_case() {
        let words: [&[u8]; 3] = [b"the", b"in", b"said"];
        let phrase_words = words.iter().map(|&w| (w, Node::continued()));
        let table = FirstWords::new(std::iter::empty(), None, phrase_words, |w| w != b"said");
        assert!(table.get(b"the").is_some());
        assert!(table.get_lower(b"the").is_none());
        assert!(table.get_lower(b"in").is_none());
        assert!(table.get_lower(b"said").is_some());
    }

    #[test]
    fn short_and_long_words_are_found_again() {
        let words: [&[u8]; 4] = [b"new", b"al", b"metropolitan", b"a"];
        let phrase_words = words.iter().map(|&w| (w, Node::NONE));
        let table = FirstWords::new(std::iter::empty(), None, phrase_words, |_| false);
        for w in words {
            assert!(table.get(w).is_some(), "{}", String::from_utf8_lossy(w));
        }
        assert!(
            table.get_lower(b"new").is_some(),
            "no word needs a capital here"
        );
        assert!(table.get(b"metropolitans").is_none());
        assert!(table.get(b"ne").is_none());
        assert!(table.get(b"").is_none());
    }
}
