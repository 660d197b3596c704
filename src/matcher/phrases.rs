//! Phrases: patterns made of ASCII words joined by spaces, hyphens, dots and apostrophes (`new
//! york`, `bashar al assad`, `un`, `al-masri`, `j. smith`, `o'brien`), matched a word at a time
//! through a hash table instead of the automaton.
//!
//! Most gazetteer forms are phrases. In the automaton each costs a state per byte, and a walk
//! loads a state per byte of text, most of them cache misses in a large gazetteer. Here a walk
//! costs one probe per word: the text's words from a word start are looked up as growing
//! prefixes (`bashar`, `bashar al`, `bashar al assad`), and stops at the first that no phrase
//! continues. The first word is looked up in [`FirstWords`](super::first_words::FirstWords);
//! this table holds the prefixes of two words or more.
//!
//! The result is the same as the automaton's: a phrase is reported at `p` exactly when the folded
//! text from `p` reads the phrase bytes. A phrase's words are maximal runs of ASCII letters and
//! digits and its joiners maximal runs of [`is_joiner`] bytes, so where the text reads the
//! phrase, its own runs end where the phrase's do (but for the last word, below), and the walk
//! only has to look up the text's prefixes at the ends of its runs. Where the text's run of
//! ASCII letters and digits may hold a
//! word boundary (a `™` folds to `tm` but is no letter), the caller offers every such end of the
//! word (`Check::word_ends`), so a phrase may end there as it could in the automaton.

use super::key::{hash, Node};
use super::open_table::Probe;

/// A byte that joins the words of a phrase: a space, a hyphen, a dot or an apostrophe (as
/// folding writes them).
pub(super) fn is_joiner(b: u8) -> bool {
    matches!(b, b' ' | b'-' | b'.' | b'\'')
}

/// Is `pattern` (a folded alias) a phrase: ASCII words (letters and digits) joined by
/// [`is_joiner`] bytes, beginning and ending with a word?
pub(super) fn is_phrase(pattern: &str) -> bool {
    let b = pattern.as_bytes();
    !b.is_empty()
        && b.iter().all(|&c| c.is_ascii_alphanumeric() || is_joiner(c))
        && b[0].is_ascii_alphanumeric()
        && b[b.len() - 1].is_ascii_alphanumeric()
}

/// A phrase's first word and its node.
pub(super) type FirstWordNode<'p> = (&'p [u8], Node);

/// Every prefix of two words or more of the phrases, with its node.
#[derive(Debug, Default)]
pub(super) struct Phrases {
    slots: Vec<Slot>,
    probe: Probe,
    /// The phrases' bytes; each slot's key is a prefix of one of them.
    text: Vec<u8>,
    /// The longest phrase, in bytes: no prefix is longer, so a walk stops reading a word there
    /// (a text word as long as the whole input must not be hashed at each of its ends).
    longest: usize,
}

/// One prefix; `len == 0` marks an empty slot. 12 bytes.
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    /// The top 16 bits of the key's hash: most probes for absent keys end here without touching
    /// `text`.
    tag: u16,
    /// Folded aliases are far shorter than 64 KiB (`MAX_ALIAS_BYTES`; `new` checks).
    len: u16,
    at: u32,
    node: Node,
}

const _: () = assert!(std::mem::size_of::<Slot>() == 12);

fn tag(hash: u64) -> u16 {
    (hash >> 48) as u16
}

impl Phrases {
    /// The table of `phrases` (id, phrase), and each phrase's first word with its node
    /// (for [`FirstWords`](super::first_words::FirstWords)).
    pub(super) fn new<'p>(
        phrases: &[(usize, &'p str)],
    ) -> Result<(Phrases, Vec<FirstWordNode<'p>>), TooLarge> {
        let mut firsts = Vec::with_capacity(phrases.len());
        let mut prefixes: rustc_hash::FxHashMap<&[u8], (u32, Node)> = Default::default();
        let mut text = Vec::new();
        for &(pid, phrase) in phrases {
            // A node keeps the id in 31 bits.
            if pid >= (Node::CONTINUES - 1) as usize {
                return Err(TooLarge);
            }
            let bytes = phrase.as_bytes();
            if bytes.len() > usize::from(u16::MAX) {
                return Err(TooLarge);
            }
            let at = u32::try_from(text.len()).map_err(|_| TooLarge)?;
            let mut kept = false;
            // Every word's end: a letter or digit followed by a joiner, and the phrase's end.
            let mut ends = bytes
                .windows(2)
                .enumerate()
                .filter(|&(_, w)| w[0].is_ascii_alphanumeric() && is_joiner(w[1]))
                .map(|(i, _)| i + 1)
                .chain([bytes.len()]);
            let first = ends.next().unwrap_or(bytes.len());
            let node = |end: usize| {
                if end == bytes.len() {
                    Node::complete(pid)
                } else {
                    Node::continued()
                }
            };
            firsts.push((&bytes[..first], node(first)));
            for end in ends {
                let slot = prefixes.entry(&bytes[..end]).or_insert_with(|| {
                    kept = true;
                    (at, Node::NONE)
                });
                slot.1 = slot.1.merge(node(end));
            }
            if kept {
                text.extend_from_slice(bytes);
            }
        }
        u32::try_from(text.len()).map_err(|_| TooLarge)?;
        let probe = Probe::for_keys(prefixes.len());
        let mut table = Phrases {
            slots: vec![Slot::default(); probe.len()],
            probe,
            text,
            longest: phrases.iter().map(|(_, p)| p.len()).max().unwrap_or(0),
        };
        let mut prefixes: Vec<_> = prefixes.into_iter().collect();
        // Insertion order decides probe order: keep builds identical from run to run.
        prefixes.sort_unstable_by_key(|&(k, _)| k);
        for (key, (at, node)) in prefixes {
            let h = hash(key);
            let mut i = probe.home(h);
            while table.slots[i].len != 0 {
                i = probe.next(i);
            }
            table.slots[i] = Slot {
                tag: tag(h),
                // A prefix of a phrase, checked above.
                len: key.len() as u16,
                at,
                node,
            };
        }
        table.text.shrink_to_fit();
        Ok((table, firsts))
    }

    /// The length of the longest phrase, in bytes.
    pub(super) fn longest(&self) -> usize {
        self.longest
    }

    /// The node of `prefix` (two words or more), or [`Node::NONE`].
    pub(super) fn get(&self, prefix: &[u8]) -> Node {
        if self.text.is_empty() {
            return Node::NONE;
        }
        let h = hash(prefix);
        let tag = tag(h);
        let mut i = self.probe.home(h);
        loop {
            let s = self.slots[i];
            if s.len == 0 {
                return Node::NONE;
            }
            if s.tag == tag && usize::from(s.len) == prefix.len() {
                let at = s.at as usize;
                if self.text[at..at + prefix.len()] == *prefix {
                    return s.node;
                }
            }
            i = self.probe.next(i);
        }
    }
}

/// The phrases' bytes passed 4 GiB, their ids 2^31, or one phrase 64 KiB.
#[derive(Debug)]
pub(super) struct TooLarge;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_know_what_ends_and_what_goes_on() {
        let (table, firsts) = Phrases::new(&[
            (0, "new york"),
            (1, "new york city"),
            (2, "bashar al assad"),
            (3, "york"),
        ])
        .expect("small");
        assert_eq!(table.get(b"new york").pattern(), Some(0));
        assert!(table.get(b"new york").continues());
        assert_eq!(table.get(b"new york city").pattern(), Some(1));
        assert!(!table.get(b"new york city").continues());
        assert_eq!(table.get(b"bashar al").pattern(), None);
        assert!(table.get(b"bashar al").continues());
        assert_eq!(table.get(b"bashar al assad").pattern(), Some(2));
        assert_eq!(table.get(b"new yor"), Node::NONE);
        assert_eq!(table.get(b"york city"), Node::NONE);
        let firsts: Vec<_> = firsts.iter().map(|(w, n)| (*w, n.pattern())).collect();
        assert_eq!(
            firsts,
            [
                (&b"new"[..], None),
                (b"new", None),
                (b"bashar", None),
                (b"york", Some(3))
            ]
        );
    }

    #[test]
    fn phrases_are_ascii_words_and_joiners() {
        assert!(is_phrase("new york"));
        assert!(is_phrase("g7"));
        assert!(is_phrase("al-assad"));
        assert!(is_phrase("j. smith"));
        assert!(is_phrase("u.s. army"));
        assert!(is_phrase("o'brien"));
        assert!(!is_phrase("u.s."));
        assert!(!is_phrase(" york"));
        assert!(!is_phrase("-york"));
        assert!(!is_phrase("zoë"));
        assert!(!is_phrase("at&t"));
        assert!(!is_phrase(""));
    }

    #[test]
    fn joined_words_are_prefixes_too() {
        let (table, firsts) =
            Phrases::new(&[(0, "j. smith"), (1, "al-masri"), (2, "u.s. army")]).expect("small");
        assert_eq!(table.get(b"j. smith").pattern(), Some(0));
        assert_eq!(table.get(b"al-masri").pattern(), Some(1));
        assert!(table.get(b"u.s").continues());
        assert_eq!(table.get(b"u.s").pattern(), None);
        assert_eq!(table.get(b"u.s. army").pattern(), Some(2));
        assert_eq!(table.get(b"j smith"), Node::NONE);
        let firsts: Vec<_> = firsts.iter().map(|(w, n)| (*w, n.continues())).collect();
        assert_eq!(firsts, [(&b"j"[..], true), (b"al", true), (b"u", true)]);
    }
}
